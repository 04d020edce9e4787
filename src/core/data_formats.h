// Parsers from the text formats users write (JSON, YAML, TOML) into Data.
//
// Each returns the parsed tree or a Diagnostic with line and column relative to
// `text` (callers add the file name and shift lines when the text is embedded,
// as front matter is). YAML goes through libyaml's event API (7x faster than
// yaml-cpp, research/deps.md); TOML through toml++; JSON is a small strict
// parser written here because no packaged reader reports error positions.
//
// YAML scalars are typed the YAML 1.2 core-schema way: true/false, null/~,
// integers, floats; everything else (including dates) stays a string. Quoted
// scalars are always strings. TOML dates become RFC 3339 strings.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "core/data.h"
#include "core/result.h"

namespace bengal {

Result<Data> parse_json(std::string_view text);
// YAML reads the common front-matter subset itself (core/yaml_simple.h) and
// everything else, with its diagnostics, through libyaml.
Result<Data> parse_yaml(std::string_view text);
// Always libyaml: the reference the subset reader is tested against.
Result<Data> parse_yaml_general(std::string_view text);
Result<Data> parse_toml(std::string_view text);

// Picks the parser by extension (".json", ".yaml"/".yml", ".toml"); the
// diagnostic's file is set to `path`.
Result<Data> parse_data_file(std::string_view path, std::string_view text);

}  // namespace bengal

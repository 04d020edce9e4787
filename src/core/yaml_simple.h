// A fast reader for the YAML that front matter is nearly always written in:
// a top-level mapping of `key: value` lines whose values are plain, single-
// or double-quoted scalars, flow lists of such scalars (`[a, "b"]`) or block
// lists (`- a` lines). libyaml spends most of its time on generality this
// shape never needs; at 10,000 pages it was 7% of a cold build.
//
// Invariant: when parse_simple_yaml returns a value, it is exactly the Data
// the full parser (parse_yaml through libyaml) gives for the same text. Any
// construct outside the subset, and anything it is unsure of (non-ASCII
// bytes, tabs, comments after values, escapes, multi-line scalars, anchors,
// tags, nested mappings), returns nullopt and the caller uses libyaml, which
// also produces the diagnostics. yaml_simple_test checks the invariant
// differentially; the front-matter fuzzer checks it on arbitrary input.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string_view>

#include "core/data.h"

namespace bengal {

// The subset described above, or nullopt.
std::optional<Data> parse_simple_yaml(std::string_view text);

// A plain (unquoted) YAML scalar's value: null, bool, int, float or string,
// with YAML 1.1's common spellings. Shared with the libyaml path.
Data yaml_plain_scalar(std::string_view v);

}  // namespace bengal

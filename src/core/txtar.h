// txtar: a whole site declared as text, for tests (as Hugo and Go do).
//
//   optional comment lines
//   -- content/a.md --
//   ---
//   title: A
//   ---
//   Body.
//   -- bengal.toml --
//   title = "x"
//
// Each "-- name --" line starts a file; its content runs to the next marker.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/fs.h"

namespace bengal {

std::vector<std::pair<std::string, std::string>> parse_txtar(std::string_view archive);

// Writes every file of `archive` under `root` in `fs`.
void load_txtar(FileSystem& fs, std::string_view archive, const std::string& root = "");

}  // namespace bengal

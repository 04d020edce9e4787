// Which file-system changes `bengal serve` reacts to.
//
// Editors save in bursts that pass through files no build should see
// (is_editor_noise() in core/fs.h; discovery never lists them either).
//
// A WatchScope also skips whole folders: the output dir and the cache dir
// (the server never writes them, but `bengal build` in another terminal
// might), hidden folders (.git, .bengal) and node_modules.
//
// Thread-safety: immutable after construction; pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/fs.h"

namespace bengal::server {

class WatchScope {
 public:
  // `root` and `ignored_dirs` are absolute, normalised paths.
  WatchScope(std::string root, std::vector<std::string> ignored_dirs);

  const std::string& root() const { return root_; }
  const std::vector<std::string>& ignored_dirs() const { return ignored_; }

  // A folder (absolute path) whose contents are never watched.
  bool skips_dir(std::string_view path) const;
  // A file (absolute path) whose changes are noise, or that lies in a
  // skipped folder.
  bool skips_file(std::string_view path) const;

 private:
  bool in_skipped_dir(std::string_view path) const;

  std::string root_;
  std::vector<std::string> ignored_;
};

}  // namespace bengal::server

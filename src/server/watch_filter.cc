#include "server/watch_filter.h"

#include "core/fs.h"
#include "core/text.h"

namespace bengal::server {

WatchScope::WatchScope(std::string root, std::vector<std::string> ignored_dirs)
    : root_(std::move(root)), ignored_(std::move(ignored_dirs)) {}

bool WatchScope::in_skipped_dir(std::string_view path) const {
  for (const std::string& dir : ignored_) {
    if (path_within(path, dir)) return true;
  }
  if (!path_within(path, root_)) return false;
  std::string_view rel = path.substr(root_.size());
  for (std::string_view seg : split(rel, '/')) {
    if (seg.empty()) continue;
    if (is_skipped_dir_name(seg)) return true;
  }
  return false;
}

bool WatchScope::skips_dir(std::string_view path) const {
  return in_skipped_dir(path);
}

bool WatchScope::skips_file(std::string_view path) const {
  if (is_editor_noise(file_name(path))) return true;
  return in_skipped_dir(parent_path(path));
}

}  // namespace bengal::server

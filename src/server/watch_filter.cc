#include "server/watch_filter.h"

#include "core/fs.h"
#include "core/text.h"

namespace bengal::server {

namespace {

bool is_vim_swap_extension(std::string_view ext) {
  // vim names swap files .swp, then .swo, .swn ... down to .swa.
  return ext.size() == 4 && ext[0] == '.' && ext[1] == 's' && ext[2] == 'w' && ext[3] >= 'a' &&
         ext[3] <= 'p';
}

bool is_under(std::string_view path, std::string_view dir) {
  return starts_with(path, dir) && (path.size() == dir.size() || path[dir.size()] == '/');
}

}  // namespace

bool is_editor_noise(std::string_view name) {
  if (name.empty()) return true;
  if (name == "4913" || name == ".DS_Store" || name == "Thumbs.db") return true;
  if (name.back() == '~') return true;
  if (starts_with(name, ".#")) return true;                                       // emacs lock
  if (name.size() > 1 && name.front() == '#' && name.back() == '#') return true;  // emacs autosave
  if (starts_with(name, ".goutputstream-")) return true;                          // gedit
  if (ends_with(name, "___jb_tmp___") || ends_with(name, "___jb_old___")) return true;
  if (name.find(".bengal-tmp.") != std::string_view::npos) return true;
  std::string lower = to_lower_ascii(file_extension(name));
  if (lower == ".tmp" || lower == ".swp" || lower == ".swx" || lower == ".crswap") return true;
  return is_vim_swap_extension(lower);
}

WatchScope::WatchScope(std::string root, std::vector<std::string> ignored_dirs)
    : root_(std::move(root)), ignored_(std::move(ignored_dirs)) {}

bool WatchScope::in_skipped_dir(std::string_view path) const {
  for (const std::string& dir : ignored_) {
    if (is_under(path, dir)) return true;
  }
  if (!is_under(path, root_)) return false;
  std::string_view rel = path.substr(root_.size());
  for (std::string_view seg : split(rel, '/')) {
    if (seg.empty()) continue;
    if (seg.front() == '.' || seg == "node_modules") return true;
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

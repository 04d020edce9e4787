#include "server/overlay_fs.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/text.h"

namespace bengal::server {

namespace {

bool is_under(std::string_view key, std::string_view root) {
  if (root.empty()) return !key.empty() && key.front() != '/';
  if (key.size() == root.size()) return key == root;
  if (root == "/") return !key.empty() && key.front() == '/';
  return key.size() > root.size() && key[root.size()] == '/' && starts_with(key, root);
}

std::string_view relative_to(std::string_view key, std::string_view root) {
  if (key.size() == root.size()) return {};
  if (root.empty()) return key;
  if (root == "/") return key.substr(1);
  return key.substr(root.size() + 1);
}

// Writes outside the memory roots would touch the user's site: never.
Diagnostic refuse(const std::string& path, std::string_view what) {
  return make_error({path, 0, 0},
                    "bengal serve keeps its output in memory and does not " + std::string(what) +
                        " the site folder",
                    "this is a bug in bengal: please report it");
}

Diagnostic missing(const std::string& path, std::string_view what) {
  return make_error({path, 0, 0}, std::string(what) + ": " + std::strerror(ENOENT));
}

}  // namespace

bool OverlayFileSystem::normalize(std::string_view path, std::string& out) {
  bool absolute = !path.empty() && path.front() == '/';
  if (!normalize_relative_path(path, out)) return false;
  if (absolute) out.insert(out.begin(), '/');
  return true;
}

OverlayFileSystem::OverlayFileSystem(const FileSystem& lower, std::vector<std::string> memory_roots)
    : lower_(lower) {
  set_memory_roots(std::move(memory_roots));
}

void OverlayFileSystem::set_memory_roots(std::vector<std::string> roots) {
  roots_.clear();
  for (const std::string& r : roots) {
    std::string key;
    if (normalize(r, key)) roots_.push_back(std::move(key));
  }
}

bool OverlayFileSystem::memory_key(const std::string& path, std::string& key) const {
  return normalize(path, key) && root_of(key) != nullptr;
}

const std::string* OverlayFileSystem::root_of(const std::string& key) const {
  for (const std::string& r : roots_) {
    if (is_under(key, r)) return &r;
  }
  return nullptr;
}

bool OverlayFileSystem::exclusive(const std::string& dir) const {
  std::string key;
  return memory_key(dir, key);
}

std::string OverlayFileSystem::key_or_raw(const std::string& path) const {
  std::string key;
  if (!normalize(path, key)) return path;
  return key;
}

Result<std::string> OverlayFileSystem::read_file(const std::string& path) const {
  std::string key = key_or_raw(path);
  if (root_of(key) == nullptr) return lower_.read_file(path);
  SharedBytes bytes = shared_bytes(path);
  if (!bytes) return missing(path, "cannot read file");
  return std::string(*bytes);
}

SharedBytes OverlayFileSystem::shared_bytes(const std::string& path) const {
  std::string key = key_or_raw(path);
  std::shared_lock lock(mu_);
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : it->second->bytes;
}

FileInfo OverlayFileSystem::stat(const std::string& path) const {
  std::string key = key_or_raw(path);
  const std::string* root = root_of(key);
  if (root == nullptr) return lower_.stat(path);
  std::shared_lock lock(mu_);
  auto it = index_.find(key);
  if (it != index_.end()) return FileInfo{true, false, it->second->bytes->size(), it->second->mtime_ns};
  // A memory root always exists as a directory; so does any folder holding files.
  if (key == *root) return FileInfo{true, true, 0, 0};
  std::string prefix = key + "/";
  auto lb = files_.lower_bound(prefix);
  if (lb != files_.end() && starts_with(lb->first, prefix)) return FileInfo{true, true, 0, 0};
  return {};
}

Result<std::vector<DirEntry>> OverlayFileSystem::list_dir(const std::string& dir) const {
  std::string key = key_or_raw(dir);
  const std::string* root = root_of(key);
  if (root == nullptr) return lower_.list_dir(dir);
  std::shared_lock lock(mu_);
  std::string prefix = key == "/" ? key : key + "/";
  std::vector<DirEntry> out;
  for (auto it = files_.lower_bound(prefix); it != files_.end() && starts_with(it->first, prefix);
       ++it) {
    std::string_view rest = std::string_view(it->first).substr(prefix.size());
    std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) {
      out.push_back(
          DirEntry{std::string(rest), false, it->second.bytes->size(), it->second.mtime_ns});
    } else if (out.empty() || out.back().name != rest.substr(0, slash)) {
      out.push_back(DirEntry{std::string(rest.substr(0, slash)), true, 0, 0});
    }
  }
  if (out.empty() && key != *root) return missing(dir, "cannot list directory");
  // Files sort before "name/…" keys of the same prefix only by accident of
  // the byte order ('/' < most characters); sort to honour the contract.
  std::sort(out.begin(), out.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const DirEntry& a, const DirEntry& b) { return a.name == b.name; }),
            out.end());
  return out;
}

Status OverlayFileSystem::write_file(const std::string& path, std::string_view bytes) {
  std::string key;
  if (!memory_key(path, key)) return refuse(path, "write files in");
  // Copy outside the lock: many workers write at once.
  auto shared = std::make_shared<const std::string>(bytes);
  std::unique_lock lock(mu_);
  auto [it, added] = files_.try_emplace(key);
  if (added) index_.emplace(it->first, &it->second);
  File& f = it->second;
  f.bytes = std::move(shared);
  f.mtime_ns = ++clock_;
  changed_.insert(std::move(key));
  return Ok{};
}

OverlayFileSystem::FileMap::iterator OverlayFileSystem::erase(FileMap::iterator it) {
  index_.erase(it->first);
  return files_.erase(it);
}

bool OverlayFileSystem::erase(const std::string& key) {
  auto it = files_.find(key);
  if (it == files_.end()) return false;
  erase(it);
  return true;
}

Status OverlayFileSystem::remove_file(const std::string& path) {
  std::string key;
  if (!memory_key(path, key)) return refuse(path, "remove files from");
  std::unique_lock lock(mu_);
  if (erase(key)) changed_.insert(std::move(key));
  return Ok{};
}

Status OverlayFileSystem::remove_tree(const std::string& path) {
  std::string key;
  if (!memory_key(path, key)) return refuse(path, "remove folders from");
  std::unique_lock lock(mu_);
  if (erase(key)) changed_.insert(key);
  std::string prefix = key == "/" ? key : key + "/";
  auto it = files_.lower_bound(prefix);
  while (it != files_.end() && starts_with(it->first, prefix)) {
    changed_.insert(it->first);
    it = erase(it);
  }
  return Ok{};
}

Status OverlayFileSystem::make_dirs(const std::string& path) {
  std::string key;
  if (memory_key(path, key)) return Ok{};  // folders are implied by files
  // A folder that already exists below is harmless to "create"; anything else
  // would be a write to the site folder.
  if (lower_.stat(path).is_dir) return Ok{};
  return refuse(path, "create folders in");
}

void OverlayFileSystem::prune_empty_dirs(const std::string&, const std::string&) {}

std::vector<std::string> OverlayFileSystem::take_changes(const std::string& root) {
  std::string root_key = key_or_raw(root);
  std::vector<std::string> out;
  std::unique_lock lock(mu_);
  for (auto it = changed_.begin(); it != changed_.end();) {
    if (is_under(*it, root_key) && *it != root_key) {
      out.emplace_back(relative_to(*it, root_key));
      it = changed_.erase(it);
    } else {
      ++it;
    }
  }
  return out;  // std::set order: sorted
}

std::map<std::string, SharedBytes> OverlayFileSystem::files(const std::string& root) const {
  std::string root_key = key_or_raw(root);
  std::map<std::string, SharedBytes> out;
  std::shared_lock lock(mu_);
  for (const auto& [key, file] : files_) {
    if (is_under(key, root_key) && key != root_key)
      out.emplace(std::string(relative_to(key, root_key)), file.bytes);
  }
  return out;
}

}  // namespace bengal::server

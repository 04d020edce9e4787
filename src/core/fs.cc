#include "core/fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <optional>
#include <utility>

#include "core/text.h"
#include "core/thread_pool.h"

namespace bengal {

namespace {

Diagnostic io_error(const std::string& path, std::string_view what, int err) {
  return make_error({path, 0, 0}, std::string(what) + ": " + std::strerror(err));
}

std::int64_t mtime_of(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

}  // namespace

std::string join_path(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  std::string out(a);
  if (out.back() != '/') out += '/';
  if (b.front() == '/') b.remove_prefix(1);
  out += b;
  return out;
}

std::string_view parent_path(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return {};
  if (slash == 0) return path.substr(0, 1);
  return path.substr(0, slash);
}

std::string_view file_name(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view file_extension(std::string_view path) {
  std::string_view name = file_name(path);
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return name.substr(dot);
}

std::string_view file_stem(std::string_view path) {
  std::string_view name = file_name(path);
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return name;
  return name.substr(0, dot);
}

bool normalize_relative_path(std::string_view path, std::string& out) {
  // Segment by segment into `out` without a list of parts: this runs for
  // every path the dev server's overlay is asked about.
  out.clear();
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(start, end - start);
    start = end + 1;
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (out.empty()) return false;
      std::size_t slash = out.rfind('/');
      out.resize(slash == std::string::npos ? 0 : slash);
      continue;
    }
    if (!out.empty()) out += '/';
    out += seg;
  }
  return true;
}

bool path_within(std::string_view path, std::string_view dir) {
  return starts_with(path, dir) && (path.size() == dir.size() || path[dir.size()] == '/');
}

bool is_plain_relative(std::string_view dir) {
  if (dir.empty() || dir.front() == '/' || dir.back() == '/') return false;
  for (std::string_view seg : split(dir, '/')) {
    if (seg.empty() || seg == "." || seg == "..") return false;
  }
  return true;
}

namespace {

// The entries of root/rel a walk visits, in walk order: by name, with '/'
// appended to folders. Then every path in a folder's subtree sorts exactly
// where the folder does, and a depth-first visit gives the sorted order of
// the full paths (no sort of the whole list, which cost more than the walk).
Result<std::vector<DirEntry>> walk_entries(const FileSystem& fs, const std::string& root, const std::string& rel,
                                          bool include_hidden) {
  auto entries = fs.list_dir(join_path(root, rel));
  if (!entries) return std::move(entries).error();
  std::vector<DirEntry>& list = *entries;
  std::erase_if(list, [&](const DirEntry& e) {
    return e.name.empty() || (e.name[0] == '.' && (e.is_dir || !include_hidden));
  });
  auto key_less = [](const DirEntry& a, const DirEntry& b) {
    std::size_t n = std::min(a.name.size(), b.name.size());
    if (int c = a.name.compare(0, n, b.name, 0, n); c != 0) return c < 0;
    // One name is a prefix of the other: compare what follows, a folder's '/'.
    auto next = [&](const DirEntry& e) -> int {
      if (e.name.size() > n) return static_cast<unsigned char>(e.name[n]);
      return e.is_dir ? '/' : -1;
    };
    return next(a) < next(b);
  };
  if (!std::is_sorted(list.begin(), list.end(), key_less)) std::sort(list.begin(), list.end(), key_less);
  return entries;
}

// Visits `rel` depth-first, appending its files to `out`.
Status walk_dir(const FileSystem& fs, const std::string& root, const std::string& rel, bool include_hidden,
                std::vector<WalkEntry>& out) {
  auto entries = walk_entries(fs, root, rel, include_hidden);
  if (!entries) return std::move(entries).error();
  for (DirEntry& e : *entries) {
    std::string child = join_path(rel, e.name);
    if (e.is_dir) {
      if (Status st = walk_dir(fs, root, child, include_hidden, out); !st.ok()) return st;
    } else {
      out.push_back(WalkEntry{std::move(child), e.size, e.mtime_ns});
    }
  }
  return Ok{};
}

bool is_vim_swap_extension(std::string_view ext) {
  // vim names swap files .swp, then .swo, .swn ... down to .swa.
  return ext.size() == 4 && ext[0] == '.' && ext[1] == 's' && ext[2] == 'w' && ext[3] >= 'a' &&
         ext[3] <= 'p';
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

bool is_skipped_dir_name(std::string_view name) {
  return !name.empty() && (name.front() == '.' || name == "node_modules");
}

Result<std::vector<WalkEntry>> walk(const FileSystem& fs, const std::string& root, bool include_hidden,
                                    ThreadPool* pool) {
  std::vector<WalkEntry> out;
  if (pool == nullptr || pool->size() < 2) {
    if (Status st = walk_dir(fs, root, "", include_hidden, out); !st.ok()) return std::move(st).error();
    return out;
  }
  // The top level's folders (a site's sections) are walked at once, each
  // into its own list, then joined in walk order.
  auto top = walk_entries(fs, root, "", include_hidden);
  if (!top) return std::move(top).error();
  std::vector<std::vector<WalkEntry>> parts(top->size());
  std::vector<std::optional<Diagnostic>> failed(top->size());
  pool->parallel_for(
      top->size(),
      [&](std::size_t i, unsigned) {
        DirEntry& e = (*top)[i];
        if (!e.is_dir) {
          parts[i].push_back(WalkEntry{std::move(e.name), e.size, e.mtime_ns});
        } else if (Status st = walk_dir(fs, root, e.name, include_hidden, parts[i]); !st.ok()) {
          failed[i] = std::move(st).error();
        }
      },
      1);
  std::size_t n = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (failed[i]) return std::move(*failed[i]);
    n += parts[i].size();
  }
  out.reserve(n);
  for (auto& part : parts) std::move(part.begin(), part.end(), std::back_inserter(out));
  return out;
}

// ---------------------------------------------------------------------------
// RealFileSystem

FileView& FileView::operator=(FileView&& other) noexcept {
  if (this == &other) return *this;
  unmap();
  owned_ = std::move(other.owned_);
  map_ = std::exchange(other.map_, nullptr);
  map_size_ = std::exchange(other.map_size_, 0);
  fd_ = std::exchange(other.fd_, -1);
  view_ = map_ != nullptr ? other.view_ : std::string_view(owned_);  // a moved string may move its bytes
  other.view_ = {};
  return *this;
}

void FileView::drop_pages() const {
  if (map_ != nullptr) (void)::madvise(map_, map_size_, MADV_DONTNEED);
}

bool FileView::copy(std::string_view part, std::string& out) const {
  if (map_ == nullptr) {
    out.assign(part);
    return true;
  }
  out.resize(part.size());
  auto at = static_cast<off_t>(part.data() - static_cast<const char*>(map_));
  std::size_t got = 0;
  while (got < part.size()) {
    ssize_t n = ::pread(fd_, out.data() + got, part.size() - got, at + static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

void FileView::unmap() {
  if (map_ != nullptr) ::munmap(map_, map_size_);
  if (fd_ >= 0) ::close(fd_);
  map_ = nullptr;
  map_size_ = 0;
  fd_ = -1;
}

Result<FileView> FileSystem::view_file(const std::string& path) const {
  auto bytes = read_file(path);
  if (!bytes.ok()) return std::move(bytes).error();
  return FileView(std::move(bytes).value());
}

Result<FileView> RealFileSystem::view_file(const std::string& path) const {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(path, "cannot read file", errno);
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
    ::close(fd);
    return FileSystem::view_file(path);  // read_file() says what is wrong, or reads the empty file
  }
  // Populated at once: one call maps every page instead of a fault per page.
  const auto size = static_cast<std::size_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  if (map == MAP_FAILED) {
    ::close(fd);
    return FileSystem::view_file(path);
  }
  FileView view;
  view.map_ = map;
  view.map_size_ = size;
  view.fd_ = fd;  // kept for copy()
  view.view_ = std::string_view(static_cast<const char*>(map), size);
  return view;
}

Result<std::string> RealFileSystem::read_file(const std::string& path) const {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(path, "cannot read file", errno);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return io_error(path, "cannot read file", err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return io_error(path, "cannot read file", EISDIR);
  }
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (true) {
    ssize_t n;
    if (got < bytes.size()) {
      n = ::read(fd, bytes.data() + got, bytes.size() - got);
      if (n > 0) got += static_cast<std::size_t>(n);
    } else {
      // At the expected size: a small read proves the end (or that the file
      // grew while being read) without growing, and so copying, the buffer.
      char more[4096];
      n = ::read(fd, more, sizeof more);
      if (n > 0) {
        bytes.append(more, static_cast<std::size_t>(n));
        got += static_cast<std::size_t>(n);
      }
    }
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return io_error(path, "cannot read file", err);
    }
    if (n == 0) break;
  }
  ::close(fd);
  bytes.resize(got);
  return bytes;
}

FileInfo RealFileSystem::stat(const std::string& path) const {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return {};
  return FileInfo{true, S_ISDIR(st.st_mode), static_cast<std::uint64_t>(st.st_size), mtime_of(st)};
}

FileInfo StatBelow::stat(const std::string& rel_path) const { return fs_.stat(join_path(dir_, rel_path)); }

namespace {
class RealStatBelow final : public StatBelow {
 public:
  RealStatBelow(const FileSystem& fs, std::string dir)
      : StatBelow(fs, std::move(dir)), fd_(::open(dir_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC)) {}
  ~RealStatBelow() override {
    if (fd_ >= 0) ::close(fd_);
  }
  FileInfo stat(const std::string& rel_path) const override {
    if (fd_ < 0 || rel_path.empty() || rel_path.front() == '/') return StatBelow::stat(rel_path);
    struct stat st;
    if (::fstatat(fd_, rel_path.c_str(), &st, 0) != 0) return {};
    return FileInfo{true, S_ISDIR(st.st_mode), static_cast<std::uint64_t>(st.st_size), mtime_of(st)};
  }

 private:
  int fd_;
};
}  // namespace

std::unique_ptr<StatBelow> RealFileSystem::stat_below(const std::string& dir) const {
  return std::make_unique<RealStatBelow>(*this, dir);
}

Result<std::vector<DirEntry>> RealFileSystem::list_dir(const std::string& dir) const {
  DIR* d = ::opendir(dir.empty() ? "." : dir.c_str());
  if (d == nullptr) return io_error(dir, "cannot list directory", errno);
  std::vector<DirEntry> out;
  while (struct dirent* ent = ::readdir(d)) {
    std::string_view name(ent->d_name);
    if (name == "." || name == "..") continue;
    struct stat st;
    // fstatat follows symlinks, so a link to a file or dir behaves as its target.
    if (::fstatat(::dirfd(d), ent->d_name, &st, 0) != 0) continue;
    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) continue;
    out.push_back(DirEntry{std::string(name), S_ISDIR(st.st_mode),
                           static_cast<std::uint64_t>(st.st_size), mtime_of(st)});
  }
  ::closedir(d);
  std::sort(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return out;
}

namespace {
// mkdir -p with one mkdir() per missing level and none for existing ones:
// a cold build creates a folder for nearly every page. Concurrent callers
// creating the same folder both succeed (EEXIST).
int mkdirs(const std::string& path) {
  if (::mkdir(path.c_str(), 0755) == 0) return 0;
  if (errno == EEXIST) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
  }
  if (errno != ENOENT) return errno;
  std::string_view parent = parent_path(path);
  if (parent.empty() || parent == path) return ENOENT;
  if (int err = mkdirs(std::string(parent)); err != 0) return err;
  if (::mkdir(path.c_str(), 0755) == 0 || errno == EEXIST) return 0;
  return errno;
}
}  // namespace

Status RealFileSystem::make_dirs(const std::string& path) {
  if (path.empty()) return Ok{};
  if (int err = mkdirs(path); err != 0) {
    return make_error({path, 0, 0}, "cannot create directory: " + std::string(std::strerror(err)));
  }
  return Ok{};
}

Status RealFileSystem::write_file(const std::string& path, std::string_view bytes) {
  return write_parts(path, std::span<const std::string_view>(&bytes, 1));
}

Status RealFileSystem::write_parts(const std::string& path, std::span<const std::string_view> parts) {
  static std::atomic<std::uint64_t> counter{0};
  std::string tmp = path + ".bengal-tmp." + std::to_string(::getpid()) + "." +
                    std::to_string(counter.fetch_add(1, std::memory_order_relaxed));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0 && errno == ENOENT) {
    // Most parents exist; create them only when the open says otherwise.
    std::string_view parent = parent_path(path);
    if (!parent.empty()) {
      if (auto s = make_dirs(std::string(parent)); !s) return s;
    }
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  }
  if (fd < 0) return io_error(path, "cannot write file", errno);
  for (std::string_view bytes : parts) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        return io_error(path, "cannot write file", err);
      }
      done += static_cast<std::size_t>(n);
    }
  }
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return io_error(path, "cannot write file", err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return io_error(path, "cannot move file into place", err);
  }
  return Ok{};
}

Status FileSystem::write_parts(const std::string& path, std::span<const std::string_view> parts) {
  std::string joined;
  std::size_t n = 0;
  for (std::string_view p : parts) n += p.size();
  joined.reserve(n);
  for (std::string_view p : parts) joined.append(p);
  return write_file(path, joined);
}

Status RealFileSystem::remove_file(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return io_error(path, "cannot remove file", errno);
  return Ok{};
}

Status RealFileSystem::remove_tree(const std::string& path) {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
  if (ec) return make_error({path, 0, 0}, "cannot remove: " + ec.message());
  return Ok{};
}

void RealFileSystem::prune_empty_dirs(const std::string& dir, const std::string& stop) {
  std::string cur = dir;
  while (!cur.empty() && cur != stop && cur.size() > stop.size()) {
    if (::rmdir(cur.c_str()) != 0) return;  // not empty (or gone): stop climbing
    cur = std::string(parent_path(cur));
  }
}

// ---------------------------------------------------------------------------
// MemoryFileSystem

std::string MemoryFileSystem::key(std::string_view path) {
  std::string out;
  bool absolute = !path.empty() && path.front() == '/';
  if (!normalize_relative_path(path, out)) out = std::string(path);
  return absolute ? "/" + out : out;
}

Result<std::string> MemoryFileSystem::read_file(const std::string& path) const {
  std::lock_guard lock(mu_);
  auto it = files_.find(key(path));
  if (it == files_.end()) return io_error(path, "cannot read file", ENOENT);
  return it->second.bytes;
}

FileInfo MemoryFileSystem::stat(const std::string& path) const {
  std::lock_guard lock(mu_);
  std::string k = key(path);
  auto it = files_.find(k);
  if (it != files_.end()) return FileInfo{true, false, it->second.bytes.size(), it->second.mtime_ns};
  std::string prefix = k.empty() ? "" : k + "/";
  auto lb = files_.lower_bound(prefix);
  if (lb != files_.end() && starts_with(lb->first, prefix)) return FileInfo{true, true, 0, 0};
  return {};
}

Result<std::vector<DirEntry>> MemoryFileSystem::list_dir(const std::string& dir) const {
  std::lock_guard lock(mu_);
  std::string k = key(dir);
  std::string prefix = (k.empty() || k == "/") ? k : k + "/";
  std::vector<DirEntry> out;
  for (auto it = files_.lower_bound(prefix); it != files_.end() && starts_with(it->first, prefix); ++it) {
    std::string_view rest = std::string_view(it->first).substr(prefix.size());
    std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) {
      out.push_back(DirEntry{std::string(rest), false, it->second.bytes.size(), it->second.mtime_ns});
    } else {
      std::string name(rest.substr(0, slash));
      if (out.empty() || out.back().name != name || !out.back().is_dir) {
        out.push_back(DirEntry{name, true, 0, 0});
      }
    }
  }
  if (out.empty() && !k.empty() && files_.find(k) == files_.end()) {
    return io_error(dir, "cannot list directory", ENOENT);
  }
  std::sort(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const DirEntry& a, const DirEntry& b) { return a.name == b.name; }),
            out.end());
  return out;
}

Status MemoryFileSystem::write_file(const std::string& path, std::string_view bytes) {
  std::lock_guard lock(mu_);
  File& f = files_[key(path)];
  f.bytes.assign(bytes);
  f.mtime_ns = ++clock_;
  ++writes_;
  return Ok{};
}

Status MemoryFileSystem::remove_file(const std::string& path) {
  std::lock_guard lock(mu_);
  files_.erase(key(path));
  return Ok{};
}

Status MemoryFileSystem::remove_tree(const std::string& path) {
  std::lock_guard lock(mu_);
  std::string k = key(path);
  files_.erase(k);
  std::string prefix = k.empty() ? "" : k + "/";
  auto it = files_.lower_bound(prefix);
  while (it != files_.end() && starts_with(it->first, prefix)) it = files_.erase(it);
  return Ok{};
}

Status MemoryFileSystem::make_dirs(const std::string&) { return Ok{}; }

void MemoryFileSystem::prune_empty_dirs(const std::string&, const std::string&) {}

std::vector<std::string> MemoryFileSystem::all_files() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  out.reserve(files_.size());
  for (const auto& [k, v] : files_) out.push_back(k);
  return out;
}

std::size_t MemoryFileSystem::write_count() const {
  std::lock_guard lock(mu_);
  return writes_;
}

}  // namespace bengal

// FileSystem: every byte Bengal reads or writes goes through this interface,
// so tests and the dev server can run on an in-memory tree.
//
// Paths are '/'-separated strings. RealFileSystem takes them as given
// (relative to the working directory or absolute); MemoryFileSystem keys
// files by their normalised path.
//
// Thread-safety: both implementations may be used from many threads at once.
// RealFileSystem defers to the kernel; MemoryFileSystem takes a mutex (it is
// for tests and fixtures, never on a timed path).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace bengal {

struct FileInfo {
  bool exists = false;
  bool is_dir = false;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

struct DirEntry {
  std::string name;  // file name only
  bool is_dir = false;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

// The bytes of a whole file, read-only: mapped into memory where the file
// system can (no copy, no fault per page), read into a buffer otherwise. A
// mapping shows the file as it is on disk, so it is only for files that are
// replaced by rename and never rewritten in place (the build cache).
class FileView {
 public:
  FileView() = default;
  explicit FileView(std::string bytes) : owned_(std::move(bytes)), view_(owned_) {}
  FileView(FileView&& other) noexcept { *this = std::move(other); }
  FileView& operator=(FileView&& other) noexcept;
  FileView(const FileView&) = delete;
  FileView& operator=(const FileView&) = delete;
  ~FileView() { unmap(); }

  std::string_view bytes() const { return view_; }
  // Hands a mapping's pages back (they are the page cache's anyway): the
  // bytes stay readable and are mapped again when read. For a file read
  // once and then mostly not (the build cache after loading), so it does
  // not count twice in the process's memory. Does nothing to a buffer.
  void drop_pages() const;
  // Copies `part`, a range of bytes(), into `out`; from a mapped file with
  // pread(), so its pages are not mapped into this process again. False if
  // the file could not be read.
  bool copy(std::string_view part, std::string& out) const;

 private:
  friend class RealFileSystem;
  void unmap();
  std::string owned_;
  void* map_ = nullptr;  // with map_size_ and fd_: a mapping of an open file, when not null
  std::size_t map_size_ = 0;
  int fd_ = -1;
  std::string_view view_;
};

class FileSystem;

// stat() of many files below one directory. RealFileSystem opens the
// directory once, so each call walks only the relative path (an output tree
// is stat'ed file by file when planning). Thread-safe like stat().
class StatBelow {
 public:
  StatBelow(const FileSystem& fs, std::string dir) : fs_(fs), dir_(std::move(dir)) {}
  virtual ~StatBelow() = default;
  virtual FileInfo stat(const std::string& rel_path) const;

 protected:
  const FileSystem& fs_;
  std::string dir_;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  virtual Result<std::string> read_file(const std::string& path) const = 0;
  // read_file() as a FileView; RealFileSystem maps the file.
  virtual Result<FileView> view_file(const std::string& path) const;
  virtual FileInfo stat(const std::string& path) const = 0;
  // For stat() of many paths relative to `dir`; the directory may be gone.
  virtual std::unique_ptr<StatBelow> stat_below(const std::string& dir) const {
    return std::make_unique<StatBelow>(*this, dir);
  }
  // Direct children of `dir`, sorted by name. A missing dir is an error.
  virtual Result<std::vector<DirEntry>> list_dir(const std::string& dir) const = 0;
  // Creates parent directories, writes to a temporary name beside `path` and
  // renames it into place, so readers never see a half-written file.
  virtual Status write_file(const std::string& path, std::string_view bytes) = 0;
  // write_file() of the parts' concatenation, for large files built in
  // pieces (the build cache) that need not be joined in memory first.
  virtual Status write_parts(const std::string& path, std::span<const std::string_view> parts);
  virtual Status remove_file(const std::string& path) = 0;
  // Removes `path` and everything under it; a missing path is not an error.
  virtual Status remove_tree(const std::string& path) = 0;
  virtual Status make_dirs(const std::string& path) = 0;
  // Removes empty directories from `dir` upwards, stopping at `stop` (exclusive).
  virtual void prune_empty_dirs(const std::string& dir, const std::string& stop) = 0;
  // True when files under `dir` change only through this object, so a stat
  // taken after writing one stays true until this object writes or removes
  // it (serve's in-memory output). A disk never promises that: anyone may
  // edit a file there.
  virtual bool exclusive(const std::string& dir) const {
    (void)dir;
    return false;
  }
};

// A file found by walk(): `path` is relative to the walked root.
struct WalkEntry {
  std::string path;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

class ThreadPool;

// Every regular file below `root`, sorted by relative path. Directories whose
// name starts with '.' are skipped (.git, .bengal); so are files named ".*"
// unless `include_hidden`. Given a pool, the folders directly under `root`
// are walked at once (the same result).
Result<std::vector<WalkEntry>> walk(const FileSystem& fs, const std::string& root,
                                    bool include_hidden = false, ThreadPool* pool = nullptr);

// Editors save in bursts that pass through files no build should see: vim
// writes "4913" to test the folder, keeps ".x.swp" swap files and "x~"
// backups, emacs leaves ".#x" locks and "#x#" autosaves, JetBrains IDEs write
// "x___jb_tmp___", gedit ".goutputstream-*", many tools "*.tmp", and Bengal
// itself writes "*.bengal-tmp.*" before renaming into place. True when a file
// with this name (no folder) is such noise: discovery never lists it and
// `bengal serve` does not rebuild for it.
bool is_editor_noise(std::string_view file_name);
// A folder a site's inputs never come from: hidden ones (.git, .bengal) and
// node_modules.
bool is_skipped_dir_name(std::string_view name);

// "a/b" + "c" -> "a/b/c"; either side may be empty.
std::string join_path(std::string_view a, std::string_view b);
// Parent directory of a '/'-separated path ("a/b/c" -> "a/b", "c" -> "").
std::string_view parent_path(std::string_view path);
std::string_view file_name(std::string_view path);
std::string_view file_extension(std::string_view path);  // ".md", or empty
std::string_view file_stem(std::string_view path);       // "x" for "a/x.md"
// Collapses "." and "x/.." segments and duplicate slashes. Returns false when
// the path climbs above its start ("../x", "a/../../x").
bool normalize_relative_path(std::string_view path, std::string& out);
// Whether `path` is `dir` or lies below it ("a/b" is within "a", "ab" is not).
bool path_within(std::string_view path, std::string_view dir);
// Whether `dir` is a plain relative path ("a/b": no empty, "." or ".."
// segment, no leading or trailing '/'), so that paths reported relative to
// the same root can be compared with it as they are.
bool is_plain_relative(std::string_view dir);

class RealFileSystem final : public FileSystem {
 public:
  Result<std::string> read_file(const std::string& path) const override;
  Result<FileView> view_file(const std::string& path) const override;
  FileInfo stat(const std::string& path) const override;
  std::unique_ptr<StatBelow> stat_below(const std::string& dir) const override;
  Result<std::vector<DirEntry>> list_dir(const std::string& dir) const override;
  Status write_file(const std::string& path, std::string_view bytes) override;
  Status write_parts(const std::string& path, std::span<const std::string_view> parts) override;
  Status remove_file(const std::string& path) override;
  Status remove_tree(const std::string& path) override;
  Status make_dirs(const std::string& path) override;
  void prune_empty_dirs(const std::string& dir, const std::string& stop) override;
};

class MemoryFileSystem final : public FileSystem {
 public:
  MemoryFileSystem() = default;

  Result<std::string> read_file(const std::string& path) const override;
  FileInfo stat(const std::string& path) const override;
  Result<std::vector<DirEntry>> list_dir(const std::string& dir) const override;
  Status write_file(const std::string& path, std::string_view bytes) override;
  Status remove_file(const std::string& path) override;
  Status remove_tree(const std::string& path) override;
  Status make_dirs(const std::string& path) override;
  void prune_empty_dirs(const std::string& dir, const std::string& stop) override;

  // Test helpers.
  void set_file(const std::string& path, std::string_view bytes) { (void)write_file(path, bytes); }
  std::vector<std::string> all_files() const;  // sorted
  std::size_t write_count() const;             // write_file calls so far

 private:
  struct File {
    std::string bytes;
    std::int64_t mtime_ns = 0;
  };
  static std::string key(std::string_view path);
  mutable std::mutex mu_;
  std::map<std::string, File> files_;
  std::int64_t clock_ = 1'000'000'000;  // logical mtime, advances on each write
  std::size_t writes_ = 0;
};

}  // namespace bengal

// OverlayFileSystem: the site read from disk, every write kept in memory.
//
// `bengal serve` runs the same build_site() as `bengal build`, but must not
// touch the user's public/ or .bengal/ folders. This file system routes every
// path under one of its memory roots (the output dir and the cache dir) to an
// in-memory store; everything else is read from the lower file system. A
// stale public/ on disk is invisible: reads under a memory root never fall
// through. Writes outside the memory roots are refused with an error, so a
// serve session can never modify the site's sources.
//
// Stored bytes are shared, immutable buffers: files() hands them to the
// published site without copying, and a later write replaces the buffer
// instead of mutating it, so a request still holding the old one is safe.
// Every write or removal under a memory root is remembered until
// take_changes() collects it.
//
// Thread-safety: all FileSystem operations may run concurrently (the build
// writes from every worker); a shared mutex guards the store (readers, such
// as the plan's stat of every output, share it) and is held only for map
// operations, never while copying file bytes. set_memory_roots() must not
// race with other calls.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/fs.h"

namespace bengal::server {

// Bytes of one file held in memory; never mutated once stored.
using SharedBytes = std::shared_ptr<const std::string>;

class OverlayFileSystem final : public FileSystem {
 public:
  OverlayFileSystem(const FileSystem& lower, std::vector<std::string> memory_roots);

  void set_memory_roots(std::vector<std::string> roots);
  const std::vector<std::string>& memory_roots() const { return roots_; }

  Result<std::string> read_file(const std::string& path) const override;
  FileInfo stat(const std::string& path) const override;
  Result<std::vector<DirEntry>> list_dir(const std::string& dir) const override;
  Status write_file(const std::string& path, std::string_view bytes) override;
  Status remove_file(const std::string& path) override;
  Status remove_tree(const std::string& path) override;
  Status make_dirs(const std::string& path) override;
  void prune_empty_dirs(const std::string& dir, const std::string& stop) override;
  // Memory roots are: reads under them never fall through to disk.
  bool exclusive(const std::string& dir) const override;

  // The shared bytes of a memory file, or null.
  SharedBytes shared_bytes(const std::string& path) const;

  // Paths under `root` (relative to it) written or removed since the last
  // call for that root, sorted. The record is cleared for those paths.
  std::vector<std::string> take_changes(const std::string& root);

  // Every memory file under `root`, keyed relative to it.
  std::map<std::string, SharedBytes> files(const std::string& root) const;

  // Normalised form used as the store key: "." and duplicate '/' collapsed,
  // "x/.." resolved, a leading '/' kept. Returns false if it climbs above
  // its start.
  static bool normalize(std::string_view path, std::string& out);

 private:
  struct File {
    SharedBytes bytes;
    std::int64_t mtime_ns = 0;
  };

  // Normalises `path` into `key`; true when it lies under a memory root.
  bool memory_key(const std::string& path, std::string& key) const;
  // The memory root `key` lies under, or null.
  const std::string* root_of(const std::string& key) const;
  std::string key_or_raw(const std::string& path) const;
  using FileMap = std::map<std::string, File>;
  // Remove one file from files_ and index_ together (the index must never
  // point at a removed node). Need mu_.
  FileMap::iterator erase(FileMap::iterator it);  // returns the next file
  bool erase(const std::string& key);             // false if there was none

  const FileSystem& lower_;
  std::vector<std::string> roots_;  // normalised

  mutable std::shared_mutex mu_;  // reads (stat from every plan worker) share it
  FileMap files_;  // normalised full path -> file (sorted: folder queries)
  // The same files by path, for exact lookups (stat of every output on each
  // rebuild); the views and pointers refer to files_'s nodes.
  std::unordered_map<std::string_view, File*> index_;
  std::set<std::string> changed_;      // normalised full paths touched since take_changes
  std::int64_t clock_ = 1;             // logical mtime; strictly increasing per write
};

}  // namespace bengal::server

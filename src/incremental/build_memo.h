// BuildMemo: proof that a build would do nothing, checkable without loading
// the build cache. Written beside it (<cache_dir>/memo.bin) after a clean
// build; it holds
//
//   key       a hash of what is not a file: the Bengal executable, the
//             loaded config, command-line overrides, the output dir;
//   inputs    size and mtime of every file under the folders a build reads
//             (content, static, data, templates, themes) and of bengal.toml;
//   outputs   size and mtime of every file the build wrote;
//   cache     size and mtime of the cache.bin written with it (a replaced or
//             damaged cache voids the memo);
//   valid_until  the first moment a page's date or expiry changes what is
//             published (INT64_MAX when none does);
//   stats     what a build that renders nothing reports.
//
// holds() is true only when the key matches, the clock is before
// valid_until, and every input and output stamp is exactly as recorded: then
// every fact an output read has the hash it had (facts derive from those
// files, the config and the clock), so the planner would render nothing and
// the build is a no-op. Anything else, including a missing or damaged memo,
// means the normal build, which deletes the memo before it writes anything.
// A build only writes a memo when it ended with no diagnostic at all and no
// output read the build time.
//
// Thread-safety: plain data.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/fs.h"
#include "core/hash.h"

namespace bengal::incremental {

struct FileStamp {
  std::string path;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

struct BuildMemo {
  Hash128 key;
  std::int64_t valid_until = std::numeric_limits<std::int64_t>::max();  // epoch seconds
  std::vector<FileStamp> inputs;   // sorted by path
  std::vector<FileStamp> outputs;  // output-relative
  FileStamp cache;                 // <cache_dir>/cache.bin
  // The stats a no-op build reports.
  std::uint64_t pages = 0;
  std::uint64_t outputs_skipped = 0;
  std::uint64_t outputs_unchanged = 0;
  std::uint64_t files_copied = 0;

  std::string serialize() const;
  static std::optional<BuildMemo> deserialize(std::string_view bytes);
};

// The stamps of every file under `dirs` (each walked as walk() does) and of
// each file in `files` that exists, sorted by path; the paths are as given
// joined with the walked-relative path.
std::vector<FileStamp> stamp_inputs(const FileSystem& fs, const std::vector<std::string>& dirs,
                                    const std::vector<std::string>& files);

// Sorts stamps by path, the order BuildMemo::inputs keeps.
void sort_stamps(std::vector<FileStamp>& stamps);

// True when `memo` proves a build with `key` at `now` (epoch seconds) would do
// nothing to `output_dir` (with the cache in `cache_dir`).
bool memo_holds(const FileSystem& fs, const BuildMemo& memo, const Hash128& key, std::int64_t now,
                const std::vector<std::string>& dirs, const std::vector<std::string>& files,
                const std::string& output_dir, const std::string& cache_dir);
// The stamp of <cache_dir>/cache.bin now.
FileStamp stamp_cache(const FileSystem& fs, const std::string& cache_dir);

// The memo in `cache_dir`, unless what is cheap to check before decoding
// its stamps disproves it for a build with `key` at `now`: the key, the
// clock, the cache's stamp, the newest inputs (serialize() writes those
// first). A memo returned still needs memo_holds().
std::optional<BuildMemo> load_memo(const FileSystem& fs, const std::string& cache_dir, const Hash128& key,
                                   std::int64_t now);
Status save_memo(FileSystem& fs, const std::string& cache_dir, const BuildMemo& memo);
// Removes the memo (a build that may change things starts with this).
void forget_memo(FileSystem& fs, const std::string& cache_dir);

}  // namespace bengal::incremental

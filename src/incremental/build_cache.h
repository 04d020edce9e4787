// BuildCache: what the last build left behind, kept in <site>/.bengal/.
//
// It records every output file Bengal wrote (size, mtime and content hash),
// so the next build can tell an unchanged file without reading it, spot a
// file edited by hand, and remove outputs whose source is gone.
//
// On disk: magic, format version, payload, XXH3 checksum of the payload.
// load() treats a missing, truncated, foreign-version or corrupt file as "no
// cache" and says why in `notice`; it never fails the build. save() writes to
// a temporary name and renames it into place.
//
// Thread-safety: a BuildCache is read concurrently only through const access.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/fs.h"
#include "core/hash.h"
#include "core/result.h"

namespace bengal::incremental {

struct OutputRecord {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  Hash128 content;  // hash of the bytes written
};

struct BuildCache {
  static constexpr std::uint32_t kVersion = 1;

  std::map<std::string, OutputRecord> outputs;  // output-relative path -> record
  std::string output_dir;                        // the output dir these records describe

  std::string serialize() const;
  // Parses `bytes`; on any problem returns an empty cache and sets `notice`.
  static BuildCache deserialize(std::string_view bytes, std::string& notice);
};

// Loads <cache_dir>/cache.bin. Missing file: empty cache, empty notice.
BuildCache load_cache(const FileSystem& fs, const std::string& cache_dir, std::string& notice);
Status save_cache(FileSystem& fs, const std::string& cache_dir, const BuildCache& cache);

}  // namespace bengal::incremental

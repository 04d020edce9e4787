#include "incremental/build_cache.h"

#include "incremental/serial.h"

namespace bengal::incremental {

namespace {
constexpr std::string_view kMagic = "BENGALCACHE\n";
}

std::string BuildCache::serialize() const {
  Writer payload;
  payload.str(output_dir);
  payload.u64(outputs.size());
  for (const auto& [path, rec] : outputs) {
    payload.str(path);
    payload.u64(rec.size);
    payload.i64(rec.mtime_ns);
    payload.hash(rec.content);
  }
  Writer file;
  file.bytes().append(kMagic);
  file.u64(kVersion);
  file.str(payload.bytes());
  file.hash(hash_bytes(payload.bytes()));
  return std::move(file.bytes());
}

BuildCache BuildCache::deserialize(std::string_view bytes, std::string& notice) {
  BuildCache cache;
  if (bytes.substr(0, kMagic.size()) != kMagic) {
    notice = "build cache is not a Bengal cache; doing a full build";
    return cache;
  }
  Reader file(bytes.substr(kMagic.size()));
  std::uint64_t version = file.u64();
  if (file.failed() || version != kVersion) {
    notice = "build cache is from another Bengal version; doing a full build";
    return cache;
  }
  std::string_view payload = file.str();
  Hash128 checksum = file.hash();
  if (file.failed() || !file.at_end() || checksum != hash_bytes(payload)) {
    notice = "build cache is damaged (checksum mismatch); doing a full build";
    return cache;
  }
  Reader r(payload);
  cache.output_dir = std::string(r.str());
  std::uint64_t n = r.u64();
  for (std::uint64_t i = 0; i < n && !r.failed(); ++i) {
    std::string path(r.str());
    OutputRecord rec;
    rec.size = r.u64();
    rec.mtime_ns = r.i64();
    rec.content = r.hash();
    cache.outputs.emplace(std::move(path), rec);
  }
  if (r.failed() || !r.at_end()) {
    notice = "build cache is damaged; doing a full build";
    return BuildCache{};
  }
  return cache;
}

BuildCache load_cache(const FileSystem& fs, const std::string& cache_dir, std::string& notice) {
  std::string path = join_path(cache_dir, "cache.bin");
  if (!fs.stat(path).exists) return {};
  auto bytes = fs.read_file(path);
  if (!bytes.ok()) {
    notice = "build cache is unreadable (" + bytes.error().message + "); doing a full build";
    return {};
  }
  return BuildCache::deserialize(*bytes, notice);
}

Status save_cache(FileSystem& fs, const std::string& cache_dir, const BuildCache& cache) {
  return fs.write_file(join_path(cache_dir, "cache.bin"), cache.serialize());
}

}  // namespace bengal::incremental

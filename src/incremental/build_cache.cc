#include "incremental/build_cache.h"

#include <algorithm>

#include "incremental/serial.h"

#include <xxhash.h>

namespace bengal::incremental {

namespace {

constexpr std::string_view kMagic = "BENGALCACHE\n";
// The envelope of serial.h: kMagic, version (varint), payload, XXH3-128 of
// the payload.

void write_ids(Writer& w, const std::vector<FactId>& ids) {
  w.u64(ids.size());
  for (FactId id : ids) w.u64(id);
}

std::vector<FactId> read_ids(Reader& r, std::size_t fact_count) {
  std::vector<FactId> ids;
  std::uint64_t n = r.u64();
  if (n > fact_count) {  // a corrupt count would otherwise allocate wildly
    r.fail();
    return {};
  }
  ids.reserve(n);
  for (std::uint64_t i = 0; i < n && !r.failed(); ++i) {
    std::uint64_t id = r.u64();
    if (id >= fact_count) {
      r.fail();
      return {};
    }
    ids.push_back(static_cast<FactId>(id));
  }
  return ids;
}

// Each part's buffer is sized from a guess so it is allocated once: growing
// a string doubles it, and old and new buffers together were the build's
// peak memory at 10,000 pages.
std::size_t body_size(const std::string& path, const BodyRecord& b) {
  std::size_t n = path.size() + b.summary_html.size() + b.plain_text.size() + 64 + b.deps.size() * 3;
  for (const TocRecord& t : b.toc) n += t.id.size() + t.text.size() + 4;
  return n;
}

void write_facts_and_sources(Writer& w, const BuildCache& c) {
  std::size_t n = 4096 + c.facts.size() * 24;
  for (std::uint32_t i = 0; i < c.facts.subjects().size(); ++i) n += c.facts.subjects().at(i).size() + 2;
  for (const auto& [path, s] : c.sources) n += path.size() + 256;
  w.bytes().reserve(n + n / 8);
  w.str(c.output_dir);
  const FactTable& facts = c.facts;
  w.u64(facts.subjects().size());
  for (std::uint32_t i = 0; i < facts.subjects().size(); ++i) w.str(facts.subjects().at(i));
  w.u64(facts.fields().size());
  for (std::uint32_t i = 0; i < facts.fields().size(); ++i) w.str(facts.fields().at(i));
  w.u64(facts.size());
  for (FactId id = 0; id < facts.size(); ++id) {
    const FactTable::Fact& f = facts.fact(id);
    w.u64(static_cast<std::uint64_t>(f.kind));
    w.u64(f.subject);
    w.u64(f.field);
    w.hash(id < c.fact_hashes.size() ? c.fact_hashes[id] : Hash128{});
  }

  w.u64(c.sources.size());
  for (const auto& [path, s] : c.sources) {
    w.str(path);
    w.u64(s.size);
    w.i64(s.mtime_ns);
    w.hash(s.hash);
    w.hash(s.front_matter_hash);
    w.u64(s.format);
    w.u64(s.text_offset);
    w.u64(s.text_size);
    w.u64(s.body_offset);
    w.i64(s.text_line);
    w.i64(s.body_line);
    w.data(s.front_matter);
  }
  w.u64(c.bodies.size());
}

using BodyIt = std::map<std::string, BodyRecord>::const_iterator;

void write_bodies(Writer& w, BodyIt begin, BodyIt end) {
  std::size_t n = 0;
  for (auto it = begin; it != end; ++it) n += body_size(it->first, it->second);
  w.bytes().reserve(n + n / 8);
  for (auto it = begin; it != end; ++it) {
    const BodyRecord& b = it->second;
    w.str(it->first);
    w.hash(b.provenance);
    write_ids(w, b.deps);
    w.str(b.summary_html);
    w.u64(b.summary_truncated ? 1 : 0);
    w.u64(b.toc.size());
    for (const TocRecord& t : b.toc) {
      w.i64(t.level);
      w.str(t.id);
      w.str(t.text);
    }
    w.u64(b.word_count);
    w.u64(b.reading_minutes);
    w.str(b.plain_text);
    w.hash(b.content_hash);
    w.u64(b.diagnostics.size());
    for (const Diagnostic& d : b.diagnostics) w.diagnostic(d);
  }
}

void write_outputs(Writer& w, const BuildCache& c) {
  std::size_t n = 64;
  for (const auto& [path, o] : c.outputs) n += path.size() + 64 + o.facts.size() * 3;
  w.bytes().reserve(n + n / 8);
  w.u64(c.outputs.size());
  for (const auto& [path, rec] : c.outputs) {
    w.str(path);
    w.u64(rec.size);
    w.i64(rec.mtime_ns);
    w.hash(rec.content);
    w.hash(rec.identity);
    write_ids(w, rec.facts);
    w.u64(rec.source_size);
    w.i64(rec.source_mtime_ns);
  }
}

}  // namespace

std::vector<std::string> BuildCache::serialize_parts(ThreadPool* pool) const {
  // Parts: [magic, version] [output dir, facts, sources, body count]
  // [bodies, first half] [bodies, second half] [outputs] [checksum]. The
  // four middle parts are written at once on the pool.
  BodyIt half = bodies.begin();
  std::advance(half, static_cast<std::ptrdiff_t>(bodies.size() / 2));
  std::vector<Writer> parts(4);
  auto write = [&](std::size_t i, unsigned) {
    switch (i) {
      case 0: write_facts_and_sources(parts[0], *this); break;
      case 1: write_bodies(parts[1], bodies.begin(), half); break;
      case 2: write_bodies(parts[2], half, bodies.end()); break;
      case 3: write_outputs(parts[3], *this); break;
    }
  };
  if (pool != nullptr) {
    pool->parallel_for(parts.size(), write, 1);
  } else {
    for (std::size_t i = 0; i < parts.size(); ++i) write(i, 0);
  }
  Writer head;
  head.bytes().append(kMagic);
  head.u64(kVersion);
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  for (const Writer& w : parts) XXH3_128bits_update(state, w.bytes().data(), w.bytes().size());
  XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  Writer tail;
  tail.hash(Hash128{h.low64, h.high64});
  std::vector<std::string> out;
  out.reserve(parts.size() + 2);
  out.push_back(std::move(head.bytes()));
  for (Writer& w : parts) out.push_back(std::move(w.bytes()));
  out.push_back(std::move(tail.bytes()));
  return out;
}

std::string BuildCache::serialize() const {
  std::string out;
  for (const std::string& part : serialize_parts(nullptr)) out += part;
  return out;
}

BuildCache BuildCache::deserialize(std::string_view bytes, std::string& notice) {
  BuildCache cache;
  std::string_view payload;
  switch (open_envelope(bytes, kMagic, kVersion, payload)) {
    case Envelope::kForeign:
      notice = "build cache is not a Bengal cache; doing a full build";
      return cache;
    case Envelope::kOtherVersion:
      notice = "build cache is from another Bengal version; doing a full build";
      return cache;
    case Envelope::kDamaged:
      notice = "build cache is damaged (checksum mismatch); doing a full build";
      return cache;
    case Envelope::kOk:
      break;
  }
  Reader r(payload);
  cache.output_dir = std::string(r.str());

  std::uint64_t n = r.u64();
  for (std::uint64_t i = 0; i < n && !r.failed(); ++i) cache.facts.subjects().intern(r.str());
  n = r.u64();
  for (std::uint64_t i = 0; i < n && !r.failed(); ++i) cache.facts.fields().intern(r.str());
  n = r.u64();
  const std::uint64_t subjects = cache.facts.subjects().size(), fields = cache.facts.fields().size();
  for (std::uint64_t i = 0; i < n && !r.failed(); ++i) {
    std::uint64_t kind = r.u64(), subject = r.u64(), field = r.u64();
    if (kind > static_cast<std::uint64_t>(FactKind::kFile) || subject >= subjects || field >= fields) {
      r.fail();
      break;
    }
    cache.facts.intern(static_cast<FactKind>(kind), static_cast<std::uint32_t>(subject),
                       static_cast<std::uint32_t>(field));
    cache.fact_hashes.push_back(r.hash());
  }

  n = r.u64();
  for (std::uint64_t i = 0; i < n && !r.failed(); ++i) {
    std::string path(r.str());
    SourceRecord s;
    s.size = r.u64();
    s.mtime_ns = r.i64();
    s.hash = r.hash();
    s.front_matter_hash = r.hash();
    s.format = static_cast<std::uint8_t>(r.u64());
    s.text_offset = r.u64();
    s.text_size = r.u64();
    s.body_offset = r.u64();
    s.text_line = static_cast<std::int32_t>(r.i64());
    s.body_line = static_cast<std::int32_t>(r.i64());
    s.front_matter = r.data();
    cache.sources.emplace(std::move(path), std::move(s));
  }

  n = r.u64();
  for (std::uint64_t i = 0; i < n && !r.failed(); ++i) {
    std::string path(r.str());
    BodyRecord b;
    b.provenance = r.hash();
    b.deps = read_ids(r, cache.facts.size());
    b.summary_html = std::string(r.str());
    b.summary_truncated = r.u64() != 0;
    std::uint64_t toc = r.u64();
    for (std::uint64_t t = 0; t < toc && !r.failed(); ++t) {
      TocRecord e;
      e.level = static_cast<int>(r.i64());
      e.id = std::string(r.str());
      e.text = std::string(r.str());
      b.toc.push_back(std::move(e));
    }
    b.word_count = static_cast<std::uint32_t>(r.u64());
    b.reading_minutes = static_cast<std::uint32_t>(r.u64());
    b.plain_text = std::string(r.str());
    b.content_hash = r.hash();
    std::uint64_t nd = r.u64();
    for (std::uint64_t d = 0; d < nd && !r.failed(); ++d) b.diagnostics.push_back(r.diagnostic());
    cache.bodies.emplace(std::move(path), std::move(b));
  }

  n = r.u64();
  for (std::uint64_t i = 0; i < n && !r.failed(); ++i) {
    std::string path(r.str());
    OutputRecord rec;
    rec.size = r.u64();
    rec.mtime_ns = r.i64();
    rec.content = r.hash();
    rec.identity = r.hash();
    rec.facts = read_ids(r, cache.facts.size());
    rec.source_size = r.u64();
    rec.source_mtime_ns = r.i64();
    cache.outputs.emplace(std::move(path), std::move(rec));
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

Status save_cache(FileSystem& fs, const std::string& cache_dir, const BuildCache& cache, ThreadPool* pool) {
  std::vector<std::string> parts = cache.serialize_parts(pool);
  std::vector<std::string_view> views(parts.begin(), parts.end());
  return fs.write_parts(join_path(cache_dir, "cache.bin"), views);
}

}  // namespace bengal::incremental

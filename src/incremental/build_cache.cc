#include "incremental/build_cache.h"

#include <lz4.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <tuple>

#include "incremental/serial.h"

namespace bengal::incremental {

namespace {

constexpr std::string_view kMagic = "BENGALCACHE\n";
// The envelope of serial.h: kMagic, version (varint), payload, XXH3-128 of
// the payload. The payload opens with the layout (each part's byte length,
// then the fact count), then the parts, so each can be decoded on its own.
constexpr std::size_t kParts = 5;  // facts, sources, bodies (two halves), outputs
// A fact on disk is three varints, a hash and a varint: never fewer bytes than this.
constexpr std::size_t kMinFactBytes = 3 + 16 + 1;

struct Layout {
  std::array<std::string_view, kParts> parts;
  std::uint64_t fact_count = 0;  // every FactId in the parts is below it
};

// False unless the lengths tile the rest of the payload exactly.
bool read_layout(std::string_view payload, Layout& layout) {
  Reader r(payload);
  std::array<std::uint64_t, kParts> sizes{};
  for (std::uint64_t& n : sizes) n = r.u64();
  layout.fact_count = r.u64();
  if (r.failed()) return false;
  std::string_view rest = payload.substr(payload.size() - r.remaining());
  for (std::size_t i = 0; i < kParts; ++i) {
    if (sizes[i] > rest.size()) return false;
    layout.parts[i] = rest.substr(0, sizes[i]);
    rest.remove_prefix(sizes[i]);
  }
  return rest.empty();
}

// The file's checksum: XXH3-128 of the layout's bytes followed by each
// part's own XXH3-128, so the parts are hashed at once on a pool, each by
// the task that writes or reads it, instead of the whole file in one pass.
Hash128 combine_checksum(std::string_view layout_bytes, const std::array<Hash128, kParts>& parts) {
  Hasher h;
  h.add(layout_bytes);
  for (const Hash128& part : parts) h.add(part);
  return h.digest();
}

Hash128 hash_pieces(const std::vector<std::string_view>& pieces) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  for (std::string_view piece : pieces) XXH3_128bits_update(state, piece.data(), piece.size());
  XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  return Hash128{h.low64, h.high64};
}

// Each part's buffer is sized from a guess so it is allocated once: growing
// a string doubles it, and old and new buffers together were the build's
// peak memory at 10,000 pages.
std::size_t body_size(const std::string& path, const BodyRecord& b) {
  std::size_t n = path.size() + b.summary_html.size() + b.plain_text.size() + 64 + b.deps.size() * 3;
  for (const TocRecord& t : b.toc) n += t.id.size() + t.text.size() + 4;
  return n;
}

void write_facts(Writer& w, const BuildCache& c) {
  std::size_t n = 4096 + c.facts.size() * 24;
  for (std::uint32_t i = 0; i < c.facts.subjects().size(); ++i) n += c.facts.subjects().at(i).size() + 2;
  w.bytes().reserve(n + n / 8);
  w.str(c.output_dir);
  w.hash(c.frame_key);
  w.i64(c.frame_from);
  w.i64(c.frame_until);
  const FactTable& facts = c.facts;
  w.u64(facts.subjects().size());
  for (std::uint32_t i = 0; i < facts.subjects().size(); ++i) w.str(facts.subjects().at(i));
  w.u64(facts.fields().size());
  for (std::uint32_t i = 0; i < facts.fields().size(); ++i) w.str(facts.fields().at(i));
  // In columns: every fact's key, then every hash (raw, 16 bytes each: one
  // copy on load), then every reach.
  w.u64(facts.size());
  for (FactId id = 0; id < facts.size(); ++id) {
    const FactTable::Fact& f = facts.fact(id);
    w.u64(static_cast<std::uint64_t>(f.kind));
    w.u64(f.subject);
    w.u64(f.field);
  }
  for (FactId id = 0; id < facts.size(); ++id) w.hash(id < c.fact_hashes.size() ? c.fact_hashes[id] : Hash128{});
  for (FactId id = 0; id < facts.size(); ++id) {
    w.u64(static_cast<std::uint64_t>((id < c.fact_reach.size() ? c.fact_reach[id] : BuildCache::kReachAnything) + 2));
  }
}

using BodyIt = std::map<std::string, BodyRecord>::const_iterator;

// A part as pieces: bytes encoded now, and views of bytes that outlive the
// pieces (records as loaded, in the cache's file). Adjacent views are one
// piece, so a run of unchanged records is written straight from the file.
class Pieces {
 public:
  Writer& writer() { return w_; }
  void view(std::string_view bytes) {
    flush();
    if (!pieces_.empty() && pieces_.back().data() + pieces_.back().size() == bytes.data()) {
      pieces_.back() = std::string_view(pieces_.back().data(), pieces_.back().size() + bytes.size());
    } else {
      pieces_.push_back(bytes);
    }
  }
  // Ends the part; the pieces live as long as this object.
  const std::vector<std::string_view>& finish() {
    flush();
    return pieces_;
  }
  std::size_t size() const {
    std::size_t n = w_.bytes().size();
    for (std::string_view p : pieces_) n += p.size();
    return n;
  }

 private:
  void flush() {
    if (w_.bytes().empty()) return;
    owned_.push_back(std::move(w_.bytes()));  // a deque: earlier strings stay where they are
    w_.bytes().clear();
    pieces_.push_back(owned_.back());
  }
  Writer w_;
  std::deque<std::string> owned_;
  std::vector<std::string_view> pieces_;
};

// Sources as pieces: a record loaded and unchanged is the bytes it was read
// from; the front matter is length-prefixed, so a load can leave it encoded.
void write_sources(Pieces& out, const BuildCache& c) {
  std::size_t n = 16;
  for (const auto& [path, s] : c.sources) {
    if (s.encoded.empty()) n += path.size() + 256;
  }
  Writer& w = out.writer();
  w.bytes().reserve(n + n / 8);
  w.u64(c.sources.size());
  Writer front_matter;
  for (const auto& [path, s] : c.sources) {
    if (!s.encoded.empty()) {
      out.view(s.encoded);
      continue;
    }
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
    front_matter.bytes().clear();
    front_matter.data(s.front_matter);
    w.str(front_matter.bytes());
  }
}

// A body's texts (summary, TOC, search text) are most of the cache's bytes
// and are read only for the pages a build renders or shows: they are kept
// LZ4-compressed, as one block: the raw size, then the compressed bytes.
constexpr std::uint64_t kMaxTextsBytes = std::uint64_t{1} << 30;

void write_texts(Writer& w, const BodyRecord& b, std::string& scratch) {
  Writer raw;
  raw.str(b.summary_html);
  raw.u64(b.toc.size());
  for (const TocRecord& t : b.toc) {
    raw.i64(t.level);
    raw.str(t.id);
    raw.str(t.text);
  }
  raw.str(b.plain_text);
  const std::string& in = raw.bytes();
  scratch.resize(static_cast<std::size_t>(LZ4_compressBound(static_cast<int>(in.size()))));
  const int n = LZ4_compress_default(in.data(), scratch.data(), static_cast<int>(in.size()),
                                     static_cast<int>(scratch.size()));
  scratch.resize(static_cast<std::size_t>(std::max(n, 0)));
  Writer block;
  block.u64(in.size());
  block.bytes() += scratch;
  w.str(block.bytes());
}

// Decodes a texts block into `b`; false when it is malformed.
bool read_texts(std::string_view block, BodyRecord& b) {
  Reader r(block);
  const std::uint64_t raw_size = r.u64();
  if (r.failed() || raw_size > kMaxTextsBytes) return false;
  std::string raw(static_cast<std::size_t>(raw_size), '\0');
  const std::string_view packed = block.substr(r.position());
  const int n = LZ4_decompress_safe(packed.data(), raw.data(), static_cast<int>(packed.size()),
                                    static_cast<int>(raw.size()));
  if (n < 0 || static_cast<std::uint64_t>(n) != raw_size) return false;
  Reader t(raw);
  b.summary_html = t.str();
  const std::uint64_t toc = t.u64();
  if (toc > t.remaining()) return false;
  b.toc.clear();
  for (std::uint64_t i = 0; i < toc && !t.failed(); ++i) {
    const auto level = static_cast<int>(t.i64());
    std::string_view id = t.str(), text = t.str();
    b.toc.push_back(TocRecord{level, std::string(id), std::string(text)});
  }
  b.plain_text = t.str();
  return !t.failed() && t.at_end();
}

void write_bodies(Pieces& out, BodyIt begin, BodyIt end) {
  std::string texts;  // compression scratch
  std::size_t n = 16, count = 0;
  for (auto it = begin; it != end; ++it, ++count) {
    if (it->second.encoded.empty()) n += body_size(it->first, it->second);
  }
  Writer& w = out.writer();
  w.bytes().reserve(n + n / 8);
  w.u64(count);
  for (auto it = begin; it != end; ++it) {
    const BodyRecord& b = it->second;
    if (!b.encoded.empty()) {  // as loaded: the same bytes, key included
      out.view(b.encoded);
      continue;
    }
    w.str(it->first);
    w.hash(b.provenance);
    w.ids(b.deps);
    w.u64(b.summary_truncated ? 1 : 0);
    w.u64(b.word_count);
    w.u64(b.reading_minutes);
    write_texts(w, b, texts);
    w.hash(b.content_hash);
    w.u64(b.diagnostics.size());
    for (const Diagnostic& d : b.diagnostics) w.diagnostic(d);
  }
}

void write_outputs(Pieces& out, const BuildCache& c) {
  std::size_t n = 64;
  for (const auto& [path, o] : c.outputs) {
    if (o.encoded.empty()) n += path.size() + 64 + o.facts.size() * 3;
  }
  Writer& w = out.writer();
  w.bytes().reserve(n + n / 8);
  w.u64(c.outputs.size());
  for (const auto& [path, rec] : c.outputs) {
    if (!rec.encoded.empty()) {  // as loaded: the same bytes, key included
      out.view(rec.encoded);
      continue;
    }
    w.str(path);
    w.u64(rec.size);
    w.i64(rec.mtime_ns);
    w.hash(rec.content);
    w.hash(rec.identity);
    w.ids(rec.facts);
    w.u64(rec.source_size);
    w.i64(rec.source_mtime_ns);
  }
}

// The record for `key`, added at the end of `records`; nullptr unless `key`
// sorts after every key there. The writer walks std::maps, so keys arrive
// strictly ascending: anything else is damage (a repeated key would quietly
// merge two records).
template <typename Record>
Record* append(std::map<std::string, Record>& records, std::string_view key) {
  if (!records.empty() && key <= records.rbegin()->first) return nullptr;
  auto it = records.emplace_hint(records.end(), std::piecewise_construct,
                                 std::forward_as_tuple(key), std::tuple<>());
  return &it->second;
}

// Decodes a part of records: a count, then that many records, each a key
// (see append()) and the fields `read_fields(r, record)` reads. With
// `keep_encoded` each record keeps its entry's bytes, key included
// (`encoded`). False if the part is malformed or a key is out of order.
template <typename Record, typename ReadFields>
bool read_part(std::string_view part, std::map<std::string, Record>& records, bool keep_encoded,
               ReadFields&& read_fields) {
  Reader r(part);
  std::uint64_t n = r.u64();
  for (std::uint64_t i = 0; i < n && !r.failed(); ++i) {
    const std::size_t from = r.position();
    Record* rec = append(records, r.str());
    if (rec == nullptr) return false;
    read_fields(r, *rec);
    if (keep_encoded) rec->encoded = r.since(from);
  }
  return !r.failed() && r.at_end();
}

// Each read_* decodes one whole part into containers no other task touches
// and returns false if it is malformed.
bool read_facts(std::string_view part, std::uint64_t fact_count, BuildCache& c) {
  Reader r(part);
  c.output_dir = r.str();
  c.frame_key = r.hash();
  c.frame_from = r.i64();
  c.frame_until = r.i64();
  // Names and facts are each stored once: a repeated one means damage (the
  // tables' assign() refuses it).
  auto read_strings = [&r](StringTable& table) {
    std::vector<std::string> strings = r.strings();
    return !r.failed() && table.assign(std::move(strings));
  };
  if (!read_strings(c.facts.subjects()) || !read_strings(c.facts.fields())) return false;
  const std::uint64_t n = r.u64();
  if (n != fact_count || n > r.remaining() / kMinFactBytes) return false;
  std::vector<FactTable::Fact> facts(n);
  const std::uint64_t subjects = c.facts.subjects().size(), fields = c.facts.fields().size();
  for (FactTable::Fact& f : facts) {
    std::uint64_t kind = r.u64(), subject = r.u64(), field = r.u64();
    if (r.failed() || kind > static_cast<std::uint64_t>(FactKind::kFile) || subject >= subjects ||
        field >= fields) {
      return false;
    }
    f = {static_cast<FactKind>(kind), static_cast<std::uint32_t>(subject), static_cast<std::uint32_t>(field)};
  }
  static_assert(sizeof(Hash128) == 16, "hashes are copied as a block of lo, hi pairs (Writer::hash)");
  const std::string_view hashes = r.bytes(n * sizeof(Hash128));
  if (r.failed()) return false;
  c.fact_hashes.resize(n);
  std::memcpy(c.fact_hashes.data(), hashes.data(), hashes.size());
  c.fact_reach.resize(n);
  for (std::int32_t& reach : c.fact_reach) {
    const std::uint64_t v = r.u64();
    if (v > std::uint64_t{INT32_MAX}) return false;
    reach = static_cast<std::int32_t>(v) - 2;
  }
  if (r.failed() || !c.facts.assign(std::move(facts))) return false;

  return !r.failed() && r.at_end();
}

// With `keep_encoded` a record's front matter stays encoded until a build
// reuses it (decode_front_matter()); otherwise it is decoded now.
bool read_sources(std::string_view part, std::map<std::string, SourceRecord>& sources, bool keep_encoded) {
  return read_part(part, sources, keep_encoded, [&](Reader& r, SourceRecord& s) {
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
    std::string_view front_matter = r.str();
    if (keep_encoded) {
      s.front_matter_encoded = front_matter;
    } else if (!decode_front_matter(front_matter, s.front_matter)) {
      r.fail();
    }
  });
}

// A body record's fields in order: key, provenance, deps, summary flag,
// word count, reading time, the texts block (see write_texts), then the
// rest. A lazy read leaves the texts block as it is: it is decoded only if
// someone asks (decode_lazy_fields).
void skip_to_texts(Reader& r) {
  (void)r.str();
  (void)r.hash();
  std::uint64_t n = r.u64();
  for (std::uint64_t i = 0; i < n && !r.failed(); ++i) (void)r.u64();
  (void)r.u64();
  (void)r.u64();
  (void)r.u64();
}

// With `keep_encoded` the lazy fields stay encoded (BodyRecord::lazy).
bool read_bodies(std::string_view part, std::uint64_t fact_count, std::map<std::string, BodyRecord>& bodies,
                 bool keep_encoded) {
  return read_part(part, bodies, keep_encoded, [&](Reader& r, BodyRecord& b) {
    b.provenance = r.hash();
    b.deps = r.ids(fact_count);
    b.summary_truncated = r.u64() != 0;
    b.word_count = static_cast<std::uint32_t>(r.u64());
    b.reading_minutes = static_cast<std::uint32_t>(r.u64());
    const std::string_view texts = r.str();
    if (!keep_encoded && !read_texts(texts, b)) r.fail();
    b.content_hash = r.hash();
    std::uint64_t nd = r.u64();
    for (std::uint64_t d = 0; d < nd && !r.failed(); ++d) b.diagnostics.push_back(r.diagnostic());
    b.lazy = keep_encoded;
  });
}

bool read_outputs(std::string_view part, std::uint64_t fact_count, std::map<std::string, OutputRecord>& outputs,
                  bool keep_encoded) {
  return read_part(part, outputs, keep_encoded, [&](Reader& r, OutputRecord& o) {
    o.size = r.u64();
    o.mtime_ns = r.i64();
    o.content = r.hash();
    o.identity = r.hash();
    o.facts = r.ids(fact_count);
    o.source_size = r.u64();
    o.source_mtime_ns = r.i64();
  });
}

}  // namespace

CacheBytes BuildCache::serialize_pieces(ThreadPool* pool) const {
  // Parts: [magic, version, layout] [output dir, facts] [sources] [bodies,
  // first half] [bodies, second half] [outputs] [checksum]. The five middle
  // parts are written at once on the pool.
  BodyIt half = bodies.begin();
  std::advance(half, static_cast<std::ptrdiff_t>(bodies.size() / 2));
  auto parts = std::make_shared<std::array<Pieces, kParts>>();
  std::array<Hash128, kParts> part_hashes;
  auto write = [&](std::size_t i, unsigned) {
    switch (i) {
      case 0: write_facts((*parts)[0].writer(), *this); break;
      case 1: write_sources((*parts)[1], *this); break;
      case 2: write_bodies((*parts)[2], bodies.begin(), half); break;
      case 3: write_bodies((*parts)[3], half, bodies.end()); break;
      case 4: write_outputs((*parts)[4], *this); break;
    }
    part_hashes[i] = hash_pieces((*parts)[i].finish());
  };
  if (pool != nullptr) {
    pool->parallel_for(kParts, write, 1);
  } else {
    for (std::size_t i = 0; i < kParts; ++i) write(i, 0);
  }
  auto ends = std::make_shared<std::array<Writer, 2>>();  // head and checksum
  Writer& head = (*ends)[0];
  const std::size_t layout_at = begin_envelope(head, kMagic, kVersion);
  for (const Pieces& part : *parts) head.u64(part.size());
  head.u64(facts.size());
  CacheBytes out;
  out.pieces.push_back(head.bytes());
  for (Pieces& part : *parts) {
    for (std::string_view piece : part.finish()) out.pieces.push_back(piece);
  }
  (*ends)[1].hash(combine_checksum(std::string_view(head.bytes()).substr(layout_at), part_hashes));
  out.pieces.push_back((*ends)[1].bytes());
  out.owned = {std::move(parts), std::move(ends), file};
  return out;
}

Hash128 BuildCache::checksum_of(std::string_view payload) {
  Layout layout;
  if (!read_layout(payload, layout)) return hash_bytes(payload);
  std::array<Hash128, kParts> part_hashes;
  for (std::size_t i = 0; i < kParts; ++i) part_hashes[i] = hash_bytes(layout.parts[i]);
  return combine_checksum(payload.substr(0, static_cast<std::size_t>(layout.parts[0].data() - payload.data())),
                          part_hashes);
}

std::string BuildCache::serialize() const {
  const CacheBytes bytes = serialize_pieces(nullptr);
  std::string out;
  for (std::string_view piece : bytes.pieces) out += piece;
  return out;
}

BuildCache BuildCache::deserialize(std::string_view bytes, std::string& notice, ThreadPool* pool,
                                   std::shared_ptr<const FileView> file) {
  std::string_view payload;
  Hash128 checksum;
  switch (open_envelope_unchecked(bytes, kMagic, kVersion, payload, checksum)) {
    case Envelope::kForeign:
      notice = "build cache is not a Bengal cache; doing a full build";
      return {};
    case Envelope::kOtherVersion:
      notice = "build cache is from another Bengal version; doing a full build";
      return {};
    case Envelope::kDamaged:
      notice = "build cache is damaged (truncated); doing a full build";
      return {};
    case Envelope::kOk:
      break;
  }
  Layout layout;
  if (!read_layout(payload, layout)) {
    notice = "build cache is damaged; doing a full build";
    return {};
  }
  // One task per part, and one that checks the checksum: the readers never
  // read out of bounds, so the bytes can be decoded before they are trusted,
  // and a mismatch still throws away everything decoded. The second half of
  // the bodies goes to a map of its own and is spliced on afterwards.
  BuildCache cache;
  std::map<std::string, BodyRecord> later_bodies;
  std::array<bool, kParts> ok{};
  std::array<Hash128, kParts> part_hashes;
  // The longest parts (the fact table, then the outputs) start first, one
  // on each core, and the short ones fill in after them.
  constexpr std::array<std::size_t, kParts> kLongestFirst = {0, 4, 1, 2, 3};
  auto decode = [&](std::size_t k, unsigned) {
    const std::size_t i = kLongestFirst[k];
    part_hashes[i] = hash_bytes(layout.parts[i]);
    switch (i) {
      case 0:
        ok[0] = read_facts(layout.parts[0], layout.fact_count, cache);
        break;
      case 1:
        ok[1] = read_sources(layout.parts[1], cache.sources, file != nullptr);
        break;
      case 2:
        ok[2] = read_bodies(layout.parts[2], layout.fact_count, cache.bodies, file != nullptr);
        break;
      case 3:
        ok[3] = read_bodies(layout.parts[3], layout.fact_count, later_bodies, file != nullptr);
        break;
      case 4:
        ok[4] = read_outputs(layout.parts[4], layout.fact_count, cache.outputs, file != nullptr);
        break;
    }
  };
  if (pool != nullptr) {
    pool->parallel_for(ok.size(), decode, 1);
  } else {
    for (std::size_t i = 0; i < ok.size(); ++i) decode(i, 0);
  }
  const std::string_view layout_bytes = payload.substr(0, static_cast<std::size_t>(layout.parts[0].data() - payload.data()));
  if (combine_checksum(layout_bytes, part_hashes) != checksum) {
    notice = "build cache is damaged (checksum mismatch); doing a full build";
    return {};
  }
  bool sorted = cache.bodies.empty() || later_bodies.empty() ||
                cache.bodies.rbegin()->first < later_bodies.begin()->first;
  if (!std::all_of(ok.begin(), ok.end(), [](bool b) { return b; }) || !sorted) {
    notice = "build cache is damaged; doing a full build";
    return {};
  }
  while (!later_bodies.empty()) {
    cache.bodies.insert(cache.bodies.end(), later_bodies.extract(later_bodies.begin()));
  }
  cache.file = std::move(file);
  return cache;
}

bool decode_front_matter(std::string_view encoded, Data& front_matter) {
  Reader r(encoded);
  front_matter = r.data();
  return !r.failed() && r.at_end();
}

bool decode_lazy_fields(std::string_view encoded, std::string& summary_html, std::vector<TocRecord>& toc,
                        std::string& plain_text) {
  Reader r(encoded);
  skip_to_texts(r);
  const std::string_view texts = r.str();
  BodyRecord b;
  if (r.failed() || !read_texts(texts, b)) return false;
  summary_html = std::move(b.summary_html);
  toc = std::move(b.toc);
  plain_text = std::move(b.plain_text);
  return true;
}

BuildCache load_cache(const FileSystem& fs, const std::string& cache_dir, std::string& notice,
                      ThreadPool* pool) {
  std::string path = join_path(cache_dir, "cache.bin");
  if (!fs.stat(path).exists) return {};
  auto bytes = fs.view_file(path);  // mapped: 32 MB at 10,000 pages
  if (!bytes.ok()) {
    notice = "build cache is unreadable (" + bytes.error().message + "); doing a full build";
    return {};
  }
  auto file = std::make_shared<const FileView>(std::move(bytes).value());
  BuildCache cache = BuildCache::deserialize(file->bytes(), notice, pool, file);
  // Decoded: what is read of it from here (a lazy body, unchanged records
  // when saving) is mapped again as it is read.
  file->drop_pages();
  return cache;
}

Status save_cache(FileSystem& fs, const std::string& cache_dir, const BuildCache& cache, ThreadPool* pool) {
  CacheBytes bytes = cache.serialize_pieces(pool);
  return fs.write_parts(join_path(cache_dir, "cache.bin"), bytes.pieces);
}

}  // namespace bengal::incremental

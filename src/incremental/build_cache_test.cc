#include "incremental/build_cache.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "incremental/serial.h"

namespace bengal::incremental {
namespace {

BuildCache sample() {
  BuildCache c;
  c.output_dir = "public";
  FactId title = c.facts.intern(FactKey{FactKind::kPage, "blog/a.md", "title"});
  FactId nav = c.facts.intern(FactKey{FactKind::kTemplate, "partials/nav.html", ""});
  c.fact_hashes = {hash_bytes("A"), hash_bytes("nav")};
  c.fact_reach = {7, BuildCache::kReachAnything};
  c.frame_key = hash_bytes("frame");
  c.frame_from = 1700000000;
  c.frame_until = INT64_MAX;
  SourceRecord s;
  s.size = 42;
  s.mtime_ns = 7;
  s.hash = hash_bytes("src");
  s.format = 1;
  s.body_offset = 20;
  s.body_line = 4;
  s.front_matter = Data::object();
  s.front_matter.set("title", Data::string("A"));
  s.front_matter.set("tags", Data::array());
  s.front_matter.find("tags")->push_back(Data::number(2.5));
  c.sources["blog/a.md"] = s;
  BodyRecord b;
  b.provenance = hash_bytes("prov");
  b.deps = {title};
  b.summary_html = "Sum";
  b.toc.push_back({2, "intro", "Intro"});
  b.word_count = 100;
  b.plain_text = "text";
  b.content_hash = hash_bytes("<p>");
  b.diagnostics.push_back(make_warning({"content/blog/a.md", 3, 1}, "unknown directive", "did you mean 'note'?"));
  c.bodies["blog/a.md"] = b;
  OutputRecord o;
  o.size = 12;
  o.mtime_ns = 345;
  o.content = hash_bytes("a");
  o.identity = hash_bytes("p");
  o.facts = {title, nav};
  c.outputs["blog/a/index.html"] = o;
  OutputRecord copy;
  copy.source_size = 5;
  copy.source_mtime_ns = -2;
  c.outputs["css/site.css"] = copy;
  return c;
}

// Enough pages that each half of the bodies holds several.
BuildCache many_pages(int pages) {
  BuildCache c = sample();
  for (int p = 0; p < pages; ++p) {
    std::string path = "docs/page-" + std::to_string(p) + ".md";
    FactId title = c.facts.intern(FactKey{FactKind::kPage, path, "title"});
    c.fact_hashes.push_back(hash_bytes(path));
    c.sources[path].hash = hash_bytes(path);
    BodyRecord& b = c.bodies[path];
    b.deps = {title, 0};
    b.plain_text = "text of " + path;
    c.outputs["docs/page-" + std::to_string(p) + "/index.html"].facts = {title, 1};
  }
  return c;
}

// The file around a payload: 12 bytes of magic, a one-byte version, the
// payload, a 16-byte checksum. reseal() gives edited payloads a valid
// checksum, so the decoder's own checks are what reject them.
constexpr std::size_t kHeadSize = 13, kChecksumSize = 16;

std::string payload_of(const std::string& bytes) {
  return bytes.substr(kHeadSize, bytes.size() - kHeadSize - kChecksumSize);
}

std::string reseal(const std::string& bytes, const std::string& payload) {
  Writer w;
  w.bytes() = bytes.substr(0, kHeadSize) + payload;
  w.hash(BuildCache::checksum_of(payload));
  return w.bytes();
}

// The payload's layout (five part lengths, the fact count) and what follows it.
struct Layout {
  std::array<std::uint64_t, 6> fields{};
  std::string parts;
};

Layout split_layout(const std::string& payload) {
  Reader r(payload);
  Layout l;
  for (std::uint64_t& f : l.fields) f = r.u64();
  l.parts = payload.substr(payload.size() - r.remaining());
  return l;
}

std::string join_layout(const Layout& l) {
  Writer w;
  for (std::uint64_t f : l.fields) w.u64(f);
  return w.bytes() + l.parts;
}

// `bytes` with the first `from` inside part `part` replaced by `to` (same length), resealed.
std::string edit_part(const std::string& bytes, int part, const std::string& from,
                      const std::string& to) {
  Layout l = split_layout(payload_of(bytes));
  std::size_t begin = 0;
  for (int i = 0; i < part; ++i) begin += l.fields[i];
  std::size_t at = l.parts.find(from, begin);
  EXPECT_LT(at + from.size(), begin + l.fields[part] + 1) << from << " is not in part " << part;
  l.parts.replace(at, from.size(), to);
  return reseal(bytes, join_layout(l));
}

void expect_rejected(const std::string& bytes, const std::string& what) {
  ThreadPool pool(2);
  for (ThreadPool* p : {static_cast<ThreadPool*>(nullptr), &pool}) {
    std::string notice;
    BuildCache c = BuildCache::deserialize(bytes, notice, p);
    EXPECT_TRUE(c.outputs.empty() && c.sources.empty() && c.bodies.empty() && c.facts.size() == 0)
        << what;
    EXPECT_FALSE(notice.empty()) << what;
  }
}

TEST(BuildCache, RoundTripsEverySection) {
  std::string notice;
  BuildCache back = BuildCache::deserialize(sample().serialize(), notice);
  ASSERT_TRUE(notice.empty()) << notice;
  EXPECT_EQ(back.output_dir, "public");
  ASSERT_EQ(back.facts.size(), 2u);
  EXPECT_EQ(back.facts.subject(1), "partials/nav.html");
  EXPECT_EQ(back.fact_hashes[0], hash_bytes("A"));
  EXPECT_EQ(back.fact_reach, (std::vector<std::int32_t>{7, BuildCache::kReachAnything}));
  EXPECT_EQ(back.frame_key, hash_bytes("frame"));
  EXPECT_EQ(back.frame_from, 1700000000);
  EXPECT_EQ(back.frame_until, INT64_MAX);
  EXPECT_EQ(back.facts.find({FactKind::kPage, "blog/a.md", "title"}), 0);
  const SourceRecord& s = back.sources.at("blog/a.md");
  EXPECT_EQ(s.size, 42u);
  EXPECT_EQ(s.body_line, 4);
  EXPECT_EQ(s.front_matter.to_json(), R"({"title":"A","tags":[2.5]})");
  const BodyRecord& b = back.bodies.at("blog/a.md");
  EXPECT_EQ(b.deps, std::vector<FactId>{0});
  EXPECT_EQ(b.toc.at(0).text, "Intro");
  EXPECT_EQ(b.diagnostics.at(0).hint, "did you mean 'note'?");
  EXPECT_FALSE(b.diagnostics.at(0).is_error());
  const OutputRecord& o = back.outputs.at("blog/a/index.html");
  EXPECT_EQ(o.facts, (std::vector<FactId>{0, 1}));
  EXPECT_EQ(o.identity, hash_bytes("p"));
  EXPECT_EQ(back.outputs.at("css/site.css").source_mtime_ns, -2);
}

TEST(BuildCache, LoadsTheSameCacheWithOrWithoutAPool) {
  const std::string bytes = many_pages(40).serialize();
  std::string notice;
  BuildCache alone = BuildCache::deserialize(bytes, notice);
  ASSERT_TRUE(notice.empty()) << notice;
  for (unsigned threads : {1u, 2u, 4u}) {
    ThreadPool pool(threads);
    BuildCache pooled = BuildCache::deserialize(bytes, notice, &pool);
    ASSERT_TRUE(notice.empty()) << notice;
    EXPECT_EQ(pooled.bodies.size(), 41u);
    EXPECT_EQ(pooled.serialize(), bytes) << threads << " threads";
  }
  EXPECT_EQ(alone.serialize(), bytes);
  EXPECT_EQ(alone.facts.find({FactKind::kPage, "docs/page-39.md", "title"}), 41);
}

TEST(BuildCache, RecordsLoadedFromAFileAreLazyAndSavedAsTheBytesTheyWereReadFrom) {
  const std::string bytes = many_pages(40).serialize();
  auto file = std::make_shared<const FileView>(std::string(bytes));
  std::string notice;
  ThreadPool pool(2);
  BuildCache c = BuildCache::deserialize(file->bytes(), notice, &pool, file);
  ASSERT_TRUE(notice.empty()) << notice;
  ASSERT_EQ(c.file, file);
  // A source's front matter stays encoded until a build reuses the record.
  const SourceRecord& src = c.sources.at("blog/a.md");
  EXPECT_TRUE(src.front_matter.is_null());
  Data front_matter;
  ASSERT_TRUE(decode_front_matter(src.front_matter_encoded, front_matter));
  EXPECT_EQ(front_matter.to_json(), R"({"title":"A","tags":[2.5]})");
  EXPECT_FALSE(decode_front_matter(src.front_matter_encoded.substr(1), front_matter));
  BodyRecord& a = c.bodies.at("blog/a.md");
  EXPECT_TRUE(a.lazy);
  EXPECT_TRUE(a.summary_html.empty() && a.toc.empty() && a.plain_text.empty());  // not decoded yet
  EXPECT_EQ(a.word_count, 100u);                                                 // the rest is
  EXPECT_EQ(a.deps, std::vector<FactId>{0});
  // The fields left encoded decode to what was saved.
  std::string summary, plain;
  std::vector<TocRecord> toc;
  ASSERT_TRUE(decode_lazy_fields(a.encoded, summary, toc, plain));
  EXPECT_EQ(summary, "Sum");
  ASSERT_EQ(toc.size(), 1u);
  EXPECT_EQ(toc[0].id, "intro");
  EXPECT_EQ(plain, "text");
  // Unchanged, the cache saves as the same bytes, the records (key
  // included) as views of the file.
  const CacheBytes pieces = c.serialize_pieces(&pool);
  std::size_t from_file = 0;
  for (std::string_view p : pieces.pieces) {
    if (p.data() >= file->bytes().data() && p.data() < file->bytes().data() + file->bytes().size()) {
      from_file += p.size();
    }
  }
  std::size_t encoded = 0;
  for (const auto& [path, b] : c.bodies) encoded += b.encoded.size();
  for (const auto& [path, src] : c.sources) encoded += src.encoded.size();
  for (const auto& [path, out] : c.outputs) encoded += out.encoded.size();
  EXPECT_EQ(from_file, encoded);  // every record, and nothing else, comes from the file
  EXPECT_EQ(c.serialize(), bytes);
  // A record parsed anew replaces the loaded one; the others stay as read.
  BodyRecord fresh;
  fresh.summary_html = "New";
  c.bodies["blog/a.md"] = fresh;
  BuildCache back = BuildCache::deserialize(c.serialize(), notice);
  ASSERT_TRUE(notice.empty()) << notice;
  EXPECT_EQ(back.bodies.at("blog/a.md").summary_html, "New");
  EXPECT_EQ(back.bodies.at("docs/page-7.md").plain_text, "text of docs/page-7.md");
}

// A body's texts are most of a cache's bytes; they are stored compressed
// and come back exactly, read at once or left lazy.
TEST(BuildCache, BodyTextsAreStoredCompressed) {
  BuildCache c = sample();
  std::string text;
  for (int i = 0; i < 4000; ++i) text += "the same words again and again " + std::to_string(i % 10) + ". ";
  BodyRecord& b = c.bodies.at("blog/a.md");
  b.plain_text = text;
  b.summary_html = "<p>" + text.substr(0, 3000) + "</p>";
  const std::string bytes = c.serialize();
  EXPECT_LT(bytes.size() * 4, text.size()) << bytes.size();
  std::string notice;
  BuildCache eager = BuildCache::deserialize(bytes, notice);
  ASSERT_TRUE(notice.empty()) << notice;
  EXPECT_EQ(eager.bodies.at("blog/a.md").plain_text, text);
  EXPECT_EQ(eager.bodies.at("blog/a.md").summary_html, b.summary_html);
  auto file = std::make_shared<const FileView>(std::string(bytes));
  BuildCache lazy = BuildCache::deserialize(file->bytes(), notice, nullptr, file);
  std::string summary, plain;
  std::vector<TocRecord> toc;
  ASSERT_TRUE(decode_lazy_fields(lazy.bodies.at("blog/a.md").encoded, summary, toc, plain));
  EXPECT_EQ(plain, text);
  EXPECT_EQ(summary, b.summary_html);
  ASSERT_EQ(toc.size(), 1u);
}

TEST(BuildCache, EveryTruncationOrBitFlipMeansEmptyCacheWithNotice) {
  std::string bytes = sample().serialize();
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    expect_rejected(bytes.substr(0, cut), "cut at " + std::to_string(cut));
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string flipped = bytes;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x10);
    expect_rejected(flipped, "flip at " + std::to_string(i));
  }
}

// Parts are decoded before the checksum is known to match: damage with a
// valid checksum must be harmless too, whatever the decoders make of it.
TEST(BuildCache, ResealedBitFlipsNeverCrash) {
  const std::string bytes = many_pages(3).serialize();
  const std::string payload = payload_of(bytes);
  ThreadPool pool(2);
  for (std::size_t i = 0; i < payload.size(); ++i) {
    std::string flipped = payload;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x41);
    std::string notice;
    BuildCache c = BuildCache::deserialize(reseal(bytes, flipped), notice, &pool);
    if (!notice.empty()) {
      EXPECT_TRUE(c.outputs.empty() && c.sources.empty()) << "flip at " << i;
    }
  }
}

TEST(BuildCache, PartLengthsOrFactCountThatLieMeanEmptyCacheWithNotice) {
  const std::string bytes = many_pages(4).serialize();
  const Layout layout = split_layout(payload_of(bytes));
  std::string notice;
  EXPECT_EQ(BuildCache::deserialize(reseal(bytes, join_layout(layout)), notice).outputs.size(), 6u);
  EXPECT_TRUE(notice.empty()) << notice;
  for (std::size_t f = 0; f < layout.fields.size(); ++f) {
    for (std::uint64_t lie :
         {layout.fields[f] - 1, layout.fields[f] + 1, std::uint64_t{1} << 40, std::uint64_t{0}}) {
      Layout l = layout;
      l.fields[f] = lie;
      expect_rejected(reseal(bytes, join_layout(l)),
                      "field " + std::to_string(f) + " = " + std::to_string(lie));
    }
  }
  // A boundary moved between two parts keeps the total right.
  for (std::size_t part = 0; part + 1 < 5; ++part) {
    Layout l = layout;
    --l.fields[part];
    ++l.fields[part + 1];
    expect_rejected(reseal(bytes, join_layout(l)), "boundary after part " + std::to_string(part));
  }
}

TEST(BuildCache, UnsortedOrRepeatedPathsMeanEmptyCacheWithNotice) {
  BuildCache c = sample();
  c.sources["blog/b.md"].size = 1;
  c.bodies["blog/b.md"].word_count = 1;
  const std::string bytes = c.serialize();
  std::string notice;
  BuildCache renamed =
      BuildCache::deserialize(edit_part(bytes, 3, "blog/b.md", "blog/c.md"), notice);
  EXPECT_TRUE(notice.empty() && renamed.bodies.contains("blog/c.md")) << notice;
  expect_rejected(edit_part(bytes, 1, "blog/b.md", "blog/a.md"), "repeated source");
  expect_rejected(edit_part(bytes, 1, "blog/b.md", "blog/0.md"), "unsorted sources");
  // One body in each half: the halves must not overlap either.
  expect_rejected(edit_part(bytes, 3, "blog/b.md", "blog/a.md"), "repeated body across halves");
  expect_rejected(edit_part(bytes, 3, "blog/b.md", "blog/0.md"), "unsorted bodies across halves");
  expect_rejected(edit_part(bytes, 4, "css/site.css", "aaa/site.css"), "unsorted outputs");
}

TEST(BuildCache, OtherVersionIsRejectedWithNotice) {
  std::string bytes = sample().serialize();
  bytes[12] = 99;  // the version varint follows the 12-byte magic
  std::string notice;
  BuildCache c = BuildCache::deserialize(bytes, notice);
  EXPECT_TRUE(c.outputs.empty());
  EXPECT_NE(notice.find("version"), std::string::npos);
}

TEST(BuildCache, MissingFileIsSilentlyEmpty) {
  MemoryFileSystem fs;
  std::string notice;
  BuildCache c = load_cache(fs, ".bengal", notice);
  EXPECT_TRUE(c.outputs.empty());
  EXPECT_TRUE(notice.empty());
  ASSERT_TRUE(save_cache(fs, ".bengal", sample()).ok());
  EXPECT_EQ(load_cache(fs, ".bengal", notice).outputs.size(), 2u);
  ThreadPool pool(2);
  EXPECT_EQ(load_cache(fs, ".bengal", notice, &pool).outputs.size(), 2u);
  EXPECT_TRUE(notice.empty());
}

TEST(FactTable, AssignedTablesFindEveryEntryAndRefuseRepeats) {
  FactTable t;
  ASSERT_TRUE(t.subjects().assign({"blog/a.md", "blog/b.md", ""}));
  ASSERT_TRUE(t.fields().assign({"title", ""}));
  ASSERT_TRUE(t.assign({{FactKind::kPage, 0, 0}, {FactKind::kPage, 1, 0}, {FactKind::kSite, 2, 1}}));
  EXPECT_EQ(t.find(FactKey{FactKind::kPage, "blog/b.md", "title"}), 1);
  EXPECT_EQ(t.find(FactKey{FactKind::kSite, "", ""}), 2);
  EXPECT_EQ(t.find(FactKey{FactKind::kPage, "blog/b.md", ""}), -1);
  EXPECT_EQ(t.intern(FactKey{FactKind::kPage, "blog/a.md", "title"}), 0u);  // already there
  EXPECT_EQ(t.intern(FactKey{FactKind::kMenu, "main", ""}), 3u);           // new, after the rest
  EXPECT_FALSE(t.subjects().assign({"x", "y", "x"}));
  EXPECT_FALSE(t.assign({{FactKind::kPage, 0, 0}, {FactKind::kPage, 0, 0}}));
}

TEST(FactTable, DescribesFactsForExplainAndInternsOnce) {
  FactTable t;
  FactId a = t.intern(FactKind::kTemplate, "partials/nav.html", "");
  FactId b = t.intern(FactKind::kPage, "blog/a.md", "title");
  EXPECT_EQ(t.intern(FactKind::kPage, "blog/a.md", "title"), b);
  EXPECT_EQ(t.describe(a), "template partials/nav.html");
  EXPECT_EQ(t.describe(b), "page blog/a.md title");
  EXPECT_EQ(t.subjects().size(), 2u);
  EXPECT_EQ(t.find(FactKey{FactKind::kPage, "blog/a.md", "url"}), -1);
}

}  // namespace
}  // namespace bengal::incremental

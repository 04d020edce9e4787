#include "incremental/build_cache.h"

#include <gtest/gtest.h>

namespace bengal::incremental {
namespace {

BuildCache sample() {
  BuildCache c;
  c.output_dir = "public";
  FactId title = c.facts.intern(FactKey{FactKind::kPage, "blog/a.md", "title"});
  FactId nav = c.facts.intern(FactKey{FactKind::kTemplate, "partials/nav.html", ""});
  c.fact_hashes = {hash_bytes("A"), hash_bytes("nav")};
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

TEST(BuildCache, RoundTripsEverySection) {
  std::string notice;
  BuildCache back = BuildCache::deserialize(sample().serialize(), notice);
  ASSERT_TRUE(notice.empty()) << notice;
  EXPECT_EQ(back.output_dir, "public");
  ASSERT_EQ(back.facts.size(), 2u);
  EXPECT_EQ(back.facts.subject(1), "partials/nav.html");
  EXPECT_EQ(back.fact_hashes[0], hash_bytes("A"));
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

TEST(BuildCache, EveryTruncationOrBitFlipMeansEmptyCacheWithNotice) {
  std::string bytes = sample().serialize();
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    std::string notice;
    BuildCache c = BuildCache::deserialize(bytes.substr(0, cut), notice);
    EXPECT_TRUE(c.outputs.empty() && c.sources.empty()) << "cut at " << cut;
    EXPECT_FALSE(notice.empty());
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string flipped = bytes;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x10);
    std::string notice;
    BuildCache c = BuildCache::deserialize(flipped, notice);
    EXPECT_TRUE(c.outputs.empty() && c.sources.empty()) << "flip at " << i;
    EXPECT_FALSE(notice.empty());
  }
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

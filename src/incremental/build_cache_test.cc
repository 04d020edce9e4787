#include "incremental/build_cache.h"

#include <gtest/gtest.h>

namespace bengal::incremental {
namespace {

BuildCache sample() {
  BuildCache c;
  c.output_dir = "public";
  c.outputs["a/index.html"] = OutputRecord{12, 345, hash_bytes("a")};
  c.outputs["b.xml"] = OutputRecord{1, -2, hash_bytes("b")};
  return c;
}

TEST(BuildCache, RoundTrips) {
  std::string notice;
  BuildCache back = BuildCache::deserialize(sample().serialize(), notice);
  EXPECT_TRUE(notice.empty());
  ASSERT_EQ(back.outputs.size(), 2u);
  EXPECT_EQ(back.output_dir, "public");
  EXPECT_EQ(back.outputs["a/index.html"].size, 12u);
  EXPECT_EQ(back.outputs["b.xml"].mtime_ns, -2);
  EXPECT_EQ(back.outputs["b.xml"].content, hash_bytes("b"));
}

TEST(BuildCache, EveryTruncationOrBitFlipMeansEmptyCacheWithNotice) {
  std::string bytes = sample().serialize();
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    std::string notice;
    BuildCache c = BuildCache::deserialize(bytes.substr(0, cut), notice);
    EXPECT_TRUE(c.outputs.empty()) << "cut at " << cut;
    EXPECT_FALSE(notice.empty());
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string flipped = bytes;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x10);
    std::string notice;
    BuildCache c = BuildCache::deserialize(flipped, notice);
    EXPECT_TRUE(c.outputs.empty()) << "flip at " << i;
    EXPECT_FALSE(notice.empty());
  }
}

TEST(BuildCache, OtherVersionIsRejectedWithNotice) {
  std::string bytes = sample().serialize();
  bytes[12] = 99;  // version varint follows the 12-byte magic
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

}  // namespace
}  // namespace bengal::incremental

#include "server/overlay_fs.h"

#include <gtest/gtest.h>

namespace bengal::server {
namespace {

class OverlayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    disk_.set_file("/site/content/a.md", "A");
    disk_.set_file("/site/public/stale.html", "from an old bengal build");
    disk_.set_file("/site/.bengal/cache.bin", "old cache");
  }
  MemoryFileSystem disk_;
  OverlayFileSystem fs_{disk_, {"/site/public", "/site/.bengal"}};
};

TEST_F(OverlayTest, ReadsSourcesFromTheLowerFileSystem) {
  auto r = fs_.read_file("/site/content/a.md");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "A");
  EXPECT_TRUE(fs_.stat("/site/content").is_dir);
}

TEST_F(OverlayTest, OutputOnDiskIsInvisible) {
  EXPECT_FALSE(fs_.read_file("/site/public/stale.html").ok());
  EXPECT_FALSE(fs_.stat("/site/public/stale.html").exists);
  EXPECT_FALSE(fs_.stat("/site/.bengal/cache.bin").exists);
  // The root itself exists (as an empty folder) so the build can write into it.
  EXPECT_TRUE(fs_.stat("/site/public").is_dir);
  auto listed = fs_.list_dir("/site/public");
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
}

TEST_F(OverlayTest, WritesStayInMemoryAndNeverReachTheDisk) {
  ASSERT_TRUE(fs_.write_file("/site/public/a/index.html", "<p>A</p>").ok());
  ASSERT_TRUE(fs_.write_file("/site/./public//b.css", "b{}").ok());
  EXPECT_EQ(*fs_.read_file("/site/public/a/index.html"), "<p>A</p>");
  EXPECT_EQ(*fs_.read_file("/site/public/b.css"), "b{}");
  EXPECT_FALSE(disk_.stat("/site/public/a/index.html").exists);
  EXPECT_EQ(*disk_.read_file("/site/public/stale.html"), "from an old bengal build");
  EXPECT_TRUE(fs_.stat("/site/public/a").is_dir);
  auto listed = fs_.list_dir("/site/public");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].name, "a");
  EXPECT_TRUE((*listed)[0].is_dir);
  EXPECT_EQ((*listed)[1].name, "b.css");
}

TEST_F(OverlayTest, OnlyMemoryRootsAreExclusive) {
  EXPECT_TRUE(fs_.exclusive("/site/public"));
  EXPECT_TRUE(fs_.exclusive("/site/./public/a/"));
  EXPECT_TRUE(fs_.exclusive("/site/.bengal"));
  EXPECT_FALSE(fs_.exclusive("/site/content"));
  EXPECT_FALSE(fs_.exclusive("/site/public/../content"));
  EXPECT_FALSE(fs_.exclusive("/site/publicity"));
  EXPECT_FALSE(disk_.exclusive("/site/public"));
}

TEST_F(OverlayTest, WritesOutsideTheMemoryRootsAreRefused) {
  auto s = fs_.write_file("/site/content/a.md", "overwritten");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(*disk_.read_file("/site/content/a.md"), "A");
  EXPECT_FALSE(fs_.remove_file("/site/content/a.md").ok());
  EXPECT_FALSE(fs_.remove_tree("/site/content").ok());
  EXPECT_FALSE(fs_.write_file("/site/public/../content/a.md", "x").ok())
      << "'..' must not escape a root";
  EXPECT_TRUE(disk_.stat("/site/content/a.md").exists);
}

TEST_F(OverlayTest, EachWriteGetsANewerMtime) {
  ASSERT_TRUE(fs_.write_file("/site/public/x", "1").ok());
  auto first = fs_.stat("/site/public/x").mtime_ns;
  ASSERT_TRUE(fs_.write_file("/site/public/x", "2").ok());
  EXPECT_GT(fs_.stat("/site/public/x").mtime_ns, first);
}

TEST_F(OverlayTest, ReplacedBytesStayValidForHoldersOfTheOldBuffer) {
  ASSERT_TRUE(fs_.write_file("/site/public/x", "old").ok());
  SharedBytes held = fs_.shared_bytes("/site/public/x");
  ASSERT_TRUE(fs_.write_file("/site/public/x", "new").ok());
  ASSERT_TRUE(fs_.remove_file("/site/public/x").ok());
  EXPECT_EQ(*held, "old");
}

TEST_F(OverlayTest, TakeChangesReportsWritesAndRemovalsOncePerRoot) {
  ASSERT_TRUE(fs_.write_file("/site/public/a.html", "a").ok());
  ASSERT_TRUE(fs_.write_file("/site/public/b/index.html", "b").ok());
  ASSERT_TRUE(fs_.write_file("/site/.bengal/cache.bin", "c").ok());
  EXPECT_EQ(fs_.take_changes("/site/public"), (std::vector<std::string>{"a.html", "b/index.html"}));
  EXPECT_TRUE(fs_.take_changes("/site/public").empty());
  ASSERT_TRUE(fs_.remove_file("/site/public/a.html").ok());
  ASSERT_TRUE(fs_.remove_file("/site/public/never-written").ok());
  EXPECT_EQ(fs_.take_changes("/site/public"), (std::vector<std::string>{"a.html"}));
  EXPECT_EQ(fs_.take_changes("/site/.bengal"), (std::vector<std::string>{"cache.bin"}));
}

TEST_F(OverlayTest, FilesListsOneRootRelativeToIt) {
  ASSERT_TRUE(fs_.write_file("/site/public/a.html", "a").ok());
  EXPECT_FALSE(fs_.write_file("/site/public2/x", "not under public").ok());
  ASSERT_TRUE(fs_.write_file("/site/.bengal/cache.bin", "c").ok());
  auto files = fs_.files("/site/public");
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files.begin()->first, "a.html");
  EXPECT_EQ(*files.begin()->second, "a");
}

TEST_F(OverlayTest, RemoveTreeClearsEverythingBelow) {
  ASSERT_TRUE(fs_.write_file("/site/public/d/a", "a").ok());
  ASSERT_TRUE(fs_.write_file("/site/public/d/e/b", "b").ok());
  ASSERT_TRUE(fs_.write_file("/site/public/keep", "k").ok());
  (void)fs_.take_changes("/site/public");
  ASSERT_TRUE(fs_.remove_tree("/site/public/d").ok());
  EXPECT_FALSE(fs_.stat("/site/public/d").exists);
  EXPECT_TRUE(fs_.stat("/site/public/keep").exists);
  EXPECT_EQ(fs_.take_changes("/site/public"), (std::vector<std::string>{"d/a", "d/e/b"}));
}

TEST_F(OverlayTest, RootsCanMove) {
  fs_.set_memory_roots({"/site/out"});
  ASSERT_TRUE(fs_.write_file("/site/out/a", "a").ok());
  EXPECT_FALSE(fs_.write_file("/site/public/a", "a").ok());
  EXPECT_TRUE(fs_.read_file("/site/public/stale.html").ok())
      << "no longer a memory root: reads the disk";
}

TEST(OverlayNormalize, CollapsesDotsAndSlashesKeepsLeadingSlash) {
  std::string out;
  ASSERT_TRUE(OverlayFileSystem::normalize("/a/./b//c/../d", out));
  EXPECT_EQ(out, "/a/b/d");
  ASSERT_TRUE(OverlayFileSystem::normalize("a/b/", out));
  EXPECT_EQ(out, "a/b");
  EXPECT_FALSE(OverlayFileSystem::normalize("/a/../../etc", out));
}

}  // namespace
}  // namespace bengal::server

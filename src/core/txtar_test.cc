#include "core/txtar.h"

#include <gtest/gtest.h>

namespace bengal {
namespace {

TEST(Txtar, SplitsFilesAtMarkersAndIgnoresLeadingComment) {
  auto files = parse_txtar("comment\n-- a.md --\nline 1\nline 2\n-- dir/b.toml --\nx = 1\n");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].first, "a.md");
  EXPECT_EQ(files[0].second, "line 1\nline 2\n");
  EXPECT_EQ(files[1].first, "dir/b.toml");
  EXPECT_EQ(files[1].second, "x = 1\n");
}

TEST(Txtar, LoadsIntoAFileSystem) {
  MemoryFileSystem fs;
  load_txtar(fs, "-- content/x.md --\nhi\n", "site");
  auto r = fs.read_file("site/content/x.md");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "hi\n");
}

}  // namespace
}  // namespace bengal

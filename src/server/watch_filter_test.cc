#include "server/watch_filter.h"

#include <gtest/gtest.h>

namespace bengal::server {
namespace {

TEST(EditorNoise, SwapBackupAndTemporaryFiles) {
  for (const char* name :
       {".post.md.swp", ".post.md.swx", ".post.md.swo", "post.md~", ".#post.md", "#post.md#",
        "4913", "post.md.tmp", "x.TMP", "post.md.bengal-tmp.123.4", "post.md___jb_tmp___",
        "post.md___jb_old___", ".goutputstream-ABC123", ".DS_Store"}) {
    EXPECT_TRUE(is_editor_noise(name)) << name;
  }
}

TEST(EditorNoise, RealFilesAreNotNoise) {
  for (const char* name : {"post.md", "_index.md", "site.css", "4914", "swap.md", "notes.swpx",
                           "bengal.toml", "tmp.md", ".htaccess"}) {
    EXPECT_FALSE(is_editor_noise(name)) << name;
  }
}

TEST(WatchScope, SkipsOutputCacheHiddenAndNodeModules) {
  WatchScope scope("/site", {"/site/public", "/site/.bengal"});
  EXPECT_TRUE(scope.skips_dir("/site/public"));
  EXPECT_TRUE(scope.skips_dir("/site/public/blog"));
  EXPECT_FALSE(scope.skips_dir("/site/public-notes"));
  EXPECT_TRUE(scope.skips_dir("/site/.git"));
  EXPECT_TRUE(scope.skips_dir("/site/content/.obsidian"));
  EXPECT_TRUE(scope.skips_dir("/site/node_modules/x"));
  EXPECT_FALSE(scope.skips_dir("/site/content/blog"));
  EXPECT_TRUE(scope.skips_file("/site/public/index.html"));
  EXPECT_TRUE(scope.skips_file("/site/content/.post.md.swp"));
  EXPECT_FALSE(scope.skips_file("/site/content/post.md"));
  EXPECT_FALSE(scope.skips_file("/site/bengal.toml"));
}

TEST(WatchScope, IgnoredDirsOutsideTheRootStillCount) {
  WatchScope scope("/site", {"/elsewhere/out"});
  EXPECT_TRUE(scope.skips_dir("/elsewhere/out/x"));
  EXPECT_FALSE(scope.skips_dir("/elsewhere/outside"));
}

}  // namespace
}  // namespace bengal::server

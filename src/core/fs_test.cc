#include "core/fs.h"

#include <algorithm>

#include <gtest/gtest.h>

#include <initializer_list>
#include <unistd.h>

#include <filesystem>

#include "core/thread_pool.h"

namespace bengal {
namespace {

TEST(Paths, NormalizeRefusesToClimbAboveStart) {
  std::string out;
  EXPECT_TRUE(normalize_relative_path("a/./b//c/../d", out));
  EXPECT_EQ(out, "a/b/d");
  EXPECT_FALSE(normalize_relative_path("../x", out));
  EXPECT_FALSE(normalize_relative_path("a/../../x", out));
  EXPECT_EQ(file_extension("a/b.tar.gz"), ".gz");
  EXPECT_EQ(file_stem("a/b.md"), "b");
  EXPECT_EQ(parent_path("a/b/c"), "a/b");
  EXPECT_EQ(join_path("a/", "/b"), "a/b");
}

TEST(Paths, WithinAndPlainRelative) {
  EXPECT_TRUE(path_within("a/b", "a"));
  EXPECT_TRUE(path_within("a", "a"));
  EXPECT_FALSE(path_within("ab", "a"));
  EXPECT_FALSE(path_within("a", "a/b"));
  EXPECT_TRUE(path_within("/site/x", "/site"));
  EXPECT_TRUE(is_plain_relative("templates"));
  EXPECT_TRUE(is_plain_relative("site/templates"));
  EXPECT_FALSE(is_plain_relative(""));
  EXPECT_FALSE(is_plain_relative("/abs"));
  EXPECT_FALSE(is_plain_relative("a/"));
  EXPECT_FALSE(is_plain_relative("./a"));
  EXPECT_FALSE(is_plain_relative("a//b"));
  EXPECT_FALSE(is_plain_relative("../shared"));
}

TEST(MemoryFileSystem, ListsDirectoriesAndWalksSorted) {
  MemoryFileSystem fs;
  fs.set_file("site/content/b.md", "b");
  fs.set_file("site/content/a/x.md", "x");
  fs.set_file("site/content/.hidden/y.md", "y");
  auto entries = fs.list_dir("site/content");
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_TRUE((*entries)[1].is_dir);
  auto files = walk(fs, "site/content");
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].path, "a/x.md");
  EXPECT_EQ((*files)[1].path, "b.md");
  EXPECT_FALSE(fs.list_dir("nope").ok());
  EXPECT_TRUE(fs.stat("site/content").is_dir);
}

// Files sort by their full path, where '/' falls between '.' and '0':
// "a-b" < "a.txt" < "a/b" < "a0", so a folder's files are not simply
// listed before or after its siblings.
TEST(MemoryFileSystem, WalkOrderIsTheSortedOrderOfFullPaths) {
  MemoryFileSystem fs;
  std::vector<std::string> paths = {"a0", "a/b", "a.txt", "a-b", "z/y/x", "a/b.c/d", "a/b-c", "ab/c", "é"};
  for (const std::string& p : paths) fs.set_file("r/" + p, p);
  auto files = walk(fs, "r");
  ASSERT_TRUE(files.ok());
  std::vector<std::string> got;
  for (const WalkEntry& e : *files) got.push_back(e.path);
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(got, paths);
  // Walked with a pool (the top-level folders at once): the same list.
  fs.set_file("r/.hidden/x", "skipped");
  for (unsigned threads : {1u, 2u, 4u}) {
    ThreadPool pool(threads);
    auto pooled = walk(fs, "r", false, &pool);
    ASSERT_TRUE(pooled.ok());
    std::vector<std::string> got_pooled;
    for (const WalkEntry& e : *pooled) got_pooled.push_back(e.path);
    EXPECT_EQ(got_pooled, paths) << threads << " threads";
  }
}

TEST(RealFileSystem, WritesAtomicallyAndReadsBack) {
  std::string dir = std::filesystem::temp_directory_path() / ("bengal-fs-test-" + std::to_string(::getpid()));
  RealFileSystem fs;
  std::string path = join_path(dir, "deep/er/file.txt");
  ASSERT_TRUE(fs.write_file(path, "hello").ok());
  auto r = fs.read_file(path);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "hello");
  auto listing = fs.list_dir(join_path(dir, "deep/er"));
  ASSERT_TRUE(listing.ok());
  EXPECT_EQ(listing->size(), 1u);  // no temporary file left behind
  EXPECT_FALSE(fs.read_file(join_path(dir, "missing")).ok());
  ASSERT_TRUE(fs.remove_file(path).ok());
  fs.prune_empty_dirs(join_path(dir, "deep/er"), dir);
  EXPECT_FALSE(fs.stat(join_path(dir, "deep")).exists);
  ASSERT_TRUE(fs.remove_tree(dir).ok());
}

// stat_below() answers as stat() of the joined path would, for real and
// in-memory file systems, and for a folder that does not exist.
TEST(FileSystem, StatBelowAnswersAsStat) {
  std::string dir = std::filesystem::temp_directory_path() / ("bengal-fs-below-" + std::to_string(::getpid()));
  RealFileSystem real;
  MemoryFileSystem memory;
  for (FileSystem* fs : std::initializer_list<FileSystem*>{&real, &memory}) {
    ASSERT_TRUE(fs->write_file(join_path(dir, "a/b/index.html"), "twelve bytes").ok());
    auto below = fs->stat_below(dir);
    for (const char* rel : {"a/b/index.html", "a/b", "a/missing.html"}) {
      const FileInfo want = fs->stat(join_path(dir, rel)), got = below->stat(rel);
      EXPECT_EQ(got.exists, want.exists) << rel;
      EXPECT_EQ(got.is_dir, want.is_dir) << rel;
      EXPECT_EQ(got.size, want.size) << rel;
      EXPECT_EQ(got.mtime_ns, want.mtime_ns) << rel;
    }
    EXPECT_EQ(below->stat("a/b/index.html").size, 12u);
    EXPECT_FALSE(fs->stat_below(join_path(dir, "nowhere"))->stat("a/b/index.html").exists);
    ASSERT_TRUE(fs->remove_tree(dir).ok());
  }
}

TEST(RealFileSystem, CreatesMissingFoldersAndRefusesAFileInTheWay) {
  std::string dir = std::filesystem::temp_directory_path() / ("bengal-fs-dirs-" + std::to_string(::getpid()));
  RealFileSystem fs;
  ASSERT_TRUE(fs.write_file(join_path(dir, "a/b/c/1.txt"), "1").ok());
  ASSERT_TRUE(fs.write_file(join_path(dir, "a/b/2.txt"), "2").ok());  // parent exists
  EXPECT_TRUE(fs.stat(join_path(dir, "a/b/c")).is_dir);
  ASSERT_TRUE(fs.write_file(join_path(dir, "file"), "x").ok());
  Status s = fs.write_file(join_path(dir, "file/under/3.txt"), "3");
  EXPECT_FALSE(s.ok());
  EXPECT_FALSE(fs.make_dirs(join_path(dir, "file")).ok());
  EXPECT_TRUE(fs.make_dirs(join_path(dir, "a/b")).ok());  // already there
  ASSERT_TRUE(fs.remove_tree(dir).ok());
}

TEST(RealFileSystem, ReadErrorNamesTheFile) {
  RealFileSystem fs;
  auto r = fs.read_file("/nonexistent/bengal/x.md");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().location.file, "/nonexistent/bengal/x.md");
}

TEST(RealFileSystem, ReadsFilesWhoseSizeIsNotKnownUpFront) {
  // /proc files stat as empty: the bytes come from reading on past the size.
  RealFileSystem fs;
  auto status = fs.read_file("/proc/self/status");
  ASSERT_TRUE(status.ok());
  EXPECT_NE(status->find("Name:"), std::string::npos);
  EXPECT_GT(status->size(), 100u);
}

TEST(RealFileSystem, ReadsALargeFileExactly) {
  RealFileSystem fs;
  std::string dir = ::testing::TempDir() + "bengal-fs-large";
  std::string bytes;
  for (int i = 0; bytes.size() < (1u << 20) + 123; ++i) bytes += std::to_string(i) + ',';
  ASSERT_TRUE(fs.write_file(dir + "/big.txt", bytes).ok());
  auto back = fs.read_file(dir + "/big.txt");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, bytes);
  (void)fs.remove_tree(dir);
}

TEST(RealFileSystem, ViewsAFileAsReadAndOutlivesItsReplacement) {
  RealFileSystem fs;
  std::string dir = ::testing::TempDir() + "bengal-fs-view";
  std::string bytes;
  for (int i = 0; bytes.size() < (1u << 20) + 77; ++i) bytes += std::to_string(i) + ';';
  ASSERT_TRUE(fs.write_file(dir + "/big.bin", bytes).ok());
  ASSERT_TRUE(fs.write_file(dir + "/empty.bin", "").ok());
  auto view = fs.view_file(dir + "/big.bin");
  ASSERT_TRUE(view.ok());
  // Replaced by rename, as the cache is: the view keeps the old bytes.
  ASSERT_TRUE(fs.write_file(dir + "/big.bin", "new").ok());
  FileView moved = std::move(view).value();
  EXPECT_EQ(moved.bytes(), bytes);
  // A range copies out as it is, and the bytes stay readable after the
  // mapping's pages are handed back.
  std::string part;
  ASSERT_TRUE(moved.copy(moved.bytes().substr(5000, 70000), part));
  EXPECT_EQ(part, bytes.substr(5000, 70000));
  moved.drop_pages();
  EXPECT_EQ(moved.bytes(), bytes);
  auto empty = fs.view_file(dir + "/empty.bin");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->bytes(), "");
  auto missing = fs.view_file(dir + "/missing.bin");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().location.file, dir + "/missing.bin");
  EXPECT_FALSE(fs.view_file(dir).ok());  // a folder
  (void)fs.remove_tree(dir);
}

TEST(MemoryFileSystem, ViewsAFileThroughReadFileAndSurvivesAMove) {
  MemoryFileSystem fs;
  fs.set_file("/a.txt", "short");  // small enough to sit inside the string itself
  auto view = fs.view_file("/a.txt");
  ASSERT_TRUE(view.ok());
  FileView a = std::move(view).value();
  FileView b = std::move(a);
  EXPECT_EQ(b.bytes(), "short");
  std::string part;
  ASSERT_TRUE(b.copy(b.bytes().substr(1, 3), part));
  EXPECT_EQ(part, "hor");
  EXPECT_FALSE(fs.view_file("/b.txt").ok());
}

}  // namespace
}  // namespace bengal

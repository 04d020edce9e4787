#include "incremental/build_memo.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace bengal::incremental {
namespace {

TEST(BuildMemo, RoundTripsAndRejectsDamage) {
  BuildMemo m;
  m.key = Hash128{1, 2};
  m.valid_until = 1234;
  m.inputs = {{"site/content/a.md", 10, 5}, {"site/static/x.css", 3, 7}};
  m.outputs = {{"a/index.html", 100, 9}};
  m.cache = {"site/.bengal/cache.bin", 50, 3};
  m.pages = 1;
  m.outputs_skipped = 4;
  m.outputs_unchanged = 1;
  m.files_copied = 1;
  std::string bytes = m.serialize();
  auto back = BuildMemo::deserialize(bytes);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->key, m.key);
  EXPECT_EQ(back->valid_until, 1234);
  EXPECT_EQ(back->inputs, m.inputs);
  EXPECT_EQ(back->outputs, m.outputs);
  EXPECT_EQ(back->cache, m.cache);
  EXPECT_EQ(back->outputs_skipped, 4u);
  for (std::size_t i = 0; i < bytes.size(); i += 7) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0x20);
    EXPECT_FALSE(BuildMemo::deserialize(bad).has_value()) << "byte " << i;
  }
  EXPECT_FALSE(BuildMemo::deserialize(bytes.substr(0, bytes.size() - 1)).has_value());
}

class MemoHolds : public ::testing::Test {
 protected:
  void SetUp() override {
    fs.set_file("/s/content/a.md", "a");
    fs.set_file("/s/templates/p.html", "p");
    fs.set_file("/s/bengal.toml", "");
    fs.set_file("/out/a/index.html", "A");
    fs.set_file("/s/.bengal/cache.bin", "cache");
    memo.key = key;
    memo.cache = stamp_cache(fs, "/s/.bengal");
    memo.inputs = stamp_inputs(fs, dirs, files);
    FileInfo out = fs.stat("/out/a/index.html");
    memo.outputs = {{"a/index.html", out.size, out.mtime_ns}};
  }
  bool holds(std::int64_t now = 100) { return memo_holds(fs, memo, key, now, dirs, files, "/out", "/s/.bengal"); }

  MemoryFileSystem fs;
  const Hash128 key{7, 7};
  const std::vector<std::string> dirs = {"/s/content", "/s/templates", "/s/static"};
  const std::vector<std::string> files = {"/s/bengal.toml"};
  BuildMemo memo;
};

TEST_F(MemoHolds, WhenNothingChanged) {
  EXPECT_EQ(memo.inputs.size(), 3u);
  EXPECT_TRUE(holds());
}

TEST_F(MemoHolds, NotAfterAnInputIsEditedAddedOrRemoved) {
  fs.set_file("/s/content/a.md", "a2");
  EXPECT_FALSE(holds());
  SetUp();
  fs.set_file("/s/static/new.css", "x");
  EXPECT_FALSE(holds());
  SetUp();
  ASSERT_TRUE(fs.remove_file("/s/templates/p.html").ok());
  EXPECT_FALSE(holds());
}

TEST_F(MemoHolds, NotAfterAnOutputIsEditedOrDeleted) {
  fs.set_file("/out/a/index.html", "edited by hand");
  EXPECT_FALSE(holds());
  SetUp();
  ASSERT_TRUE(fs.remove_file("/out/a/index.html").ok());
  EXPECT_FALSE(holds());
}

TEST_F(MemoHolds, NotWithAnotherOrADamagedCache) {
  fs.set_file("/s/.bengal/cache.bin", "damaged");
  EXPECT_FALSE(holds());
  SetUp();
  ASSERT_TRUE(fs.remove_file("/s/.bengal/cache.bin").ok());
  EXPECT_FALSE(holds());
}

TEST_F(MemoHolds, NotForAnotherKeyOrOnceTimeChangesWhatIsPublished) {
  EXPECT_FALSE(memo_holds(fs, memo, Hash128{7, 8}, 100, dirs, files, "/out", "/s/.bengal"));
  memo.valid_until = 200;
  EXPECT_TRUE(holds(199));
  EXPECT_FALSE(holds(200));
}

// Counts the stats a check makes.
class CountingFs final : public FileSystem {
 public:
  explicit CountingFs(MemoryFileSystem& fs) : fs_(fs) {}
  Result<std::string> read_file(const std::string& path) const override { return fs_.read_file(path); }
  FileInfo stat(const std::string& path) const override {
    ++stats;
    return fs_.stat(path);
  }
  Result<std::vector<DirEntry>> list_dir(const std::string& dir) const override { return fs_.list_dir(dir); }
  Status write_file(const std::string& path, std::string_view bytes) override { return fs_.write_file(path, bytes); }
  Status remove_file(const std::string& path) override { return fs_.remove_file(path); }
  Status remove_tree(const std::string& path) override { return fs_.remove_tree(path); }
  Status make_dirs(const std::string& path) override { return fs_.make_dirs(path); }
  void prune_empty_dirs(const std::string& dir, const std::string& stop) override {
    fs_.prune_empty_dirs(dir, stop);
  }
  mutable int stats = 0;

 private:
  MemoryFileSystem& fs_;
};

TEST_F(MemoHolds, TheFileSavedLastIsCheckedFirst) {
  // Many pages, one saved after the others; then it is saved again.
  for (int i = 0; i < 500; ++i) fs.set_file("/s/content/p" + std::to_string(i) + ".md", "x");
  fs.set_file("/s/content/p7.md", "saved last");
  memo.inputs = stamp_inputs(fs, dirs, files);
  ASSERT_TRUE(holds());
  fs.set_file("/s/content/p7.md", "saved again");
  CountingFs counting(fs);
  EXPECT_FALSE(memo_holds(counting, memo, key, 100, dirs, files, "/out", "/s/.bengal"));
  EXPECT_LE(counting.stats, 2);  // the cache's stamp, then the page
  // An older page's edit is still found, later.
  fs.set_file("/s/content/p7.md", "saved last");
  memo.inputs = stamp_inputs(fs, dirs, files);
  fs.set_file("/s/content/p300.md", "edited");
  EXPECT_FALSE(holds());
}

TEST(BuildMemo, SortStampsMergesRunsIntoPathOrder) {
  for (int runs : {0, 1, 2, 3, 7}) {
    std::vector<FileStamp> stamps, sorted;
    for (int r = 0; r < runs; ++r) {
      for (int i = 0; i < 5 + r; ++i) {
        stamps.push_back({"f" + std::to_string((i * 7 + r) % 23) + "-" + std::to_string(r), 1, 2});
      }
      // Each run sorted in itself, as a folder's walk is.
      std::sort(stamps.end() - (5 + r), stamps.end(),
                [](const FileStamp& a, const FileStamp& b) { return a.path < b.path; });
    }
    sorted = stamps;
    std::sort(sorted.begin(), sorted.end(), [](const FileStamp& a, const FileStamp& b) { return a.path < b.path; });
    sort_stamps(stamps);
    EXPECT_EQ(stamps, sorted) << runs << " runs";
  }
}

// load_memo() turns a memo down from its head alone when the key, the
// clock, the cache's stamp or one of the newest inputs says it is stale.
TEST(BuildMemo, SaveLoadAndForget) {
  MemoryFileSystem fs;
  fs.set_file("/s/.bengal/cache.bin", "cache");
  fs.set_file("/s/content/a.md", "a");
  const Hash128 key{1, 2};
  BuildMemo m;
  m.key = key;
  m.valid_until = 1000;
  m.pages = 3;
  m.cache = stamp_cache(fs, "/s/.bengal");
  m.inputs = stamp_inputs(fs, {"/s/content"}, {});
  ASSERT_EQ(m.inputs.size(), 1u);
  ASSERT_TRUE(save_memo(fs, "/s/.bengal", m).ok());
  auto back = load_memo(fs, "/s/.bengal", key, 100);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->pages, 3u);
  EXPECT_EQ(back->inputs, m.inputs);
  EXPECT_FALSE(load_memo(fs, "/s/.bengal", Hash128{1, 3}, 100).has_value());
  EXPECT_FALSE(load_memo(fs, "/s/.bengal", key, 1000).has_value());
  fs.set_file("/s/content/a.md", "edited");
  EXPECT_FALSE(load_memo(fs, "/s/.bengal", key, 100).has_value());
  fs.set_file("/s/content/a.md", "a");
  fs.set_file("/s/.bengal/cache.bin", "another cache");
  EXPECT_FALSE(load_memo(fs, "/s/.bengal", key, 100).has_value());
  m.cache = stamp_cache(fs, "/s/.bengal");
  m.inputs = stamp_inputs(fs, {"/s/content"}, {});
  ASSERT_TRUE(save_memo(fs, "/s/.bengal", m).ok());
  EXPECT_TRUE(load_memo(fs, "/s/.bengal", key, 100).has_value());
  forget_memo(fs, "/s/.bengal");
  EXPECT_FALSE(load_memo(fs, "/s/.bengal", key, 100).has_value());
}

}  // namespace
}  // namespace bengal::incremental

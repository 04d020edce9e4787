// Watcher tests on real temporary folders. Every wait has a timeout; waits
// that expect silence are short.
#include "server/watcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace bengal::server {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr auto kEventTimeout = 5000ms;  // generous: a loaded CI machine
constexpr auto kQuiet = 150ms;          // how long we listen for "nothing happens"

class WatcherTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/bengal-watch-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    write("content/a.md", "A");
    write("content/blog/b.md", "B");
    fs::create_directories(root_ + "/public");
    fs::create_directories(root_ + "/.bengal");
  }
  void TearDown() override {
    watcher_.reset();
    fs::remove_all(root_);
  }

  WatchOptions options() const {
    WatchOptions o;
    o.root = root_;
    o.ignored_dirs = {root_ + "/public", root_ + "/.bengal"};
    o.settle = 20ms;
    o.settle_after_close = 20ms;  // bursts below must stay one batch even on a loaded machine
    o.poll_interval = 20ms;
    o.force_polling = GetParam();
    return o;
  }
  void start(WatchOptions o) { watcher_ = make_watcher(o); }
  void start() { start(options()); }

  void write(const std::string& rel, const std::string& text) {
    fs::path p = fs::path(root_) / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  std::string abs(const std::string& rel) const { return root_ + "/" + rel; }

  // Waits for batches until one mentions `rel` (polling may split a burst).
  ChangeBatch wait_for(const std::string& rel) {
    ChangeBatch all;
    auto deadline = std::chrono::steady_clock::now() + kEventTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      auto b = watcher_->wait(100ms);
      if (!b) continue;
      all.overflow = all.overflow || b->overflow;
      all.paths.insert(all.paths.end(), b->paths.begin(), b->paths.end());
      if (std::find(all.paths.begin(), all.paths.end(), abs(rel)) != all.paths.end()) return all;
    }
    ADD_FAILURE() << "no change reported for " << rel;
    return all;
  }
  bool has(const ChangeBatch& b, const std::string& rel) const {
    return std::find(b.paths.begin(), b.paths.end(), abs(rel)) != b.paths.end();
  }

  std::string root_;
  std::unique_ptr<Watcher> watcher_;
};

TEST_P(WatcherTest, ReportsAnEditedFile) {
  start();
  EXPECT_EQ(watcher_->mode(), GetParam() ? "polling" : "inotify");
  write("content/a.md", "A, edited");
  ChangeBatch b = wait_for("content/a.md");
  EXPECT_FALSE(has(b, "content/blog/b.md"));
}

TEST_P(WatcherTest, WriteThenRenameSaveIsOneChangeOfTheTarget) {
  start();
  // What vim (backupcopy=no) and most editors do: write a temporary file,
  // rename it over the original, with swap and backup files around.
  write("content/.a.md.swp", "swap");
  write("content/a.md~", "backup");
  write("content/a.md.tmp", "A, saved");
  fs::rename(abs("content/a.md.tmp"), abs("content/a.md"));
  fs::remove(abs("content/a.md~"));
  ChangeBatch b = wait_for("content/a.md");
  for (const std::string& p : b.paths) {
    EXPECT_TRUE(p == abs("content/a.md") || p == abs("content/a.md.tmp"))
        << "noise reported: " << p;
  }
  EXPECT_FALSE(watcher_->wait(kQuiet).has_value())
      << "the burst must not spill into a second batch";
}

TEST_P(WatcherTest, FilesInANewFolderAreSeenEvenWhenWrittenAtOnce) {
  start();
  // The file lands before the watcher can add a watch on the new folder:
  // only the rescan of new folders finds it.
  write("content/new/deeper/page.md", "new");
  wait_for("content/new/deeper/page.md");
  write("content/new/deeper/page.md", "edited in a folder that is now watched");
  wait_for("content/new/deeper/page.md");
}

TEST_P(WatcherTest, ReportsDeletesAndRenames) {
  start();
  fs::remove(abs("content/blog/b.md"));
  wait_for("content/blog/b.md");
  fs::rename(abs("content/a.md"), abs("content/renamed.md"));
  ChangeBatch b = wait_for("content/renamed.md");
  EXPECT_TRUE(has(b, "content/a.md") || !GetParam())
      << "polling sees the old name vanish in the same scan";
}

TEST_P(WatcherTest, RenamedFoldersAreFollowed) {
  start();
  fs::rename(abs("content/blog"), abs("content/posts"));
  wait_for("content/posts/b.md");  // files of a folder moved in are reported
  write("content/posts/c.md", "C");
  wait_for("content/posts/c.md");
}

TEST_P(WatcherTest, IgnoresOutputCacheHiddenFoldersAndNoise) {
  start();
  write("public/index.html", "built elsewhere");
  write(".bengal/cache.bin", "cache");
  write(".git/index", "git");
  write("content/.a.md.swp", "swap");
  write("content/4913", "");
  EXPECT_FALSE(watcher_->wait(kQuiet).has_value());
}

TEST_P(WatcherTest, StopWakesAWaitingWatcher) {
  start();
  std::thread stopper([&] {
    std::this_thread::sleep_for(30ms);
    watcher_->stop();
  });
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_FALSE(watcher_->wait(std::chrono::milliseconds(20000)).has_value());
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 10s);
}

INSTANTIATE_TEST_SUITE_P(Modes, WatcherTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Polling" : "Inotify"; });

class InotifyWatcherTest : public WatcherTest {};

TEST_P(InotifyWatcherTest, ABurstOfWritesIsOneBatch) {
  start();
  for (int i = 0; i < 20; ++i) write("content/burst-" + std::to_string(i) + ".md", "x");
  auto b = watcher_->wait(kEventTimeout);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->paths.size(), 20u);
  EXPECT_FALSE(watcher_->wait(kQuiet).has_value());
}

TEST_P(InotifyWatcherTest, ExhaustedAtStartFallsBackToPolling) {
  WatchOptions o = options();
  o.force_polling = false;
  o.watch_limit = 1;  // root only: content/ and content/blog/ cannot be watched
  start(o);
  EXPECT_EQ(watcher_->mode(), "polling");
  EXPECT_NE(watcher_->notice().find("max_user_watches"), std::string::npos) << watcher_->notice();
  write("content/blog/b.md", "B, edited");
  wait_for("content/blog/b.md");
}

TEST_P(InotifyWatcherTest, ExhaustedLaterHandsOverToPolling) {
  WatchOptions o = options();
  o.force_polling = false;
  o.watch_limit = 3;  // root, content, content/blog: nothing left for new folders
  start(o);
  EXPECT_EQ(watcher_->mode(), "inotify");
  write("content/new/page.md", "new");
  auto b = watcher_->wait(kEventTimeout);
  ASSERT_TRUE(b.has_value());
  EXPECT_TRUE(b->overflow) << "events may have been lost during the hand-over";
  EXPECT_EQ(watcher_->mode(), "polling");
  write("content/new/page.md", "edited");
  wait_for("content/new/page.md");
}

INSTANTIATE_TEST_SUITE_P(Only, InotifyWatcherTest, ::testing::Values(false),
                         [](const auto&) { return "Inotify"; });

TEST(BatchCollector, AFinishedFileClosesTheBatchSooner) {
  using Clock = BatchCollector::Clock;
  BatchCollector c(10ms, 100ms, 2ms);
  Clock::time_point t0{};
  c.add("/a.md", t0, false);  // a write in progress
  EXPECT_EQ(c.due(), t0 + 10ms);
  c.add("/a.md", t0 + 1ms, true);  // closed after writing
  EXPECT_EQ(c.due(), t0 + 3ms);
  c.add("/b.md", t0 + 2ms, false);  // another file starts: wait the full settle again
  EXPECT_EQ(c.due(), t0 + 12ms);
}

TEST(BatchCollector, ClosesAfterSettleOrMaxDelay) {
  using Clock = BatchCollector::Clock;
  BatchCollector c(10ms, 100ms);
  EXPECT_TRUE(c.empty());
  Clock::time_point t0{};
  c.add("/b", t0);
  EXPECT_EQ(c.due(), t0 + 10ms);
  c.add("/a", t0 + 5ms);
  EXPECT_EQ(c.due(), t0 + 15ms);
  for (int i = 1; i < 20; ++i) c.add("/a", t0 + i * 9ms);
  EXPECT_EQ(c.due(), t0 + 100ms) << "a never-ending burst still closes";
  ChangeBatch b = c.take();
  EXPECT_EQ(b.paths, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_EQ(b.first_event, t0);
  EXPECT_TRUE(c.empty());
}

}  // namespace
}  // namespace bengal::server

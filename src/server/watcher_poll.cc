// Polling watcher (POSIX): rescans the tree every poll interval. Used where
// inotify is unavailable or its watch limit is exhausted.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/fs.h"
#include "server/watcher.h"

namespace bengal::server {

namespace {

std::int64_t ns_of(const struct timespec& ts) {
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

using Snapshot = std::unordered_map<std::string, ScanStamp>;

bool same(const ScanStamp& a, const ScanStamp& b) {
  return a.size == b.size && a.mtime_ns == b.mtime_ns && a.ctime_ns == b.ctime_ns &&
         a.inode == b.inode;
}

class PollingWatcher final : public Watcher {
 public:
  PollingWatcher(const WatchOptions& options, std::string notice)
      : scope_(options.root, options.ignored_dirs),
        interval_(options.poll_interval),
        notice_(std::move(notice)) {
    snapshot_ = scan();
    last_scan_ = std::chrono::steady_clock::now();
  }

  std::optional<ChangeBatch> wait(std::chrono::milliseconds timeout) override {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      auto next = last_scan_ + interval_;
      {
        std::unique_lock lock(mu_);
        if (cv_.wait_until(lock, std::min(next, deadline), [&] { return stopped_; }))
          return std::nullopt;
      }
      if (next > deadline) return std::nullopt;
      Snapshot now = scan();
      last_scan_ = std::chrono::steady_clock::now();
      ChangeBatch batch;
      for (const auto& [path, stamp] : now) {
        auto it = snapshot_.find(path);
        if (it == snapshot_.end() || !same(it->second, stamp)) batch.paths.push_back(path);
      }
      for (const auto& [path, stamp] : snapshot_) {
        if (now.find(path) == now.end()) batch.paths.push_back(path);
      }
      snapshot_ = std::move(now);
      if (batch.paths.empty()) continue;
      std::sort(batch.paths.begin(), batch.paths.end());
      batch.first_event = last_scan_;
      return batch;
    }
  }

  void stop() override {
    std::lock_guard lock(mu_);
    stopped_ = true;
    cv_.notify_all();
  }

  bool pending() override { return false; }
  std::string_view mode() const override { return "polling"; }
  std::string notice() const override { return notice_; }

 private:
  Snapshot scan() const {
    Snapshot out;
    scan_tree(
        scope_, scope_.root(), [](const std::string&) { return true; },
        [&](const std::string& path, const ScanStamp& stamp) { out.emplace(path, stamp); });
    return out;
  }

  WatchScope scope_;
  std::chrono::milliseconds interval_;
  std::string notice_;
  Snapshot snapshot_;
  std::chrono::steady_clock::time_point last_scan_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopped_ = false;
};

}  // namespace

void scan_tree(
    const WatchScope& scope, const std::string& dir,
    const std::function<bool(const std::string& path)>& on_dir,
    const std::function<void(const std::string& path, const ScanStamp& stamp)>& on_file) {
  std::set<std::pair<dev_t, ino_t>> seen;
  std::vector<std::string> stack{dir};
  while (!stack.empty()) {
    std::string cur = std::move(stack.back());
    stack.pop_back();
    struct stat st;
    if (::stat(cur.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) continue;
    if (!seen.insert({st.st_dev, st.st_ino}).second) continue;  // a link back up the tree
    if (!on_dir(cur)) continue;
    DIR* d = ::opendir(cur.c_str());
    if (d == nullptr) continue;
    while (struct dirent* ent = ::readdir(d)) {
      std::string_view name(ent->d_name);
      if (name == "." || name == "..") continue;
      std::string path = join_path(cur, name);
      if (::fstatat(::dirfd(d), ent->d_name, &st, 0) != 0)
        continue;  // follows links, like the build
      if (S_ISDIR(st.st_mode)) {
        if (!scope.skips_dir(path)) stack.push_back(std::move(path));
      } else if (S_ISREG(st.st_mode) && !scope.skips_file(path)) {
        on_file(path, ScanStamp{static_cast<std::uint64_t>(st.st_size), ns_of(st.st_mtim),
                                ns_of(st.st_ctim), static_cast<std::uint64_t>(st.st_ino), false});
      }
    }
    ::closedir(d);
  }
}

std::unique_ptr<Watcher> make_polling_watcher(const WatchOptions& options, std::string notice) {
  return std::make_unique<PollingWatcher>(options, std::move(notice));
}

}  // namespace bengal::server

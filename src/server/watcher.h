// Watcher: tells the dev server when files under the site root changed.
//
// Changes arrive in batches: a batch opens with the first relevant event and
// closes once `settle` passes without another (or `max_delay` after it
// opened), so an editor's save burst (write temp file, rename over the
// original, delete the backup) or a `git checkout` is one rebuild. When the
// last event finished a file (closed after writing, or renamed into place)
// and no file is still being written, the shorter `settle_after_close`
// applies: the save is complete, only a sibling save could still follow.
// Editor noise and skipped folders never open a batch (watch_filter.h).
//
// make_watcher() prefers inotify (watcher_inotify.cc): one watch per folder,
// new folders watched as they appear and rescanned at once, since files may
// land in them before the watch exists. When inotify is unavailable, or the
// kernel's watch limit (fs.inotify.max_user_watches) runs out, at start or
// later, it falls back to polling (watcher_poll.cc): the tree is rescanned
// every `poll_interval` and compared by size, mtime, ctime and inode. The
// fallback is announced through notice().
//
// Thread-safety: wait() and pending() from one thread at a time; stop(),
// mode() and notice() from any thread (stop() wakes wait()).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/watch_filter.h"

namespace bengal::server {

struct WatchOptions {
  std::string root;                       // absolute, normalised
  std::vector<std::string> ignored_dirs;  // absolute; nothing below them is watched
  std::chrono::milliseconds settle{10};
  std::chrono::milliseconds settle_after_close{2};
  std::chrono::milliseconds max_delay{300};
  std::chrono::milliseconds poll_interval{250};
  bool force_polling = false;
  std::size_t watch_limit =
      0;  // test hook: act as if inotify allowed only this many watches (0: no limit)
};

struct ChangeBatch {
  std::vector<std::string> paths;  // absolute, sorted, unique (files and folders)
  bool overflow = false;           // events were lost: anything may have changed
  std::chrono::steady_clock::time_point first_event{};
};

class Watcher {
 public:
  virtual ~Watcher() = default;
  // Blocks until a batch is complete and returns it; nullopt when `timeout`
  // passes with no event, or after stop().
  virtual std::optional<ChangeBatch> wait(std::chrono::milliseconds timeout) = 0;
  virtual void stop() = 0;
  // Without blocking: true when changes arrived since wait() last returned
  // (they open the next batch). A build that saw this may have read a file
  // halfway through being written. The polling watcher cannot tell: false.
  virtual bool pending() = 0;
  virtual std::string_view mode() const = 0;  // "inotify" or "polling"
  // Why the watcher is polling (limit reached, inotify unavailable), or empty.
  virtual std::string notice() const = 0;
};

std::unique_ptr<Watcher> make_watcher(const WatchOptions& options);

// --- for the implementations -----------------------------------------------

// Collects one batch: paths and the times that decide when it is complete.
class BatchCollector {
 public:
  using Clock = std::chrono::steady_clock;
  BatchCollector(std::chrono::milliseconds settle, std::chrono::milliseconds max_delay,
                 std::chrono::milliseconds settle_after_close = std::chrono::milliseconds(0))
      : settle_(settle), settle_after_close_(settle_after_close), max_delay_(max_delay) {}

  // `finished`: this event completed a file (IN_CLOSE_WRITE, IN_MOVED_TO);
  // if it is the last one, the batch may close after settle_after_close.
  void add(std::string path, Clock::time_point now, bool finished = false);
  void add_overflow(Clock::time_point now);
  bool empty() const { return !open_; }
  Clock::time_point due() const;     // when quiet long enough (only when !empty())
  Clock::time_point latest() const;  // when the batch closes whatever happens
  ChangeBatch take();

 private:
  void touch(Clock::time_point now);

  std::chrono::milliseconds settle_, settle_after_close_, max_delay_;
  bool open_ = false;
  bool last_finished_ = false;
  ChangeBatch batch_;
  Clock::time_point last_{};
};

// Walks the folders under `dir` that `scope` does not skip, depth first,
// following symbolic links to folders once (cycles are cut by device and
// inode). `on_dir` sees every folder (`dir` included) and returns false to
// stop descending; `on_file` sees files that are not noise.
struct ScanStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  bool is_dir = false;
};
void scan_tree(const WatchScope& scope, const std::string& dir,
               const std::function<bool(const std::string& path)>& on_dir,
               const std::function<void(const std::string& path, const ScanStamp& stamp)>& on_file);

// The platform watchers. make_inotify_watcher returns null (and says why in
// `why_not`) when inotify cannot watch the tree.
std::unique_ptr<Watcher> make_inotify_watcher(const WatchOptions& options, std::string& why_not);
std::unique_ptr<Watcher> make_polling_watcher(const WatchOptions& options, std::string notice);

}  // namespace bengal::server

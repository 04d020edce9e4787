// inotify watcher (Linux): one watch per folder. New folders are watched as
// they appear and rescanned at once, because files can land in them before
// the watch exists. If the kernel's watch limit runs out, it hands over to
// the polling watcher for the rest of the session.
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <unordered_map>

#include "core/fs.h"
#include "core/text.h"
#include "server/watcher.h"

namespace bengal::server {

namespace {

// IN_MODIFY (a truncation or a write in progress) keeps a batch open until
// the writer is quiet, and makes pending() true when it happens during a
// build. A new file's IN_CREATE is not an event of its own: its content is
// reported by IN_CLOSE_WRITE. Folders are reported on IN_CREATE (and
// rescanned).
constexpr std::uint32_t kMask = IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM |
                                IN_CREATE | IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF |
                                IN_ONLYDIR | IN_EXCL_UNLINK;

std::string limit_notice() {
  std::string limit = "?";
  std::ifstream in("/proc/sys/fs/inotify/max_user_watches");
  in >> limit;
  return "the inotify watch limit is reached (fs.inotify.max_user_watches = " + limit +
         "); watching by polling instead. To raise it: sudo sysctl "
         "fs.inotify.max_user_watches=524288";
}

class InotifyWatcher final : public Watcher {
 public:
  explicit InotifyWatcher(const WatchOptions& options)
      : options_(options),
        scope_(options.root, options.ignored_dirs),
        collector_(options.settle, options.max_delay, options.settle_after_close) {}

  ~InotifyWatcher() override {
    if (fd_ >= 0) ::close(fd_);
    if (stop_fd_ >= 0) ::close(stop_fd_);
  }

  // False (with `why_not`) when the tree cannot be watched.
  bool start(std::string& why_not) {
    fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0) {
      why_not = std::string("inotify is unavailable (") + std::strerror(errno) +
                "); watching by polling instead";
      return false;
    }
    stop_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (stop_fd_ < 0) {
      why_not = std::string("cannot create an eventfd (") + std::strerror(errno) +
                "); watching by polling instead";
      return false;
    }
    add_tree(scope_.root(), false, {});
    if (exhausted_) {
      why_not = limit_notice();
      return false;
    }
    return true;
  }

  std::optional<ChangeBatch> wait(std::chrono::milliseconds timeout) override {
    if (Watcher* fb = fallback()) return fb->wait(timeout);
    using Clock = std::chrono::steady_clock;
    auto deadline = Clock::now() + timeout;
    while (true) {
      if (stopped_.load()) return std::nullopt;
      if (exhausted_) return hand_over(Clock::now());
      auto now = Clock::now();
      Clock::time_point due{};
      if (!collector_.empty()) {
        // A file still open for writing keeps the batch open (up to its limit).
        due = writers_active(now) ? collector_.latest() : collector_.due();
        if (now >= due) return collector_.take();
      } else if (now >= deadline) {
        return std::nullopt;
      }
      auto wake = collector_.empty() ? deadline : std::min(due, now + std::chrono::milliseconds(5));
      auto ms = std::chrono::ceil<std::chrono::milliseconds>(wake - now).count();
      struct pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
      int n = ::poll(fds, 2, static_cast<int>(std::max<long long>(ms, 0)));
      if (n < 0 && errno != EINTR) return std::nullopt;
      if (n <= 0) continue;
      if (fds[1].revents & POLLIN) return std::nullopt;
      if (fds[0].revents & POLLIN) drain(Clock::now());
    }
  }

  void stop() override {
    std::lock_guard lock(fallback_mu_);
    stopped_.store(true);
    std::uint64_t one = 1;
    if (stop_fd_ >= 0) (void)!::write(stop_fd_, &one, sizeof one);
    if (fallback_) fallback_->stop();
  }

  bool pending() override {
    if (fallback()) return false;
    auto now = std::chrono::steady_clock::now();
    drain(now);
    return !collector_.empty() || writers_active(now);
  }

  std::string_view mode() const override {
    std::lock_guard lock(fallback_mu_);
    return fallback_ ? "polling" : "inotify";
  }
  std::string notice() const override {
    std::lock_guard lock(fallback_mu_);
    return fallback_ ? fallback_->notice() : std::string();
  }

 private:
  // Files modified but not closed yet; a writer quiet for max_delay no longer counts.
  bool writers_active(std::chrono::steady_clock::time_point now) {
    for (auto it = writing_.begin(); it != writing_.end();) {
      it = now - it->second > options_.max_delay ? writing_.erase(it) : std::next(it);
    }
    return !writing_.empty();
  }

  Watcher* fallback() {
    std::lock_guard lock(fallback_mu_);
    return fallback_.get();
  }

  // The kernel refused a watch mid-session: changes from here on would be
  // missed, so poll instead, and rebuild once for whatever was lost.
  ChangeBatch hand_over(std::chrono::steady_clock::time_point now) {
    auto poller = make_polling_watcher(options_, limit_notice());
    {
      std::lock_guard lock(fallback_mu_);
      if (stopped_.load()) poller->stop();
      fallback_ = std::move(poller);
    }
    ::close(fd_);
    fd_ = -1;
    collector_.add_overflow(now);
    return collector_.take();
  }

  bool add_watch(const std::string& dir) {
    if (exhausted_) return false;
    if (options_.watch_limit != 0 && by_path_.size() >= options_.watch_limit) {
      exhausted_ = true;
      return false;
    }
    int wd = ::inotify_add_watch(fd_, dir.c_str(), kMask);
    if (wd < 0) {
      if (errno == ENOSPC) exhausted_ = true;
      return false;  // ENOENT: the folder went away meanwhile; its parent reports that
    }
    auto old = dirs_.find(wd);
    if (old != dirs_.end() && old->second != dir)
      by_path_.erase(old->second);  // a folder moved within the tree
    dirs_[wd] = dir;
    by_path_[dir] = wd;
    return true;
  }

  void add_tree(const std::string& dir, bool report_files,
                std::chrono::steady_clock::time_point now) {
    scan_tree(
        scope_, dir, [&](const std::string& d) { return add_watch(d); },
        [&](const std::string& path, const ScanStamp&) {
          if (report_files) collector_.add(path, now);
        });
  }

  void forget_tree(const std::string& dir) {
    auto forget = [&](std::map<std::string, int>::iterator it) {
      ::inotify_rm_watch(fd_, it->second);
      dirs_.erase(it->second);
      return by_path_.erase(it);
    };
    if (auto it = by_path_.find(dir); it != by_path_.end()) forget(it);
    const std::string prefix = dir + "/";
    for (auto it = by_path_.lower_bound(prefix);
         it != by_path_.end() && starts_with(it->first, prefix);) {
      it = forget(it);
    }
  }

  void drain(std::chrono::steady_clock::time_point now) {
    alignas(struct inotify_event) char buf[64 * 1024];
    while (true) {
      ssize_t len = ::read(fd_, buf, sizeof buf);
      if (len <= 0) return;  // EAGAIN: drained
      for (char* p = buf; p < buf + len;) {
        auto* ev = reinterpret_cast<struct inotify_event*>(p);
        p += sizeof(struct inotify_event) + ev->len;
        handle(*ev, now);
      }
    }
  }

  void handle(const struct inotify_event& ev, std::chrono::steady_clock::time_point now) {
    if (ev.mask & IN_Q_OVERFLOW) {
      // Events were dropped: rebuild, and re-watch folders we may have missed.
      collector_.add_overflow(now);
      add_tree(scope_.root(), false, now);
      return;
    }
    auto it = dirs_.find(ev.wd);
    if (it == dirs_.end()) return;
    if (ev.mask & IN_IGNORED) {
      by_path_.erase(it->second);
      dirs_.erase(it);
      return;
    }
    if (ev.mask & (IN_DELETE_SELF | IN_MOVE_SELF)) return;  // the parent folder reports it
    std::string path = ev.len ? join_path(it->second, ev.name) : it->second;
    if (ev.mask & IN_ISDIR) {
      if (scope_.skips_dir(path)) return;
      if (ev.mask & (IN_CREATE | IN_MOVED_TO)) {
        add_tree(path, true, now);
      } else if (ev.mask & (IN_DELETE | IN_MOVED_FROM)) {
        forget_tree(path);
      }
      collector_.add(std::move(path), now);
      return;
    }
    if (scope_.skips_file(path)) return;
    if (ev.mask & IN_CREATE) {
      // Only links are complete on creation; written files arrive with IN_CLOSE_WRITE.
      struct stat st;
      if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return;
    }
    if (ev.mask & IN_MODIFY) {
      writing_[path] = now;
    } else if (ev.mask & (IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)) {
      writing_.erase(path);
    }
    collector_.add(std::move(path), now, (ev.mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) != 0);
  }

  WatchOptions options_;
  WatchScope scope_;
  BatchCollector collector_;
  int fd_ = -1;
  int stop_fd_ = -1;
  bool exhausted_ = false;
  std::unordered_map<int, std::string> dirs_;  // watch descriptor -> folder
  std::unordered_map<std::string, std::chrono::steady_clock::time_point>
      writing_;                         // last IN_MODIFY
  std::map<std::string, int> by_path_;  // folder -> watch descriptor
  std::atomic<bool> stopped_{false};
  mutable std::mutex fallback_mu_;
  std::unique_ptr<Watcher> fallback_;
};

}  // namespace

std::unique_ptr<Watcher> make_inotify_watcher(const WatchOptions& options, std::string& why_not) {
  auto w = std::make_unique<InotifyWatcher>(options);
  if (!w->start(why_not)) return nullptr;
  return w;
}

}  // namespace bengal::server

#include "server/watcher.h"

#include <algorithm>

namespace bengal::server {

void BatchCollector::touch(Clock::time_point now) {
  if (!open_) {
    open_ = true;
    batch_.first_event = now;
  }
  last_ = now;
}

void BatchCollector::add(std::string path, Clock::time_point now, bool finished) {
  touch(now);
  last_finished_ = finished;
  batch_.paths.push_back(std::move(path));
}

void BatchCollector::add_overflow(Clock::time_point now) {
  touch(now);
  last_finished_ = false;
  batch_.overflow = true;
}

BatchCollector::Clock::time_point BatchCollector::due() const {
  auto quiet = last_finished_ && settle_after_close_ > std::chrono::milliseconds(0)
                   ? settle_after_close_
                   : settle_;
  return std::min(last_ + std::min(quiet, settle_), batch_.first_event + max_delay_);
}

BatchCollector::Clock::time_point BatchCollector::latest() const {
  return batch_.first_event + max_delay_;
}

ChangeBatch BatchCollector::take() {
  ChangeBatch out = std::move(batch_);
  batch_ = ChangeBatch{};
  open_ = false;
  last_finished_ = false;
  std::sort(out.paths.begin(), out.paths.end());
  out.paths.erase(std::unique(out.paths.begin(), out.paths.end()), out.paths.end());
  return out;
}

std::unique_ptr<Watcher> make_watcher(const WatchOptions& options) {
  if (options.force_polling) return make_polling_watcher(options, "");
  std::string why_not;
  if (auto w = make_inotify_watcher(options, why_not)) return w;
  return make_polling_watcher(options, why_not);
}

}  // namespace bengal::server

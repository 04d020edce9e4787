#include "core/thread_pool.h"

#include <algorithm>

namespace bengal {

namespace {
thread_local bool t_inside_pool = false;
}

unsigned ThreadPool::hardware_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

ThreadPool::ThreadPool(unsigned threads) : size_(threads == 0 ? hardware_threads() : threads) {
  threads_.reserve(size_ - 1);
  for (unsigned w = 1; w < size_; ++w) threads_.emplace_back([this, w] { worker_loop(w); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

void ThreadPool::run_chunks(unsigned worker) {
  while (true) {
    std::size_t begin = next_.fetch_add(grain_, std::memory_order_relaxed);
    if (begin >= count_) return;
    std::size_t end = std::min(count_, begin + grain_);
    for (std::size_t i = begin; i < end; ++i) (*body_)(i, worker);
  }
}

void ThreadPool::worker_loop(unsigned worker) {
  t_inside_pool = true;
  std::uint64_t seen = 0;
  while (true) {
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
    }
    run_chunks(worker);
    {
      std::lock_guard lock(mu_);
      if (--active_ == 0) done_.notify_one();
    }
  }
}

void ThreadPool::parallel_for(std::size_t count, const Body& fn, std::size_t grain) {
  if (count == 0) return;
  if (size_ == 1 || count == 1 || t_inside_pool) {
    for (std::size_t i = 0; i < count; ++i) fn(i, 0);
    return;
  }
  std::lock_guard call_lock(call_mu_);
  if (grain == 0) {
    // Small chunks balance uneven work; capping keeps atomic traffic low.
    grain = std::clamp<std::size_t>(count / (size_ * 16), 1, 64);
  }
  {
    std::lock_guard lock(mu_);
    body_ = &fn;
    count_ = count;
    grain_ = grain;
    next_.store(0, std::memory_order_relaxed);
    active_ = size_ - 1;
    ++generation_;
  }
  wake_.notify_all();
  t_inside_pool = true;
  run_chunks(0);
  t_inside_pool = false;
  std::unique_lock lock(mu_);
  done_.wait(lock, [&] { return active_ == 0; });
  body_ = nullptr;
}

}  // namespace bengal

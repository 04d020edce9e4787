// ThreadPool: a fixed set of workers that run index ranges in parallel.
//
// parallel_for(count, fn) calls fn(index, worker) once for every index in
// [0, count); `worker` is in [0, size()) and is stable for the duration of one
// call, so callers keep per-worker state (a render pipeline, a diagnostics
// list) in a vector indexed by worker and never lock on the hot path. Indexes
// are handed out dynamically in chunks, so uneven pages balance out.
//
// The calling thread takes part as worker 0; a pool of size 1 runs everything
// inline, in index order. A parallel_for issued from inside a worker runs
// inline on that worker (no nested parallelism, no deadlock).
//
// Thread-safety: one parallel_for at a time per pool (calls are serialised by
// a mutex); `fn` must be safe to call concurrently for distinct indexes.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bengal {

class ThreadPool {
 public:
  using Body = std::function<void(std::size_t index, unsigned worker)>;

  // `threads` = 0 means one per hardware thread.
  explicit ThreadPool(unsigned threads = 0);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  unsigned size() const { return size_; }

  // `grain` indexes are claimed at a time (0 = choose from count and size).
  void parallel_for(std::size_t count, const Body& fn, std::size_t grain = 0);

  static unsigned hardware_threads();

 private:
  void worker_loop(unsigned worker);
  void run_chunks(unsigned worker);

  unsigned size_;
  std::vector<std::thread> threads_;

  std::mutex call_mu_;  // serialises parallel_for calls

  std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::uint64_t generation_ = 0;
  unsigned active_ = 0;  // helpers still working on the current generation
  bool stop_ = false;

  // The current job; written under mu_ before generation_ is bumped.
  const Body* body_ = nullptr;
  std::size_t count_ = 0;
  std::size_t grain_ = 1;
  std::atomic<std::size_t> next_{0};
};

}  // namespace bengal

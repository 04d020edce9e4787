// BuildLock: one build at a time per site. A second `bengal build` (or
// `serve`) on the same site waits for the first, saying so, and gives up
// with a clear message after a timeout. The lock is an flock on
// <cache_dir>/lock, so it is released automatically if the holder dies.
//
// Thread-safety: one owner; the lock is held until destruction.
#pragma once

#include <functional>
#include <string>

#include "core/result.h"

namespace bengal::incremental {

class BuildLock {
 public:
  BuildLock() = default;
  ~BuildLock();
  BuildLock(BuildLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  BuildLock& operator=(BuildLock&&) = delete;

  // Takes the lock, creating `cache_dir` if needed. When another process
  // holds it, calls `waiting(pid)` once and polls until `timeout_ms` passes.
  static Result<BuildLock> acquire(const std::string& cache_dir, int timeout_ms,
                                   const std::function<void(long holder_pid)>& waiting);

 private:
  int fd_ = -1;
};

}  // namespace bengal::incremental

// Stopwatch: monotonic wall time for stage timings. Not thread-safe (one owner).
#pragma once

#include <chrono>

namespace bengal {

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  void restart() { start_ = std::chrono::steady_clock::now(); }
  double elapsed_ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

// CPU time (user + system) of this process so far, in milliseconds.
double process_cpu_ms();
// Peak resident set size of this process, in KiB (VmHWM).
long peak_rss_kib();

}  // namespace bengal

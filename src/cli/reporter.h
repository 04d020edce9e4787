// Terminal output for long commands: a live progress line on a TTY, the
// diagnostics report and the end-of-build summary.
//
// The progress line is redrawn by a background thread ten times a second
// while a stage runs; advance() is an atomic add, so workers never wait on
// the terminal. Nothing is drawn when stderr is not a terminal or in quiet
// mode.
//
// Thread-safety: advance() from any thread; everything else from the thread
// that runs the command.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include "build/build.h"
#include "core/progress.h"

namespace bengal::cli {

enum class Verbosity { kQuiet, kNormal, kVerbose };

class TerminalProgress final : public Progress {
 public:
  explicit TerminalProgress(bool enabled);
  ~TerminalProgress() override;
  void begin_stage(std::string_view name, std::size_t total) override;
  void advance(std::size_t n) override { done_.fetch_add(n, std::memory_order_relaxed); }
  void end_stage() override;

 private:
  void draw_loop();

  bool enabled_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
  std::string stage_;
  std::size_t total_ = 0;
  std::atomic<std::size_t> done_{0};
  bool active_ = false;
  bool stop_ = false;
  std::chrono::steady_clock::time_point started_;
};

// Prints diagnostics (capped) to stderr; returns how many were printed.
std::size_t print_diagnostics(const DiagnosticList& diags, Verbosity v, bool color);

// One-paragraph summary of a finished build, to stderr.
void print_build_summary(const build::BuildResult& r, Verbosity v, bool color);

// "1234567" -> "1,234,567"
std::string with_commas(std::size_t n);

}  // namespace bengal::cli

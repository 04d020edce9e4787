// Runs `bengal serve` (the real binary) as a child process for CLI tests:
// stderr is captured, every wait is bounded, and the destructor kills the
// child if a test left it running, so no test leaves a process behind.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace bengal::testing {

class ServeProcess {
 public:
  explicit ServeProcess(const std::vector<std::string>& args);
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Reads stderr until it contains `needle`; false on timeout or exit.
  bool wait_for_output(const std::string& needle, std::chrono::milliseconds timeout);
  const std::string& output() const { return err_; }
  // The port from "http://127.0.0.1:PORT/" in the output, or 0.
  int port() const;
  // Sends `sig` and waits for the exit; the exit code, -1 on timeout (then killed).
  int stop(int sig, std::chrono::milliseconds timeout);
  // Waits for the process to exit by itself; the exit code, -1 on timeout (then killed).
  int wait_exit(std::chrono::milliseconds timeout);

 private:
  void drain(int timeout_ms);

  pid_t pid_ = -1;
  int err_fd_ = -1;
  std::string err_;
  int exit_code_ = -1;
};

}  // namespace bengal::testing

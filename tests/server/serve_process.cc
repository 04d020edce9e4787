#include "serve_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string_view>
#include <thread>

#include "support/run_bengal.h"

namespace bengal::testing {

ServeProcess::ServeProcess(const std::vector<std::string>& args) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return;
  std::vector<std::string> envs = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "NO_COLOR=1"};
  pid_ = ::fork();
  if (pid_ == 0) {
    int devnull = ::open("/dev/null", O_RDWR);
    ::dup2(devnull, 0);
    ::dup2(devnull, 1);
    ::dup2(pipe_fds[1], 2);
    // A test runner may have SIGINT ignored or blocked; the server must see it.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    std::vector<char*> argv{const_cast<char*>(bengal_binary())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& e : envs) envp.push_back(e.data());
    envp.push_back(nullptr);
    ::execve(bengal_binary(), argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  err_fd_ = pipe_fds[0];
  ::fcntl(err_fd_, F_SETFL, O_NONBLOCK);
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0 && exit_code_ == -1) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (err_fd_ >= 0) ::close(err_fd_);
}

void ServeProcess::drain(int timeout_ms) {
  if (err_fd_ < 0) return;
  struct pollfd p = {err_fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return;
  char buf[4096];
  while (true) {
    ssize_t n = ::read(err_fd_, buf, sizeof buf);
    if (n <= 0) {
      if (n == 0) {
        ::close(err_fd_);
        err_fd_ = -1;
      }
      return;
    }
    err_.append(buf, static_cast<std::size_t>(n));
  }
}

bool ServeProcess::wait_for_output(const std::string& needle, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (err_.find(needle) == std::string::npos) {
    if (err_fd_ < 0 || std::chrono::steady_clock::now() >= deadline) return false;
    drain(50);
  }
  return true;
}

int ServeProcess::port() const {
  static constexpr std::string_view kPrefix = "http://127.0.0.1:";
  auto at = err_.find(kPrefix);
  if (at == std::string::npos) return 0;
  return std::atoi(err_.c_str() + at + kPrefix.size());
}

int ServeProcess::wait_exit(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  if (exit_code_ != -1) return exit_code_;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      drain(0);
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return exit_code_;
    }
    drain(10);  // also keeps the pipe from filling up
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  exit_code_ = -2;
  return -1;
}

int ServeProcess::stop(int sig, std::chrono::milliseconds timeout) {
  if (pid_ > 0 && exit_code_ == -1) ::kill(pid_, sig);
  return wait_exit(timeout);
}

}  // namespace bengal::testing

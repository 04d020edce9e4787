#include "incremental/build_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include "core/fs.h"

namespace bengal::incremental {

BuildLock::~BuildLock() {
  if (fd_ >= 0) {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
}

Result<BuildLock> BuildLock::acquire(const std::string& cache_dir, int timeout_ms,
                                     const std::function<void(long holder_pid)>& waiting) {
  std::error_code ec;
  std::filesystem::create_directories(cache_dir, ec);
  std::string path = join_path(cache_dir, "lock");
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return make_error({path, 0, 0}, std::string("cannot open the build lock: ") + std::strerror(errno));
  auto start = std::chrono::steady_clock::now();
  bool told = false;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      int err = errno;
      ::close(fd);
      return make_error({path, 0, 0}, std::string("cannot take the build lock: ") + std::strerror(err));
    }
    if (!told && waiting) {
      char buf[32] = {};
      long pid = 0;
      if (::pread(fd, buf, sizeof buf - 1, 0) > 0) pid = std::strtol(buf, nullptr, 10);
      waiting(pid);
      told = true;
    }
    if (std::chrono::steady_clock::now() - start > std::chrono::milliseconds(timeout_ms)) {
      ::close(fd);
      return make_error({path, 0, 0}, "another bengal build of this site is still running",
                        "wait for it to finish, or stop it; the lock frees itself when that process exits");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Record who holds it, for the next waiter's message.
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, pid.data(), pid.size(), 0);
  BuildLock lock;
  lock.fd_ = fd;
  return lock;
}

}  // namespace bengal::incremental

#include "incremental/build_lock.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

namespace bengal::incremental {
namespace {

TEST(BuildLock, SecondHolderWaitsThenTimesOutWithAClearMessage) {
  std::string dir = std::filesystem::temp_directory_path() / ("bengal-lock-" + std::to_string(::getpid()));
  auto first = BuildLock::acquire(dir, 1000, nullptr);
  ASSERT_TRUE(first.ok());
  // flock is per open file description: another process contends for real.
  pid_t child = ::fork();
  if (child == 0) {
    long seen = -1;
    auto second = BuildLock::acquire(dir, 200, [&](long pid) { seen = pid; });
    bool ok = !second.ok() && second.error().message.find("still running") != std::string::npos &&
              seen == static_cast<long>(::getppid());
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::filesystem::remove_all(dir);
}

TEST(BuildLock, IsReleasedWhenTheHolderGoesAway) {
  std::string dir = std::filesystem::temp_directory_path() / ("bengal-lock2-" + std::to_string(::getpid()));
  { auto first = BuildLock::acquire(dir, 1000, nullptr); ASSERT_TRUE(first.ok()); }
  auto again = BuildLock::acquire(dir, 100, nullptr);
  EXPECT_TRUE(again.ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bengal::incremental

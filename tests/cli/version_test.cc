#include <gtest/gtest.h>

#include "support/run_bengal.h"

namespace bengal::testing {
namespace {

TEST(CliVersion, PrintsVersionAndExitsZero) {
  auto r = run_bengal({"version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("bengal 0."), std::string::npos) << r.out;
}

TEST(Cli, UnknownCommandIsAUsageErrorWithExitCode2) {
  auto r = run_bengal({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(r.err.empty());
}

TEST(Cli, HelpListsCommandsAndExitsZero) {
  auto r = run_bengal({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("version"), std::string::npos);
}

}  // namespace
}  // namespace bengal::testing

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "support/run_bengal.h"

namespace bengal::testing {
namespace {

TEST(CliMarkdown, RendersStdinWithHeadingIdsAndExtensions) {
  auto r = run_bengal({"markdown"}, "# Hello\n\n~~old~~\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "<h1 id=\"hello\">Hello</h1>\n<p><del>old</del></p>\n");
}

TEST(CliMarkdown, CommonMarkFlagTurnsExtensionsOff) {
  auto r = run_bengal({"markdown", "--commonmark", "-"}, "# Hello\n\n~~old~~\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "<h1>Hello</h1>\n<p>~~old~~</p>\n");
}

TEST(CliMarkdown, ReadsAFileAndReportsDiagnosticsOnStderr) {
  std::string dir = make_temp_dir("bengal-md");
  std::string path = dir + "/page.md";
  std::ofstream(path) << "Intro\n\n:::{notte}\nbody\n:::\n";
  auto r = run_bengal({"markdown", path});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("<p>body</p>"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("page.md:3:1: warning: unknown directive 'notte'"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("did you mean 'note'?"), std::string::npos) << r.err;
  std::remove(path.c_str());
  std::remove(dir.c_str());
}

TEST(CliMarkdown, UnreadableFileExitsOne) {
  auto r = run_bengal({"markdown", "/nonexistent/page.md"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot read"), std::string::npos);
  EXPECT_TRUE(r.out.empty());
}

}  // namespace
}  // namespace bengal::testing

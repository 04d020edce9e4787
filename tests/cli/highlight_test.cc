#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/run_bengal.h"

namespace bengal::testing {
namespace {

class CliHighlight : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = make_temp_dir("bengal-highlight"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string dir_;
};

TEST_F(CliHighlight, PrintsHighlightedHtmlForAFile) {
  auto r = run_bengal({"highlight", "--lang", "py", write("a.py", "def f():\n    return 1\n")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("<div class=\"highlight\"><pre><code class=\"language-py\" data-lang=\"py\">"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("<span class=\"k\">def</span> <span class=\"nf\">f</span>"), std::string::npos) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(CliHighlight, ReadsStandardInputAndAppliesLineOptions) {
  auto r = run_bengal({"highlight", "-l", "go", "--linenos", "inline", "--hl-lines", "2", "--title", "main.go"},
                      "package main\nfunc main() {}\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("<span class=\"filename\">main.go</span>"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("<span class=\"hll\"><span class=\"linenos\">2</span>"), std::string::npos) << r.out;
}

TEST_F(CliHighlight, UnknownLanguageWarnsAndPrintsPlainText) {
  auto r = run_bengal({"highlight", "--lang", "cobol"}, "MOVE A TO B.\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("unknown language 'cobol'"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("MOVE A TO B."), std::string::npos);
}

TEST_F(CliHighlight, MissingFileFailsWithExitCode1) {
  auto r = run_bengal({"highlight", "--lang", "c", dir_ + "/nope.c"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot read"), std::string::npos) << r.err;
}

TEST_F(CliHighlight, MissingLanguageIsAUsageError) {
  // No input is fed: bengal exits before reading it (a write would hit a closed pipe).
  auto r = run_bengal({"highlight"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--lang is required"), std::string::npos) << r.err;
}

TEST_F(CliHighlight, ListNamesEveryLanguageWithItsAliases) {
  auto r = run_bengal({"highlight", "--list"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("python py"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nzig"), std::string::npos);
}

TEST_F(CliHighlight, HighlightCssPrintsTheRequestedStyle) {
  auto dark = run_bengal({"highlight-css", "--style", "dark"});
  EXPECT_EQ(dark.exit_code, 0);
  EXPECT_NE(dark.out.find("dark highlight theme"), std::string::npos);
  EXPECT_NE(dark.out.find(".highlight .k,"), std::string::npos);
  auto light = run_bengal({"highlight-css"});
  EXPECT_NE(light.out.find("light highlight theme"), std::string::npos);
  auto bad = run_bengal({"highlight-css", "--style", "neon"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("available: dark, light"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace bengal::testing

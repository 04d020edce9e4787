// CLI tests for `bengal build`, `new` and `clean`, run against the real binary
// on real temporary folders.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/run_bengal.h"

namespace bengal::testing {
namespace {

namespace fs = std::filesystem;

class CliBuild : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = make_temp_dir("bengal-cli"); }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& rel, const std::string& text) {
    fs::path p = fs::path(dir_) / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  bool exists(const std::string& rel) const { return fs::exists(fs::path(dir_) / rel); }
  std::string read(const std::string& rel) const {
    std::ifstream in(fs::path(dir_) / rel, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

  std::string dir_;
};

TEST_F(CliBuild, FolderWithOnlyContentBuildsWithDefaults) {
  write("content/hello.md", "---\ntitle: Hello\n---\nHi there.\n");
  auto r = run_bengal({"build", "--source", dir_});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(exists("public/hello/index.html"));
  EXPECT_TRUE(exists("public/index.html"));
  EXPECT_NE(r.err.find("Built 1 page"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << "no colour when not a terminal";
}

TEST_F(CliBuild, StatsJsonIsOneObjectOnStdout) {
  write("content/a.md", "A\n");
  auto r = run_bengal({"build", "-s", dir_, "--stats=json"});
  EXPECT_EQ(r.exit_code, 0);
  ASSERT_FALSE(r.out.empty());
  EXPECT_EQ(r.out.front(), '{');
  EXPECT_EQ(r.out.substr(r.out.size() - 2), "}\n");
  for (const char* key : {"\"pages\":1", "\"outputs_rendered\":", "\"wall_ms\":", "\"stages\":{", "\"threads\":"}) {
    EXPECT_NE(r.out.find(key), std::string::npos) << key << " in " << r.out;
  }
}

TEST_F(CliBuild, BrokenPagesAreNamedWithLineOthersWrittenExitOne) {
  write("content/good.md", "---\ntitle: Good\n---\nFine.\n");
  write("content/broken-yaml.md", "---\ntitle: Broken\ntags: [a, b\n---\nBody\n");
  write("content/bad-date.md", "---\ntitle: Bad\ndate: 31/12/2024\n---\n");
  write("content/latin1.md", "---\ntitle: Caf\xE9\n---\n");
  write("content/evil.md", "---\nslug: ../../../../tmp/pwned\n---\n");
  auto r = run_bengal({"build", "-s", dir_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("content/broken-yaml.md:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("content/bad-date.md:3:1: error: front matter field 'date' must be a date"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("content/latin1.md:2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("UTF-8"), std::string::npos);
  EXPECT_NE(r.err.find("content/evil.md"), std::string::npos);
  EXPECT_NE(r.err.find("Build failed: 4 errors"), std::string::npos) << r.err;
  EXPECT_TRUE(exists("public/good/index.html"));
  EXPECT_FALSE(exists("public/broken-yaml/index.html"));
  EXPECT_FALSE(fs::exists("/tmp/pwned"));
}

TEST_F(CliBuild, ConfigTypeErrorNamesFileLineColumn) {
  write("bengal.toml", "title = \"x\"\n[build]\njobs = \"lots\"\n");
  write("content/a.md", "A\n");
  auto r = run_bengal({"build", "-s", dir_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bengal.toml:3:8: error: config key 'build.jobs' must be an integer"), std::string::npos)
      << r.err;
}

TEST_F(CliBuild, UnknownConfigKeyWarnsAndStrictFails) {
  write("bengal.toml", "titel = \"x\"\n");
  write("content/a.md", "A\n");
  auto r = run_bengal({"build", "-s", dir_});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("did you mean 'title'?"), std::string::npos) << r.err;
  auto strict = run_bengal({"build", "-s", dir_, "--strict"});
  EXPECT_EQ(strict.exit_code, 1);
}

TEST_F(CliBuild, QuietPrintsNothingOnSuccess) {
  write("content/a.md", "A\n");
  auto r = run_bengal({"build", "-s", dir_, "-q"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, "");
}

TEST_F(CliBuild, UsageErrorsExitTwo) {
  EXPECT_EQ(run_bengal({"build", "--jobs", "many"}).exit_code, 2);
  EXPECT_EQ(run_bengal({"build", "--no-such-flag"}).exit_code, 2);
  EXPECT_EQ(run_bengal({"build", "--stats=xml"}).exit_code, 2);
}

TEST_F(CliBuild, MissingSourceFolderExitsOne) {
  auto r = run_bengal({"build", "-s", dir_ + "/nope"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("does not exist"), std::string::npos);
}

TEST_F(CliBuild, BaseUrlAndDraftsFlags) {
  write("content/d.md", "---\ntitle: D\ndraft: true\n---\n");
  auto r = run_bengal({"build", "-s", dir_});
  EXPECT_FALSE(exists("public/d/index.html"));
  r = run_bengal({"build", "-s", dir_, "--drafts", "-o", dir_ + "/out2", "--base-url", "https://x.test/sub"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(exists("out2/d/index.html"));
}

TEST_F(CliBuild, NewSiteBuildsAndCleanRemovesOutputAndCache) {
  std::string site = dir_ + "/blog";
  auto created = run_bengal({"new", "site", site});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_TRUE(exists("blog/bengal.toml"));
  auto again = run_bengal({"new", "site", site});
  EXPECT_EQ(again.exit_code, 1) << "never overwrites an existing site";
  auto page = run_bengal({"new", "page", "-s", site, "posts/second.md"});
  EXPECT_EQ(page.exit_code, 0) << page.err;
  EXPECT_NE(read("blog/content/posts/second.md").find("title: \"Second\""), std::string::npos);
  auto built = run_bengal({"build", "-s", site});
  EXPECT_EQ(built.exit_code, 0) << built.err;
  EXPECT_TRUE(exists("blog/public/posts/hello-world/index.html"));
  EXPECT_TRUE(exists("blog/public/posts/second/index.html"));
  EXPECT_TRUE(exists("blog/.bengal/cache.bin"));
  auto cleaned = run_bengal({"clean", "-s", site});
  EXPECT_EQ(cleaned.exit_code, 0);
  EXPECT_FALSE(exists("blog/public"));
  EXPECT_FALSE(exists("blog/.bengal"));
  EXPECT_TRUE(exists("blog/content/posts/second.md"));
}

TEST_F(CliBuild, ExplainSaysWhyEachOutputWasRebuilt) {
  write("content/a.md", "---\ntitle: A\n---\nAlpha.\n");
  write("content/b.md", "---\ntitle: B\n---\nBeta.\n");
  ASSERT_EQ(run_bengal({"build", "-s", dir_, "-q"}).exit_code, 0);
  auto noop = run_bengal({"build", "-s", dir_, "--explain"});
  EXPECT_EQ(noop.exit_code, 0);
  EXPECT_EQ(noop.out, "") << "a no-op build rebuilds nothing";
  write("content/a.md", "---\ntitle: A\n---\nAlpha, edited.\n");
  auto r = run_bengal({"build", "-s", dir_, "--explain"});
  EXPECT_EQ(r.exit_code, 0);
  // The first fact the page's template read that changed (the theme reads the
  // summary for its meta description before the content).
  EXPECT_NE(r.out.find("/a/index.html: page a.md summary changed"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("/b/index.html"), std::string::npos) << r.out;
  auto json = run_bengal({"build", "-s", dir_, "--explain=json", "--no-incremental", "-q"});
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_NE(json.out.find("{\"output\":\"b/index.html\",\"reason\":\"full build\"}"), std::string::npos) << json.out;
}

TEST_F(CliBuild, EverySubcommandHasHelpWithExamples) {
  for (std::vector<std::string> cmd : {std::vector<std::string>{"build"}, {"new"}, {"new", "site"},
                                       {"new", "page"}, {"clean"}, {"version"}}) {
    cmd.push_back("--help");
    auto r = run_bengal(cmd);
    EXPECT_EQ(r.exit_code, 0) << cmd[0];
    EXPECT_NE(r.out.find("Example"), std::string::npos) << cmd[0] << ": " << r.out;
  }
}

TEST_F(CliBuild, ExampleSiteBuildsWithoutErrors) {
  std::string demo = std::string(BENGAL_SOURCE_DIR) + "/examples/demo";
  auto r = run_bengal({"build", "-s", demo, "-o", dir_ + "/demo", "--strict"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(exists("demo/index.html"));
}

}  // namespace
}  // namespace bengal::testing

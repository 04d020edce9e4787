#include "build/build.h"

#include <gtest/gtest.h>

#include "core/txtar.h"

namespace bengal::build {
namespace {

constexpr std::string_view kSite = R"(-- bengal.toml --
title = "Test Site"
-- content/_index.md --
---
title: Home
---
Welcome.
-- content/blog/_index.md --
---
title: Blog
---
-- content/blog/one.md --
---
title: One
date: 2024-01-01
tags: [a]
---
First post.
-- content/blog/two/index.md --
---
title: Two
date: 2024-02-01
---
Second post.
-- content/blog/two/pic.png --
PNG
-- static/css/site.css --
body {}
)";

BuildResult run(MemoryFileSystem& fs, unsigned jobs = 2, bool strict = false) {
  BuildOptions o;
  o.source_dir = "site";
  o.jobs = jobs;
  o.strict = strict;
  return build_site(fs, o);
}

TEST(Build, WritesPagesListsStaticFilesAndResources) {
  MemoryFileSystem fs;
  load_txtar(fs, kSite, "site");
  BuildResult r = run(fs);
  ASSERT_FALSE(r.failed()) << format_diagnostic(r.diagnostics.items()[0]);
  for (const char* f : {"index.html", "blog/index.html", "blog/one/index.html", "blog/two/index.html",
                        "blog/two/pic.png", "css/site.css", "tags/index.html", "tags/a/index.html", "404.html",
                        "index.xml", "blog/atom.xml", "sitemap.xml", "index.json", "llms.txt", "robots.txt"}) {
    EXPECT_TRUE(fs.stat(std::string("site/public/") + f).exists) << f;
  }
  auto one = fs.read_file("site/public/blog/one/index.html");
  EXPECT_NE(one->find("First post."), std::string::npos);
  EXPECT_NE(one->find("<title>One | Test Site</title>"), std::string::npos);
  auto blog = fs.read_file("site/public/blog/index.html");
  EXPECT_LT(blog->find("/blog/two/"), blog->find("/blog/one/"));  // newest first
  EXPECT_EQ(r.stats.pages, 2u);
  // The static css and the bundle image, plus the theme assets the default
  // theme's templates ask for (its css, syntax css and js at least).
  EXPECT_GE(r.stats.files_copied, 5u);
  EXPECT_EQ(r.stats.outputs_written, r.stats.outputs_rendered + r.stats.files_copied);
  ASSERT_GE(r.stats.stages.size(), 9u);
  EXPECT_EQ(r.stats.stages[0].name, "config");
  EXPECT_EQ(r.stats.stages.back().name, "commit");
}

TEST(Build, SecondBuildWritesNothing) {
  MemoryFileSystem fs;
  load_txtar(fs, kSite, "site");
  run(fs);
  std::size_t writes = fs.write_count();
  BuildResult again = run(fs);
  EXPECT_EQ(again.stats.outputs_written, 0u);
  EXPECT_EQ(again.stats.outputs_unchanged, again.stats.outputs_rendered + again.stats.files_copied);
  EXPECT_EQ(fs.write_count(), writes);  // not even the cache: nothing changed
}

TEST(Build, OutputOfARemovedPageIsRemoved) {
  MemoryFileSystem fs;
  load_txtar(fs, kSite, "site");
  run(fs);
  ASSERT_TRUE(fs.remove_file("site/content/blog/one.md").ok());
  BuildResult r = run(fs);
  EXPECT_FALSE(fs.stat("site/public/blog/one/index.html").exists);
  EXPECT_FALSE(fs.stat("site/public/tags/a/index.html").exists);
  EXPECT_FALSE(fs.stat("site/public/tags/a/index.xml").exists);
  EXPECT_EQ(r.stats.outputs_removed, 4u);  // page, term page, term RSS and Atom feeds
}

TEST(Build, BrokenPageIsReportedSkippedAndTheRestBuilds) {
  MemoryFileSystem fs;
  load_txtar(fs, kSite, "site");
  fs.set_file("site/content/blog/bad.md", "---\ntitle: Bad\ndate: [oops\n---\nBody\n");
  fs.set_file("site/content/blog/latin1.md", "caf\xE9\n");
  BuildResult r = run(fs);
  EXPECT_TRUE(r.failed());
  ASSERT_EQ(r.stats.errors, 2u);
  EXPECT_EQ(r.diagnostics.items()[0].location.file, "content/blog/bad.md");
  EXPECT_GE(r.diagnostics.items()[0].location.line, 3);
  EXPECT_EQ(r.diagnostics.items()[1].location.file, "content/blog/latin1.md");
  EXPECT_TRUE(fs.stat("site/public/blog/one/index.html").exists);
  EXPECT_FALSE(fs.stat("site/public/blog/bad/index.html").exists);
}

TEST(Build, InvalidConfigStopsBeforeWritingAnything) {
  MemoryFileSystem fs;
  load_txtar(fs, kSite, "site");
  fs.set_file("site/bengal.toml", "title = [\n");
  BuildResult r = run(fs);
  EXPECT_TRUE(r.failed());
  EXPECT_EQ(r.diagnostics.items()[0].location.file, "bengal.toml");
  EXPECT_FALSE(fs.stat("site/public/index.html").exists);
}

TEST(Build, StrictTurnsWarningsIntoFailure) {
  MemoryFileSystem fs;
  load_txtar(fs, kSite, "site");
  fs.set_file("site/bengal.toml", "titel = \"typo\"\n");
  EXPECT_FALSE(run(fs).failed());
  EXPECT_TRUE(run(fs, 2, true).failed());
}

TEST(Build, StaticFileCollidingWithAPageIsAnError) {
  MemoryFileSystem fs;
  load_txtar(fs, kSite, "site");
  fs.set_file("site/static/blog/one/index.html", "<p>static</p>");
  BuildResult r = run(fs);
  ASSERT_EQ(r.stats.errors, 1u);
  EXPECT_EQ(r.diagnostics.items()[0].location.file, "static/blog/one/index.html");
  EXPECT_NE(r.diagnostics.items()[0].message.find("content/blog/one.md"), std::string::npos);
}

TEST(Build, OutputIsByteIdenticalForAnyThreadCount) {
  std::string archive = "-- bengal.toml --\ntitle = \"Det\"\npaginate = 7\n";
  for (int i = 0; i < 300; ++i) {
    archive += "-- content/s" + std::to_string(i % 6) + "/p" + std::to_string(i) + ".md --\n";
    archive += "---\ntitle: Page " + std::to_string(i) + "\ndate: 2024-01-" +
               std::to_string(10 + i % 18) + "\ntags: [t" + std::to_string(i % 9) + "]\n---\nBody " +
               std::to_string(i) + " with some words.\n";
  }
  MemoryFileSystem one, many;
  load_txtar(one, archive, "site");
  load_txtar(many, archive, "site");
  BuildResult r1 = run(one, 1);
  BuildResult r4 = run(many, 4);
  ASSERT_FALSE(r1.failed());
  EXPECT_EQ(r1.stats.threads, 1u);
  EXPECT_EQ(r4.stats.threads, 4u);
  auto files = one.all_files();
  ASSERT_EQ(files, many.all_files());
  std::size_t compared = 0;
  for (const std::string& f : files) {
    if (f.rfind("site/public/", 0) != 0) continue;
    ASSERT_EQ(*one.read_file(f), *many.read_file(f)) << f;
    ++compared;
  }
  EXPECT_GT(compared, 300u);
}

TEST(Build, StatsJsonHasTheContractKeys) {
  BuildStats s;
  s.stages.push_back({"parse", 1.5});
  std::string json = stats_json(s);
  for (const char* key : {"\"pages\":", "\"outputs_rendered\":", "\"outputs_written\":", "\"outputs_unchanged\":",
                          "\"outputs_removed\":", "\"errors\":", "\"warnings\":", "\"threads\":", "\"wall_ms\":",
                          "\"stages\":{\"parse\":1.500}"}) {
    EXPECT_NE(json.find(key), std::string::npos) << key;
  }
}

}  // namespace
}  // namespace bengal::build

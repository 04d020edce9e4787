#include "content/discover.h"

#include <gtest/gtest.h>

#include <atomic>

#include "core/txtar.h"

namespace bengal::content {
namespace {

DiscoverResult run(std::string_view archive, unsigned threads = 2) {
  MemoryFileSystem fs;
  load_txtar(fs, archive, "site");
  config::Config config;
  ThreadPool pool(threads);
  return discover(fs, "site", config, pool);
}

TEST(Discover, FindsPagesResourcesStaticAndData) {
  auto r = run(R"(-- content/_index.md --
---
title: Home
---
-- content/blog/a.md --
---
title: A
---
Body A
-- content/blog/b/index.md --
# B
-- content/blog/b/photo.png --
PNG
-- static/css/site.css --
body{}
-- data/authors.yaml --
ann: {name: Ann}
-- content/notes.txt.markdown --
x
)");
  ASSERT_TRUE(r.diagnostics.empty()) << format_diagnostic(r.diagnostics.items()[0]);
  ASSERT_EQ(r.pages.size(), 4u);
  EXPECT_EQ(r.pages[0].rel_path, "_index.md");
  EXPECT_TRUE(r.pages[0].is_section_index);
  EXPECT_EQ(r.pages[1].rel_path, "blog/a.md");
  EXPECT_EQ(r.pages[1].body(), "Body A\n");
  EXPECT_EQ(r.pages[1].front_matter.find("title")->as_string(), "A");
  EXPECT_TRUE(r.pages[2].is_leaf_bundle);
  EXPECT_FALSE(r.pages[2].hash.is_zero());
  ASSERT_EQ(r.resources.size(), 1u);
  EXPECT_EQ(r.resources[0].rel_path, "blog/b/photo.png");
  ASSERT_EQ(r.static_files.size(), 1u);
  EXPECT_EQ(r.static_files[0].display_path, "static/css/site.css");
  ASSERT_EQ(r.data_files.size(), 1u);
  EXPECT_EQ(r.data_files[0].key_path, "authors");
}

TEST(Discover, BrokenFilesAreReportedAndSkippedOthersLoad) {
  auto r = run("-- content/good.md --\n---\ntitle: ok\n---\n"
               "-- content/bad-yaml.md --\n---\ntitle: [unclosed\n---\n"
               "-- content/bad-utf8.md --\nhello \xFF world\n"
               "-- content/unclosed.md --\n---\ntitle: x\n");
  EXPECT_EQ(r.diagnostics.error_count(), 3u);
  std::vector<std::string> files;
  for (const auto& d : r.diagnostics.items()) files.push_back(d.location.file);
  EXPECT_EQ(files, (std::vector<std::string>{"content/bad-utf8.md", "content/bad-yaml.md", "content/unclosed.md"}));
  const Diagnostic& utf8 = r.diagnostics.items()[0];
  EXPECT_EQ(utf8.location.line, 1);
  EXPECT_EQ(utf8.location.column, 7);
  int ok = 0;
  for (const auto& p : r.pages) ok += p.ok;
  EXPECT_EQ(ok, 1);
}

TEST(Discover, OversizedFileIsSkippedWithHint) {
  MemoryFileSystem fs;
  fs.set_file("site/content/huge.md", std::string(2000, 'x'));
  fs.set_file("site/content/small.md", "hi");
  config::Config config;
  config.max_page_bytes = 1000;
  ThreadPool pool(1);
  auto r = discover(fs, "site", config, pool);
  ASSERT_EQ(r.diagnostics.error_count(), 1u);
  EXPECT_EQ(r.diagnostics.items()[0].location.file, "content/huge.md");
  EXPECT_NE(r.diagnostics.items()[0].hint.find("max_page_bytes"), std::string::npos);
  EXPECT_TRUE(r.pages[1].ok);
}

TEST(Discover, ResultIsTheSameForAnyThreadCount) {
  std::string archive;
  for (int i = 0; i < 200; ++i) {
    archive += "-- content/s" + std::to_string(i % 7) + "/p" + std::to_string(i) + ".md --\n";
    archive += i % 13 == 0 ? "---\ntitle: [bad\n---\n" : "---\ntitle: P" + std::to_string(i) + "\n---\nbody\n";
  }
  auto one = run(archive, 1);
  auto four = run(archive, 4);
  ASSERT_EQ(one.pages.size(), four.pages.size());
  for (std::size_t i = 0; i < one.pages.size(); ++i) {
    EXPECT_EQ(one.pages[i].rel_path, four.pages[i].rel_path);
    EXPECT_EQ(one.pages[i].hash, four.pages[i].hash);
    EXPECT_EQ(one.pages[i].ok, four.pages[i].ok);
  }
  ASSERT_EQ(one.diagnostics.items().size(), four.diagnostics.items().size());
  for (std::size_t i = 0; i < one.diagnostics.items().size(); ++i) {
    EXPECT_EQ(one.diagnostics.items()[i].location.file, four.diagnostics.items()[i].location.file);
  }
}

TEST(Discover, BadDataFileIsReported) {
  auto r = run("-- data/x.json --\n{\"a\": }\n");
  ASSERT_EQ(r.diagnostics.error_count(), 1u);
  EXPECT_EQ(r.diagnostics.items()[0].location.file, "data/x.json");
  EXPECT_EQ(r.diagnostics.items()[0].location.line, 1);
}

TEST(Discover, EditorNoiseAndNodeModulesAreNeverInputs) {
  auto r = run(R"(-- content/a.md --
---
title: A
---
-- content/a.md~ --
backup
-- content/#a.md# --
autosave
-- content/b.png.tmp --
temp
-- static/css/site.css.swp --
swap
-- static/node_modules/x/index.js --
js
-- static/css/site.css --
body {}
)");
  ASSERT_EQ(r.pages.size(), 1u);
  EXPECT_TRUE(r.resources.empty());
  ASSERT_EQ(r.static_files.size(), 1u);
  EXPECT_EQ(r.static_files[0].rel_path, "css/site.css");
  EXPECT_TRUE(is_input_path("docs/a.md"));
  EXPECT_FALSE(is_input_path("docs/a.md~"));
  EXPECT_FALSE(is_input_path("node_modules/a.js"));
  EXPECT_TRUE(is_input_path("a.md"));
  EXPECT_FALSE(is_input_path(".a.md"));
  EXPECT_FALSE(is_input_path(".git/a.md"));
}

// The file lists of a discovery, comparable with another's.
std::vector<std::string> lists(const DiscoverResult& r) {
  std::vector<std::string> out;
  for (const SourcePage& p : r.pages) out.push_back("page " + p.rel_path + " " + std::to_string(p.size));
  for (const SourceFile& f : r.resources) out.push_back("resource " + f.rel_path + " " + std::to_string(f.size));
  for (const SourceFile& f : r.static_files) out.push_back("static " + f.rel_path + " " + std::to_string(f.size));
  return out;
}

TEST(Discover, AListingPatchedWithTheChangedPathsMatchesAWalk) {
  MemoryFileSystem fs;
  load_txtar(fs, R"(-- content/a.md --
---
title: A
---
-- content/b.md --
---
title: B
---
-- content/docs/c.md --
---
title: C
---
-- content/docs/c.png --
png
-- static/css/site.css --
body {}
)", "site");
  config::Config config;
  ThreadPool pool(2);
  Listing listing;
  discover(fs, "site", config, pool, {}, &listing, nullptr);
  ASSERT_TRUE(listing.known);

  auto check = [&](const std::vector<std::string>& changed) {
    DiscoverResult patched = discover(fs, "site", config, pool, {}, &listing, &changed);
    DiscoverResult walked = discover(fs, "site", config, pool);
    EXPECT_EQ(lists(patched), lists(walked));
  };
  fs.set_file("site/content/a.md", "---\ntitle: A2\n---\nlonger body\n");   // edited
  fs.set_file("site/content/docs/aa.md", "---\ntitle: AA\n---\n");          // added
  (void)fs.remove_file("site/content/b.md");                                // removed
  fs.set_file("site/content/a.md~", "backup");                              // noise
  fs.set_file("site/content/.hidden.md", "x");                              // hidden
  fs.set_file("site/static/js/app.js", "x");                                // added static
  fs.set_file("site/templates/page.html", "x");                             // not listed here
  check({"content/a.md", "content/docs/aa.md", "content/b.md", "content/a.md~", "content/.hidden.md",
         "static/js/app.js", "templates/page.html"});
  // The tree is not walked: a file nobody reported is not seen.
  fs.set_file("site/content/unreported.md", "---\ntitle: U\n---\n");
  std::vector<std::string> none;
  DiscoverResult blind = discover(fs, "site", config, pool, {}, &listing, &none);
  for (const SourcePage& p : blind.pages) EXPECT_NE(p.rel_path, "unreported.md");
  // A folder that appears with files in it, and one that goes away: walked.
  fs.set_file("site/content/new/d.md", "---\ntitle: D\n---\n");
  check({"content/new"});
  (void)fs.remove_tree("site/content/docs");
  check({"content/docs"});
}

TEST(Discover, PagesLeftInTheListingAreTakenWhileTheirStampsHold) {
  MemoryFileSystem fs;
  load_txtar(fs, R"(-- content/a.md --
---
title: A
---
-- content/b.md --
---
title: B
---
-- content/c.md --
---
title: C
---
)", "site");
  config::Config config;
  ThreadPool pool(2);
  Listing listing;
  std::atomic<int> looked_up = 0;  // the lookup runs on discovery's workers
  ReuseSource reuse = [&](SourcePage&) {
    ++looked_up;
    return false;  // no cache: every page not carried is read
  };
  DiscoverResult first = discover(fs, "site", config, pool, reuse, &listing, nullptr);
  ASSERT_EQ(first.pages.size(), 3u);
  EXPECT_EQ(looked_up, 3);
  EXPECT_EQ(first.not_carried.size(), 3u);
  // As a resident build leaves them: raw released; c.md had errors, so it is to be read again.
  for (SourcePage& p : first.pages) p.raw.clear();
  first.pages[2].ok = false;
  listing.pages = std::move(first.pages);

  fs.set_file("site/content/b.md", "---\ntitle: B2\n---\n");
  std::vector<std::string> changed = {"content/b.md"};
  looked_up = 0;
  DiscoverResult next = discover(fs, "site", config, pool, reuse, &listing, &changed);
  ASSERT_EQ(next.pages.size(), 3u);
  EXPECT_TRUE(next.pages[0].from_cache) << "a.md kept its stamps: carried as it was";
  EXPECT_EQ(next.pages[0].front_matter.find("title")->as_string(), "A");
  EXPECT_FALSE(next.pages[1].from_cache) << "b.md changed: read again";
  EXPECT_EQ(next.pages[1].front_matter.find("title")->as_string(), "B2");
  EXPECT_FALSE(next.pages[2].from_cache) << "c.md was marked to be read again";
  EXPECT_TRUE(next.pages[2].ok);
  EXPECT_EQ(looked_up, 2) << "only pages not carried are looked up";
  EXPECT_EQ(next.not_carried, (std::vector<std::size_t>{1, 2}));
  EXPECT_TRUE(listing.pages.empty()) << "discovery takes the pages";

  // Only a static file changed: every page is carried, none looked up, and
  // a page's front matter is still its own.
  fs.set_file("site/static/site.css", "body {}");
  listing.pages = std::move(next.pages);
  changed = {"static/site.css"};
  looked_up = 0;
  DiscoverResult css = discover(fs, "site", config, pool, reuse, &listing, &changed);
  ASSERT_EQ(css.pages.size(), 3u);
  for (const SourcePage& p : css.pages) EXPECT_TRUE(p.from_cache) << p.rel_path;
  EXPECT_TRUE(css.not_carried.empty());
  EXPECT_EQ(css.pages[1].rel_path, "b.md");
  EXPECT_EQ(css.pages[1].front_matter.find("title")->as_string(), "B2");
  EXPECT_EQ(looked_up, 0);
  ASSERT_EQ(css.static_files.size(), 1u);
  EXPECT_EQ(css.static_files[0].rel_path, "site.css");

  // A build that may reuse nothing carries nothing either.
  listing.pages = std::move(css.pages);
  changed = {"content/b.md"};
  DiscoverResult fresh = discover(fs, "site", config, pool, {}, &listing, &changed);
  for (const SourcePage& p : fresh.pages) EXPECT_FALSE(p.from_cache) << p.rel_path;
}

}  // namespace
}  // namespace bengal::content

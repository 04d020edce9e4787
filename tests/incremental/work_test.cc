// Incremental builds counted in work: what a change renders, and what it
// leaves alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "incremental/build_cache.h"
#include "support/site_fixture.h"

namespace bengal::testing {
namespace {

std::string long_body(const std::string& tag) {
  std::string body = "First paragraph of " + tag + ". It is the summary.\n\n";
  // Enough text that an edit at the end changes neither the summary nor the
  // (capped) search text.
  for (int i = 0; i < 40; ++i) body += "Filler sentence number " + std::to_string(i) + " about " + tag + " pages.\n\n";
  return body;
}

std::string site_archive() {
  std::string a = "-- bengal.toml --\ntitle = \"Work\"\nbase_url = \"https://w.example/\"\n";
  // Templates whose reads are easy to predict: a page shows its own title,
  // content and its neighbours' titles; a list shows its members' titles.
  a += "-- templates/single.html --\n<h1>{{ page.title }}</h1>{{ page.content }}"
       "{% if page.prev %}<a>{{ page.prev.title }}</a>{% endif %}"
       "{% if page.next %}<a>{{ page.next.title }}</a>{% endif %}{% include 'partials/footer.html' %}\n";
  a += "-- templates/list.html --\n<h1>{{ page.title }}</h1>"
       "{% for p in page.pages %}<li>{{ p.title }}: {{ p.summary }}</li>{% endfor %}{% include 'partials/footer.html' %}\n";
  a += "-- templates/partials/footer.html --\n<footer>f</footer>\n";
  const char* sections[] = {"blog", "docs"};
  for (const char* s : sections) {
    a += std::string("-- content/") + s + "/_index.md --\n---\ntitle: " + s + "\n---\n";
    for (int i = 0; i < 5; ++i) {
      a += std::string("-- content/") + s + "/p" + std::to_string(i) + ".md --\n---\ntitle: " + s + " page " +
           std::to_string(i) + "\ndate: 2024-01-1" + std::to_string(i) + "\ntags: [" + s + "-tag]\n---\n" +
           long_body(s);
    }
  }
  return a;
}

std::set<std::string> rendered(const BuiltSite& site) {
  std::set<std::string> out;
  for (const auto& e : site.result.explanations) out.insert(e.output);
  return out;
}

class Work : public ::testing::Test {
 protected:
  void SetUp() override {
    site_ = build_inline(site_archive());
    ASSERT_FALSE(site_->result.failed()) << site_->report();
    ASSERT_EQ(site_->result.stats.outputs_skipped, 0u);
  }
  void edit(const std::string& path, const std::string& from, const std::string& to) {
    std::string text = *site_->fs->read_file("site/" + path);
    std::size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    site_->fs->set_file("site/" + path, text);
  }
  std::unique_ptr<BuiltSite> site_;
};

TEST_F(Work, NoOpBuildRendersAndWritesNothing) {
  std::size_t writes = site_->fs->write_count();
  rebuild(*site_);
  EXPECT_EQ(site_->result.stats.outputs_rendered, 0u);
  EXPECT_EQ(site_->result.stats.outputs_written, 0u);
  EXPECT_EQ(site_->result.stats.pages_parsed, 0u);
  EXPECT_TRUE(site_->result.explanations.empty());
  EXPECT_EQ(site_->fs->write_count(), writes);  // not even the build cache
}

// A no-op is proven from file stamps (the build memo) without loading the
// cache or reading a page; anything the memo does not vouch for falls back
// to the planner.
TEST_F(Work, NoOpIsProvenFromStampsAndAnythingElseFallsBack) {
  auto stages = [&] {
    std::set<std::string> names;
    for (const auto& st : site_->result.stats.stages) names.insert(st.name);
    return names;
  };
  rebuild(*site_);
  EXPECT_TRUE(stages().count("memo"));
  EXPECT_FALSE(stages().count("discover"));
  EXPECT_GT(site_->result.stats.outputs_skipped, 10u);
  EXPECT_EQ(site_->result.stats.pages, 10u);

  // An output edited by hand is rendered again, then the memo holds again.
  std::string out = "site/public/blog/p1/index.html";
  std::string good = *site_->fs->read_file(out);
  site_->fs->set_file(out, "edited by hand");
  rebuild(*site_);
  EXPECT_TRUE(stages().count("discover"));
  EXPECT_EQ(*site_->fs->read_file(out), good);
  rebuild(*site_);
  EXPECT_FALSE(stages().count("discover"));

  // A template edit, a new static file and a config edit each build.
  edit("templates/partials/footer.html", "<footer>f", "<footer>g");
  rebuild(*site_);
  EXPECT_GT(site_->result.stats.outputs_rendered, 10u);
  site_->fs->set_file("site/static/new.txt", "n");
  rebuild(*site_);
  EXPECT_TRUE(site_->fs->stat("site/public/new.txt").exists);
  edit("bengal.toml", "title = \"Work\"", "title = \"Work 2\"");
  rebuild(*site_);
  EXPECT_TRUE(stages().count("discover"));
}

TEST_F(Work, TouchingAFileWithoutChangeRendersNothing) {
  std::string path = "site/content/blog/p2.md";
  site_->fs->set_file(path, *site_->fs->read_file(path));  // new mtime, same bytes
  rebuild(*site_);
  EXPECT_EQ(site_->result.stats.outputs_rendered, 0u);
  EXPECT_EQ(site_->result.stats.outputs_written, 0u);
  EXPECT_EQ(site_->result.stats.pages_parsed, 0u);
}

TEST_F(Work, BodyEditBelowTheSummaryRendersOnlyThatPage) {
  edit("content/blog/p2.md", "Filler sentence number 39", "Edited sentence number 39");
  rebuild(*site_);
  EXPECT_EQ(rendered(*site_), (std::set<std::string>{"blog/p2/index.html"}));
  EXPECT_EQ(site_->result.stats.pages_parsed, 1u);
  EXPECT_NE(site_->out("blog/p2/index.html").find("Edited sentence number 39"), std::string::npos);
}

// A body edit leaves the assembled site (the frame) as it was: the facts
// whose hash read only the frame, or only another page's body, keep their
// hashes unread. A title edit changes the frame, and every fact some output
// read is hashed again.
TEST_F(Work, BodyEditHashesOnlyTheFactsItCanHaveChanged) {
  edit("content/blog/p2.md", "Filler sentence number 39", "Edited sentence number 39");
  rebuild(*site_);
  const std::size_t body_edit = site_->result.stats.facts_hashed;
  edit("content/blog/p2.md", "title: blog page 2", "title: blog page two");
  rebuild(*site_);
  const std::size_t title_edit = site_->result.stats.facts_hashed;
  EXPECT_GT(body_edit, 0u) << "the edited page's body facts are hashed";
  EXPECT_LT(body_edit * 4, title_edit) << "body edit: " << body_edit << ", title edit: " << title_edit;
  // The next body edit stands on the frame the title edit made.
  edit("content/blog/p2.md", "Edited sentence number 39", "Edited again 39");
  rebuild(*site_);
  EXPECT_LT(site_->result.stats.facts_hashed * 4, title_edit);
  EXPECT_EQ(rendered(*site_), (std::set<std::string>{"blog/p2/index.html"}));
}

// A body edit leaves the frame key as it was: the assembled site is loaded
// from the frame store, which stays as it was. A title edit assembles (from
// front matter the last cache kept encoded) and stores the new site.
TEST_F(Work, BodyEditLoadsTheAssembledSiteAndTitleEditAssemblesIt) {
  const std::string store = "site/.bengal/frame.bin";
  ASSERT_TRUE(site_->fs->stat(store).exists);
  const std::string first = *site_->fs->read_file(store);
  edit("content/blog/p2.md", "Filler sentence number 39", "Edited sentence number 39");
  rebuild(*site_);
  EXPECT_TRUE(site_->result.stats.site_loaded);
  EXPECT_EQ(*site_->fs->read_file(store), first);
  EXPECT_EQ(rendered(*site_), (std::set<std::string>{"blog/p2/index.html"}));

  edit("content/blog/p3.md", "title: blog page 3", "title: blog page three");
  rebuild(*site_);
  EXPECT_FALSE(site_->result.stats.site_loaded);
  EXPECT_NE(*site_->fs->read_file(store), first);
  // The list shows every title: each page's front matter came through the
  // cache the last build wrote without decoding it.
  const std::string list = site_->out("blog/index.html");
  for (const char* title : {"blog page 0", "blog page 1", "blog page 2", "blog page three", "blog page 4"}) {
    EXPECT_NE(list.find(title), std::string::npos) << title;
  }

  edit("content/blog/p2.md", "Edited sentence number 39", "Edited again 39");
  rebuild(*site_);
  EXPECT_TRUE(site_->result.stats.site_loaded);
  EXPECT_NE(site_->out("blog/p2/index.html").find("Edited again 39"), std::string::npos);
}

// A page whose front matter has a type error is left out of the cache's
// records, so each build reads it again and reports the error with its line;
// once fixed it builds, and the other pages' records were carried throughout.
TEST_F(Work, AFrontMatterErrorIsReportedOnEveryBuildUntilFixed) {
  site_->fs->set_file("site/content/blog/bad.md", "---\ntitle: Bad\nweight: heavy\n---\nBody.\n");
  for (int build = 0; build < 2; ++build) {
    rebuild(*site_);
    ASSERT_EQ(site_->result.diagnostics.error_count(), 1u) << site_->report();
    const Diagnostic& d = site_->result.diagnostics.items()[0];
    EXPECT_EQ(d.location.file, "content/blog/bad.md");
    EXPECT_EQ(d.location.line, 3) << site_->report();
    EXPECT_FALSE(site_->has("blog/bad/index.html"));
    EXPECT_EQ(site_->result.stats.pages_parsed, 0u) << "build " << build;  // the others came from the cache
  }
  EXPECT_TRUE(site_->result.stats.site_loaded);  // the same inputs: the same site, and its diagnostics
  site_->fs->set_file("site/content/blog/bad.md", "---\ntitle: Bad\nweight: 3\n---\nBody.\n");
  rebuild(*site_);
  EXPECT_EQ(site_->result.diagnostics.error_count(), 0u) << site_->report();
  EXPECT_TRUE(site_->has("blog/bad/index.html"));
  EXPECT_EQ(site_->result.stats.pages_parsed, 1u);
}

// The frame holds only in the window of time the cache names (a page's
// publish or expiry date can fall outside it): past it, every fact some
// output read is hashed again, and the output is still exact.
TEST_F(Work, AFrameIsNotTakenAsEqualOutsideItsWindowOfTime) {
  edit("content/blog/p2.md", "Filler sentence number 39", "Edited sentence number 39");
  rebuild(*site_);
  const std::size_t in_window = site_->result.stats.facts_hashed;
  std::string notice;
  incremental::BuildCache cache = incremental::load_cache(*site_->fs, "site/.bengal", notice);
  ASSERT_TRUE(notice.empty()) << notice;
  ASSERT_GT(cache.frame_until, cache.frame_from);
  cache.frame_until = cache.frame_from;  // the window has closed
  ASSERT_TRUE(incremental::save_cache(*site_->fs, "site/.bengal", cache).ok());
  edit("content/blog/p2.md", "Edited sentence number 39", "Edited again 39");
  rebuild(*site_);
  EXPECT_GT(site_->result.stats.facts_hashed, in_window * 4) << "in the window: " << in_window;
  EXPECT_EQ(rendered(*site_), (std::set<std::string>{"blog/p2/index.html"}));
}

TEST_F(Work, SummaryEditRendersThePageAndWhatShowsItsSummaryOnly) {
  edit("content/blog/p2.md", "It is the summary.", "It is the new summary.");
  rebuild(*site_);
  std::set<std::string> got = rendered(*site_);
  EXPECT_TRUE(got.count("blog/p2/index.html"));
  EXPECT_TRUE(got.count("blog/index.xml"));  // feeds carry summaries
  EXPECT_TRUE(got.count("index.json"));      // so does the search index
  for (const char* untouched : {"docs/p1/index.html", "blog/p1/index.html", "docs/index.html", "sitemap.xml"}) {
    EXPECT_FALSE(got.count(untouched)) << untouched;
  }
}

TEST_F(Work, TitleEditRendersExactlyThePagesThatShowTheTitle) {
  edit("content/blog/p2.md", "title: blog page 2", "title: Renamed");
  rebuild(*site_);
  std::set<std::string> got = rendered(*site_);
  // The page, its section list, its prev/next neighbours, its tag's page, the
  // home page list, feeds and the search index show the title.
  for (const char* shows : {"blog/p2/index.html", "blog/index.html", "blog/p1/index.html", "blog/p3/index.html",
                            "tags/blog-tag/index.html", "index.html", "index.xml", "index.json"}) {
    EXPECT_TRUE(got.count(shows)) << shows;
  }
  // Pages that do not show it are left alone.
  for (const char* untouched : {"blog/p0/index.html", "docs/p2/index.html", "docs/index.html", "tags/docs-tag/index.html"}) {
    EXPECT_FALSE(got.count(untouched)) << untouched;
  }
  EXPECT_LT(site_->result.stats.outputs_rendered, site_->result.stats.outputs_skipped);
}

TEST_F(Work, PartialTemplateEditRendersThePagesUsingIt) {
  site_->fs->set_file("site/templates/partials/footer.html", "<footer>new footer</footer>\n");
  rebuild(*site_);
  std::set<std::string> got = rendered(*site_);
  EXPECT_TRUE(got.count("blog/p0/index.html"));
  EXPECT_TRUE(got.count("docs/index.html"));
  EXPECT_FALSE(got.count("index.xml"));  // feeds do not include the footer
  for (const auto& e : site_->result.explanations) {
    if (e.output == "blog/p0/index.html") {
      EXPECT_EQ(e.reason, "template partials/footer.html changed") << e.reason;
    }
  }
}

TEST_F(Work, HandEditedOrDeletedOutputIsRenderedAgain) {
  site_->fs->set_file("site/public/docs/p1/index.html", "vandalised");
  ASSERT_TRUE(site_->fs->remove_file("site/public/docs/p2/index.html").ok());
  rebuild(*site_);
  std::map<std::string, std::string> reasons;
  for (const auto& e : site_->result.explanations) reasons[e.output] = e.reason;
  EXPECT_EQ(reasons["docs/p1/index.html"], "output file edited by hand");
  EXPECT_EQ(reasons["docs/p2/index.html"], "output file missing");
  EXPECT_EQ(reasons.size(), 2u);
  EXPECT_NE(site_->out("docs/p1/index.html").find("docs page 1"), std::string::npos);
}

TEST_F(Work, DamagedCacheMeansAFullBuildWithANotice) {
  site_->fs->set_file("site/.bengal/cache.bin", "BENGALCACHE\ngarbage");
  rebuild(*site_);
  EXPECT_FALSE(site_->result.notices.empty());
  EXPECT_EQ(site_->result.stats.outputs_skipped, 0u);
  EXPECT_FALSE(site_->result.failed());
  EXPECT_EQ(site_->result.stats.outputs_written, 0u);  // same bytes: nothing rewritten
}

TEST_F(Work, NoIncrementalRendersEverything) {
  build::BuildOptions o;
  o.source_dir = "site";
  o.incremental = false;
  build::BuildResult r = build::build_site(*site_->fs, o);
  EXPECT_EQ(r.stats.outputs_skipped, 0u);
  EXPECT_EQ(r.stats.outputs_written, 0u);
  EXPECT_GT(r.stats.outputs_rendered, 20u);
}

}  // namespace
}  // namespace bengal::testing

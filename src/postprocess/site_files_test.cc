#include "postprocess/site_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

#include "content/site.h"
#include "core/data_formats.h"
#include "core/txtar.h"

namespace bengal::postprocess {
namespace {

std::unique_ptr<snapshot::SiteSnapshot> make_snapshot(std::string_view archive, config::Config c = {}) {
  MemoryFileSystem fs;
  load_txtar(fs, archive, "");
  ThreadPool pool(1);
  c.base_url = "https://example.org/";
  c.title = "Example & Co";
  auto disc = content::discover(fs, "", c, pool);
  content::AssembleOptions opts;
  opts.now = *parse_datetime("2030-01-01");
  content::Site site = content::assemble(disc, c, opts);
  EXPECT_EQ(site.diagnostics.error_count(), 0u);
  std::vector<snapshot::PageBody> bodies(site.pages.size());
  for (const content::Page& p : site.pages) {
    if (p.source < 0) continue;
    bodies[p.id].html = "<p>" + std::string(disc.pages[static_cast<std::size_t>(p.source)].body()) + "</p>";
    bodies[p.id].summary_html = "Summary of " + p.title + " <b>&amp;</b>";
    bodies[p.id].plain_text = "text of " + p.title;
    bodies[p.id].toc.push_back({2, "intro", "Intro"});
  }
  return std::make_unique<snapshot::SiteSnapshot>(std::make_shared<config::Config>(c), std::move(site),
                                                  std::move(bodies), std::vector<snapshot::PageSource>{},
                                                  Data::object(), DateTime{});
}

// Runs xmllint on `xml`; returns its error output (empty when well-formed).
std::string xmllint(const std::string& xml) {
  char path[] = "/tmp/bengal-xml-XXXXXX";
  int fd = ::mkstemp(path);
  EXPECT_GE(fd, 0);
  ::close(fd);
  std::ofstream(path) << xml;
  std::string cmd = std::string("xmllint --noout ") + path + " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(cmd.c_str(), "r"), ::pclose);
  std::string out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, pipe.get())) out += buf;
  std::remove(path);
  return out;
}

constexpr std::string_view kSite = R"(-- content/blog/a.md --
---
title: "A <first> & only"
date: 2024-01-01T10:00:00Z
tags: [go, "c++"]
aliases: [/old/a/, /older/a.html]
description: About A
---
A body.
-- content/blog/b.md --
---
title: B
date: 2024-03-01
tags: [go]
search: false
---
B body.
-- content/notes.md --
---
title: Notes
---
)";

TEST(Feeds, RssAndAtomForHomeSectionsTaxonomiesAndTermsAreWellFormed) {
  auto snap = make_snapshot(kSite);
  std::vector<GeneratedFile> files;
  add_feeds(*snap, files);
  std::vector<std::string> paths;
  for (const auto& f : files) {
    paths.push_back(f.path);
    EXPECT_EQ(xmllint(f.bytes), "") << f.path << "\n" << f.bytes;
  }
  for (const char* want : {"index.xml", "atom.xml", "blog/index.xml", "tags/index.xml", "tags/go/index.xml",
                           "tags/c/atom.xml", "categories/index.xml"}) {
    EXPECT_NE(std::find(paths.begin(), paths.end(), want), paths.end()) << want;
  }
  const GeneratedFile& home = files[0];
  ASSERT_EQ(home.path, "index.xml");
  // Newest first, titles escaped, absolute links, RFC 1123 dates.
  EXPECT_LT(home.bytes.find("<title>B</title>"), home.bytes.find("<title>A &lt;first&gt; &amp; only</title>"));
  EXPECT_NE(home.bytes.find("<link>https://example.org/blog/a/</link>"), std::string::npos);
  EXPECT_NE(home.bytes.find("<pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate>"), std::string::npos);
  EXPECT_NE(home.bytes.find("<title>Example &amp; Co</title>"), std::string::npos);
}

TEST(Feeds, ItemLimitApplies) {
  config::Config c;
  c.feed_limit = 1;
  auto snap = make_snapshot(kSite, c);
  std::vector<GeneratedFile> files;
  add_feeds(*snap, files);
  EXPECT_EQ(files[0].bytes.find("<title>A"), std::string::npos);
  EXPECT_NE(files[0].bytes.find("<title>B</title>"), std::string::npos);
}

TEST(Feeds, SectionAndTaxonomyFeedsCanBeTurnedOff) {
  config::Config c;
  c.feeds_sections = false;
  c.feeds_taxonomies = false;
  c.output_atom = false;
  auto snap = make_snapshot(kSite, c);
  std::vector<GeneratedFile> files;
  add_feeds(*snap, files);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, "index.xml");
}

TEST(Sitemap, ListsEveryHtmlPageWithLastmodAndIsWellFormed) {
  auto snap = make_snapshot(kSite);
  GeneratedFile f = make_sitemap(*snap);
  EXPECT_EQ(xmllint(f.bytes), "");
  EXPECT_NE(f.bytes.find("<loc>https://example.org/blog/a/</loc>"), std::string::npos);
  EXPECT_NE(f.bytes.find("<loc>https://example.org/tags/go/</loc>"), std::string::npos);
  EXPECT_EQ(f.bytes.find("404.html"), std::string::npos);
  // The blog list is dated by its newest page.
  std::size_t blog = f.bytes.find("<loc>https://example.org/blog/</loc>");
  ASSERT_NE(blog, std::string::npos);
  EXPECT_EQ(f.bytes.substr(blog, 120).find("<lastmod>2024-03-01T00:00:00Z</lastmod>") != std::string::npos, true);
}

TEST(SearchIndex, HoldsTitleUrlSectionTagsSummaryHeadingsTextAndHonoursSearchFalse) {
  auto snap = make_snapshot(kSite);
  GeneratedFile f = make_search_index(*snap);
  EXPECT_EQ(f.path, "index.json");
  auto parsed = parse_json(f.bytes);
  ASSERT_TRUE(parsed.ok()) << f.bytes;
  ASSERT_EQ(parsed->size(), 2u);  // b.md has search: false
  const Data& a = (*parsed)[0];
  EXPECT_EQ(a.find("title")->as_string(), "A <first> & only");
  EXPECT_EQ(a.find("url")->as_string(), "/blog/a/");
  EXPECT_EQ(a.find("section")->as_string(), "Blog");
  EXPECT_EQ(a.find("tags")->size(), 2u);
  EXPECT_EQ(a.find("summary")->as_string(), "About A");
  EXPECT_EQ((*a.find("headings"))[0].find("id")->as_string(), "intro");
  EXPECT_EQ(a.find("text")->as_string(), "text of A <first> & only");
}

TEST(LlmsTxt, ListsPagesBySectionWithAbsoluteLinks) {
  auto snap = make_snapshot(kSite);
  GeneratedFile f = make_llms_txt(*snap);
  EXPECT_EQ(f.bytes.substr(0, 15), "# Example & Co\n");
  EXPECT_NE(f.bytes.find("## Pages\n\n- [Notes](https://example.org/notes/)"), std::string::npos) << f.bytes;
  EXPECT_NE(f.bytes.find("## Blog\n\n"), std::string::npos);
  EXPECT_NE(f.bytes.find("(https://example.org/blog/a/): About A"), std::string::npos);
}

TEST(Robots, PointsAtSitemap) {
  auto snap = make_snapshot(kSite);
  EXPECT_EQ(make_robots_txt(*snap).bytes, "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n");
}

TEST(Aliases, RedirectPagesPointAtTheCanonicalUrl) {
  auto snap = make_snapshot(kSite);
  std::vector<GeneratedFile> files;
  DiagnosticList diags;
  add_alias_pages(*snap, files, diags);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path, "old/a/index.html");
  EXPECT_EQ(files[1].path, "older/a.html");
  EXPECT_NE(files[0].bytes.find("<meta http-equiv=\"refresh\" content=\"0; url=https://example.org/blog/a/\">"),
            std::string::npos);
  EXPECT_TRUE(diags.empty());
}

TEST(Aliases, AliasOutsideTheSiteIsAnError) {
  auto snap = make_snapshot("-- content/x.md --\n---\naliases: [\"../../etc/x\"]\n---\n");
  std::vector<GeneratedFile> files;
  DiagnosticList diags;
  add_alias_pages(*snap, files, diags);
  EXPECT_TRUE(files.empty());
  EXPECT_EQ(diags.error_count(), 1u);
}

}  // namespace
}  // namespace bengal::postprocess

// The default theme's page structure: which layout a page gets, the docs
// sidebar, table of contents, pagination, home list, links under a base path,
// and the switches in bengal.toml that the templates follow. Sites are
// declared inline and built in memory with the embedded theme.
// (validate_site.sh checks whole sites with tidy and xmllint.)
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <sstream>
#include <thread>
#include <vector>

#include "support/site_fixture.h"

namespace bengal::testing {
namespace {

bool contains(const std::string& hay, std::string_view needle) {
  return hay.find(needle) != std::string::npos;
}

std::size_t count(const std::string& hay, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos;
       at = hay.find(needle, at + needle.size()))
    ++n;
  return n;
}

// The part of `html` between the first `from` and the next `to` after it.
std::string between(const std::string& html, std::string_view from, std::string_view to) {
  std::size_t a = html.find(from);
  if (a == std::string::npos) return {};
  std::size_t b = html.find(to, a + from.size());
  return html.substr(a, b == std::string::npos ? std::string::npos : b + to.size() - a);
}

// tidy's errors only: tidy 5.6 warns about valid ARIA attributes, so warnings
// are not failures. A missing tidy is a failure, not a silent pass.
std::string tidy_error_lines(const std::string& html) {
  std::istringstream in(tidy_errors(html));
  std::string line, out;
  while (std::getline(in, line)) {
    if (contains(line, "Error:") || contains(line, "not found")) out += line + "\n";
  }
  return out;
}

// A documentation section two levels deep, a dated blog, an undated root page.
constexpr std::string_view kSite = R"(-- bengal.toml --
title = "Theme Test"
base_url = "https://example.org/"
[[menu.main]]
name = "Docs"
url = "/docs/"
[[menu.main]]
name = "Blog"
url = "/blog/"
-- content/_index.md --
---
title: Welcome
list_section: blog
list_limit: 2
---
Home text.
-- content/about.md --
---
title: About
---
About text.
-- content/docs/_index.md --
---
title: Docs
---
-- content/docs/intro.md --
---
title: Intro
weight: 1
---
## First part
One.
## Second part
Two.
-- content/docs/setup.md --
---
title: Setup
weight: 2
tags: [basics]
---
Only one heading here.
## Lonely
-- content/docs/guides/_index.md --
---
title: Guides
weight: 3
---
-- content/docs/guides/deploy.md --
---
title: Deploy
---
## Build
## Upload
-- content/docs/reference/_index.md --
---
title: Reference
weight: 4
---
-- content/docs/reference/cli.md --
---
title: CLI
---
-- content/blog/_index.md --
---
title: Blog
paginate: 2
---
-- content/blog/one.md --
---
title: Post one
date: 2024-01-01
tags: [go, web]
---
First post.
-- content/blog/two.md --
---
title: Post two
date: 2024-02-01
tags: [go]
---
Second post.
-- content/blog/three.md --
---
title: Post three
date: 2024-03-01
tags: [web]
description: The third.
---
Third post.
)";

class Theme : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { site_ = build_inline(kSite).release(); }
  static void TearDownTestSuite() {
    delete site_;
    site_ = nullptr;
  }
  static const BuiltSite& site() { return *site_; }
  static std::string page(const std::string& path) {
    EXPECT_TRUE(site_->has(path)) << path;
    return site_->out(path);
  }

 private:
  static BuiltSite* site_;
};
BuiltSite* Theme::site_ = nullptr;

TEST_F(Theme, SiteBuildsWithoutDiagnostics) {
  EXPECT_FALSE(site().result.failed()) << site().report();
  EXPECT_EQ(site().report(), "");
}

TEST_F(Theme, DocsPageHasSidebarTreeWithCurrentPageAndOpenTrail) {
  std::string html = page("docs/guides/deploy/index.html");
  ASSERT_TRUE(contains(html, "class=\"page has-sidebar")) << html;
  std::string nav = between(html, "<nav class=\"sidebar\"", "</nav>");
  ASSERT_FALSE(nav.empty()) << html;
  // Every page of the tree, two levels deep, in section order; only this one is current.
  for (const char* link : {"href=\"/docs/intro/\"", "href=\"/docs/setup/\"",
                           "href=\"/docs/guides/\"", "href=\"/docs/guides/deploy/\"",
                           "href=\"/docs/reference/\"", "href=\"/docs/reference/cli/\""}) {
    EXPECT_TRUE(contains(nav, link)) << link << "\n" << nav;
  }
  EXPECT_LT(nav.find("/docs/intro/"), nav.find("/docs/setup/"));
  EXPECT_LT(nav.find("/docs/setup/"), nav.find("/docs/guides/"));
  EXPECT_EQ(count(nav, "aria-current=\"page\""), 1u) << nav;
  EXPECT_TRUE(contains(nav, "<a href=\"/docs/guides/deploy/\" aria-current=\"page\">Deploy</a>"))
      << nav;
  // The section holding the page is open, its sibling is not.
  EXPECT_TRUE(contains(between(nav, "nav-section", "</div>"), "open")) << nav;
  EXPECT_TRUE(contains(
      nav, "<li class=\"nav-section\">\n<div class=\"nav-row\"><a href=\"/docs/reference/\">"))
      << nav;
  EXPECT_TRUE(contains(nav, "aria-expanded=\"true\"")) << nav;
  EXPECT_TRUE(contains(nav, "aria-expanded=\"false\"")) << nav;
}

TEST_F(Theme, DocsPageHasBreadcrumbsTocAndNeighbours) {
  std::string html = page("docs/intro/index.html");
  std::string crumbs = between(html, "<nav class=\"breadcrumbs\"", "</nav>");
  EXPECT_TRUE(contains(crumbs, "<a href=\"/\">Home</a>")) << crumbs;
  EXPECT_TRUE(contains(crumbs, "<a href=\"/docs/\">Docs</a>")) << crumbs;
  EXPECT_TRUE(contains(crumbs, "<span aria-current=\"page\">Intro</span>")) << crumbs;
  // Two headings: the outline beside the text and, for small screens, above it.
  std::string aside = between(html, "<aside class=\"toc toc-aside\"", "</aside>");
  EXPECT_TRUE(contains(aside, "<a href=\"#first-part\">First part</a>")) << html;
  EXPECT_TRUE(contains(aside, "<a href=\"#second-part\">Second part</a>")) << aside;
  EXPECT_TRUE(contains(html, "<details class=\"toc toc-inline\">"));
  EXPECT_TRUE(contains(html, "class=\"page has-sidebar has-toc\""));
  std::string neighbours = between(html, "<nav class=\"prev-next\"", "</nav>");
  EXPECT_TRUE(contains(neighbours, "href=\"/docs/setup/\" rel=\"next\"")) << neighbours;
  EXPECT_FALSE(contains(neighbours, "rel=\"prev\"")) << neighbours;
}

TEST_F(Theme, OneHeadingGetsNoTableOfContents) {
  std::string html = page("docs/setup/index.html");
  EXPECT_FALSE(contains(html, "toc-aside")) << html;
  EXPECT_FALSE(contains(html, "has-toc"));
}

TEST_F(Theme, DatedSectionGetsBlogLayoutWithoutSidebar) {
  std::string html = page("blog/one/index.html");
  EXPECT_TRUE(contains(html, "layout-blog"));
  EXPECT_FALSE(contains(html, "class=\"sidebar")) << html;
  EXPECT_TRUE(contains(html, "<time datetime=\"2024-01-01\">January 1, 2024</time>")) << html;
  EXPECT_TRUE(contains(html, "<a class=\"tag\" href=\"/tags/go/\">#go</a>")) << html;
  // Related posts share tags with this one.
  std::string related = between(html, "<section class=\"related\"", "</section>");
  EXPECT_TRUE(contains(related, "/blog/two/")) << html;
  EXPECT_TRUE(contains(related, "/blog/three/")) << related;
}

TEST_F(Theme, RootPagesAndTaxonomiesGetNoSidebar) {
  for (const char* path :
       {"about/index.html", "tags/index.html", "tags/go/index.html", "404.html", "index.html"}) {
    std::string html = page(path);
    EXPECT_FALSE(contains(html, "class=\"sidebar")) << path;
    EXPECT_FALSE(contains(html, "layout-docs")) << path;
  }
}

TEST_F(Theme, PaginatedListLinksItsPagesAndMarksTheCurrentOne) {
  std::string first = page("blog/index.html");
  std::string nav = between(first, "<nav class=\"pagination\"", "</nav>");
  EXPECT_TRUE(contains(nav, "href=\"/blog/page/2/\" rel=\"next\"")) << nav;
  EXPECT_FALSE(contains(nav, "rel=\"prev\"")) << nav;
  EXPECT_TRUE(contains(nav, "<span aria-current=\"page\">1</span>")) << nav;
  // Newest first, two per page: three and two here, one on page 2.
  EXPECT_LT(first.find("/blog/three/"), first.find("/blog/two/"));
  EXPECT_FALSE(contains(between(first, "<div class=\"post-list\">", "</main>"), "/blog/one/"));
  std::string second = page("blog/page/2/index.html");
  nav = between(second, "<nav class=\"pagination\"", "</nav>");
  EXPECT_TRUE(contains(nav, "href=\"/blog/\" rel=\"prev\"")) << nav;
  EXPECT_TRUE(contains(nav, "<span aria-current=\"page\">2</span>")) << nav;
  EXPECT_TRUE(contains(second, "/blog/one/"));
  // Each page of a list is its own canonical page.
  EXPECT_TRUE(
      contains(second, "<link rel=\"canonical\" href=\"https://example.org/blog/page/2/\">"))
      << second;
  EXPECT_TRUE(contains(first, "<link rel=\"canonical\" href=\"https://example.org/blog/\">"));
  // A description replaces the summary in lists.
  EXPECT_TRUE(contains(first, "<p class=\"post-card-summary\">The third.</p>")) << first;
}

TEST_F(Theme, HomeListsTheNewestPagesOfItsListSection) {
  std::string html = page("index.html");
  std::string list = between(html, "<section class=\"home-list\"", "</section>");
  EXPECT_TRUE(contains(list, "Latest from Blog")) << html;
  EXPECT_TRUE(contains(list, "/blog/three/"));
  EXPECT_TRUE(contains(list, "/blog/two/"));
  EXPECT_FALSE(contains(list, "/blog/one/")) << "list_limit: 2";
  EXPECT_TRUE(contains(list, "All 3 posts in Blog"));
  EXPECT_FALSE(contains(list, "/about/"));
}

TEST_F(Theme, HeaderMarksTheMenuEntryOfTheCurrentSection) {
  std::string html = page("docs/intro/index.html");
  std::string nav = between(html, "<nav class=\"site-nav\"", "</nav>");
  EXPECT_TRUE(contains(nav, "<a href=\"/docs/\" class=\"in-trail\">Docs</a>")) << nav;
  EXPECT_TRUE(
      contains(page("docs/index.html"), "<a href=\"/docs/\" aria-current=\"page\">Docs</a>"));
}

TEST_F(Theme, EveryPageHasLandmarksSkipLinkSearchAndAssets) {
  for (const char* path :
       {"index.html", "docs/intro/index.html", "blog/index.html", "tags/index.html", "404.html"}) {
    std::string html = page(path);
    EXPECT_TRUE(contains(html, "<a class=\"skip-link\" href=\"#main-content\">")) << path;
    EXPECT_TRUE(contains(html, "<main id=\"main-content\"")) << path;
    EXPECT_TRUE(contains(html, "<header class=\"site-header\">")) << path;
    EXPECT_TRUE(contains(html, "<footer class=\"site-footer\">")) << path;
    EXPECT_TRUE(contains(html, "data-index=\"/index.json\"")) << path;
    EXPECT_TRUE(contains(html, "<button class=\"icon-button theme-toggle\"")) << path;
    EXPECT_EQ(count(html, "<link rel=\"stylesheet\""), 2u) << path;
    EXPECT_EQ(count(html, "<script src="), 1u) << path;
  }
  EXPECT_TRUE(site().has("index.json"));
  // The favicon is a theme asset: fingerprinted, published because head.html asks for it.
  std::string home = page("index.html");
  auto at = home.find("<link rel=\"icon\" href=\"/favicon.");
  ASSERT_NE(at, std::string::npos);
  std::string href = home.substr(at + 23, home.find('"', at + 23) - at - 23);
  EXPECT_TRUE(site().has(href.substr(1))) << href;
  EXPECT_FALSE(site().has("favicon.svg"));
}

TEST_F(Theme, EveryKindOfPagePassesTidy) {
  for (const char* path :
       {"index.html", "about/index.html", "docs/index.html", "docs/intro/index.html",
        "docs/guides/index.html", "blog/index.html", "blog/page/2/index.html",
        "blog/one/index.html", "tags/index.html", "tags/go/index.html", "404.html"}) {
    EXPECT_EQ(tidy_error_lines(page(path)), "") << path;
  }
}

TEST_F(Theme, NotFoundPageIsNotIndexed) {
  std::string html = page("404.html");
  EXPECT_TRUE(contains(html, "<meta name=\"robots\" content=\"noindex\">")) << html;
  EXPECT_FALSE(contains(html, "rel=\"canonical\""));
  EXPECT_TRUE(contains(html, "<h1>Page not found</h1>"));
}

TEST_F(Theme, ElementIdsAreUniqueOnEveryPage) {
  for (const char* path : {"docs/guides/deploy/index.html", "blog/one/index.html", "index.html"}) {
    std::string html = page(path);
    std::vector<std::string> ids;
    for (std::size_t at = html.find(" id=\""); at != std::string::npos;
         at = html.find(" id=\"", at + 1)) {
      std::size_t end = html.find('"', at + 5);
      ids.push_back(html.substr(at + 5, end - at - 5));
    }
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << path << ": duplicate id";
    EXPECT_GT(ids.size(), 3u) << path;
  }
}

TEST_F(Theme, TaxonomyListsTermsWithCounts) {
  std::string html = page("tags/index.html");
  EXPECT_TRUE(
      contains(html, "<a class=\"tag\" href=\"/tags/go/\">go <span class=\"count\">2</span></a>"))
      << html;
  std::string term = page("tags/web/index.html");
  EXPECT_TRUE(contains(term, "/blog/one/"));
  EXPECT_TRUE(contains(term, "/blog/three/"));
  EXPECT_FALSE(contains(term, "/blog/two/"));
  EXPECT_TRUE(contains(between(term, "<nav class=\"breadcrumbs\"", "</nav>"), "href=\"/tags/\""))
      << term;
}

// --- sites that change one switch -------------------------------------------------

std::unique_ptr<BuiltSite> build_ok(std::string_view archive) {
  auto site = build_inline(archive);
  EXPECT_FALSE(site->result.failed()) << site->report();
  return site;
}

TEST(ThemeSwitches, SidebarParamOverridesTheDateRule) {
  auto site = build_ok(R"(-- content/notes/_index.md --
---
title: Notes
sidebar: true
---
-- content/notes/a.md --
---
title: A
date: 2024-01-01
---
-- content/guide/_index.md --
---
title: Guide
sidebar: false
---
-- content/guide/b.md --
---
title: B
---
)");
  EXPECT_TRUE(contains(site->out("notes/a/index.html"), "class=\"sidebar\""));
  EXPECT_TRUE(contains(site->out("notes/a/index.html"), "layout-docs"));
  EXPECT_FALSE(contains(site->out("guide/b/index.html"), "class=\"sidebar\""));
  EXPECT_TRUE(contains(site->out("guide/b/index.html"), "layout-blog"));
}

TEST(ThemeSwitches, SidebarListsAtMostTheLimitAndLinksToTheRest) {
  auto site = build_ok(R"(-- bengal.toml --
[params]
sidebar_limit = 2
-- content/docs/_index.md --
---
title: Docs
---
-- content/docs/a.md --
---
title: A
weight: 1
---
-- content/docs/b.md --
---
title: B
weight: 2
---
-- content/docs/c.md --
---
title: C
weight: 3
---
)");
  std::string nav = between(site->out("docs/a/index.html"), "<nav class=\"sidebar\"", "</nav>");
  EXPECT_TRUE(contains(nav, "/docs/a/"));
  EXPECT_TRUE(contains(nav, "/docs/b/"));
  EXPECT_FALSE(contains(nav, "/docs/c/")) << nav;
  EXPECT_TRUE(contains(nav, "<a class=\"nav-more\" href=\"/docs/\">All 3 pages</a>")) << nav;
}

TEST(ThemeSwitches, LinksCarryTheBasePathOfBaseUrl) {
  auto site = build_ok(R"(-- bengal.toml --
base_url = "https://example.org/sub/"
-- content/docs/_index.md --
---
title: Docs
---
-- content/docs/a.md --
---
title: A
---
)");
  std::string html = site->out("docs/a/index.html");
  EXPECT_TRUE(contains(html, "href=\"/sub/css/main.")) << html;
  EXPECT_TRUE(contains(html, "src=\"/sub/js/main.")) << html;
  EXPECT_TRUE(contains(html, "data-index=\"/sub/index.json\" data-base=\"/sub/\"")) << html;
  EXPECT_TRUE(contains(html, "href=\"/sub/index.xml\"")) << html;
  EXPECT_TRUE(contains(html, "<a class=\"site-title\" href=\"/sub/\"")) << html;
  // No menu configured: the header lists the top-level sections.
  EXPECT_TRUE(contains(between(html, "<nav class=\"site-nav\"", "</nav>"), "href=\"/sub/docs/\""))
      << html;
  EXPECT_FALSE(contains(html, "href=\"/docs/")) << html;
}

TEST(ThemeSwitches, SearchAndFeedLinksFollowTheConfig) {
  auto site = build_ok(R"(-- bengal.toml --
[outputs]
search_index = false
[feeds]
rss = false
-- content/a.md --
---
title: A
---
)");
  std::string html = site->out("a/index.html");
  EXPECT_FALSE(contains(html, "site-search")) << html;
  EXPECT_FALSE(contains(html, "data-search-open"));
  EXPECT_FALSE(contains(html, "application/rss+xml"));
  EXPECT_TRUE(contains(html, "application/atom+xml"));
  EXPECT_FALSE(site->has("index.json"));
}

TEST(ThemeSwitches, SiteTemplatesFillTheHeadAndFootHooks) {
  auto site = build_ok(R"(-- templates/partials/extra-head.html --
<meta name="x-extra" content="head">
-- templates/partials/extra-foot.html --
<script>window.extraFoot = 1;</script>
-- content/a.md --
---
title: A
---
)");
  std::string html = site->out("a/index.html");
  EXPECT_LT(html.find("<meta name=\"x-extra\" content=\"head\">"), html.find("</head>")) << html;
  EXPECT_LT(html.find("window.extraFoot"), html.find("</body>")) << html;
  EXPECT_GT(html.find("window.extraFoot"), html.find("<main"));
}

TEST(ThemeSwitches, EditLinkAndLogoFromParams) {
  auto site = build_ok(R"(-- bengal.toml --
[params]
edit_url = "https://example.org/repo/edit/main/"
logo = "/logo.svg"
-- content/docs/_index.md --
---
title: Docs
---
-- content/docs/a.md --
---
title: A
---
)");
  std::string html = site->out("docs/a/index.html");
  EXPECT_TRUE(contains(html, "href=\"https://example.org/repo/edit/main/content/docs/a.md\""))
      << html;
  EXPECT_TRUE(contains(html, "<img class=\"site-logo\" src=\"/logo.svg\"")) << html;
}

// --- incremental builds: what a new page re-renders -----------------------------

bool rendered(const BuiltSite& site, std::string_view output) {
  const auto& ex = site.result.explanations;
  return std::any_of(ex.begin(), ex.end(),
                     [&](const build::Explanation& e) { return e.output == output; });
}

// Why each output was rendered, for failure messages.
std::string reasons(const BuiltSite& site) {
  std::string s;
  for (const build::Explanation& e : site.result.explanations)
    s += e.output + ": " + e.reason + "\n";
  return s;
}

constexpr std::string_view kTwoSections = R"(-- content/blog/_index.md --
---
title: Blog
---
-- content/blog/a.md --
---
title: A
date: 2024-01-01
tags: [a]
---
-- content/blog/b.md --
---
title: B
date: 2024-02-01
tags: [b]
---
-- content/blog/c.md --
---
title: C
date: 2024-03-01
tags: [c]
---
-- content/docs/_index.md --
---
title: Docs
---
-- content/docs/x.md --
---
title: X
weight: 1
---
-- content/docs/y.md --
---
title: Y
weight: 2
---
)";

TEST(ThemeIncremental, ANoOpRebuildRendersNothing) {
  // Nothing the theme reads may change between builds on its own (the build
  // time, say): every output must come from the cache.
  auto site = build_ok(kTwoSections);
  // The build time has one-second resolution: let the clock tick first.
  for (std::time_t start = std::time(nullptr); std::time(nullptr) == start;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  rebuild(*site);
  ASSERT_FALSE(site->result.failed()) << site->report();
  EXPECT_EQ(site->result.stats.outputs_rendered, 0u) << reasons(*site);
}

TEST(ThemeIncremental, ABodyEditReRendersThePostAndItsListsNotItsNeighbours) {
  auto site = build_ok(kTwoSections);
  ASSERT_TRUE(site->fs
                  ->write_file("site/content/blog/b.md",
                               "---\ntitle: B\ndate: 2024-02-01\ntags: [b]\n---\nNew text.\n")
                  .ok());
  rebuild(*site);
  ASSERT_FALSE(site->result.failed()) << site->report();
  EXPECT_TRUE(rendered(*site, "blog/b/index.html"));
  EXPECT_TRUE(rendered(*site, "blog/index.html")) << "it shows the summary";
  EXPECT_FALSE(rendered(*site, "blog/a/index.html")) << reasons(*site);
  EXPECT_FALSE(rendered(*site, "blog/c/index.html")) << reasons(*site);
  EXPECT_FALSE(rendered(*site, "docs/x/index.html")) << reasons(*site);
}

TEST(ThemeIncremental, ANewPostReRendersItsNeighboursNotEveryPost) {
  auto site = build_ok(kTwoSections);
  ASSERT_TRUE(site->fs
                  ->write_file("site/content/blog/d.md",
                               "---\ntitle: D\ndate: 2024-04-01\ntags: [d]\n---\n")
                  .ok());
  rebuild(*site);
  ASSERT_FALSE(site->result.failed()) << site->report();
  EXPECT_TRUE(rendered(*site, "blog/d/index.html"));
  EXPECT_TRUE(rendered(*site, "blog/c/index.html")) << "its neighbour links to it";
  EXPECT_FALSE(rendered(*site, "blog/a/index.html")) << "an unrelated older post\n"
                                                     << reasons(*site);
  EXPECT_FALSE(rendered(*site, "docs/x/index.html")) << reasons(*site);
}

TEST(ThemeIncremental, ANewDocReRendersTheSidebarOfItsSection) {
  auto site = build_ok(kTwoSections);
  ASSERT_TRUE(
      site->fs->write_file("site/content/docs/z.md", "---\ntitle: Z\nweight: 3\n---\n").ok());
  rebuild(*site);
  ASSERT_FALSE(site->result.failed()) << site->report();
  EXPECT_TRUE(rendered(*site, "docs/x/index.html")) << "its sidebar lists the new page";
  EXPECT_TRUE(contains(site->out("docs/x/index.html"), "href=\"/docs/z/\""));
  EXPECT_FALSE(rendered(*site, "blog/a/index.html")) << reasons(*site);
}

}  // namespace
}  // namespace bengal::testing

// Whole-site outputs: feeds, sitemap, search index, llms.txt, robots.txt and
// alias redirects, rendered from the theme's templates.
#include <gtest/gtest.h>

#include "core/data_formats.h"
#include "support/site_fixture.h"

namespace bengal::testing {
namespace {

constexpr std::string_view kSite = R"(-- bengal.toml --
title = "Example & Co"
base_url = "https://example.org/"
description = "A site"
-- content/blog/a.md --
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
Some notes.
)";

TEST(Outputs, FeedsForHomeSectionsTaxonomiesAndTermsAreWellFormed) {
  auto site = build_inline(kSite);
  ASSERT_FALSE(site->result.failed()) << site->report();
  for (const char* f : {"index.xml", "atom.xml", "blog/index.xml", "blog/atom.xml", "tags/index.xml",
                        "tags/go/index.xml", "tags/c/atom.xml", "categories/index.xml"}) {
    ASSERT_TRUE(site->has(f)) << f;
    EXPECT_EQ(xmllint_errors(site->out(f)), "") << f << "\n" << site->out(f);
  }
  std::string home = site->out("index.xml");
  // Newest first, titles escaped, absolute links, RFC 1123 dates.
  EXPECT_LT(home.find("<title>B</title>"), home.find("<title>A &lt;first&gt; &amp; only</title>")) << home;
  EXPECT_NE(home.find("<link>https://example.org/blog/a/</link>"), std::string::npos);
  EXPECT_NE(home.find("<pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate>"), std::string::npos) << home;
  EXPECT_NE(home.find("<title>Example &amp; Co</title>"), std::string::npos);
  EXPECT_NE(home.find("<description>A body.</description>"), std::string::npos) << home;
  std::string tags = site->out("tags/index.xml");
  EXPECT_NE(tags.find("<link>https://example.org/tags/go/</link>"), std::string::npos) << tags;
}

TEST(Outputs, FeedLimitAndSwitches) {
  auto site = build_inline(std::string(kSite).replace(std::string(kSite).find("description = \"A site\""), 22,
                                                      "description = \"A site\"\n[feeds]\nlimit = 1\natom = false\n"
                                                      "sections = false\ntaxonomies = false"));
  ASSERT_FALSE(site->result.failed()) << site->report();
  std::string home = site->out("index.xml");
  EXPECT_EQ(home.find("<title>A"), std::string::npos);
  EXPECT_NE(home.find("<title>B</title>"), std::string::npos);
  EXPECT_FALSE(site->has("atom.xml"));
  EXPECT_FALSE(site->has("blog/index.xml"));
  EXPECT_FALSE(site->has("tags/index.xml"));
}

TEST(Outputs, SitemapListsEveryHtmlPageWithLastmod) {
  auto site = build_inline(kSite);
  std::string map = site->out("sitemap.xml");
  EXPECT_EQ(xmllint_errors(map), "") << map;
  EXPECT_NE(map.find("<loc>https://example.org/blog/a/</loc>"), std::string::npos);
  EXPECT_NE(map.find("<loc>https://example.org/tags/go/</loc>"), std::string::npos);
  EXPECT_EQ(map.find("404.html"), std::string::npos);
  std::size_t blog = map.find("<loc>https://example.org/blog/</loc>");
  ASSERT_NE(blog, std::string::npos);
  EXPECT_NE(map.substr(blog, 100).find("<lastmod>2024-03-01</lastmod>"), std::string::npos) << map;
}

TEST(Outputs, SearchIndexHoldsPageFactsAndHonoursSearchFalse) {
  auto site = build_inline(kSite);
  auto parsed = parse_json(site->out("index.json"));
  ASSERT_TRUE(parsed.ok()) << site->out("index.json");
  ASSERT_EQ(parsed->size(), 2u);  // b.md has search: false
  const Data* a = nullptr;
  for (const Data& e : parsed->items()) {
    if (e.find("url")->as_string() == "/blog/a/") a = &e;
  }
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->find("title")->as_string(), "A <first> & only");
  EXPECT_EQ(a->find("section")->as_string(), "Blog");
  EXPECT_EQ(a->find("tags")->size(), 2u);
  EXPECT_EQ(a->find("summary")->as_string(), "About A");
  EXPECT_EQ(a->find("text")->as_string(), "A body.");
}

TEST(Outputs, LlmsTxtAndRobotsTxt) {
  auto site = build_inline(kSite);
  std::string llms = site->out("llms.txt");
  EXPECT_EQ(llms.substr(0, 15), "# Example & Co\n") << llms;
  EXPECT_NE(llms.find("> A site"), std::string::npos) << llms;
  EXPECT_NE(llms.find("## Pages\n\n- [Notes](https://example.org/notes/)"), std::string::npos) << llms;
  EXPECT_NE(llms.find("## Blog\n"), std::string::npos) << llms;
  EXPECT_NE(llms.find("(https://example.org/blog/a/): About A"), std::string::npos) << llms;
  EXPECT_EQ(site->out("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml");
}

TEST(Outputs, AliasesRedirectToTheCanonicalUrl) {
  auto site = build_inline(kSite);
  std::string alias = site->out("old/a/index.html");
  EXPECT_NE(alias.find("<meta http-equiv=\"refresh\" content=\"0; url=https://example.org/blog/a/\">"),
            std::string::npos) << alias;
  EXPECT_TRUE(site->has("older/a.html"));
  EXPECT_EQ(tidy_errors(alias), "");
}

TEST(Outputs, AliasOntoAnotherPageIsAnErrorAndThePageWins) {
  auto site = build_inline(R"(-- content/a.md --
---
aliases: [/b/]
---
A
-- content/b.md --
B
)");
  EXPECT_TRUE(site->result.failed());
  EXPECT_NE(site->report().find("also produced by"), std::string::npos) << site->report();
  EXPECT_NE(site->out("b/index.html").find("<p>B</p>"), std::string::npos);
}

TEST(Outputs, StaticFileOntoARenderedPageIsAnErrorNamingBoth) {
  auto site = build_inline(R"(-- content/b.md --
B
-- static/b/index.html --
stale copy
)");
  EXPECT_TRUE(site->result.failed());
  EXPECT_NE(site->report().find("would overwrite b/index.html, which content/b.md produces"), std::string::npos)
      << site->report();
  EXPECT_NE(site->out("b/index.html").find("<p>B</p>"), std::string::npos);
}

TEST(Outputs, SiteCanOverrideAFeedTemplate) {
  auto site = build_inline(std::string(kSite) + "-- templates/rss.xml --\n<rss>{{ page.title }}</rss>\n");
  EXPECT_EQ(site->out("blog/index.xml"), "<rss>Blog</rss>");
}

}  // namespace
}  // namespace bengal::testing

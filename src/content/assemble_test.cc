#include <gtest/gtest.h>

#include "content/site.h"
#include "core/txtar.h"

namespace bengal::content {
namespace {

struct Built {
  DiscoverResult disc;
  Site site;
  const Page* by_url(const std::string& url) const {
    for (const Page& p : site.pages) {
      if (p.url == url) return &p;
    }
    return nullptr;
  }
};

Built build(std::string_view archive, config::Config config = {}, AssembleOptions opts = {}) {
  MemoryFileSystem fs;
  load_txtar(fs, archive, "");
  ThreadPool pool(1);
  Built b;
  b.disc = discover(fs, "", config, pool);
  if (opts.now.epoch_seconds == 0) opts.now = *parse_datetime("2030-01-01");
  b.site = assemble(b.disc, config, opts);
  return b;
}

TEST(Assemble, SectionsFromFoldersWithPrettyUrls) {
  auto b = build(R"(-- content/_index.md --
---
title: Welcome
---
-- content/blog/_index.md --
---
title: The Blog
---
-- content/blog/first.md --
---
title: First
date: 2024-01-01
---
-- content/blog/second.md --
---
title: Second
date: 2024-02-01
---
-- content/docs/guide/index.md --
---
title: Guide
---
-- content/about.md --
)");
  EXPECT_TRUE(b.site.diagnostics.empty());
  const Page* home = b.by_url("/");
  ASSERT_NE(home, nullptr);
  EXPECT_EQ(home->kind, PageKind::kHome);
  EXPECT_EQ(home->title, "Welcome");
  const Page* blog = b.by_url("/blog/");
  ASSERT_NE(blog, nullptr);
  EXPECT_EQ(blog->title, "The Blog");
  ASSERT_EQ(blog->members.size(), 2u);
  EXPECT_EQ(b.site.page(blog->members[0]).title, "Second");  // newest first without weights
  const Page* guide = b.by_url("/docs/guide/");
  ASSERT_NE(guide, nullptr);
  EXPECT_EQ(guide->output_path, "docs/guide/index.html");
  EXPECT_EQ(guide->bundle_dir, "docs/guide");
  const Page* docs = b.by_url("/docs/");
  ASSERT_NE(docs, nullptr);
  EXPECT_EQ(docs->title, "Docs");  // generated section page
  const Page* about = b.by_url("/about/");
  ASSERT_NE(about, nullptr);
  EXPECT_EQ(about->title, "About");
  EXPECT_EQ(about->section, 0u);
}

TEST(Assemble, WeightThenDateOrderAndPrevNext) {
  auto b = build(R"(-- content/s/a.md --
---
title: A
date: 2024-01-01
---
-- content/s/b.md --
---
title: B
weight: 2
---
-- content/s/c.md --
---
title: C
weight: 1
---
-- content/s/d.md --
---
title: D
date: 2024-03-01
---
)");
  const Page* s = b.by_url("/s/");
  ASSERT_NE(s, nullptr);
  std::vector<std::string> titles;
  for (PageId id : s->members) titles.push_back(b.site.page(id).title);
  EXPECT_EQ(titles, (std::vector<std::string>{"C", "B", "D", "A"}));
  const Page* b_page = b.by_url("/s/b/");
  EXPECT_EQ(b.site.page(b_page->prev).title, "C");
  EXPECT_EQ(b.site.page(b_page->next).title, "D");
  EXPECT_EQ(b.by_url("/s/c/")->prev, kNoPage);
}

TEST(Assemble, DraftsFutureAndExpiredAreExcludedByDefault) {
  std::string site = R"(-- content/draft.md --
---
draft: true
---
-- content/future.md --
---
date: 2099-01-01
---
-- content/expired.md --
---
expiry_date: 2020-01-01
---
-- content/live.md --
)";
  auto b = build(site);
  EXPECT_EQ(b.site.regular_pages.size(), 1u);
  auto all = build(site, {}, AssembleOptions{true, true, true, *parse_datetime("2030-01-01")});
  EXPECT_EQ(all.site.regular_pages.size(), 4u);
}

TEST(Assemble, SlugUrlAndPermalinkPatterns) {
  config::Config config;
  config.permalinks["blog"] = "/blog/:year/:month/:slug/";
  auto b = build(R"(-- content/blog/post.md --
---
title: Hello World
date: 2024-03-09
---
-- content/blog/other.md --
---
slug: custom
date: 2023-01-01
---
-- content/page.md --
---
url: /somewhere/else
---
-- content/x/y.md --
---
slug: my-y
---
)",
                 config);
  EXPECT_NE(b.by_url("/blog/2024/03/hello-world/"), nullptr);
  EXPECT_NE(b.by_url("/blog/2023/01/custom/"), nullptr);
  EXPECT_NE(b.by_url("/somewhere/else/"), nullptr);
  EXPECT_NE(b.by_url("/x/my-y/"), nullptr);
}

TEST(Assemble, SlugThatEscapesTheSiteIsAnErrorOthersBuild) {
  auto b = build(R"(-- content/evil.md --
---
slug: ../../../etc/passwd
---
-- content/evil2.md --
---
url: /../../x/
---
-- content/ok.md --
)");
  EXPECT_EQ(b.site.diagnostics.error_count(), 2u);
  for (const auto& d : b.site.diagnostics.items()) {
    EXPECT_TRUE(d.location.file == "content/evil.md" || d.location.file == "content/evil2.md");
  }
  EXPECT_NE(b.by_url("/ok/"), nullptr);
  for (const Page& p : b.site.pages) EXPECT_EQ(p.output_path.find(".."), std::string::npos);
}

TEST(Assemble, OutputCollisionNamesBothSources) {
  auto b = build(R"(-- content/a.md --
---
url: /same/
---
-- content/b.md --
---
url: /same/
---
)");
  ASSERT_EQ(b.site.diagnostics.error_count(), 1u);
  const Diagnostic& d = b.site.diagnostics.items()[0];
  EXPECT_EQ(d.location.file, "content/b.md");
  EXPECT_NE(d.message.find("content/a.md"), std::string::npos);
}

TEST(Assemble, CascadeAppliesToDescendantsAndPageWins) {
  auto b = build(R"(-- content/docs/_index.md --
---
cascade:
  layout: docs
  tags: [manual]
---
-- content/docs/a.md --
---
title: A
---
-- content/docs/b.md --
---
title: B
layout: special
---
-- content/other.md --
)");
  EXPECT_EQ(b.by_url("/docs/a/")->fm.layout, "docs");
  EXPECT_EQ(*b.by_url("/docs/a/")->fm.terms_for("tags"), (std::vector<std::string>{"manual"}));
  EXPECT_EQ(b.by_url("/docs/b/")->fm.layout, "special");
  EXPECT_EQ(b.by_url("/other/")->fm.layout, "");
}

TEST(Assemble, TaxonomiesNormaliseTermsAndListNewestFirst) {
  auto b = build(R"(-- content/a.md --
---
date: 2024-01-01
tags: [Release Notes, go]
---
-- content/b.md --
---
date: 2024-02-01
tags: [release notes]
categories: [News]
---
)");
  ASSERT_EQ(b.site.taxonomies.size(), 2u);
  const Taxonomy& tags = b.site.taxonomies[0];
  ASSERT_EQ(tags.terms.size(), 2u);
  EXPECT_EQ(tags.terms[1].slug, "release-notes");
  EXPECT_EQ(tags.terms[1].name, "release notes");  // first written by the newest page
  const Page* term = b.by_url("/tags/release-notes/");
  ASSERT_NE(term, nullptr);
  EXPECT_EQ(term->kind, PageKind::kTerm);
  ASSERT_EQ(term->members.size(), 2u);
  EXPECT_EQ(b.site.page(term->members[0]).url, "/b/");
  EXPECT_NE(b.by_url("/tags/"), nullptr);
  EXPECT_NE(b.by_url("/categories/news/"), nullptr);
  // Pages know their terms' indexes in front-matter order, deduplicated by slug.
  const Page* a = b.by_url("/a/");
  ASSERT_EQ(a->term_refs.size(), 2u);
  ASSERT_EQ(a->term_refs[0].terms.size(), 2u);
  EXPECT_EQ(tags.terms[a->term_refs[0].terms[0]].slug, "release-notes");
  EXPECT_EQ(tags.terms[a->term_refs[0].terms[1]].slug, "go");
  EXPECT_TRUE(a->term_refs[1].terms.empty());
}

TEST(Assemble, MenusFromConfigAndFrontMatterNestedAndWeighted) {
  config::Config config;
  config.menus["main"].push_back({"Docs", "/docs/", "", "docs", "", 2, {}});
  config.menus["main"].push_back({"Home", "/", "", "home", "", 1, {}});
  auto b = build(R"(-- content/docs/intro.md --
---
title: Intro
menu:
  main:
    parent: docs
    weight: 5
---
-- content/about.md --
---
title: About
menu: main
weight: 3
---
)",
                 config);
  ASSERT_EQ(b.site.menus.size(), 1u);
  const Menu& m = b.site.menus[0];
  std::vector<std::string> roots;
  for (auto i : m.roots) roots.push_back(m.items[i].name);
  EXPECT_EQ(roots, (std::vector<std::string>{"Home", "Docs", "About"}));
  const MenuItem& docs = m.items[m.roots[1]];
  ASSERT_EQ(docs.children.size(), 1u);
  EXPECT_EQ(m.items[docs.children[0]].url, "/docs/intro/");
}

TEST(Assemble, BadTypedFieldSkipsOnlyThatPage) {
  auto b = build(R"(-- content/bad.md --
---
date: someday
---
-- content/good.md --
)");
  EXPECT_EQ(b.site.diagnostics.error_count(), 1u);
  EXPECT_EQ(b.by_url("/bad/"), nullptr);
  EXPECT_NE(b.by_url("/good/"), nullptr);
}

TEST(Assemble, NotFoundPageExists) {
  auto b = build("-- content/a.md --\n");
  ASSERT_NE(b.site.not_found, kNoPage);
  EXPECT_EQ(b.site.page(b.site.not_found).output_path, "404.html");
}

}  // namespace
}  // namespace bengal::content

// The site features of issue #6, each on a small inline site built with the
// real pipeline. Templates print exactly the facts under test.
#include <gtest/gtest.h>

#include "support/site_fixture.h"

namespace bengal::testing {
namespace {

std::string with_templates(const std::string& archive) {
  return archive + R"(-- templates/single.html --
{{ page.title }}|{{ page.url }}|{{ page.section.title }}|{% for a in page.ancestors %}{{ a.title }}>{% endfor %}|prev={{ page.prev.title ?? '-' }}|next={{ page.next.title ?? '-' }}|{{ page.word_count }}w|{{ page.reading_time }}m|{{ page.params.layout_note ?? '' }}
-- templates/list.html --
{{ page.title }}:{% for p in paginator.items %}{{ p.title }},{% endfor %}|{{ paginator.number }}/{{ paginator.total }}|subs={% for s in page.subsections %}{{ s.title }},{% endfor %}
)";
}

TEST(Features, NestedSectionsWithIndexFilesAndGeneratedSectionPages) {
  auto site = build_inline(with_templates(R"(-- content/docs/_index.md --
---
title: Documentation
weight: 1
---
-- content/docs/guides/_index.md --
---
title: Guides
---
-- content/docs/guides/install.md --
---
title: Install
---
-- content/docs/intro.md --
---
title: Intro
---
-- content/misc/loose.md --
---
title: Loose
---
)"));
  ASSERT_FALSE(site->result.failed()) << site->report();
  EXPECT_EQ(site->out("docs/guides/install/index.html"), "Install|/docs/guides/install/|Guides|My Site>Documentation>Guides>|prev=-|next=-|0w|0m|");
  EXPECT_EQ(site->out("docs/index.html"), "Documentation:Intro,|1/1|subs=Guides,");
  EXPECT_EQ(site->out("misc/index.html"), "Misc:Loose,|1/1|subs=");  // top-level folder without _index.md
}

TEST(Features, SectionOrderWeightDateTitleAndPrevNext) {
  auto site = build_inline(with_templates(R"(-- content/a/_index.md --
---
sort_by: title
---
-- content/a/z.md --
---
title: Zed
---
-- content/a/b.md --
---
title: Bee
---
-- content/w/x.md --
---
title: Light
weight: 1
---
-- content/w/y.md --
---
title: Heavy
weight: 5
---
-- content/w/n.md --
---
title: Newest
date: 2024-05-01
---
-- content/w/o.md --
---
title: Older
date: 2024-01-01
---
)"));
  EXPECT_EQ(site->out("a/index.html"), "A:Bee,Zed,|1/1|subs=");
  EXPECT_EQ(site->out("w/index.html"), "W:Light,Heavy,Newest,Older,|1/1|subs=");
  EXPECT_NE(site->out("w/n/index.html").find("prev=Heavy|next=Older"), std::string::npos) << site->out("w/n/index.html");
}

TEST(Features, CascadeDraftsFutureAndExpiry) {
  std::string archive = with_templates(R"(-- content/blog/_index.md --
---
cascade:
  layout_note: cascaded
---
-- content/blog/live.md --
---
title: Live
---
-- content/blog/draft.md --
---
title: Draft
draft: true
---
-- content/blog/future.md --
---
title: Future
date: 2999-01-01
---
-- content/blog/expired.md --
---
title: Expired
expiry_date: 2000-01-01
---
)");
  auto site = build_inline(archive);
  EXPECT_EQ(site->out("blog/index.html"), "Blog:Live,|1/1|subs=");
  EXPECT_NE(site->out("blog/live/index.html").find("|cascaded"), std::string::npos);
  EXPECT_FALSE(site->has("blog/draft/index.html"));
  EXPECT_FALSE(site->has("blog/future/index.html"));
  build::BuildOptions o;
  o.source_dir = "site";
  o.drafts = true;
  o.future = true;
  build::build_site(*site->fs, o);
  EXPECT_TRUE(site->has("blog/draft/index.html"));
  EXPECT_TRUE(site->has("blog/future/index.html"));
  EXPECT_FALSE(site->has("blog/expired/index.html"));
}

TEST(Features, SlugsUrlsPermalinkPatternsAndCollisions) {
  auto site = build_inline(with_templates(R"(-- bengal.toml --
[permalinks]
blog = "/:section/:year/:slug/"
-- content/blog/hello.md --
---
title: Hello World
date: 2024-03-09
---
-- content/about.md --
---
slug: who-we-are
---
-- content/custom.md --
---
url: /elsewhere/here/
---
-- content/one.md --
---
url: /same/
---
-- content/two.md --
---
url: /same/
---
)"));
  EXPECT_TRUE(site->has("blog/2024/hello-world/index.html"));
  EXPECT_TRUE(site->has("who-we-are/index.html"));
  EXPECT_TRUE(site->has("elsewhere/here/index.html"));
  EXPECT_TRUE(site->result.failed());
  EXPECT_NE(site->report().find("content/two.md"), std::string::npos);
  EXPECT_NE(site->report().find("also produced by content/one.md"), std::string::npos) << site->report();
}

TEST(Features, TaxonomiesTermPagesIndexAndFeeds) {
  auto site = build_inline(R"(-- bengal.toml --
taxonomies = ["tags", "series"]
-- templates/term.html --
{{ page.title }}({{ page.term.slug }}):{% for p in page.pages %}{{ p.title }},{% endfor %}
-- templates/taxonomy.html --
{% for t in page.taxonomy.terms %}{{ t.name }}={{ t.count }},{% endfor %}
-- content/a.md --
---
title: A
date: 2024-01-01
tags: [Go Lang, rust]
series: [intro]
---
-- content/b.md --
---
title: B
date: 2024-02-01
tags: [go lang]
---
)");
  ASSERT_FALSE(site->result.failed()) << site->report();
  EXPECT_EQ(site->out("tags/go-lang/index.html"), "go lang(go-lang):B,A,");  // display as first written (newest page)
  EXPECT_EQ(site->out("tags/index.html"), "go lang=2,rust=1,");
  EXPECT_EQ(site->out("series/intro/index.html"), "intro(intro):A,");
  EXPECT_TRUE(site->has("tags/go-lang/index.xml"));
  EXPECT_TRUE(site->has("series/index.xml"));
  EXPECT_FALSE(site->has("categories/index.html"));
}

TEST(Features, MenusNestedWeightedWithActiveItem) {
  auto site = build_inline(R"(-- bengal.toml --
[[menu.main]]
name = "Docs"
url = "/docs/"
identifier = "docs"
weight = 2
[[menu.main]]
name = "Home"
url = "/"
weight = 1
-- templates/single.html --
{% for i in site.menus.main %}[{{ i.name }}{% if i.active %}*{% endif %}{% if i.in_trail %}~{% endif %}{% for c in i.children %}({{ c.name }}{% if c.active %}*{% endif %}){% endfor %}]{% endfor %}
-- content/docs/setup.md --
---
title: Setup
menu:
  main:
    parent: docs
    weight: 1
---
-- content/about.md --
---
title: About
menu: main
weight: 3
---
)");
  EXPECT_EQ(site->out("docs/setup/index.html"), "[Home][Docs~(Setup*)][About]");
  EXPECT_EQ(site->out("about/index.html"), "[Home][Docs(Setup)][About*~]");
}

TEST(Features, PaginationOfListsAndTerms) {
  std::string archive = with_templates("-- bengal.toml --\npaginate = 2\n");
  for (int i = 1; i <= 5; ++i) {
    archive += "-- content/s/p" + std::to_string(i) + ".md --\n---\ntitle: P" + std::to_string(i) + "\ndate: 2024-01-0" +
               std::to_string(i) + "\n---\n";
  }
  auto site = build_inline(archive);
  EXPECT_EQ(site->out("s/index.html"), "S:P5,P4,|1/3|subs=");
  EXPECT_EQ(site->out("s/page/2/index.html"), "S:P3,P2,|2/3|subs=");
  EXPECT_EQ(site->out("s/page/3/index.html"), "S:P1,|3/3|subs=");
  EXPECT_FALSE(site->has("s/page/4/index.html"));
}

TEST(Features, SummariesExplicitMoreMarkerAndAutomatic) {
  auto site = build_inline(R"(-- bengal.toml --
[content]
summary_words = 5
-- templates/list.html --
{% for p in page.pages %}[{{ p.title }}:{{ p.summary }}:{{ p.truncated }}]{% endfor %}
-- content/s/a.md --
---
title: A
weight: 1
summary: Given by hand.
---
Body text.
-- content/s/b.md --
---
title: B
weight: 2
---
Before the marker.

<!--more-->

After it.
-- content/s/c.md --
---
title: C
weight: 3
---
One two three four five six. Seven eight nine.
)");
  std::string list = site->out("s/index.html");
  EXPECT_NE(list.find("[A:Given by hand.:True]"), std::string::npos) << list;
  EXPECT_NE(list.find("[B:<p>Before the marker.</p>\n:True]"), std::string::npos) << list;
  EXPECT_NE(list.find("[C:One two three four five six.:True]"), std::string::npos) << list;
}

TEST(Features, TableOfContentsRelatedAndDataFiles) {
  auto site = build_inline(R"(-- data/team.yaml --
lead: Ann
-- data/links/main.json --
{"home": "https://example.org"}
-- templates/single.html --
{{ page.toc_html }}|{% for e in page.toc %}{{ e.level }}{{ e.id }},{% endfor %}|{% for r in related(page) %}{{ r.title }},{% endfor %}|{{ site.data.team.lead }} {{ site.data.links.main.home }}
-- content/a.md --
---
title: A
tags: [x, y]
---
## One
### One point one
## Two
-- content/b.md --
---
title: B
tags: [x, y]
date: 2024-01-01
---
-- content/c.md --
---
title: C
tags: [x]
date: 2024-06-01
---
)");
  std::string a = site->out("a/index.html");
  EXPECT_NE(a.find("<nav id=\"TableOfContents\">"), std::string::npos) << a;
  EXPECT_NE(a.find("|2one,3one-point-one,2two,|"), std::string::npos) << a;
  EXPECT_NE(a.find("|B,C,|"), std::string::npos) << a;  // B shares two terms, C one
  EXPECT_NE(a.find("|Ann https://example.org"), std::string::npos) << a;
}

TEST(Features, StaticFilesBundleResourcesAndFingerprintedAssets) {
  auto site = build_inline(R"(-- static/robots-extra.txt --
hello
-- content/post/index.md --
---
title: Post
---
![pic](pic.png)
-- content/post/pic.png --
PNG
-- themes/mine/assets/css/app.css --
body{}
-- themes/mine/templates/single.html --
<link href="{{ asset_url('css/app.css') }}">
-- bengal.toml --
theme = "mine"
)");
  ASSERT_FALSE(site->result.failed()) << site->report();
  EXPECT_EQ(site->out("robots-extra.txt"), "hello\n");
  EXPECT_EQ(site->out("post/pic.png"), "PNG\n");
  std::string html = site->out("post/index.html");
  std::size_t at = html.find("/css/app.");
  ASSERT_NE(at, std::string::npos) << html;
  std::string asset = html.substr(at + 1, html.find('"', at) - at - 1);
  EXPECT_EQ(asset.size(), std::string("css/app.12345678.css").size()) << asset;
  EXPECT_EQ(site->out(asset), "body{}\n");
}

TEST(Features, UnknownTemplateAndTemplateErrorsFailOnlyTheirPages) {
  auto site = build_inline(R"(-- templates/single.html --
{{ page.title | nosuchfilter }}
-- templates/special.html --
ok {{ page.title }}
-- content/a.md --
---
title: A
---
-- content/b.md --
---
title: B
layout: special
---
)");
  EXPECT_TRUE(site->result.failed());
  EXPECT_NE(site->report().find("templates/single.html:1:"), std::string::npos) << site->report();
  EXPECT_EQ(site->out("b/index.html"), "ok B");
  EXPECT_FALSE(site->has("a/index.html"));
}

TEST(Features, MarkdownifyFilter) {
  auto site = build_inline(R"(-- bengal.toml --
[params]
tagline = "Fast *and* correct"
-- templates/single.html --
{{ site.params.tagline | markdownify }}
-- content/a.md --
)");
  EXPECT_EQ(site->out("a/index.html"), "Fast <em>and</em> correct");
}

}  // namespace
}  // namespace bengal::testing

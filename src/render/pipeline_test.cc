// Renders small inline sites through the real theme chain and templates.
#include "render/pipeline.h"

#include <gtest/gtest.h>

#include "content/site.h"
#include "core/txtar.h"
#include "render/body_parser.h"

namespace bengal::render {
namespace {

struct Rendered {
  MemoryFileSystem fs;
  std::shared_ptr<config::Config> config = std::make_shared<config::Config>();
  std::unique_ptr<snapshot::SiteSnapshot> snap;
  std::unique_ptr<Theme> theme;
  std::unique_ptr<SiteTemplates> templates;
  DiagnosticList diags;

  // Renders the output at `url`; returns its bytes or "<error: ...>".
  std::string at(const std::string& url) {
    RenderPipeline pipe(*snap, *templates);
    for (const snapshot::RenderJob& job : snap->schedule()) {
      if (job.url != url) continue;
      std::string_view bytes;
      DiagnosticList d;
      if (!pipe.render(job, bytes, d)) return "<error: " + format_diagnostic(d.items().at(0)) + ">";
      return std::string(bytes);
    }
    return "<no output " + url + ">";
  }
};

std::unique_ptr<Rendered> render_site(std::string_view archive) {
  auto r = std::make_unique<Rendered>();
  load_txtar(r->fs, archive, "");
  auto loaded = config::load(r->fs, "", {});
  *r->config = loaded.config;
  ThreadPool pool(1);
  auto disc = content::discover(r->fs, "", *r->config, pool);
  content::AssembleOptions opts;
  opts.now = *parse_datetime("2030-01-01");
  content::Site site = content::assemble(disc, *r->config, opts);
  std::vector<snapshot::PageBody> bodies(site.pages.size());
  highlight::Registry highlighter = highlight::Registry::with_builtins();
  highlighter.freeze();
  BodyParser::Shared shared{*r->config, r->fs, "content", &site, highlighter};
  BodyParser parser(shared);
  for (const content::Page& p : site.pages) {
    if (p.source >= 0) parser.parse(disc.pages[static_cast<std::size_t>(p.source)], p, bodies[p.id], r->diags);
  }
  r->snap = std::make_unique<snapshot::SiteSnapshot>(r->config, std::move(site), std::move(bodies),
                                                     std::vector<snapshot::PageSource>{}, Data::object(),
                                                     *parse_datetime("2030-01-01"));
  r->theme = Theme::load(r->fs, "", *r->config, r->diags);
  r->templates = SiteTemplates::build(*r->theme, *r->config);
  return r;
}

TEST(Pipeline, DefaultThemeRendersEveryKindOfPage) {
  auto r = render_site(R"(-- bengal.toml --
title = "Demo"
-- content/blog/post.md --
---
title: Post & Co
date: 2024-02-03
tags: [go]
---
Hello.
)");
  EXPECT_TRUE(r->diags.empty());
  std::string post = r->at("/blog/post/");
  EXPECT_NE(post.find("<title>Post &amp; Co | Demo</title>"), std::string::npos) << post;
  EXPECT_NE(post.find("February 3, 2024"), std::string::npos) << post;
  EXPECT_NE(post.find("href=\"/tags/go/\""), std::string::npos) << post;
  EXPECT_NE(post.find("/css/main."), std::string::npos) << "fingerprinted stylesheet";
  for (const char* url : {"/", "/blog/", "/tags/", "/tags/go/", "/404.html"}) {
    std::string html = r->at(url);
    EXPECT_EQ(html.find("<error"), std::string::npos) << url << ": " << html;
    EXPECT_NE(html.find("</html>"), std::string::npos) << url;
  }
}

TEST(Pipeline, SiteTemplateOverridesThemeAndLookupOrderIsFollowed) {
  auto r = render_site(R"(-- templates/single.html --
SINGLE {{ page.title }}
-- templates/blog/single.html --
BLOG {{ page.title }} in {{ page.section.title }}
-- templates/special.html --
LAYOUT {{ page.title }}
-- content/blog/a.md --
---
title: A
---
-- content/blog/b.md --
---
title: B
layout: special
---
-- content/docs/c.md --
---
title: C
---
)");
  EXPECT_EQ(r->at("/blog/a/"), "BLOG A in Blog");
  EXPECT_EQ(r->at("/blog/b/"), "LAYOUT B");
  EXPECT_EQ(r->at("/docs/c/"), "SINGLE C");
}

TEST(Pipeline, ThemeExtendsAnotherThemeAndTheDefault) {
  auto r = render_site(R"(-- bengal.toml --
theme = "child"
-- themes/child/theme.toml --
extends = "parent"
-- themes/child/templates/single.html --
CHILD {% include "partials/x.html" %}
-- themes/parent/templates/partials/x.html --
PARENT PARTIAL
-- content/a.md --
)");
  EXPECT_TRUE(r->diags.empty()) << format_diagnostic(r->diags.items()[0]);
  EXPECT_EQ(r->theme->chain(), (std::vector<std::string>{"child", "parent", "default"}));
  EXPECT_EQ(r->at("/a/"), "CHILD PARENT PARTIAL");
  EXPECT_NE(r->at("/").find("</html>"), std::string::npos);  // list page from the default theme
}

TEST(Pipeline, UnknownThemeAndExtendsCycleAreErrors) {
  auto unknown = render_site("-- bengal.toml --\ntheme = \"nope\"\n-- content/a.md --\n");
  EXPECT_EQ(unknown->diags.error_count(), 1u);
  auto cycle = render_site(R"(-- bengal.toml --
theme = "a"
-- themes/a/theme.toml --
extends = "b"
-- themes/b/theme.toml --
extends = "a"
-- content/x.md --
)");
  ASSERT_EQ(cycle->diags.error_count(), 1u);
  EXPECT_NE(cycle->diags.items()[0].message.find("extends itself"), std::string::npos);
}

TEST(Pipeline, TemplateErrorNamesTemplateLineAndThePage) {
  auto r = render_site(R"(-- templates/single.html --
ok
{{ page.titel }}
-- content/a.md --
)");
  std::string out = r->at("/a/");
  EXPECT_NE(out.find("single.html:2:"), std::string::npos) << out;
  EXPECT_NE(out.find("'titel'"), std::string::npos) << out;
  EXPECT_NE(out.find("while rendering /a/"), std::string::npos) << out;
}

TEST(Pipeline, SiteObjectsAndFunctions) {
  auto r = render_site(R"(-- bengal.toml --
title = "S"
base_url = "https://example.org/sub/"
[params]
color = "red"
[[menu.main]]
name = "Blog"
url = "/blog/"
-- templates/single.html --
{{ site.title }}|{{ site.params.color }}|{{ page.permalink }}|{{ url_for('blog/b.md') }}|{{ absolute_url('/x/') }}|{% for i in site.menus.main %}{{ i.name }}:{{ i.active }}{% endfor %}|{% for p in sort_by(site.pages, 'date') %}{{ p.title }}{% endfor %}|{% for p in related(page) %}{{ p.title }}{% endfor %}|{{ page.section.pages | length }}|{{ page.date.year }}
-- content/blog/a.md --
---
title: A
date: 2024-01-01
tags: [x, y]
---
-- content/blog/b.md --
---
title: B
date: 2023-01-01
tags: [y]
---
-- content/blog/c.md --
---
title: C
date: 2022-01-01
tags: [x, y]
---
)");
  EXPECT_EQ(r->at("/blog/a/"),
            "S|red|https://example.org/sub/blog/a/|/sub/blog/b/|https://example.org/sub/x/|Blog:False|CBA|CB|3|2024");
}

TEST(Pipeline, PaginatorSlicesListPages) {
  auto r = render_site(R"(-- bengal.toml --
paginate = 2
-- templates/list.html --
{{ paginator.number }}/{{ paginator.total }}:{% for p in paginator.items %}{{ p.title }}{% endfor %}:{{ paginator.prev ?? '-' }}:{{ paginator.next ?? '-' }}
-- content/s/a.md --
---
date: 2024-01-03
---
-- content/s/b.md --
---
date: 2024-01-02
---
-- content/s/c.md --
---
date: 2024-01-01
---
)");
  EXPECT_EQ(r->at("/s/"), "1/2:AB:-:/s/page/2/");
  EXPECT_EQ(r->at("/s/page/2/"), "2/2:C:/s/:-");
}

}  // namespace
}  // namespace bengal::render

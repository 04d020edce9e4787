// No read path may bypass recording: every attribute of every site object,
// and every site function, must report what it read.
#include "render/provenance.h"

#include <gtest/gtest.h>

#include "content/site.h"
#include "core/txtar.h"
#include "render/body_parser.h"

namespace bengal::render {
namespace {

using incremental::FactKey;
using incremental::FactKind;

struct Fixture {
  MemoryFileSystem fs;
  std::shared_ptr<config::Config> config = std::make_shared<config::Config>();
  std::unique_ptr<snapshot::SiteSnapshot> snap;
  std::unique_ptr<Theme> theme;
  std::unique_ptr<SiteTemplates> templates;
  DiagnosticList diags;

  explicit Fixture(std::string_view archive) {
    load_txtar(fs, archive, "");
    config->base_url = "https://x.example/";
    ThreadPool pool(1);
    auto disc = content::discover(fs, "", *config, pool);
    content::AssembleOptions opts;
    opts.now = *parse_datetime("2030-01-01");
    content::Site site = content::assemble(disc, *config, opts);
    std::vector<snapshot::PageBody> bodies(site.pages.size());
    highlight::Registry highlighter = highlight::Registry::with_builtins();
    highlighter.freeze();
    BodyParser::Shared shared{*config, fs, "content", &site, highlighter};
    BodyParser parser(shared);
    std::vector<snapshot::PageSource> sources;
    for (const auto& p : disc.pages) sources.push_back({p.rel_path, p.display_path});
    for (const content::Page& p : site.pages) {
      if (p.source >= 0) parser.parse(disc.pages[static_cast<std::size_t>(p.source)], p, bodies[p.id], diags);
    }
    snap = std::make_unique<snapshot::SiteSnapshot>(config, std::move(site), std::move(bodies), std::move(sources),
                                                    Data::object(), DateTime{});
    theme = Theme::load(fs, "", *config, diags);
  }

  // Renders `text` as the template of content/blog/a.md; returns the facts read.
  std::vector<FactKey> facts_of(const std::string& text) {
    fs.set_file("templates/single.html", text);
    theme = Theme::load(fs, "", *config, diags);
    templates = SiteTemplates::build(*theme, *config);
    RenderPipeline pipe(*snap, *templates);
    FactRecorder rec(*snap);
    rec.begin();
    for (const snapshot::RenderJob& job : snap->schedule()) {
      if (job.url != "/blog/a/") continue;
      std::string_view bytes;
      DiagnosticList d;
      EXPECT_TRUE(pipe.render(job, bytes, d, &rec, &rec)) << text << ": "
                                                          << (d.empty() ? "" : format_diagnostic(d.items()[0]));
    }
    std::vector<FactKey> out;
    for (incremental::FactId id : rec.job_facts()) out.push_back(rec.facts().key(id));
    return out;
  }
};

constexpr std::string_view kSite = R"(-- content/blog/_index.md --
---
title: Blog
---
-- content/blog/a.md --
---
title: A
date: 2024-01-02
tags: [x]
---
Body of A.
-- content/blog/b.md --
---
title: B
date: 2024-01-01
tags: [x]
---
Body of B.
)";

bool has(const std::vector<FactKey>& facts, FactKind kind, std::string_view subject, std::string_view field) {
  for (const FactKey& f : facts) {
    if (f.kind == kind && f.subject == subject && f.field == field) return true;
  }
  return false;
}

TEST(Provenance, EveryPageAttributeReadIsRecorded) {
  Fixture f(kSite);
  for (std::string_view attr : page_attribute_names()) {
    auto facts = f.facts_of("{{ page." + std::string(attr) + " is defined }}");
    EXPECT_TRUE(has(facts, FactKind::kPage, "blog/a.md", attr)) << "page." << attr << " was not recorded";
  }
  // Taxonomy-named attributes too.
  EXPECT_TRUE(has(f.facts_of("{{ page.tags | length }}"), FactKind::kPage, "blog/a.md", "tags"));
}

TEST(Provenance, EverySectionAndSiteAttributeReadIsRecorded) {
  Fixture f(kSite);
  for (std::string_view attr : section_attribute_names()) {
    auto facts = f.facts_of("{{ page.section." + std::string(attr) + " is defined }}");
    EXPECT_TRUE(has(facts, FactKind::kSection, "blog", attr)) << "section." << attr << " was not recorded";
  }
  for (std::string_view attr : site_attribute_names()) {
    auto facts = f.facts_of("{{ site." + std::string(attr) + " is defined }}");
    EXPECT_TRUE(has(facts, FactKind::kSite, "", attr)) << "site." << attr << " was not recorded";
  }
}

TEST(Provenance, TemplatesNeighboursTermsAndFunctionsAreRecorded) {
  Fixture f(kSite);
  f.fs.set_file("templates/partials/p.html", "{{ page.next.title }}");
  auto facts = f.facts_of("{% include 'partials/p.html' %}{% for t in page.tags %}{{ t.pages | length }}{% endfor %}"
                          "{{ url_for('blog/b.md') }}{{ related(page) | length }}");
  EXPECT_TRUE(has(facts, FactKind::kTemplate, "single.html", ""));
  EXPECT_TRUE(has(facts, FactKind::kTemplate, "partials/p.html", ""));
  EXPECT_TRUE(has(facts, FactKind::kPage, "blog/b.md", "title"));  // the neighbour's title
  EXPECT_TRUE(has(facts, FactKind::kTerm, "tags/x", "pages"));
  EXPECT_TRUE(has(facts, FactKind::kPage, "blog/b.md", "url"));    // url_for
  EXPECT_TRUE(has(facts, FactKind::kPage, "blog/b.md", "date"));   // related() ranks by date
}

TEST(Provenance, ResolverHashesFollowTheValues) {
  Fixture f(kSite);
  f.templates = SiteTemplates::build(*f.theme, *f.config);
  FactResolver resolver(*f.snap, *f.templates, f.fs, "content");
  RenderHost host;
  host.snap = f.snap.get();
  Hash128 a_title = resolver.hash({FactKind::kPage, "blog/a.md", "title"}, host);
  Hash128 b_title = resolver.hash({FactKind::kPage, "blog/b.md", "title"}, host);
  EXPECT_NE(a_title, b_title);
  EXPECT_EQ(a_title, string_fact_hash("A"));
  EXPECT_EQ(resolver.hash({FactKind::kPage, "blog/gone.md", "title"}, host), absent_fact_hash());
  EXPECT_NE(resolver.hash({FactKind::kPage, "blog/a.md", "content"}, host),
            resolver.hash({FactKind::kPage, "blog/b.md", "content"}, host));
  EXPECT_NE(resolver.hash({FactKind::kSection, "blog", "pages"}, host), absent_fact_hash());
}

}  // namespace
}  // namespace bengal::render

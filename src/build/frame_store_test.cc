#include "build/frame_store.h"

#include <gtest/gtest.h>

#include "core/txtar.h"

namespace bengal::build {
namespace {

// A site that sets every part of the model: sections with a cascade, a leaf
// bundle, dates of each kind, aliases, terms, menus from the config and from
// front matter (nested, with params), a page with a typed-field error and a
// term without letters (assemble diagnostics), an alias that leaves the
// site (a schedule diagnostic).
constexpr std::string_view kSite = R"(-- content/_index.md --
---
title: Home
menu: main
---
-- content/docs/_index.md --
---
title: Docs
weight: 2
sort_by: title
cascade:
  layout: manual
  params_from_cascade: yes
---
-- content/docs/b.md --
---
title: B
date: 2024-02-01T10:00:00+02:00
lastmod: 2024-03-01
publish_date: 2024-01-15
expiry_date: 2099-01-01
slug: bee
aliases: [/old-b/, /older-b/]
description: About B
summary: Short B
type: note
toc: false
tags: [Go, "Release Notes", go]
categories: [News]
menu:
  main:
    parent: docs
    weight: 5
    params: {icon: book}
extra: {nested: [1, 2.5, true, null]}
---
-- content/docs/a.md --
---
title: A
weight: 1
draft: false
tags: ["!!!"]
aliases: ["../../../outside"]
---
-- content/docs/guide/index.md --
---
title: Guide
url: /the-guide/
---
-- content/bad.md --
---
date: someday
---
-- content/blog/post.md --
---
date: 2023-05-05
---
)";

const Hash128 kKey{1, 2};
const std::int64_t kFrom = 1'000'000;

struct Fixture {
  MemoryFileSystem fs;
  config::Config config;
  content::DiscoverResult disc;
  content::Site site;
  DiagnosticList diagnostics;
  std::vector<std::string_view> paths;

  Fixture() {
    load_txtar(fs, kSite, "");
    config.menus["main"].push_back({"Docs", "/docs/", "", "docs", "", 2, Data::object()});
    config.menus["main"].push_back({"Intro", "", "docs/a.md", "intro", "docs", 1, {}});
    ThreadPool pool(1);
    disc = content::discover(fs, "", config, pool);
    content::AssembleOptions opts;
    opts.now = *parse_datetime("2030-01-01");
    site = content::assemble(disc, config, opts);
    diagnostics = std::move(site.diagnostics);
    site.diagnostics = DiagnosticList();
    for (const content::SourcePage& p : disc.pages) paths.push_back(p.rel_path);
  }
  std::vector<snapshot::PageSource> sources() const {
    std::vector<snapshot::PageSource> out;
    for (const content::SourcePage& p : disc.pages) out.push_back({p.rel_path, p.display_path});
    return out;
  }
  // The frame a build makes of `s` (a copy), with its schedule.
  snapshot::SiteFrame frame_of(const content::Site& s) const {
    return snapshot::SiteFrame(std::make_shared<config::Config>(config), s, sources());
  }
  std::string save(const content::Site& s) const { return serialize_frame(kKey, kFrom, frame_of(s), diagnostics); }
};

TEST(FrameStore, LoadsTheSiteItSaved) {
  Fixture f;
  ASSERT_EQ(f.diagnostics.error_count(), 1u);  // bad.md
  ASSERT_GE(f.diagnostics.warning_count(), 1u);  // the "!!!" term
  const std::string bytes = f.save(f.site);
  ThreadPool pool(2);
  auto loaded = deserialize_frame(bytes, kKey, kFrom + 5, f.paths, &pool);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->key, kKey);
  EXPECT_EQ(loaded->from, kFrom);
  // A frame made of what was loaded saves as the same bytes: no field lost
  // or changed, the schedule included.
  const snapshot::SiteFrame built = f.frame_of(f.site);
  const snapshot::SiteFrame again(std::make_shared<config::Config>(f.config), loaded->site, f.sources(),
                                  loaded->schedule, loaded->schedule_diagnostics);
  EXPECT_EQ(serialize_frame(kKey, kFrom, again, loaded->diagnostics), bytes);
  ASSERT_EQ(again.schedule().size(), built.schedule().size());
  ASSERT_GT(built.schedule().size(), f.site.pages.size());  // pages, feeds, aliases, sitemap
  for (std::size_t i = 0; i < built.schedule().size(); ++i) {
    EXPECT_EQ(again.schedule()[i].output_path, built.schedule()[i].output_path);
    EXPECT_EQ(again.schedule()[i].url, built.schedule()[i].url);
    EXPECT_EQ(again.find_output(built.schedule()[i].output_path), static_cast<std::int64_t>(i));
  }
  EXPECT_EQ(again.feed_items(again.site().home), built.feed_items(built.site().home));
  // The alias that leaves the site was reported when the schedule was built.
  ASSERT_EQ(built.schedule_diagnostics().error_count(), 1u);
  ASSERT_EQ(loaded->schedule_diagnostics.items().size(), 1u);
  EXPECT_EQ(loaded->schedule_diagnostics.items()[0].message, built.schedule_diagnostics().items()[0].message);

  const content::Site& a = f.site;
  const content::Site& b = loaded->site;
  ASSERT_EQ(b.pages.size(), a.pages.size());
  EXPECT_EQ(b.visibility_changes_at, a.visibility_changes_at);
  EXPECT_EQ(b.by_path, a.by_path);
  EXPECT_EQ(b.by_url, a.by_url);
  EXPECT_EQ(b.regular_pages, a.regular_pages);
  EXPECT_EQ(b.home, a.home);
  EXPECT_EQ(b.not_found, a.not_found);
  const content::Page& page = b.pages[b.by_path.at("docs/b.md")];
  EXPECT_EQ(page.url, "/docs/bee/");
  EXPECT_EQ(page.fm.layout, "manual");
  EXPECT_EQ(page.fm.aliases, (std::vector<std::string>{"/old-b/", "/older-b/"}));
  ASSERT_TRUE(page.fm.date.has_value());
  EXPECT_EQ(page.fm.date->offset_minutes, 120);
  EXPECT_TRUE(page.fm.date->has_time);
  ASSERT_TRUE(page.fm.lastmod.has_value());
  EXPECT_FALSE(page.fm.lastmod->has_time);
  EXPECT_FALSE(page.fm.toc);
  EXPECT_EQ(page.fm.params, a.pages[page.id].fm.params);
  ASSERT_NE(page.fm.params.find("extra"), nullptr);
  EXPECT_EQ(page.term_refs.size(), 2u);
  EXPECT_EQ(b.taxonomies.size(), a.taxonomies.size());
  ASSERT_EQ(b.menus.size(), 1u);
  EXPECT_EQ(b.menus[0].roots, a.menus[0].roots);
  EXPECT_EQ(b.sections[1].order, a.sections[1].order);
  ASSERT_EQ(loaded->diagnostics.items().size(), f.diagnostics.items().size());
  EXPECT_EQ(loaded->diagnostics.items()[0].message, f.diagnostics.items()[0].message);
}

TEST(FrameStore, TurnsDownAnotherKeyOrTime) {
  Fixture f;
  const std::string bytes = f.save(f.site);
  EXPECT_FALSE(deserialize_frame(bytes, Hash128{1, 3}, kFrom, f.paths).has_value());
  EXPECT_FALSE(deserialize_frame(bytes, kKey, kFrom - 1, f.paths).has_value());  // before it was assembled
  // From the moment a page's visibility changes, assembling again differs.
  f.site.visibility_changes_at = kFrom + 10;
  const std::string expiring = f.save(f.site);
  EXPECT_TRUE(deserialize_frame(expiring, kKey, kFrom + 9, f.paths).has_value());
  EXPECT_FALSE(deserialize_frame(expiring, kKey, kFrom + 10, f.paths).has_value());
}

TEST(FrameStore, TurnsDownDamage) {
  Fixture f;
  const std::string bytes = f.save(f.site);
  ASSERT_TRUE(deserialize_frame(bytes, kKey, kFrom, f.paths).has_value());
  for (std::size_t at = 0; at < bytes.size(); at += 7) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5a);
    EXPECT_FALSE(deserialize_frame(damaged, kKey, kFrom, f.paths).has_value()) << "byte " << at;
  }
  for (std::size_t size : {std::size_t{0}, std::size_t{5}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_FALSE(deserialize_frame(bytes.substr(0, size), kKey, kFrom, f.paths).has_value()) << "size " << size;
  }
  // Sources that do not match the pages (another discovery) are refused.
  EXPECT_FALSE(deserialize_frame(bytes, kKey, kFrom, {}).has_value());
}

TEST(FrameStore, SavesBesideTheCache) {
  Fixture f;
  ASSERT_TRUE(save_frame(f.fs, ".bengal", kKey, kFrom, f.frame_of(f.site), f.diagnostics).ok());
  auto loaded = load_frame(f.fs, ".bengal", kKey, kFrom, f.paths);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->site.pages.size(), f.site.pages.size());
  EXPECT_FALSE(load_frame(f.fs, "elsewhere", kKey, kFrom, f.paths).has_value());
}

}  // namespace
}  // namespace bengal::build

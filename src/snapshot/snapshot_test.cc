#include "snapshot/snapshot.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace bengal::snapshot {
namespace {

TEST(Snapshot, PaginatedListsGetOneJobPerPage) {
  content::Site site;
  content::Page list;
  list.id = 0;
  list.kind = content::PageKind::kSection;
  list.url = "/blog/";
  list.output_path = "blog/index.html";
  list.paginate = 2;
  list.members = {1, 2, 3, 4, 5};
  site.pages.push_back(list);
  for (content::PageId i = 1; i <= 5; ++i) {
    content::Page p;
    p.id = i;
    p.url = "/blog/p" + std::to_string(i) + "/";
    p.output_path = "blog/p" + std::to_string(i) + "/index.html";
    site.pages.push_back(p);
  }
  SiteSnapshot snap(std::make_shared<config::Config>(), std::move(site), {}, {}, Data::object(), {});
  const auto& jobs = snap.schedule();
  ASSERT_EQ(jobs.size(), 3u + 5u + 2u);  // 3 list pages, 5 pages, RSS and Atom of the section
  EXPECT_EQ(jobs[1].url, "/blog/page/2/");
  EXPECT_EQ(jobs[2].output_path, "blog/page/3/index.html");
  EXPECT_EQ(jobs[2].pager_count, 3u);
  EXPECT_EQ(jobs[8].kind, OutputKind::kRss);
  EXPECT_EQ(jobs[8].output_path, "blog/index.xml");
  EXPECT_EQ(jobs[9].kind, OutputKind::kAtom);
  EXPECT_EQ(snap.body(3).html, "");  // every page has a (possibly empty) body
}

content::Page page_at(content::PageId id, std::string url) {
  content::Page p;
  p.id = id;
  p.url = url;
  content::output_path_for_url(url, p.output_path);
  return p;
}

TEST(Snapshot, AliasesGetJobsAndCollisionsOrEscapesAreErrors) {
  content::Site site;
  content::Page a = page_at(0, "/a/");
  a.fm.aliases = {"/old-a/", "/b/", "../../etc/x"};
  site.pages.push_back(a);
  site.pages.push_back(page_at(1, "/b/"));
  SiteSnapshot snap(std::make_shared<config::Config>(), std::move(site), {}, {}, Data::object(), {});
  std::size_t aliases = 0;
  for (const RenderJob& j : snap.schedule()) aliases += j.kind == OutputKind::kAlias;
  EXPECT_EQ(aliases, 1u);
  // "../../etc/x" leaves the site; "/b/" is page 1's own output, which wins.
  EXPECT_EQ(snap.schedule_diagnostics().error_count(), 2u);
}

TEST(Snapshot, WholeSiteOutputsFollowTheConfig) {
  auto config = std::make_shared<config::Config>();
  config->output_llms_txt = false;
  content::Site site;
  content::Page home = page_at(0, "/");
  home.kind = content::PageKind::kHome;
  site.pages.push_back(home);
  site.home = 0;
  SiteSnapshot snap(config, std::move(site), {}, {}, Data::object(), {});
  std::vector<std::string> paths;
  for (const RenderJob& j : snap.schedule()) paths.push_back(j.output_path);
  EXPECT_EQ(paths, (std::vector<std::string>{"index.html", "index.xml", "atom.xml", "sitemap.xml", "index.json",
                                             "robots.txt"}));
}

// Counts the facts it loads; a page's summary names the page.
class CountingFacts final : public FactSource {
 public:
  void load_facts(PageId id, PageBody& body) const override {
    ++loads;
    body.summary_html = "summary " + std::to_string(id);
  }
  mutable std::atomic<int> loads{0};
};

TEST(Snapshot, BodyFactsNotReadyAreLoadedOnceOnFirstUseAndNotedAsABodyRead) {
  content::Site site;
  for (content::PageId i = 0; i < 3; ++i) site.pages.push_back(page_at(i, "/p" + std::to_string(i) + "/"));
  std::vector<PageBody> bodies(3);
  bodies[1].facts_ready = false;
  bodies[2].summary_html = "as parsed";
  CountingFacts facts;
  auto frame = std::make_shared<const SiteFrame>(std::make_shared<config::Config>(), std::move(site),
                                                 std::vector<PageSource>{});
  SiteSnapshot snap(frame, std::move(bodies), Data::object(), {}, &facts);
  EXPECT_EQ(snap.body(2).summary_html, "as parsed");
  EXPECT_EQ(facts.loads, 0);
  ReadScope scope;
  {
    ReadScope::Open open(scope);
    std::vector<std::thread> readers;
    for (int t = 0; t < 4; ++t) {
      readers.emplace_back([&] { EXPECT_EQ(snap.body(1).summary_html, "summary 1"); });
    }
    for (std::thread& r : readers) r.join();
    EXPECT_EQ(snap.body(1).summary_html, "summary 1");
  }
  EXPECT_EQ(facts.loads, 1);
  EXPECT_EQ(scope.reach, 1);  // the read of page 1's body, on this thread
  EXPECT_TRUE(snap.take_bodies()[1].facts_loaded);
}

// A feed lists a list page's members newest first, members of the same
// date in list order, cut at the feed limit; the order is the same as a
// stable sort of every member would give.
TEST(Snapshot, FeedItemsAreNewestFirstStableAndLimited) {
  for (int limit : {0, 1, 3, 4, 6, 20}) {
    content::Site site;
    content::Page list = page_at(0, "/blog/");
    list.kind = content::PageKind::kSection;
    const std::int64_t day[] = {5, 9, 5, 9, 1, 5};  // pages 1..6
    for (content::PageId i = 1; i <= 6; ++i) {
      content::Page p = page_at(i, "/blog/p" + std::to_string(i) + "/");
      p.fm.date = DateTime{day[i - 1] * 86400, 0, false};
      site.pages.push_back(p);
      list.members.push_back(i);
    }
    site.pages.insert(site.pages.begin(), list);
    auto config = std::make_shared<config::Config>();
    config->feed_limit = limit;
    SiteSnapshot snap(config, std::move(site), {}, {}, Data::object(), {});
    std::vector<content::PageId> want = {2, 4, 1, 3, 6, 5};
    if (limit != 0 && want.size() > static_cast<std::size_t>(limit)) want.resize(static_cast<std::size_t>(limit));
    EXPECT_EQ(snap.frame()->feed_items(0), want) << "limit " << limit;
  }
}

TEST(Snapshot, PermalinkJoinsBaseUrl) {
  auto config = std::make_shared<config::Config>();
  config->base_url = "https://example.org/docs/";
  SiteSnapshot snap(config, {}, {}, {}, Data::object(), {});
  EXPECT_EQ(snap.permalink("/a/b/"), "https://example.org/docs/a/b/");
}

TEST(Snapshot, SiteDataNestsByFolder) {
  std::vector<content::DataFile> files;
  files.push_back({"authors", "data/authors.yaml", Data::string("a"), {}});
  files.push_back({"team/people", "data/team/people.json", Data::integer(3), {}});
  Data d = make_site_data(files);
  EXPECT_EQ(d.find("authors")->as_string(), "a");
  EXPECT_EQ(d.find("team")->find("people")->as_int(), 3);
}

}  // namespace
}  // namespace bengal::snapshot

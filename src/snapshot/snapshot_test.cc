#include "snapshot/snapshot.h"

#include <gtest/gtest.h>

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
  ASSERT_EQ(jobs.size(), 3u + 5u);
  EXPECT_EQ(jobs[1].url, "/blog/page/2/");
  EXPECT_EQ(jobs[2].output_path, "blog/page/3/index.html");
  EXPECT_EQ(jobs[2].pager_count, 3u);
  EXPECT_EQ(snap.body(3).html, "");  // every page has a (possibly empty) body
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

#include "server/respond.h"

#include <gtest/gtest.h>

#include <map>

#include "server/live_reload.h"

namespace bengal::server {
namespace {

class RespondTest : public ::testing::Test {
 protected:
  void SetUp() override {
    files_["index.html"] = "<html><body><h1>Home</h1></body></html>";
    files_["blog/a/index.html"] = "<html><body>A</body></html>";
    files_["css/site.css"] = "body{color:red}";
    files_["404.html"] = "<html><body>Custom not found</body></html>";
    files_["raw.html"] = "<p>no body element</p>";
    std::vector<std::string> paths;
    for (const auto& [p, b] : files_) paths.push_back(p);
    SiteChange change;
    site_ = publish(
        nullptr, 7, paths,
        [&](const std::string& p) { return std::make_shared<const std::string>(files_.at(p)); },
        1'700'000'000, change);
  }
  HttpResponse get(std::string_view target, std::string_view inm = {}, std::string_view ims = {},
                   bool live = true) {
    return respond(site_, HttpRequest{"GET", target, inm, ims},
                   RespondOptions{live, "inst", 1'800'000'000});
  }

  std::map<std::string, std::string> files_;
  std::shared_ptr<const PublishedSite> site_;
};

TEST_F(RespondTest, PagesCarryTheReloadTagBeforeBodyAndAreNotCached) {
  HttpResponse r = get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  std::string expected =
      "<html><body><h1>Home</h1>" + live_reload_tag(7, "inst", "/") + "</body></html>";
  EXPECT_EQ(r.body(), expected);
  EXPECT_EQ(r.site, site_) << "the response keeps its generation alive";
}

TEST_F(RespondTest, TagGoesAtTheEndWithoutBodyAndNowhereWithoutLiveReload) {
  EXPECT_EQ(get("/raw.html").body(),
            "<p>no body element</p>" + live_reload_tag(7, "inst", "/raw.html"));
  EXPECT_EQ(get("/", {}, {}, false).body(), files_["index.html"]);
}

TEST_F(RespondTest, AssetsHaveValidatorsAndAnswer304) {
  HttpResponse r = get("/css/site.css");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(r.body(), "body{color:red}");
  EXPECT_EQ(r.header("Cache-Control"), "no-cache");
  std::string etag(r.header("ETag"));
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(r.header("Last-Modified"), "Tue, 14 Nov 2023 22:13:20 GMT");

  EXPECT_EQ(get("/css/site.css", etag).status, 304);
  EXPECT_EQ(get("/css/site.css", "\"other\", " + etag).status, 304);
  EXPECT_EQ(get("/css/site.css", "W/" + etag).status, 304);
  EXPECT_EQ(get("/css/site.css", "\"other\"").status, 200);
  EXPECT_EQ(get("/css/site.css", {}, "Tue, 14 Nov 2023 22:13:20 GMT").status, 304);
  EXPECT_EQ(get("/css/site.css", {}, "Tue, 14 Nov 2023 22:13:19 GMT").status, 200);
  EXPECT_EQ(get("/css/site.css", "\"other\"", "Tue, 14 Nov 2023 22:13:20 GMT").status, 200)
      << "If-None-Match wins over If-Modified-Since";
}

TEST_F(RespondTest, FoldersWithoutSlashRedirect) {
  HttpResponse r = get("/blog/a?q=1");
  EXPECT_EQ(r.status, 301);
  EXPECT_EQ(r.header("Location"), "/blog/a/?q=1");
  EXPECT_EQ(get("/blog/a/").status, 200);
}

TEST_F(RespondTest, MissingFilesGetTheSites404PageWithStatus404) {
  HttpResponse r = get("/nope/");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body().find("Custom not found"), std::string::npos);
  EXPECT_NE(r.body().find("data-page=\"/404.html\""), std::string::npos);
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
}

TEST_F(RespondTest, WithoutA404PageABuiltInOneSaysWhatIsMissing) {
  SiteChange change;
  auto bare = publish(
      site_.get(), 8, {"404.html"}, [](const std::string&) { return SharedBytes(); }, 0, change);
  HttpResponse r =
      respond(bare, HttpRequest{"GET", "/missing<script>", {}, {}}, RespondOptions{true, "i", 0});
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body().find("/missing&lt;script&gt;"), std::string::npos) << r.body();
  EXPECT_NE(r.body().find(kReloadScriptPath), std::string::npos);
}

TEST_F(RespondTest, TraversalIsRefusedBeforeAnyLookup) {
  EXPECT_EQ(get("/../etc/passwd").status, 403);
  EXPECT_EQ(get("/%2e%2e/%2e%2e/etc/passwd").status, 403);
  EXPECT_EQ(get("/css/..%2f..%2f..%2fetc%2fpasswd").status, 403);
  EXPECT_EQ(get("/a%00.html").status, 403);
  EXPECT_EQ(get("/bad%zz").status, 400);
  EXPECT_EQ(get("http://example.com/etc/passwd").status, 400);
  EXPECT_EQ(get("//etc/passwd").status, 404)
      << "collapses to etc/passwd in the output, which does not exist";
}

TEST_F(RespondTest, OnlyGetAndHead) {
  HttpResponse head =
      respond(site_, HttpRequest{"HEAD", "/css/site.css", {}, {}}, RespondOptions{});
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body(), "body{color:red}") << "the transport drops the body but needs its length";
  HttpResponse post = respond(site_, HttpRequest{"POST", "/", {}, {}}, RespondOptions{});
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.header("Allow"), "GET, HEAD");
}

TEST_F(RespondTest, ServesTheReloadScript) {
  HttpResponse r = get(kReloadScriptPath);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(r.body().find("EventSource"), std::string::npos);
  EXPECT_NE(r.body().find("/__bengal_reload__"), std::string::npos);
}

TEST_F(RespondTest, BeforeTheFirstBuildAsksToRetry) {
  HttpResponse r = respond(nullptr, HttpRequest{"GET", "/", {}, {}}, RespondOptions{});
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.header("Retry-After"), "1");
}

TEST(ReloadStreamPath, MatchesWithOrWithoutQuery) {
  EXPECT_TRUE(is_reload_stream("/__bengal_reload__"));
  EXPECT_TRUE(is_reload_stream("/__bengal_reload__?since=3&instance=x"));
  EXPECT_FALSE(is_reload_stream("/__bengal_reload__.js"));
  EXPECT_FALSE(is_reload_stream("/__bengal_reload__/x"));
}

TEST(HttpDate, FormatsAndParsesImfFixdate) {
  EXPECT_EQ(http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), -1);
  EXPECT_EQ(parse_http_date("garbage"), -1);
  EXPECT_EQ(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"), -1);
}

}  // namespace
}  // namespace bengal::server

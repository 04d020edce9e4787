#include "server/published_site.h"

#include <gtest/gtest.h>

#include <map>

namespace bengal::server {
namespace {

// A fake output folder: path -> bytes (absent = deleted).
class Outputs {
 public:
  void set(const std::string& path, std::string bytes) {
    files_[path] = std::make_shared<const std::string>(bytes);
  }
  void remove(const std::string& path) { files_.erase(path); }
  SharedBytes operator()(const std::string& path) const {
    auto it = files_.find(path);
    return it == files_.end() ? nullptr : it->second;
  }
  std::vector<std::string> all() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : files_) out.push_back(k);
    return out;
  }

 private:
  std::map<std::string, SharedBytes> files_;
};

class PublishTest : public ::testing::Test {
 protected:
  void SetUp() override {
    out_.set("index.html", "<html><body>home</body></html>");
    out_.set("blog/a/index.html", "<body>a</body>");
    out_.set("blog/b/index.html", "<body>b</body>");
    out_.set("css/site.css", "body{}");
    out_.set("img/logo.png", "PNG");
    out_.set("sitemap.xml", "<urlset/>");
    first_ = publish(nullptr, 1, out_.all(), std::ref(out_), 1000, change_);
  }
  std::shared_ptr<const PublishedSite> next(const std::vector<std::string>& touched) {
    return publish(first_.get(), 2, touched, std::ref(out_), 2000, change_);
  }
  Outputs out_;
  SiteChange change_;
  std::shared_ptr<const PublishedSite> first_;
};

TEST_F(PublishTest, FirstGenerationHoldsEveryFile) {
  EXPECT_EQ(first_->generation(), 1u);
  EXPECT_EQ(first_->size(), 6u);
  EXPECT_EQ(change_.added, 6u);
  ASSERT_NE(first_->find("css/site.css"), nullptr);
  EXPECT_EQ(*first_->find("css/site.css")->bytes, "body{}");
}

TEST_F(PublishTest, ABodyEditReloadsExactlyThatPage) {
  out_.set("blog/a/index.html", "<body>a, edited</body>");
  auto second = next({"blog/a/index.html"});
  EXPECT_EQ(change_.pages, std::vector<std::string>{"/blog/a/"});
  EXPECT_TRUE(change_.stylesheets.empty());
  EXPECT_FALSE(change_.subresources);
  EXPECT_EQ(change_.changed, 1u);
  EXPECT_EQ(*second->find("blog/a/index.html")->bytes, "<body>a, edited</body>");
  EXPECT_EQ(second->find("blog/a/index.html")->generation, 2u);
  // Unchanged assets are shared, not copied.
  EXPECT_EQ(second->find("blog/b/index.html"), first_->find("blog/b/index.html"));
}

TEST_F(PublishTest, OldGenerationIsUntouchedByTheNext) {
  out_.set("blog/a/index.html", "<body>new</body>");
  out_.remove("blog/b/index.html");
  auto second = next({"blog/a/index.html", "blog/b/index.html"});
  EXPECT_EQ(*first_->find("blog/a/index.html")->bytes, "<body>a</body>");
  EXPECT_NE(first_->find("blog/b/index.html"), nullptr);
  EXPECT_EQ(second->find("blog/b/index.html"), nullptr);
}

TEST_F(PublishTest, RewrittenButIdenticalBytesAreNoChange) {
  out_.set("blog/a/index.html", "<body>a</body>");
  auto second = next({"blog/a/index.html"});
  EXPECT_TRUE(change_.empty());
  EXPECT_TRUE(change_.pages.empty());
  EXPECT_EQ(second->find("blog/a/index.html"), first_->find("blog/a/index.html"));
}

TEST_F(PublishTest, ACssEditOnlySwapsTheStylesheet) {
  out_.set("css/site.css", "body{color:red}");
  next({"css/site.css"});
  EXPECT_TRUE(change_.pages.empty());
  EXPECT_EQ(change_.stylesheets, std::vector<std::string>{"/css/site.css"});
  EXPECT_FALSE(change_.subresources);
}

TEST_F(PublishTest, AddedOrRemovedStylesheetsAndImagesReloadEverything) {
  out_.set("css/new.css", "x{}");
  next({"css/new.css"});
  EXPECT_TRUE(change_.subresources);
  out_.set("img/logo.png", "PNG2");
  next({"img/logo.png"});
  EXPECT_TRUE(change_.subresources);
  EXPECT_TRUE(change_.stylesheets.empty());
}

TEST_F(PublishTest, AddsAndRemovalsKeepTheListSortedAndCounted) {
  out_.set("blog/c/index.html", "<body>c</body>");
  out_.set("0.html", "<body>zero</body>");
  out_.remove("blog/b/index.html");
  auto second = next({"blog/c/index.html", "0.html", "blog/b/index.html", "never-existed.html"});
  EXPECT_EQ(change_.added, 2u);
  EXPECT_EQ(change_.removed, 1u);
  EXPECT_EQ(change_.pages, (std::vector<std::string>{"/0.html", "/blog/b/", "/blog/c/"}));
  EXPECT_EQ(second->paths(), (std::vector<std::string>{
                                 "0.html", "blog/a/index.html", "blog/c/index.html", "css/site.css",
                                 "img/logo.png", "index.html", "sitemap.xml"}));
}

TEST_F(PublishTest, ResolvesIndexFilesRedirectsAndMisses) {
  auto lookup = [&](const char* target) { return first_->resolve(parse_request_target(target)); };
  EXPECT_EQ(lookup("/").asset, first_->find("index.html"));
  EXPECT_EQ(lookup("/blog/a/").asset, first_->find("blog/a/index.html"));
  EXPECT_EQ(lookup("/blog/a/index.html").asset, first_->find("blog/a/index.html"));
  Lookup redirect = lookup("/blog/a?x=1");
  EXPECT_EQ(redirect.kind, Lookup::kRedirect);
  EXPECT_EQ(redirect.location, "/blog/a/?x=1");
  EXPECT_EQ(lookup("/blog/").kind, Lookup::kNotFound) << "no index.html: no listing";
  EXPECT_EQ(lookup("/blog").kind, Lookup::kNotFound);
  EXPECT_EQ(lookup("/css/site.css/").kind, Lookup::kNotFound);
  EXPECT_EQ(lookup("/nope").kind, Lookup::kNotFound);
}

TEST_F(PublishTest, EtagsFollowTheBytes) {
  std::string before = first_->find("css/site.css")->etag;
  EXPECT_EQ(before.front(), '"');
  out_.set("css/site.css", "body{color:red}");
  auto second = next({"css/site.css"});
  EXPECT_NE(second->find("css/site.css")->etag, before);
}

TEST(StripFingerprint, RecognisesHexFingerprintsBeforeTheExtension) {
  EXPECT_EQ(strip_fingerprint("css/main.3f2a9c1e.css"), "css/main.css");
  EXPECT_EQ(strip_fingerprint("main.0123456789abcdef.js"), "main.js");
  EXPECT_EQ(strip_fingerprint("css/main.css"), "");
  EXPECT_EQ(strip_fingerprint("css/main.3f2a9c1.css"), "") << "seven digits is not a fingerprint";
  EXPECT_EQ(strip_fingerprint("css/main.3F2A9C1E.css"), "") << "Bengal writes lower case";
  EXPECT_EQ(strip_fingerprint("css/3f2a9c1e.css"), "") << "nothing left of the name";
  EXPECT_EQ(strip_fingerprint("a.12345678/b.css"), "");
}

TEST(PublishFingerprints, AThemeCssEditSwapsTheStylesheetWithoutReloadingPages) {
  Outputs out;
  out.set("css/main.11111111.css", "body{color:red}");
  out.set("a/index.html", "<link rel=stylesheet href=\"/css/main.11111111.css\"><body>a</body>");
  out.set("b/index.html", "<link rel=stylesheet href=\"/css/main.11111111.css\"><body>b</body>");
  SiteChange change;
  auto first = publish(nullptr, 1, out.all(), std::ref(out), 0, change);

  // The build renames the stylesheet and rewrites every page's <link>; page b
  // also changed for real.
  out.remove("css/main.11111111.css");
  out.set("css/main.22222222.css", "body{color:blue}");
  out.set("a/index.html", "<link rel=stylesheet href=\"/css/main.22222222.css\"><body>a</body>");
  out.set("b/index.html",
          "<link rel=stylesheet href=\"/css/main.22222222.css\"><body>b, edited</body>");
  auto second =
      publish(first.get(), 2,
              {"css/main.11111111.css", "css/main.22222222.css", "a/index.html", "b/index.html"},
              std::ref(out), 0, change);
  EXPECT_EQ(change.moved_stylesheets,
            (std::vector<StylesheetMove>{{"/css/main.11111111.css", "/css/main.22222222.css"}}));
  EXPECT_FALSE(change.subresources);
  EXPECT_EQ(change.pages, std::vector<std::string>{"/b/"});
  EXPECT_NE(second->find("a/index.html"), first->find("a/index.html"))
      << "the new bytes are still served";
  EXPECT_EQ(second->find("css/main.11111111.css"), nullptr);
}

TEST(UrlForOutput, IndexFilesBecomeFolderUrls) {
  EXPECT_EQ(url_for_output("index.html"), "/");
  EXPECT_EQ(url_for_output("blog/a/index.html"), "/blog/a/");
  EXPECT_EQ(url_for_output("404.html"), "/404.html");
  EXPECT_EQ(url_for_output("feed/index.xml"), "/feed/index.xml");
  EXPECT_EQ(url_for_output("myindex.html"), "/myindex.html");
}

TEST(InjectionPoint, BeforeTheLastClosingBodyInAnyCase) {
  EXPECT_EQ(find_injection_point("<p>x</p></body></html>"), 8u);
  EXPECT_EQ(find_injection_point("<p></BODY></body>"), 10u);
  EXPECT_EQ(find_injection_point("<P>x</P></BoDy >"), 8u);
  EXPECT_EQ(find_injection_point("<p>no body tag</p>"), 18u);
  EXPECT_EQ(find_injection_point(""), 0u);
}

}  // namespace
}  // namespace bengal::server

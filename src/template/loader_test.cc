#include "template/loader.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace bengal::tmpl {
namespace {

TEST(Loader, FileSystemLoaderSearchesDirectoriesInOrder) {
  MemoryFileSystem fs;
  fs.set_file("site/templates/page.html", "site page");
  fs.set_file("theme/templates/page.html", "theme page");
  fs.set_file("theme/templates/partials/nav.html", "theme nav");
  FileSystemLoader loader(fs, {"site/templates", "theme/templates"});
  LoadedSource src;
  ASSERT_TRUE(loader.load("page.html", src).value());
  EXPECT_EQ(src.text, "site page");
  EXPECT_EQ(src.origin, "site/templates/page.html");
  ASSERT_TRUE(loader.load("partials/nav.html", src).value());
  EXPECT_EQ(src.origin, "theme/templates/partials/nav.html");
  EXPECT_FALSE(loader.load("missing.html", src).value());
  std::vector<std::string> names;
  loader.list(names);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"page.html", "page.html", "partials/nav.html"}));
  EXPECT_EQ(loader.describe(), "site/templates, theme/templates");
}

TEST(Loader, NamesCannotEscapeTheirRoot) {
  MemoryFileSystem fs;
  fs.set_file("secret.txt", "no");
  fs.set_file("t/a.html", "a");
  FileSystemLoader loader(fs, {"t"});
  LoadedSource src;
  EXPECT_FALSE(loader.load("../secret.txt", src).value());
  EXPECT_FALSE(loader.load("/secret.txt", src).value());
  ASSERT_TRUE(loader.load("./x/../a.html", src).value());
  EXPECT_EQ(src.text, "a");
}

TEST(Loader, MemoryAndChainLoaders) {
  MemoryLoader site;
  site.add("a.html", "site a");
  MemoryLoader theme({{"a.html", "theme a"}, {"b.html", "theme b"}}, "<theme>");
  ChainLoader chain({&site, &theme});
  LoadedSource src;
  ASSERT_TRUE(chain.load("a.html", src).value());
  EXPECT_EQ(src.text, "site a");
  ASSERT_TRUE(chain.load("b.html", src).value());
  EXPECT_EQ(src.origin, "<theme>/b.html");
  EXPECT_EQ(chain.describe(), "<memory>, <theme>");
}

}  // namespace
}  // namespace bengal::tmpl

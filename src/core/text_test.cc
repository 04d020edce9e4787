#include "core/text.h"

#include <gtest/gtest.h>

namespace bengal {
namespace {

TEST(Text, HtmlEscape) {
  EXPECT_EQ(html_escape("<a href=\"x\">&</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
}

TEST(Text, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("plain ascii text that is long enough"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("bad \xC3"));
  EXPECT_FALSE(is_valid_utf8("overlong \xC0\xAF"));
  EXPECT_FALSE(is_valid_utf8("surrogate \xED\xA0\x80"));
  EXPECT_EQ(find_invalid_utf8("abcdefghij\xFFz"), 10u);
}

TEST(Text, SlugifyFollowsGithubStyle) {
  EXPECT_EQ(slugify("Hello, World!"), "hello-world");
  EXPECT_EQ(slugify("Foo  Bar"), "foo--bar");
  EXPECT_EQ(slugify("C++ & Rust_2"), "c--rust_2");
  EXPECT_EQ(slugify("Caf\xC3\x89 \xE2\x80\x94 x"), "caf\xC3\xA9--x");
  EXPECT_EQ(url_slug("  Release Notes! "), "release-notes");
  EXPECT_EQ(url_slug("../../x"), "x");
}

TEST(Text, ClosestMatchSuggestsNearbyWords) {
  std::vector<std::string> words{"title", "date", "tags"};
  EXPECT_EQ(closest_match("titel", words), "title");
  EXPECT_EQ(closest_match("zzzzzz", words), "");
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(Text, JsonEscapeKeepsUtf8) {
  std::string out;
  append_json_escaped(out, "\xC3\xA9\t");
  EXPECT_EQ(out, "\xC3\xA9\\t");
}

}  // namespace
}  // namespace bengal

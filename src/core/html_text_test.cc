#include "core/html_text.h"

#include <gtest/gtest.h>

namespace bengal {
namespace {

TEST(PageText, HtmlToTextDropsTagsAndCommentsKeepsEntities) {
  EXPECT_EQ(html_to_text("<h2 id=\"a\">Title</h2>\n<p>One &amp; <em>two</em><!-- x --></p>"),
            "Title\n\nOne &amp; two\n");
}

TEST(PageText, CountsWordsAndReadingTime) {
  EXPECT_EQ(count_words("  one two\nthree\t four "), 4u);
  EXPECT_EQ(reading_minutes(0), 0u);
  EXPECT_EQ(reading_minutes(1), 1u);
  EXPECT_EQ(reading_minutes(401), 3u);
}

TEST(PageText, CountsHtmlWordsWithoutBuildingText) {
  EXPECT_EQ(count_html_words("<h2 id=\"x\">Two words</h2>\n<p>and <em>three</em> more</p>"), 5u);
  EXPECT_EQ(count_html_words("<p>a<em>b</em>c</p>"), 1u);
  EXPECT_EQ(count_html_words(""), 0u);
}

TEST(PageText, AutoSummaryCutsAtSentenceEndAfterNthWord) {
  bool truncated = false;
  std::string s = auto_summary("<p>One two three. Four five six seven. Eight nine.</p>\n<p>Ten.</p>", 5, truncated);
  EXPECT_EQ(s, "One two three. Four five six seven.");
  EXPECT_TRUE(truncated);
  s = auto_summary("<p>Short one.</p>", 70, truncated);
  EXPECT_EQ(s, "Short one.");
  EXPECT_FALSE(truncated);
}

TEST(PageText, AutoSummaryStopsAtParagraphEnd) {
  bool truncated = false;
  std::string s = auto_summary("<p>a b c d</p>\n<p>e f g</p>", 2, truncated);
  EXPECT_EQ(s, "a b c d");
  EXPECT_TRUE(truncated);
}

}  // namespace
}  // namespace bengal

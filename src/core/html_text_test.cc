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
// The vectorised count agrees with the byte-at-a-time definition on random
// mixes of words, spaces and tags (including unclosed ones and multi-byte
// UTF-8) at every length and alignment.
TEST(PageText, HtmlWordCountMatchesTheDefinitionOnRandomInput) {
  auto reference = [](std::string_view h) {
    std::uint32_t words = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < h.size(); ++i) {
      if (h[i] == '<') {
        std::size_t close = h.find('>', i);
        if (close == std::string_view::npos) break;
        i = close;
        continue;
      }
      bool space = h[i] == ' ' || h[i] == '\n' || h[i] == '\t' || h[i] == '\r';
      if (!space && !in_word) ++words;
      in_word = !space;
    }
    return words;
  };
  const std::string_view pieces[] = {"a",   "bc", " ",          "\n",   "\t",       "\r",
                                     "<p>", "</em>", "<", ">", "\xc3\xa9", "x y",
                                     "<span class=\"k\">", "</span>", "<a title=\"<x\">"};
  std::uint64_t state = 42;
  for (int round = 0; round < 5000; ++round) {
    std::string html;
    int n = static_cast<int>(state % 200);  // several 64-byte blocks
    for (int k = 0; k < n; ++k) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      html += pieces[(state >> 33) % std::size(pieces)];
    }
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    ASSERT_EQ(count_html_words(html), reference(html)) << html;
  }
}

}  // namespace bengal

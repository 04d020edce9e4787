#include <gtest/gtest.h>

#include "highlight/highlight.h"

namespace bengal::highlight {
namespace {

using LN = Options::LineNumbers;
using Ranges = std::vector<std::pair<int, int>>;

TEST(FenceOptions, HugoStyleBraces) {
  Options o;
  parse_fence_options("{linenos=table,hl_lines=[8,\"15-17\"],linenostart=199}", o);
  EXPECT_EQ(o.linenos, LN::kTable);
  EXPECT_EQ(o.hl_lines, (Ranges{{8, 8}, {15, 17}}));
  EXPECT_EQ(o.linenostart, 199);
}

TEST(FenceOptions, MkDocsStyleAttributes) {
  Options o;
  parse_fence_options("title=\"src/app.py\" linenums=\"10\" hl_lines=\"2 4-5\"", o);
  EXPECT_EQ(o.title, "src/app.py");
  EXPECT_EQ(o.linenos, LN::kInline);
  EXPECT_EQ(o.linenostart, 10);
  EXPECT_EQ(o.hl_lines, (Ranges{{2, 2}, {4, 5}}));
}

TEST(FenceOptions, DocusaurusStyleBareRanges) {
  Options o;
  parse_fence_options("{3-5,8} title='a.js' showLineNumbers", o);
  EXPECT_EQ(o.hl_lines, (Ranges{{3, 5}, {8, 8}}));
  EXPECT_EQ(o.title, "a.js");
  EXPECT_EQ(o.linenos, LN::kTable);
}

TEST(FenceOptions, InlineAndDisabledLineNumbers) {
  Options o;
  parse_fence_options("linenos=inline", o);
  EXPECT_EQ(o.linenos, LN::kInline);
  parse_fence_options("linenos=false", o);
  EXPECT_EQ(o.linenos, LN::kNone);
}

TEST(FenceOptions, IgnoresUnknownKeysAndMalformedInput) {
  Options o;
  parse_fence_options("foo=bar hl_lines=x-3 linenostart=abc title=\"unterminated", o);
  EXPECT_TRUE(o.hl_lines.empty() || o.hl_lines == (Ranges{{3, 3}}));
  EXPECT_EQ(o.linenostart, 1);
  EXPECT_EQ(o.title, "unterminated");
  Options p;
  parse_fence_options("= , {} [ \" ' ==", p);
  EXPECT_EQ(p.linenos, LN::kNone);
}

TEST(FenceOptions, RejectsReversedAndZeroRanges) {
  Options o;
  parse_fence_options("hl_lines=\"5-3 0 2\"", o);
  EXPECT_EQ(o.hl_lines, (Ranges{{2, 2}}));
}

}  // namespace
}  // namespace bengal::highlight

#include "markdown/code_info.h"

#include <gtest/gtest.h>

namespace bengal::markdown::detail {
namespace {

CodeBlock parse(std::string_view info) {
  CodeBlock b;
  parse_code_info(info, b);
  return b;
}

TEST(CodeInfo, LanguageIsTheFirstWord) {
  EXPECT_EQ(parse("python").lang, "python");
  EXPECT_EQ(parse("c++ extra").lang, "c++");
  EXPECT_EQ(parse("").lang, "");
}

TEST(CodeInfo, BraceRangesBecomeHighlightedLines) {
  CodeBlock b = parse("go {3-5,8}");
  ASSERT_EQ(b.hl_lines.size(), 2u);
  EXPECT_EQ(b.hl_lines[0], std::make_pair(3, 5));
  EXPECT_EQ(b.hl_lines[1], std::make_pair(8, 8));
}

TEST(CodeInfo, HugoStyleAttributesInBraces) {
  CodeBlock b = parse("go {hl_lines=\"1 3-4\" linenos=true linenostart=20}");
  EXPECT_EQ(b.lang, "go");
  ASSERT_EQ(b.hl_lines.size(), 2u);
  EXPECT_EQ(b.hl_lines[1], std::make_pair(3, 4));
  EXPECT_TRUE(b.linenos);
  EXPECT_EQ(b.linenostart, 20);
}

TEST(CodeInfo, MkDocsStyleTitleAndBareLinenos) {
  CodeBlock b = parse("py title=\"main.py\" hl_lines=\"2\" linenos");
  EXPECT_EQ(b.title, "main.py");
  EXPECT_TRUE(b.linenos);
  ASSERT_EQ(b.hl_lines.size(), 1u);
  EXPECT_EQ(b.hl_lines[0], std::make_pair(2, 2));
}

TEST(CodeInfo, LinenosFalseStaysOff) {
  EXPECT_FALSE(parse("sh {linenos=false}").linenos);
}

}  // namespace
}  // namespace bengal::markdown::detail

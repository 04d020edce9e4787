#include "template/lexer.h"

#include <gtest/gtest.h>

namespace bengal::tmpl {
namespace {

std::vector<Token> lex(std::string_view src, LexOptions opt = {}) {
  static Arena arena;
  auto r = tokenize(src, opt, arena);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : std::vector<Token>{};
}

std::string data_of(const std::vector<Token>& toks) {
  std::string s;
  for (const auto& t : toks) {
    if (t.type == Tok::kData) s += "[" + std::string(t.text) + "]";
  }
  return s;
}

TEST(Lexer, SplitsDataAndTags) {
  auto t = lex("a{{ x }}b{% if y %}c{# comment #}d");
  ASSERT_EQ(t.size(), 12u);
  EXPECT_EQ(t[0].type, Tok::kData);
  EXPECT_EQ(t[1].type, Tok::kVarBegin);
  EXPECT_EQ(t[2].type, Tok::kName);
  EXPECT_EQ(t[2].text, "x");
  EXPECT_EQ(t[3].type, Tok::kVarEnd);
  EXPECT_EQ(data_of(t), "[a][b][c][d]");
  EXPECT_EQ(t.back().type, Tok::kEof);
}

TEST(Lexer, ReadsNumbersStringsAndOperators) {
  auto t = lex("{{ 1_000 0x1f 1.5 2e3 'a\\nb' \"q\" // ** ?? ?. == }}");
  EXPECT_EQ(t[1].int_value, 1000);
  EXPECT_EQ(t[2].int_value, 31);
  EXPECT_DOUBLE_EQ(t[3].float_value, 1.5);
  EXPECT_DOUBLE_EQ(t[4].float_value, 2000);
  EXPECT_EQ(t[5].text, "a\nb");
  EXPECT_EQ(t[6].text, "q");
  EXPECT_EQ(t[7].op, Op::kFloorDiv);
  EXPECT_EQ(t[8].op, Op::kPow);
  EXPECT_EQ(t[9].op, Op::kCoalesce);
  EXPECT_EQ(t[10].op, Op::kOptDot);
  EXPECT_EQ(t[11].op, Op::kEq);
}

TEST(Lexer, MinusStripsWhitespaceAroundTags) {
  EXPECT_EQ(data_of(lex("a \n {%- if x -%} \n b")), "[a][b]");
  EXPECT_EQ(data_of(lex("a  {{- x -}}  b")), "[a][b]");
}

TEST(Lexer, TrimBlocksRemovesTheNewlineAfterABlockTag) {
  LexOptions o;
  o.trim_blocks = true;
  EXPECT_EQ(data_of(lex("{% if x %}\nA\n{% endif %}\nB", o)), "[A\n][B]");
  EXPECT_EQ(data_of(lex("{% if x +%}\nA", o)), "[\nA]");
}

TEST(Lexer, LstripBlocksRemovesIndentBeforeBlockTags) {
  LexOptions o;
  o.lstrip_blocks = true;
  EXPECT_EQ(data_of(lex("x\n    {% if y %}", o)), "[x\n]");
  EXPECT_EQ(data_of(lex("x\n    {{ y }}", o)), "[x\n    ]");
  EXPECT_EQ(data_of(lex("x\n    {%+ if y %}", o)), "[x\n    ]");
}

TEST(Lexer, RawBlocksAreData) {
  EXPECT_EQ(data_of(lex("{% raw %}{{ x }}{% endraw %}")), "[{{ x }}]");
}

TEST(Lexer, BracesInsideExpressionsDoNotEndTheTag) {
  auto t = lex("{{ {'a': {'b': 1}} }}");
  EXPECT_EQ(t[t.size() - 2].type, Tok::kVarEnd);
}

TEST(Lexer, NormalisesNewlinesAndDropsOneTrailingNewline) {
  EXPECT_EQ(normalize_source("a\r\nb\rc\n", false), "a\nb\nc");
  EXPECT_EQ(normalize_source("a\n\n", false), "a\n");
  EXPECT_EQ(normalize_source("a\n", true), "a\n");
}

TEST(Lexer, ReportsUnterminatedTagsWithPositions) {
  Arena arena;
  auto r = tokenize("ok\n{{ x", {}, arena);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("expected '}}'"), std::string::npos);
  auto c = tokenize("a {# never closed", {}, arena);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().message, "Missing end of comment tag");
  auto s = tokenize("{{ 'open }}", {}, arena);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().location.column, 4);
  auto b = tokenize("{{ x) }}", {}, arena);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().message, "unexpected ')'");
}

}  // namespace
}  // namespace bengal::tmpl

#include <gtest/gtest.h>

#include "core/text.h"
#include "highlight/highlight.h"

namespace bengal::highlight {
namespace {

class RenderTest : public ::testing::Test {
 protected:
  RenderTest() : registry_(Registry::with_builtins()) { registry_.freeze(); }
  std::string render(std::string_view code, std::string_view lang, const Options& o = {}) {
    std::string out;
    known_ = render_block(registry_, code, lang, o, out);
    return out;
  }
  Registry registry_;
  bool known_ = false;
};

TEST_F(RenderTest, WrapsSpansInPygmentsClassesInsideTheHighlightDiv) {
  EXPECT_EQ(render("x = 1\n", "python"),
            "<div class=\"highlight\"><pre><code class=\"language-python\" data-lang=\"python\">"
            "<span class=\"n\">x</span> <span class=\"o\">=</span> <span class=\"mi\">1</span>\n"
            "</code></pre></div>");
  EXPECT_TRUE(known_);
}

TEST_F(RenderTest, MergesAdjacentTokensOfOneClassAndLeavesWhitespaceBare) {
  std::string html = render("f([]);\n", "js");
  EXPECT_NE(html.find("<span class=\"p\">([]);</span>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<span class=\"\">"), std::string::npos);
}

TEST_F(RenderTest, EscapesCodeLanguageAndTitle) {
  Options o;
  o.title = "<b>&\"";
  std::string html = render("a < b && c > \"d\"\n", "x\"><script>", o);
  EXPECT_FALSE(known_);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("a &lt; b &amp;&amp; c &gt; &quot;d&quot;"), std::string::npos) << html;
  EXPECT_NE(html.find("<span class=\"filename\">&lt;b&gt;&amp;&quot;</span>"), std::string::npos) << html;
}

TEST_F(RenderTest, UnknownLanguageIsEscapedPlainTextWithItsNameAsClass) {
  std::string html = render("if x < 1: pass\n", "cobol");
  EXPECT_FALSE(known_);
  EXPECT_EQ(html,
            "<div class=\"highlight\"><pre><code class=\"language-cobol\" data-lang=\"cobol\">"
            "if x &lt; 1: pass\n</code></pre></div>");
}

TEST_F(RenderTest, EmptyLanguageIsPlainTextWithoutALanguageClass) {
  EXPECT_EQ(render("a\n", ""), "<div class=\"highlight\"><pre><code>a\n</code></pre></div>");
  EXPECT_TRUE(known_);
}

TEST_F(RenderTest, AppendsToTheOutputBuffer) {
  std::string out = "before";
  render_block(registry_, "1", "text", {}, out);
  EXPECT_EQ(out.rfind("before<div class=\"highlight\">", 0), 0u);
}

TEST_F(RenderTest, HighlightedLinesAreWrappedAndMultilineTokensSplitAtLineEnds) {
  Options o;
  o.hl_lines = {{2, 3}};
  std::string html = render("x = 1\n\"\"\"doc\nstring\"\"\"\ny = 2\n", "python", o);
  EXPECT_NE(html.find("<span class=\"hll\"><span class=\"sd\">&quot;&quot;&quot;doc</span>\n</span>"), std::string::npos)
      << html;
  EXPECT_NE(html.find("<span class=\"hll\"><span class=\"sd\">string&quot;&quot;&quot;</span>\n</span>"),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("<span class=\"hll\"><span class=\"n\">x"), std::string::npos);
  EXPECT_EQ(html.find("<span class=\"hll\"><span class=\"n\">y"), std::string::npos);
}

TEST_F(RenderTest, InlineLineNumbersArePaddedAndStartWhereAsked) {
  Options o;
  o.linenos = Options::LineNumbers::kInline;
  o.linenostart = 9;
  std::string html = render("a\nb\nc\n", "text", o);
  EXPECT_NE(html.find("<span class=\"linenos\"> 9</span>a\n<span class=\"linenos\">10</span>b\n"
                      "<span class=\"linenos\">11</span>c\n</code>"),
            std::string::npos)
      << html;
}

TEST_F(RenderTest, TableLineNumbersCountTheLines) {
  Options o;
  o.linenos = Options::LineNumbers::kTable;
  std::string html = render("a\nb", "text", o);
  EXPECT_NE(html.find("<table class=\"highlighttable\"><tr><td class=\"linenos\"><div class=\"linenodiv\"><pre>"
                      "<span class=\"normal\">1</span>\n<span class=\"normal\">2</span></pre></div></td>"
                      "<td class=\"code\"><pre><code class=\"language-text\" data-lang=\"text\">a\nb</code></pre>"
                      "</td></tr></table></div>"),
            std::string::npos)
      << html;
}

TEST_F(RenderTest, EmptyCodeStillProducesTheWrapper) {
  Options o;
  o.linenos = Options::LineNumbers::kInline;
  EXPECT_EQ(render("", "go", o),
            "<div class=\"highlight\"><pre><code class=\"language-go\" data-lang=\"go\"></code></pre></div>");
}

TEST_F(RenderTest, OutputIsValidUtf8WhenInputIs) {
  std::string code = "caf\xC3\xA9 = \"na\xC3\xAFve \xF0\x9F\x90\x88\"  # \xE6\x97\xA5\xE6\x9C\xAC\n\xC3\xA9t\xC3\xA9\n";
  for (const Lexer& lexer : builtin_lexers()) {
    std::string html = render(code, lexer.name);
    EXPECT_TRUE(is_valid_utf8(html)) << lexer.name;
  }
}

TEST(Tokenize, SpansCoverTheInputInOrderWithoutGaps) {
  const Lexer* py = find_builtin_lexer("python");
  ASSERT_NE(py, nullptr);
  std::string code = "def f(a, *b):\n    return f\"{a!r}\" % b  # done\n";
  auto spans = tokenize(*py, code);
  ASSERT_FALSE(spans.empty());
  EXPECT_EQ(spans.front().begin, 0u);
  EXPECT_EQ(spans.back().end, code.size());
  for (std::size_t i = 1; i < spans.size(); ++i) {
    EXPECT_EQ(spans[i].begin, spans[i - 1].end);
    EXPECT_NE(spans[i].token, spans[i - 1].token);  // merged
  }
  EXPECT_EQ(spans.front().token, Token::kKeyword);
}

TEST(TokenClasses, MatchPygmentsShortNames) {
  EXPECT_EQ(css_class(Token::kText), "");
  EXPECT_EQ(css_class(Token::kKeywordDeclaration), "kd");
  EXPECT_EQ(css_class(Token::kNameBuiltinPseudo), "bp");
  EXPECT_EQ(css_class(Token::kStringDouble), "s2");
  EXPECT_EQ(css_class(Token::kGenericSubheading), "gu");
  EXPECT_EQ(css_class(Token::kError), "err");
  EXPECT_EQ(pygments_name(Token::kNumberIntegerLong), "Token.Literal.Number.Integer.Long");
}

TEST(Stylesheets, LightAndDarkStyleEveryCommonClass) {
  for (std::string_view style : stylesheet_names()) {
    std::string_view css = stylesheet(style);
    ASSERT_FALSE(css.empty()) << style;
    for (std::string_view cls : {".k,", ".kd", ".nf", ".nc", ".s,", ".s2", ".c,", ".c1", ".cp", ".m,", ".mi",
                                 ".err", ".gd", ".gi", ".gh", ".gu", ".hll", "span.linenos", ".filename", ".nt", ".na"}) {
      std::string needle = ".highlight " + std::string(cls);
      EXPECT_NE(css.find(needle), std::string_view::npos) << style << " lacks " << cls;
    }
  }
  EXPECT_TRUE(stylesheet("solarized").empty());
}

}  // namespace
}  // namespace bengal::highlight

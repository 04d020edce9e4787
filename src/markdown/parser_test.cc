#include <gtest/gtest.h>

#include "markdown/markdown.h"

namespace bengal::markdown {
namespace {

std::string html(std::string_view md, Options options = {}) {
  Parser parser;
  return parser.render_html(md, options);
}

Document render(std::string_view md, const Hooks& hooks = {}, Options options = {}) {
  Parser parser;
  Document doc;
  parser.render(md, options, hooks, doc);
  return doc;
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(Parser, HeadingsGetGitHubSlugsUniqueWithNumericSuffixes) {
  EXPECT_EQ(
      html("# Hello, World!\n## Hello, World!\n## Hello, World!\n"),
      "<h1 id=\"hello-world\">Hello, World!</h1>\n<h2 id=\"hello-world-1\">Hello, World!</h2>\n"
      "<h2 id=\"hello-world-2\">Hello, World!</h2>\n");
}

TEST(Parser, HeadingIdsAreUniqueAcrossDirectives) {
  std::string out = html("## Setup\n\n:::{note}\n## Setup\n:::\n");
  EXPECT_TRUE(contains(out, "<h2 id=\"setup\">")) << out;
  EXPECT_TRUE(contains(out, "<h2 id=\"setup-1\">")) << out;
}

TEST(Parser, HeadingAttributesSetIdClassesAndKeyValues) {
  EXPECT_EQ(html("## Install it {#setup .wide .big data-x=\"1 2\"}\n"),
            "<h2 id=\"setup\" class=\"wide big\" data-x=\"1 2\">Install it</h2>\n");
}

TEST(Parser, HeadingAttributesNeedAWellFormedBlock) {
  EXPECT_EQ(html("## Braces {not attrs}\n"),
            "<h2 id=\"braces-not-attrs\">Braces {not attrs}</h2>\n");
}

TEST(Parser, OutlineHasLevelIdAndPlainTextWithinConfiguredDepth) {
  Options options;
  options.toc_min_level = 2;
  options.toc_max_level = 3;
  Document doc =
      render("# Title\n## A *b* `c` &amp; [d](/e)\n### Deep\n#### Deeper\n", {}, options);
  ASSERT_EQ(doc.outline.size(), 2u);
  EXPECT_EQ(doc.outline[0].level, 2);
  EXPECT_EQ(doc.outline[0].id, "a-b-c--d");
  EXPECT_EQ(doc.outline[0].text, "A b c & d");
  EXPECT_EQ(doc.outline[1].text, "Deep");
}

TEST(Parser, CommonMarkOnlyTurnsEveryExtensionOff) {
  Options cm;
  cm.commonmark_only = true;
  EXPECT_EQ(
      html("# Hi {#x}\n\n~~x~~ www.example.com $x$ {kbd}`k` [[a]] [^1]\n\n:::{note}\n:::\n", cm),
      "<h1>Hi {#x}</h1>\n<p>~~x~~ www.example.com $x$ {kbd}<code>k</code> [[a]] "
      "[^1]</p>\n<p>:::{note}\n:::</p>\n");
}

TEST(Parser, CodeBlockWithoutHookGetsLanguageClass) {
  EXPECT_EQ(html("```python title=\"a.py\"\nx = '<'\n```\n"),
            "<pre><code class=\"language-python\">x = '&lt;'\n</code></pre>\n");
}

TEST(Parser, CodeHookReceivesParsedInfoString) {
  CodeBlock seen;
  std::string code;
  Hooks hooks;
  hooks.code_block = [&](const CodeBlock& b, std::string& out) {
    seen = b;
    code = std::string(b.code);
    out += "<pre class=\"hl\">X</pre>\n";
  };
  Document doc =
      render("```go {3-5} title=\"main.go\" linenos linenostart=10\nfmt.Println()\n```\n", hooks);
  EXPECT_EQ(doc.html, "<pre class=\"hl\">X</pre>\n");
  EXPECT_EQ(code, "fmt.Println()\n");
  ASSERT_EQ(seen.hl_lines.size(), 1u);
  EXPECT_EQ(seen.hl_lines[0], std::make_pair(3, 5));
  EXPECT_TRUE(seen.linenos);
  EXPECT_EQ(seen.linenostart, 10);
}

TEST(Parser, CodeHookThatWritesNothingFallsBackToPlainPre) {
  Hooks hooks;
  hooks.code_block = [](const CodeBlock&, std::string&) {};
  EXPECT_EQ(render("```rust\nfn main() {}\n```\n", hooks).html,
            "<pre><code class=\"language-rust\">fn main() {}\n</code></pre>\n");
}

TEST(Parser, TemplateSyntaxComesOutLiterally) {
  EXPECT_EQ(html("{{placeholder}} {% raw %} `{{code}}`\n\n```\n{{ x }}\n```\n"),
            "<p>{{placeholder}} {% raw %} <code>{{code}}</code></p>\n<pre><code>{{ x "
            "}}\n</code></pre>\n");
}

TEST(Parser, MathPassesThroughUntouched) {
  EXPECT_EQ(html("Inline $a_1 < b*$ and $$\\sum_i x$$ here.\n"),
            "<p>Inline <span class=\"math\">\\(a_1 &lt; b*\\)</span> and <span class=\"math "
            "display\">\\[\\sum_i "
            "x\\]</span> here.</p>\n");
  EXPECT_EQ(html("$$\nx^2 *y*\n$$\n"), "<div class=\"math\">\\[x^2 *y*\\]</div>\n");
}

TEST(Parser, OneLineMathBlockInterruptsAParagraph) {
  // Regression (fuzzer): the paragraph closed by the math block was also the
  // line's last matched container.
  EXPECT_EQ(html("text\n$$x$$\n"), "<p>text</p>\n<div class=\"math\">\\[x\\]</div>\n");
}

TEST(Parser, DollarAmountsAreNotMath) {
  EXPECT_EQ(html("It costs $5 and $10.\n"), "<p>It costs $5 and $10.</p>\n");
}

TEST(Parser, FootnotesUseGitHubStructure) {
  EXPECT_EQ(html("A[^x] and B[^x].\n\n[^x]: Note.\n"),
            "<p>A<sup class=\"footnote-ref\"><a href=\"#fn-x\" id=\"fnref-x\" "
            "data-footnote-ref>1</a></sup> and "
            "B<sup class=\"footnote-ref\"><a href=\"#fn-x\" id=\"fnref-x-2\" "
            "data-footnote-ref>1</a></sup>.</p>\n"
            "<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-x\">\n<p>Note. <a "
            "href=\"#fnref-x\" "
            "class=\"footnote-backref\" data-footnote-backref aria-label=\"Back to reference "
            "1\">\xE2\x86\xA9</a> "
            "<a href=\"#fnref-x-2\" class=\"footnote-backref\" data-footnote-backref "
            "aria-label=\"Back to reference "
            "1-2\">\xE2\x86\xA9</a></p>\n</li>\n</ol>\n</section>\n");
}

TEST(Parser, TaskListItemsGetDisabledCheckboxes) {
  EXPECT_EQ(html("- [ ] a\n- [x] b\n"),
            "<ul>\n<li><input disabled=\"\" type=\"checkbox\" /> a</li>\n<li><input checked=\"\" "
            "disabled=\"\" "
            "type=\"checkbox\" /> b</li>\n</ul>\n");
}

TEST(Parser, DefinitionListsTurnParagraphLinesIntoTerms) {
  EXPECT_EQ(html("Apple\nPomme\n: A fruit.\n: A company.\n\nOrange\n: Also a fruit.\n"),
            "<dl>\n<dt>Apple</dt>\n<dt>Pomme</dt>\n<dd>A fruit.</dd>\n<dd>A "
            "company.</dd>\n<dt>Orange</dt>\n"
            "<dd>Also a fruit.</dd>\n</dl>\n");
}

TEST(Parser, BlankLineBeforeADefinitionMakesItLoose) {
  EXPECT_EQ(html("Term\n\n: Loose definition.\n\n    Second paragraph.\n"),
            "<dl>\n<dt>Term</dt>\n<dd>\n<p>Loose definition.</p>\n<p>Second "
            "paragraph.</p>\n</dd>\n</dl>\n");
}

TEST(Parser, TypographerIsOffByDefaultAndSmartWhenOn) {
  EXPECT_EQ(html("\"a\" -- b... 'c'\n"), "<p>&quot;a&quot; -- b... 'c'</p>\n");
  Options t;
  t.typographer = true;
  EXPECT_EQ(html("\"a\" -- b --- c... don't 'q'\n", t),
            "<p>\xE2\x80\x9C"
            "a\xE2\x80\x9D \xE2\x80\x93 b \xE2\x80\x94 c\xE2\x80\xA6 don\xE2\x80\x99t "
            "\xE2\x80\x98q\xE2\x80\x99</p>\n");
}

TEST(Parser, RawHtmlPassesByDefaultAndIsEscapedInSafeMode) {
  EXPECT_EQ(html("<div>x</div>\n\na <b>c</b>\n"), "<div>x</div>\n<p>a <b>c</b></p>\n");
  Options safe;
  safe.safe_mode = true;
  EXPECT_EQ(html("<div>x</div>\n\na <b>c</b> [l](javascript:alert(1))\n", safe),
            "&lt;div&gt;x&lt;/div&gt;\n<p>a &lt;b&gt;c&lt;/b&gt; <a href=\"\">l</a></p>\n");
}

TEST(Parser, TagFilterNeutralisesDisallowedTagsOnly) {
  Options o;
  o.gfm_tagfilter = true;
  EXPECT_EQ(html("<script>x</script> <b>ok</b>\n", o), "&lt;script>x&lt;/script> <b>ok</b>\n");
}

TEST(Parser, CrossReferencesResolveThroughTheHook) {
  Hooks hooks;
  hooks.resolve_link =
      [](std::string_view target) -> std::optional<std::pair<std::string, std::string>> {
    if (target == "docs/install")
      return std::make_pair(std::string("/docs/install/"), std::string("Install"));
    return std::nullopt;
  };
  Document doc =
      render("See [[docs/install]], [[docs/install|the guide]] and [[missing]].\n", hooks);
  EXPECT_EQ(doc.html,
            "<p>See <a href=\"/docs/install/\">Install</a>, <a href=\"/docs/install/\">the "
            "guide</a> and <span "
            "class=\"xref-broken\" title=\"unresolved: missing\">missing</span>.</p>\n");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(doc.diagnostics[0].location.line, 1);
  EXPECT_EQ(doc.diagnostics[0].location.column, 54);
  EXPECT_NE(doc.diagnostics[0].message.find("missing"), std::string::npos);
}

TEST(Parser, AnchorCrossReferencesResolveToHeadingsInTheDocument) {
  EXPECT_EQ(html("[[#setup]]\n\n## Set up {#setup}\n"),
            "<p><a href=\"#setup\">Set up</a></p>\n<h2 id=\"setup\">Set up</h2>\n");
}

TEST(Parser, ExtendedAutolinksDoNotNestInsideLinkText) {
  EXPECT_EQ(html("[www.a.com](https://b.com) and www.c.com\n"),
            "<p><a href=\"https://b.com\">www.a.com</a> and <a "
            "href=\"http://www.c.com\">www.c.com</a></p>\n");
}

TEST(Parser, NulBecomesReplacementCharacter) {
  EXPECT_EQ(html(std::string_view("a\0b\n", 4)),
            "<p>a\xEF\xBF\xBD"
            "b</p>\n");
}

TEST(Parser, ReusedParserAndDocumentGiveIdenticalOutput) {
  Parser parser;
  Document doc;
  Options options;
  std::string first;
  for (int i = 0; i < 3; ++i) {
    parser.render("# T\n\n:::{note}\nx[^1]\n:::\n\n[^1]: n\n", options, {}, doc);
    if (i == 0) first = doc.html;
    EXPECT_EQ(doc.html, first);
    EXPECT_EQ(doc.outline.size(), 0u);  // h1 is outside the default 2..3 range
  }
  parser.render("plain\n", options, {}, doc);
  EXPECT_EQ(doc.html, "<p>plain</p>\n");
  EXPECT_TRUE(doc.diagnostics.empty());
}

TEST(Parser, TablesAlignCellsAndPadShortRows) {
  EXPECT_EQ(html("| a | b |\n|:--|--:|\n| 1 |\n"),
            "<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n<th "
            "align=\"right\">b</th>\n</tr>\n</thead>\n"
            "<tbody>\n<tr>\n<td align=\"left\">1</td>\n<td "
            "align=\"right\"></td>\n</tr>\n</tbody>\n</table>\n");
}

TEST(Parser, TableHeaderMayFollowParagraphLines) {
  EXPECT_EQ(html("intro\n| a |\n|---|\n"),
            "<p>intro</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n");
}

}  // namespace
}  // namespace bengal::markdown

// Directives and roles: one test per built-in, nesting, closing rules,
// options, and the error cases (each a warning with line and column).
#include <gtest/gtest.h>

#include "markdown/markdown.h"

namespace bengal::markdown {
namespace {

Document render(std::string_view md, const Hooks& hooks = {}) {
  Parser parser;
  Document doc;
  parser.render(md, Options{}, hooks, doc);
  return doc;
}

std::string html(std::string_view md) {
  return render(md).html;
}

class Admonitions : public ::testing::TestWithParam<const char*> {};

TEST_P(Admonitions, RenderWithDefaultTitleAndMarkdownBody) {
  std::string name = GetParam();
  std::string out = html(":::{" + name + "}\nBody *text*.\n:::\n");
  std::string title = name == "seealso"
                          ? "See also"
                          : std::string(1, static_cast<char>(name[0] - 32)) + name.substr(1);
  EXPECT_EQ(out, "<div class=\"admonition " + name + "\">\n<p class=\"admonition-title\">" + title +
                     "</p>\n<p>Body <em>text</em>.</p>\n</div>\n");
}

INSTANTIATE_TEST_SUITE_P(Builtins, Admonitions,
                         ::testing::Values("note", "tip", "info", "warning", "danger", "error",
                                           "important", "caution", "seealso", "example",
                                           "success"));

TEST(Directives, AdmonitionArgumentIsAnInlineTitleAndClassOptionAdds) {
  EXPECT_EQ(
      html(":::{warning} Mind the *gap*\n:class: wide\n:name: gap\nText\n:::\n"),
      "<div class=\"admonition warning wide\" id=\"gap\">\n<p class=\"admonition-title\">Mind the "
      "<em>gap</em></p>\n<p>Text</p>\n</div>\n");
}

TEST(Directives, BacktickFenceDirectivesWork) {
  EXPECT_EQ(html("```{note}\nInside\n```\n"),
            "<div class=\"admonition note\">\n<p "
            "class=\"admonition-title\">Note</p>\n<p>Inside</p>\n</div>\n");
}

TEST(Directives, DropdownAndDetailsAreDetailsElements) {
  EXPECT_EQ(
      html(":::{dropdown} More\n:open:\nHidden\n:::\n"),
      "<details class=\"dropdown\" open>\n<summary>More</summary>\n<p>Hidden</p>\n</details>\n");
  EXPECT_EQ(html(":::{details}\nx\n:::\n"),
            "<details class=\"details\">\n<summary>Details</summary>\n<p>x</p>\n</details>\n");
}

TEST(Directives, TabSetContainsTabItems) {
  EXPECT_EQ(
      html("::::{tab-set}\n:::{tab-item} Python\npy\n:::\n:::{tab-item} Go\ngo\n:::\n::::\n"),
      "<div class=\"tab-set\" data-tab-set=\"1\">\n<div class=\"tab-item\">\n<div "
      "class=\"tab-label\">Python</div>\n"
      "<div class=\"tab-content\">\n<p>py</p>\n</div>\n</div>\n<div class=\"tab-item\">\n<div "
      "class=\"tab-label\">Go</div>\n<div "
      "class=\"tab-content\">\n<p>go</p>\n</div>\n</div>\n</div>\n");
}

TEST(Directives, TabItemOutsideTabSetWarns) {
  Document doc = render(":::{tab-item} Lost\nx\n:::\n");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_NE(doc.diagnostics[0].message.find("tab-set"), std::string::npos);
}

TEST(Directives, CardsAndLinkedCard) {
  EXPECT_EQ(html(":::{cards}\n:columns: 2\n:::{card} One\n:link: /one/\nFirst\n:::\n:::{/cards}\n"),
            "<div class=\"cards\" data-columns=\"2\">\n<a class=\"card\" href=\"/one/\">\n<p "
            "class=\"card-title\">One</p>\n"
            "<p>First</p>\n</a>\n</div>\n");
}

TEST(Directives, StepsAreAnOrderedList) {
  EXPECT_EQ(html(":::{steps}\n:::{step} Install\nRun it.\n:::\n:::{/steps}\n"),
            "<ol class=\"steps\">\n<li class=\"step\">\n<p "
            "class=\"step-title\">Install</p>\n<p>Run it.</p>\n</li>\n"
            "</ol>\n");
}

TEST(Directives, FigureHasImageAndCaption) {
  EXPECT_EQ(html(":::{figure} /img/a.png\n:alt: A cat\n:width: 300\nThe *caption*.\n:::\n"),
            "<figure class=\"figure\">\n<img src=\"/img/a.png\" alt=\"A cat\" width=\"300\" "
            "/>\n<figcaption>\n<p>The "
            "<em>caption</em>.</p>\n</figcaption>\n</figure>\n");
}

TEST(Directives, ContainerUsesArgumentAsClasses) {
  EXPECT_EQ(html(":::{container} wide hero\nx\n:::\n"),
            "<div class=\"wide hero\">\n<p>x</p>\n</div>\n");
}

TEST(Directives, BadgeIsASpan) {
  EXPECT_EQ(html(":::{badge} New\n:color: green\n:::\n"),
            "<p><span class=\"badge badge-green\">New</span></p>\n");
}

TEST(Directives, IncludeParsesTheFileThroughTheHook) {
  Hooks hooks;
  hooks.include_file = [](std::string_view path) -> std::optional<std::string> {
    if (path == "parts/a.md") return std::string("## Included\n\n*yes*\n");
    return std::nullopt;
  };
  Document doc = render("before\n\n:::{include} parts/a.md\n:::\n\nafter\n", hooks);
  EXPECT_EQ(
      doc.html,
      "<p>before</p>\n<h2 id=\"included\">Included</h2>\n<p><em>yes</em></p>\n<p>after</p>\n");
  EXPECT_TRUE(doc.diagnostics.empty());
}

TEST(Directives, IncludeOfMissingFileIsAnErrorAtTheDirective) {
  Hooks hooks;
  hooks.include_file = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
  Document doc = render("x\n\n:::{include} nope.md\n:::\n", hooks);
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_TRUE(doc.diagnostics[0].is_error());
  EXPECT_EQ(doc.diagnostics[0].location.line, 3);
  EXPECT_EQ(doc.diagnostics[0].location.column, 1);
}

TEST(Directives, IncludeCycleStopsWithAnError) {
  Hooks hooks;
  hooks.include_file = [](std::string_view) -> std::optional<std::string> {
    return std::string(":::{include} self.md\n:::\n");
  };
  Document doc = render(":::{include} self.md\n:::\n", hooks);
  ASSERT_FALSE(doc.diagnostics.empty());
  EXPECT_NE(doc.diagnostics.back().message.find("nested too deeply"), std::string::npos);
}

TEST(Directives, LongerFencesNestAndShorterClosersCloseTheInnerOne) {
  EXPECT_EQ(html("::::{note}\n:::{tip}\ninner\n:::\nouter\n::::\n"),
            "<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n<div "
            "class=\"admonition tip\">\n"
            "<p class=\"admonition-title\">Tip</p>\n<p>inner</p>\n</div>\n<p>outer</p>\n</div>\n");
}

TEST(Directives, SameLengthFencesNestInnermostFirst) {
  EXPECT_EQ(html(":::{note}\n:::{tip}\ninner\n:::\nouter\n:::\n"),
            "<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n<div "
            "class=\"admonition tip\">\n"
            "<p class=\"admonition-title\">Tip</p>\n<p>inner</p>\n</div>\n<p>outer</p>\n</div>\n");
}

TEST(Directives, NamedCloserClosesThatDirectiveAndEverythingInside) {
  EXPECT_EQ(html(":::{note}\n:::{tip}\ninner\n:::{/note}\nafter\n"),
            "<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n<div "
            "class=\"admonition tip\">\n"
            "<p class=\"admonition-title\">Tip</p>\n<p>inner</p>\n</div>\n</div>\n<p>after</p>\n");
}

TEST(Directives, CodeFenceInsideDirectiveKeepsColonLines) {
  EXPECT_EQ(html(":::{note}\n```md\n:::\n```\n:::\n"),
            "<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n<pre><code "
            "class=\"language-md\">:::\n</code></pre>\n</div>\n");
}

TEST(Directives, NestInsideListsAndQuotes) {
  EXPECT_EQ(html("- item\n  :::{tip}\n  In a list\n  :::\n\n> :::{note}\n> quoted\n> :::\n"),
            "<ul>\n<li>item\n<div class=\"admonition tip\">\n<p "
            "class=\"admonition-title\">Tip</p>\n<p>In a "
            "list</p>\n</div>\n</li>\n</ul>\n<blockquote>\n<div class=\"admonition note\">\n<p "
            "class=\"admonition-title\">Note</p>\n<p>quoted</p>\n</div>\n</blockquote>\n");
}

TEST(Directives, UnknownDirectiveWarnsWithSuggestionAndKeepsBody) {
  Document doc = render("text\n\n:::{notte}\nbody\n:::\n");
  EXPECT_EQ(doc.html,
            "<p>text</p>\n<div class=\"directive-unknown\" "
            "data-directive=\"notte\">\n<p>body</p>\n</div>\n");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].location.line, 3);
  EXPECT_EQ(doc.diagnostics[0].location.column, 1);
  EXPECT_EQ(doc.diagnostics[0].hint, "did you mean 'note'?");
}

TEST(Directives, UnknownOptionWarnsWithSuggestion) {
  Document doc = render(":::{note}\n:clas: wide\nx\n:::\n");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].location.line, 2);
  EXPECT_EQ(doc.diagnostics[0].hint, "did you mean 'class'?");
}

TEST(Directives, UnclosedDirectiveWarnsAndStillRenders) {
  Document doc = render(":::{note}\nbody\n");
  EXPECT_EQ(doc.html,
            "<div class=\"admonition note\">\n<p "
            "class=\"admonition-title\">Note</p>\n<p>body</p>\n</div>\n");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_NE(doc.diagnostics[0].message.find("not closed"), std::string::npos);
}

TEST(Directives, StrayNamedCloserWarns) {
  Document doc = render("x\n\n:::{/note}\n");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].location.line, 3);
}

TEST(Directives, SiteAddedDirectiveRendersThroughRegistry) {
  DirectiveRegistry directives = DirectiveRegistry::with_builtins();
  directives.add({"youtube",
                  {"width"},
                  [](const DirectiveContext& ctx, DirectivePhase phase, std::string& out) {
                    if (phase == DirectivePhase::kOpen) {
                      out += "<iframe src=\"https://youtube.com/embed/" +
                             std::string(ctx.argument) + "\" width=\"" +
                             std::string(ctx.option("width", "560")) + "\"></iframe>\n";
                    }
                  }});
  directives.freeze();
  RoleRegistry roles = RoleRegistry::with_builtins();
  roles.freeze();
  Parser parser(directives, roles);
  EXPECT_EQ(parser.render_html(":::{youtube} abc\n:::\n"),
            "<iframe src=\"https://youtube.com/embed/abc\" width=\"560\"></iframe>\n");
}

TEST(Directives, DeepNestingIsCappedWithAWarning) {
  std::string md;
  for (int i = 0; i < 40; ++i) md += ":::{note}\n";
  Document doc = render(md);
  bool capped = false;
  for (const auto& d : doc.diagnostics)
    capped |= d.message.find("nested more than") != std::string::npos;
  EXPECT_TRUE(capped);
}

TEST(Directives, GitHubAlertsBecomeAdmonitions) {
  EXPECT_EQ(
      html("> [!WARNING]\n> Mind the *gap*.\n"),
      "<div class=\"admonition warning\">\n<p class=\"admonition-title\">Warning</p>\n<p>Mind the "
      "<em>gap</em>.</p>\n</div>\n");
  EXPECT_EQ(html("> [!NOTE]\n\n> [!nope]\n> x\n"),
            "<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n</div>\n"
            "<blockquote>\n<p>[!nope]\nx</p>\n</blockquote>\n");
}

TEST(Directives, AlertMarkerMustStandAloneOnTheFirstLine) {
  EXPECT_EQ(html("> [!NOTE] inline\n"), "<blockquote>\n<p>[!NOTE] inline</p>\n</blockquote>\n");
}

TEST(Roles, Kbd) {
  EXPECT_EQ(html("{kbd}`Ctrl+C` {kbd}`Esc`\n"),
            "<p><kbd class=\"compound\"><kbd>Ctrl</kbd>+<kbd>C</kbd></kbd> <kbd>Esc</kbd></p>\n");
}

TEST(Roles, Abbr) {
  EXPECT_EQ(html("{abbr}`HTML (HyperText Markup Language)`\n"),
            "<p><abbr title=\"HyperText Markup Language\">HTML</abbr></p>\n");
}

TEST(Roles, SubAndSup) {
  EXPECT_EQ(html("H{sub}`2`O x{sup}`n`\n"), "<p>H<sub>2</sub>O x<sup>n</sup></p>\n");
}

TEST(Roles, Math) {
  EXPECT_EQ(html("{math}`a<b`\n"), "<p><span class=\"math\">\\(a&lt;b\\)</span></p>\n");
}

TEST(Roles, Icon) {
  EXPECT_EQ(html("{icon}`star`\n"),
            "<p><span class=\"icon icon-star\" aria-hidden=\"true\"></span></p>\n");
}

TEST(Roles, RefAndDocResolveThroughTheHook) {
  Hooks hooks;
  hooks.resolve_link =
      [](std::string_view t) -> std::optional<std::pair<std::string, std::string>> {
    if (t == "intro") return std::make_pair(std::string("/intro/"), std::string("Introduction"));
    return std::nullopt;
  };
  Document doc = render("{ref}`intro` {doc}`Start here <intro>` {ref}`gone`\n", hooks);
  EXPECT_EQ(doc.html,
            "<p><a href=\"/intro/\">Introduction</a> <a href=\"/intro/\">Start here</a> <span "
            "class=\"xref-broken\" "
            "title=\"unresolved: gone\">gone</span></p>\n");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].location.column, 40);
}

TEST(Roles, UnknownRoleWarnsAndRendersVisibly) {
  Document doc = render("a {kdb}`x`\n");
  EXPECT_EQ(doc.html, "<p>a <code class=\"role-unknown\">{kdb}`x`</code></p>\n");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].location.column, 3);
  EXPECT_EQ(doc.diagnostics[0].hint, "did you mean 'kbd'?");
}

}  // namespace
}  // namespace bengal::markdown

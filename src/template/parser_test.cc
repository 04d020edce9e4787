#include "template/parser.h"

#include <gtest/gtest.h>

#include "template/environment.h"
#include "template/test_support.h"

namespace bengal::tmpl {
namespace {

using testing::render;

Diagnostic compile_error(std::string_view src) {
  Environment env(nullptr);
  const Template* t = env.add_template("t.html", src);
  EXPECT_NE(t->error(), nullptr) << "compiled: " << src;
  return t->error() ? *t->error() : Diagnostic{};
}

TEST(Parser, UnknownFilterSuggestsTheClosestName) {
  Diagnostic d = compile_error("{{ x|titel }}");
  EXPECT_EQ(d.message, "unknown filter 'titel'");
  EXPECT_EQ(d.hint, "did you mean 'title'?");
  EXPECT_EQ(d.location.file, "t.html");
  EXPECT_EQ(d.location.line, 1);
  EXPECT_EQ(d.location.column, 6);
  EXPECT_EQ(d.excerpt, "{{ x|titel }}");
}

TEST(Parser, UnknownTestAndTagSuggestCloseNames) {
  EXPECT_EQ(compile_error("{{ x is defind }}").hint, "did you mean 'defined'?");
  Diagnostic d = compile_error("{% fro x in y %}{% endfor %}");
  EXPECT_EQ(d.message, "unknown tag 'fro'");
  EXPECT_EQ(d.hint, "did you mean 'for'?");
}

TEST(Parser, UnclosedBlockNamesWhereItOpened) {
  Diagnostic d = compile_error("a\n{% if x %}\nb");
  EXPECT_NE(d.message.find("unexpected end of template"), std::string::npos);
  EXPECT_NE(d.hint.find("'if' block opened on line 2"), std::string::npos) << d.hint;
}

TEST(Parser, MismatchedEndTagNamesTheOpenBlock) {
  Diagnostic d = compile_error("{% for x in y %}\n{% endif %}");
  EXPECT_EQ(d.message, "unexpected 'endif'");
  EXPECT_NE(d.hint.find("innermost open block is 'for' (line 1)"), std::string::npos) << d.hint;
  EXPECT_EQ(d.location.line, 2);
}

TEST(Parser, SyntaxErrorsPointAtTheToken) {
  Diagnostic d = compile_error("{{ 1 + }}");
  EXPECT_NE(d.message.find("expected an expression"), std::string::npos) << d.message;
  EXPECT_EQ(d.location.column, 8);
  EXPECT_EQ(compile_error("{% block a %}{% endblock %}{% block a %}{% endblock %}").message,
            "block 'a' defined twice");
  EXPECT_EQ(compile_error("{% macro m(a, a) %}{% endmacro %}").message, "duplicate argument 'a'");
  EXPECT_EQ(compile_error("{% macro m(a=1, b) %}{% endmacro %}").message,
            "non-default argument follows default argument");
  EXPECT_EQ(compile_error("{% break %}").message, "'break' outside of a loop");
  EXPECT_EQ(compile_error("{% set true = 1 %}").message, "cannot assign to 'true'");
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  std::string src = "{{ " + std::string(2000, '(') + "1" + std::string(2000, ')') + " }}";
  Diagnostic d = compile_error(src);
  EXPECT_NE(d.message.find("nesting is too deep"), std::string::npos) << d.message;
  std::string blocks;
  for (int i = 0; i < 1000; ++i) blocks += "{% if x %}";
  EXPECT_NE(compile_error(blocks).message.find("too deep"), std::string::npos);
}

TEST(Parser, OperatorPrecedenceFollowsJinja) {
  EXPECT_EQ(testing::out(
                "{{ 1 + 2 * 3 }} {{ -2 ** 2 }} {{ 2 ** 3 ** 2 }} {{ 1 ~ 2 * 3 }} {{ not 1 == 2 }}"),
            "7 4 64 16 True");
  // As in Jinja, ~ binds tighter than + and -.
  EXPECT_EQ(testing::render("{{ 'a' ~ 1 + 2 }}").error.message,
            "unsupported operand type(s) for +: 'str' and 'int'");
  EXPECT_EQ(testing::out("{{ none ?? 1 or 2 }} {{ 1 if false else 2 ?? 3 }}"), "1 2");
}

TEST(Parser, TestsTakeAnArgumentWithoutParentheses) {
  EXPECT_EQ(testing::out("{{ 9 is divisibleby 3 }} {{ x is sameas none }}", R"({"x": null})"),
            "True True");
}

TEST(Parser, RecordsLiteralTemplateReferences) {
  Environment env(nullptr);
  const Template* t = env.add_template(
      "t.html",
      "{% extends 'b.html' %}{% include ['c.html', 'd.html'] %}{% import 'e.html' as e %}"
      "{% from 'f.html' import g %}{% include name %}");
  ASSERT_TRUE(t->ok());
  EXPECT_EQ(t->parsed().references,
            (std::vector<std::string_view>{"b.html", "c.html", "d.html", "e.html", "f.html"}));
  EXPECT_TRUE(t->parsed().has_extends);
}

TEST(Parser, FoldsTextIntoTheFollowingPrint) {
  Environment env(nullptr);
  const Template* t = env.add_template("t.txt", "a{{ x }}b{{ y }}c");
  ASSERT_TRUE(t->ok());
  ASSERT_EQ(t->parsed().body.size(), 3u);
  EXPECT_EQ(static_cast<const PrintStmt*>(t->parsed().body[0])->prefix, "a");
  EXPECT_EQ(t->parsed().body[2]->kind, StmtKind::kText);
}

}  // namespace
}  // namespace bengal::tmpl

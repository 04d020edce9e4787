// The inputs cmark and md4c test for quadratic behaviour, plus ours
// (directives, math, autolinks, tables, heading ids). Each is rendered at n
// and 4n repetitions; the parser's work counter (Parser::work: bytes
// scanned, delimiters and containers visited, output bytes) must grow about
// 4x, far from the 16x of a quadratic algorithm. No timing involved.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "markdown/markdown.h"

namespace bengal::markdown {
namespace {

std::string repeat(std::string_view s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

struct Case {
  const char* name;
  std::function<std::string(int)> make;
};

std::uint64_t work_for(const std::string& input) {
  Parser parser;
  Document doc;
  parser.render(input, Options{}, Hooks{}, doc);
  return parser.work();
}

class Pathological : public ::testing::TestWithParam<Case> {};

TEST_P(Pathological, WorkGrowsLinearly) {
  const Case& c = GetParam();
  const int n = 2500;
  std::uint64_t small = work_for(c.make(n));
  std::uint64_t large = work_for(c.make(4 * n));
  ASSERT_GT(small, 0u);
  double growth = static_cast<double>(large) / static_cast<double>(small);
  EXPECT_LT(growth, 6.0) << c.name << ": work " << small << " -> " << large;
}

const Case kCases[] = {
    {"nested_strong_emph", [](int n) { return repeat("*a **a ", n) + "b" + repeat(" a** a*", n); }},
    {"emph_closers_no_openers", [](int n) { return repeat("a_ ", n); }},
    {"emph_openers_no_closers", [](int n) { return repeat("_a ", n); }},
    {"link_closers_no_openers", [](int n) { return repeat("a]", n); }},
    {"link_openers_no_closers", [](int n) { return repeat("[a", n); }},
    {"mismatched_openers_closers", [](int n) { return repeat("*a_ ", n); }},
    {"openers_closers_multiple_of_3", [](int n) { return "a**b" + repeat("c* ", n); }},
    {"link_openers_emph_closers", [](int n) { return repeat("[ a_", n); }},
    {"bracket_paren_pattern", [](int n) { return repeat("[ (](", n); }},
    {"nested_brackets", [](int n) { return repeat("[", n) + "a" + repeat("]", n); }},
    {"nested_block_quotes", [](int n) { return repeat("> ", n) + "a\n"; }},
    {"nested_lists_flat_input", [](int n) { return repeat("- ", n) + "a\n"; }},
    {"backtick_runs",
     [](int n) {
       std::string s;
       for (int i = 0; i < n; ++i)
         s += "e" + std::string(static_cast<std::size_t>(i % 50 + 1), '`');
       return s;
     }},
    {"unclosed_links_a", [](int n) { return repeat("[a](<b", n); }},
    {"unclosed_links_b", [](int n) { return repeat("[a](b", n); }},
    {"unclosed_comments", [](int n) { return "</" + repeat("<!--", n); }},
    {"unclosed_cdata", [](int n) { return repeat("<![CDATA[", n); }},
    {"unclosed_processing_instructions", [](int n) { return repeat("<?", n); }},
    {"unclosed_declarations", [](int n) { return repeat("<!A ", n); }},
    {"many_reference_definitions",
     [](int n) {
       std::string s;
       for (int i = 0; i < n; ++i)
         s += "[" + std::to_string(i) + "]: /u" + std::to_string(i) + "\n";
       for (int i = 0; i < n; ++i) s += "[" + std::to_string(i) + "] ";
       return s;
     }},
    {"many_link_references_to_one_label", [](int n) { return "[a]: /u\n\n" + repeat("[a] ", n); }},
    {"many_emphasis_tildes", [](int n) { return repeat("~a ", n) + repeat("a~ ", n); }},
    {"dollar_signs", [](int n) { return repeat("$a ", n); }},
    {"double_dollars", [](int n) { return repeat("$$a ", n); }},
    {"autolink_trailing_parens", [](int n) { return "www.example.com/" + repeat(")", n); }},
    {"many_email_candidates", [](int n) { return repeat("a.b@c ", n); }},
    {"footnote_brackets", [](int n) { return repeat("[^", n) + repeat("]", n); }},
    {"cross_reference_openers", [](int n) { return repeat("[[a", n); }},
    {"role_openers", [](int n) { return repeat("{kbd}`a ", n); }},
    {"nested_directives_then_text",
     [](int n) { return repeat(":::{note}\n", n) + repeat("text\n", n); }},
    {"stray_named_closers",
     [](int n) { return repeat(":::{note}\n", 30) + repeat(":::{/nope}\n", n); }},
    {"same_heading_many_times", [](int n) { return repeat("## Same\n", n); }},
    {"wide_table_short_rows",
     [](int n) {
       return repeat("|a", 200) + "|\n" + repeat("|-", 200) + "|\n" + repeat("x\n", n);
     }},
    {"many_table_rows", [](int n) { return "| a | b |\n|---|---|\n" + repeat("| 1 | 2 |\n", n); }},
    {"setext_after_long_paragraph", [](int n) { return repeat("line\n", n) + "===\n"; }},
    {"lazy_lines_in_deep_quote",
     [](int n) { return repeat("> ", 200) + "a\n" + repeat("b\n", n); }},
};

INSTANTIATE_TEST_SUITE_P(Inputs, Pathological, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace bengal::markdown

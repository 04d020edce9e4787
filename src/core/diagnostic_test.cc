#include "core/diagnostic.h"

#include <gtest/gtest.h>

namespace bengal {
namespace {

TEST(Diagnostic, FormatsLocationExcerptCaretAndHint) {
  Diagnostic d = make_error({"content/a.md", 2, 5}, "unknown directive 'notte'", "did you mean 'note'?");
  attach_excerpt(d, "line one\n:::{notte}\nmore");
  EXPECT_EQ(format_diagnostic(d),
            "content/a.md:2:5: error: unknown directive 'notte'\n"
            "    :::{notte}\n"
            "        ^\n"
            "    hint: did you mean 'note'?\n");
}

TEST(Diagnostic, NoColourEscapesWhenStyleIsPlain) {
  Diagnostic d = make_warning({"x", 1, 1}, "w");
  EXPECT_EQ(format_diagnostic(d).find('\x1b'), std::string::npos);
  EXPECT_NE(format_diagnostic(d, {.color = true}).find('\x1b'), std::string::npos);
}

TEST(Diagnostic, OffsetToLineCol) {
  int line, col;
  offset_to_line_col("ab\ncd\nef", 4, line, col);
  EXPECT_EQ(line, 2);
  EXPECT_EQ(col, 2);
}

TEST(DiagnosticList, CountsAndSortsDeterministically) {
  DiagnosticList list;
  list.add(make_error({"b.md", 1, 1}, "x"));
  list.add(make_warning({"a.md", 3, 1}, "y"));
  list.add(make_error({"a.md", 2, 1}, "z"));
  list.sort();
  EXPECT_EQ(list.error_count(), 2u);
  EXPECT_EQ(list.warning_count(), 1u);
  EXPECT_EQ(list.items()[0].message, "z");
  EXPECT_EQ(list.items()[2].location.file, "b.md");
}

}  // namespace
}  // namespace bengal

// Built-in tests, globals and methods (builtins.h).
#include "template/builtins.h"

#include <gtest/gtest.h>

#include "template/test_support.h"

namespace bengal::tmpl {
namespace {

using testing::out;
using testing::render;

std::string err(std::string_view src) {
  auto r = render(src);
  return r.ok ? "rendered: " + r.out : r.error.message;
}

TEST(Tests, TypeTests) {
  EXPECT_EQ(out("{{ 1 is number }}{{ 1 is integer }}{{ 1.0 is float }}{{ 's' is string }}{{ none "
                "is none }}"
                "{{ {} is mapping }}{{ [] is sequence }}{{ 'x' is iterable }}{{ true is boolean "
                "}}{{ range is callable }}"),
            "TrueTrueTrueTrueTrueTrueTrueTrueTrueTrue");
  EXPECT_EQ(
      out("{{ nope is string }}{{ nope is none }}{{ nope is defined }}{{ nope is undefined }}"),
      "FalseFalseFalseTrue");
}

TEST(Tests, ValueTests) {
  EXPECT_EQ(out("{{ 3 is odd }}{{ 3 is even }}{{ 10 is divisibleby 5 }}{{ 'ab' is lower }}{{ 'AB' "
                "is upper }}"
                "{{ 2 is in [1, 2] }}{{ 1 is eq 1 }}{{ 2 is gt 1 }}{{ 1 is le 0 }}{{ 'x'|safe is "
                "escaped }}"),
            "TrueFalseTrueTrueTrueTrueTrueTrueFalseTrue");
  EXPECT_EQ(out("{{ 'upper' is filter }}{{ 'odd' is test }}{{ 'nope' is filter }}"),
            "TrueTrueFalse");
  EXPECT_EQ(err("{{ 'a' is odd }}"), "test 'odd' needs a number, got str object");
  EXPECT_EQ(err("{{ 1 is divisibleby 0 }}"), "integer division or modulo by zero");
}

TEST(Globals, RangeIsLazyAndPrintsLikePython) {
  EXPECT_EQ(out("{{ range(3) }} {{ range(1, 10, 3)|list }} {{ range(5, 0, -2)|list }} {{ "
                "range(0)|length }}"),
            "range(0, 3) [1, 4, 7] [5, 3, 1] 0");
  EXPECT_EQ(err("{{ range(1, 2, 0) }}"), "range() arg 3 must not be zero");
  EXPECT_EQ(err("{{ range('a') }}"), "'str object' cannot be interpreted as an integer");
}

TEST(Globals, DictNamespaceCyclerJoiner) {
  EXPECT_EQ(
      out("{{ dict(a=1, b=2) }} {% set ns = namespace(x=1) %}{% set ns.y = 2 %}{{ ns.x + ns.y }}"),
      "{'a': 1, 'b': 2} 3");
  EXPECT_EQ(out("{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ "
                "c.current }}"),
            "abab");
  EXPECT_EQ(out("{% set j = joiner('|') %}{% for x in [1, 2, 3] %}{{ j() }}{{ x }}{% endfor %}"),
            "1|2|3");
}

TEST(Methods, StringMethods) {
  EXPECT_EQ(
      out("{{ 'a,b'.split(',') }} {{ ' x '.strip() }} {{ 'ab'.upper() }} {{ 'Ab'.lower() }} "
          "{{ 'abc'.startswith('a') }} {{ 'abc'.endswith('bc') }} {{ 'a-b'.replace('-', '+') }} "
          "{{ '-'.join(['a', 'b']) }} {{ 'banana'.count('an') }} {{ 'banana'.find('n') }} {{ "
          "'x'.zfill(3) }}"),
      "['a', 'b'] x AB ab True True a+b a-b 2 2 00x");
  EXPECT_EQ(
      out("{{ 'Hi {}, {name}!'.format('you', name='me') }} {{ "
          "'{:>5}|{:<3}|{:^5}|{:.2f}|{:,}|{:#x}'.format('a', 'b', 'c', 3.14159, 1234567, 255) }}"),
      "Hi you, me!     a|b  |  c  |3.14|1,234,567|0xff");
  EXPECT_EQ(err("{{ 'x'.nosuch() }}"), "'str object' has no attribute 'nosuch'");
  EXPECT_EQ(err("{{ '{}'.format() }}"),
            "Replacement index 0 out of range for positional args tuple");
}

TEST(Methods, MappingAndSequenceMethods) {
  EXPECT_EQ(out("{{ d.items()|list }} {{ d.keys()|list }} {{ d.values()|list }} {{ d.get('a') }} "
                "{{ d.get('z', 0) }}",
                R"({"d": {"a": 1, "b": 2}})"),
            "[('a', 1), ('b', 2)] ['a', 'b'] [1, 2] 1 0");
  EXPECT_EQ(out("{{ [1, 2, 2].count(2) }} {{ ['a', 'b'].index('b') }}"), "2 1");
  EXPECT_EQ(err("{{ [1].index(5) }}"), "value is not in list");
}

TEST(PercentFormat, ModuloOperatorOnStrings) {
  EXPECT_EQ(out("{{ '%s=%r' % ('k', 'v') }} {{ '%5.1f%%' % 12.345 }} {{ '%-4s|' % 'ab' }} {{ '%x "
                "%X %o' % (255, 255, 8) }}"),
            "k='v'  12.3% ab  | ff FF 10");
}

}  // namespace
}  // namespace bengal::tmpl

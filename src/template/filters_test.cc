// One or more cases per built-in filter, including error cases. The
// differential corpus (tests/template) checks the same filters against
// Jinja2 itself.
#include <gtest/gtest.h>

#include "template/test_support.h"

namespace bengal::tmpl {
namespace {

using testing::html;
using testing::out;
using testing::render;

std::string err(std::string_view src, std::string_view ctx = "{}") {
  auto r = render(src, ctx);
  return r.ok ? "rendered: " + r.out : r.error.message;
}

TEST(Filters, CaseFilters) {
  EXPECT_EQ(out("{{ 'aBc'|upper }} {{ 'aBc'|lower }} {{ 'hello WORLD'|capitalize }} {{ 'a-b "
                "c(d'|title }}"),
            "ABC abc Hello world A-B C(D");
  EXPECT_EQ(out("{{ 'éa'|upper }} {{ 'ÀÉ'|lower }} {{ 'ß'|upper }}"), "ÉA àé SS");
}

TEST(Filters, TrimCenterTruncateWordwrap) {
  EXPECT_EQ(out("[{{ ' x '|trim }}][{{ 'xax'|trim('x') }}][{{ 'a'|center(5) }}]"), "[x][a][  a  ]");
  EXPECT_EQ(out("{{ 'one two three'|truncate(9, leeway=0) }}"), "one...");
  EXPECT_EQ(out("{{ 'abcdefghij'|truncate(6, true, '!', 0) }}"), "abcde!");
  EXPECT_EQ(err("{{ 'abc'|truncate(1) }}"), "expected length >= 3");
  EXPECT_EQ(out("{{ 'aaa bbb ccc'|wordwrap(7) }}"), "aaa bbb\nccc");
}

TEST(Filters, ReplaceAndFormat) {
  EXPECT_EQ(out("{{ 'aaa'|replace('a', 'b', 2) }} {{ '%s-%03d'|format('x', 7) }} {{ "
                "'%(a)s'|format(a=1) }}"),
            "bba x-007 1");
  EXPECT_EQ(err("{{ '%d'|format('x') }}"), "%d format: a real number is required, not str");
  EXPECT_EQ(err("{{ '%s %s'|format(1) }}"), "not enough arguments for format string");
  EXPECT_EQ(err("{{ '%s'|format(1, 2) }}"), "not all arguments converted during string formatting");
}

TEST(Filters, DefaultWorksOnUndefinedAndFalsy) {
  EXPECT_EQ(out("{{ nope|default('a') }} {{ ''|d('b', true) }} {{ 0|default(1) }}"), "a b 0");
}

TEST(Filters, EscapeSafeForceescapeStriptags) {
  EXPECT_EQ(out("{{ '<a\"&\\'>'|e }}"), "&lt;a&#34;&amp;&#39;&gt;");
  EXPECT_EQ(
      html("{{ '<b>'|safe }} {{ ('<b>'|safe)|forceescape }} {{ '<p>a &amp; b</p>'|striptags }}"),
      "<b> &lt;b&gt; a &amp; b");
}

TEST(Filters, LengthFirstLastReverseList) {
  EXPECT_EQ(out("{{ 'héllo'|length }} {{ [1, 2]|count }} {{ [1, 2]|first }} {{ [1, 2]|last }} {{ "
                "'abc'|reverse }} {{ 'ab'|list }}"),
            "5 2 1 2 cba ['a', 'b']");
  EXPECT_EQ(err("{{ 5|length }}"), "object of type 'int object' has no len()");
  EXPECT_EQ(out("[{{ [] | first is defined }}]"), "[False]");
}

TEST(Filters, JoinWithAttributeAndMarkup) {
  EXPECT_EQ(out("{{ xs|join(', ', attribute='n') }}", R"({"xs": [{"n": 1}, {"n": 2}]})"), "1, 2");
  EXPECT_EQ(html("{{ ['<a>', 'b'|safe]|join('|') }}"), "&lt;a&gt;|b");
}

TEST(Filters, SortDictsortUniqueMinMaxSum) {
  EXPECT_EQ(out("{{ ['b', 'A', 'c']|sort }} {{ [3, 1]|sort(reverse=true) }}"),
            "['A', 'b', 'c'] [3, 1]");
  EXPECT_EQ(out("{{ xs|sort(attribute='a,b')|map(attribute='b')|join }}",
                R"({"xs": [{"a": 2, "b": "x"}, {"a": 1, "b": "z"}, {"a": 1, "b": "y"}]})"),
            "yzx");
  EXPECT_EQ(out("{{ {'b': 1, 'a': 2}|dictsort }} {{ {'b': 1, 'a': 2}|dictsort(by='value') }}"),
            "[('a', 2), ('b', 1)] [('b', 1), ('a', 2)]");
  EXPECT_EQ(err("{{ {'a': 1}|dictsort(by='x') }}"),
            "You can only sort by either \"key\" or \"value\"");
  EXPECT_EQ(out("{{ ['a', 'A', 'b']|unique|list }} {{ [3, 1, 2]|min }} {{ [3, 1, 2]|max }} {{ [1, "
                "2.5]|sum }}"),
            "['a', 'b'] 1 3 3.5");
  EXPECT_EQ(err("{{ [1, 'a']|sort }}"), "'<' not supported between instances of 'str' and 'int'");
  EXPECT_EQ(err("{{ [1, 'a']|sum }}"),
            "unsupported operand type(s) for +: 'int object' and 'str object'");
}

TEST(Filters, MapSelectRejectAndAttrVariants) {
  const char* users =
      R"({"u": [{"n": "a", "on": true, "age": 3}, {"n": "b", "on": false, "age": 9}]})";
  EXPECT_EQ(out("{{ u|map(attribute='n')|join }} {{ u|selectattr('on')|map(attribute='n')|join }} "
                "{{ u|rejectattr('on')|map(attribute='n')|join }} {{ u|selectattr('age', 'gt', "
                "5)|map(attribute='n')|join }}",
                users),
            "ab a b b");
  EXPECT_EQ(out("{{ [1, 2, 3]|select('odd')|list }} {{ [1, 2, 3]|reject('odd')|list }} {{ "
                "['a']|map('upper')|list }}"),
            "[1, 3] [2] ['A']");
  EXPECT_EQ(err("{{ [1]|map('nosuch')|list }}"), "unknown filter 'nosuch'");
  EXPECT_EQ(err("{{ [1]|select('nosuch')|list }}"), "unknown test 'nosuch'");
}

TEST(Filters, GroupbyBatchSlice) {
  EXPECT_EQ(out("{% for g in xs|groupby('k') %}{{ g.grouper }}={{ g.list|length }};{% endfor %}",
                R"({"xs": [{"k": "b"}, {"k": "a"}, {"k": "b"}]})"),
            "a=1;b=2;");
  EXPECT_EQ(out("{{ [1, 2, 3]|batch(2, 0)|list }} {{ [1, 2, 3]|slice(2)|list }}"),
            "[[1, 2], [3, 0]] [[1, 2], [3]]");
  EXPECT_EQ(err("{{ [1]|batch(0)|list }}"), "batch size must be positive");
}

TEST(Filters, NumbersAbsIntFloatRound) {
  EXPECT_EQ(
      out("{{ -3|abs }} {{ '12'|int }} {{ '1.9'|int }} {{ 'x'|int(5) }} {{ 'ff'|int(base=16) }} {{ "
          "'2.5'|float }} {{ 2.5|round }} {{ 2.567|round(2) }} {{ 2.1|round(method='ceil') }}"),
      "3 12 1 5 255 2.5 2.0 2.57 3.0");
  EXPECT_EQ(err("{{ 1|round(method='up') }}"), "method must be common, ceil or floor");
  EXPECT_EQ(err("{{ 'a'|abs }}"), "bad operand type for abs(): 'str object'");
}

TEST(Filters, IndentWordcountFilesizeformat) {
  EXPECT_EQ(out("{{ 'a\nb'|indent(2) }}|{{ 'a\nb'|indent(2, true) }}"), "a\n  b|  a\n  b");
  EXPECT_EQ(out("{{ 'one, two three'|wordcount }} {{ 1500|filesizeformat }} {{ "
                "2048|filesizeformat(true) }}"),
            "3 1.5 kB 2.0 KiB");
}

TEST(Filters, UrlencodeXmlattrTojsonPprint) {
  EXPECT_EQ(out("{{ 'a b/é'|urlencode }} {{ {'q': 'a b'}|urlencode }}"), "a%20b/%C3%A9 q=a+b");
  EXPECT_EQ(html("<p{{ {'class': 'x', 'n': none, 'v': '<'}|xmlattr }}>"),
            "<p class=\"x\" v=\"&lt;\">");
  EXPECT_EQ(err("{{ {'a b': 1}|xmlattr }}"), "Invalid character in attribute name: 'a b'");
  EXPECT_EQ(out("{{ {'b': [1, 'x<'], 'a': none}|tojson }}"),
            "{\"a\": null, \"b\": [1, \"x\\u003c\"]}");
  EXPECT_EQ(out("{{ [1]|tojson(indent=2) }}"), "[\n  1\n]");
  // Jinja2 3.1: '"a\\"b\\\\c\\n\\u0001\\u007f\\u00e9\\ud83d\\ude00\\u003c\\u003e\\u0026\\u0027"'
  EXPECT_EQ(out("{{ 'a\"b\\\\c\n\x01\x7f\u00e9\U0001F600<>&\\''|tojson }}"),
            "\"a\\\"b\\\\c\\n\\u0001\\u007f\\u00e9\\ud83d\\ude00\\u003c\\u003e\\u0026\\u0027\"");
  // Invalid UTF-8 (which Python strings cannot hold) becomes U+FFFD, a byte at a time.
  EXPECT_EQ(out("{{ 'x\xC3\"\xE2\x82'|tojson }}"), "\"x\\ufffd\\\"\\ufffd\\ufffd\"");
  EXPECT_EQ(out("{{ {'a': 'b'}|pprint }}"), "{'a': 'b'}");
}

TEST(Filters, ItemsAttrStringSafe) {
  EXPECT_EQ(out("{% for k, v in {'a': 1}|items %}{{ k }}{{ v }}{% endfor %}"), "a1");
  EXPECT_EQ(err("{{ 5|items|list }}"), "Can only get item pairs from a mapping.");
  EXPECT_EQ(out("{{ 5|string ~ 'x' }}"), "5x");
}

TEST(Filters, DateFormatsStringsAndEpochSeconds) {
  EXPECT_EQ(out("{{ '2024-03-05'|date('%d.%m.%Y') }} {{ d|date }} {{ 0|date('%Y') }}",
                R"({"d": "2024-03-05T10:20:30+02:00"})"),
            "05.03.2024 2024-03-05 1970");
  EXPECT_EQ(err("{{ 'soon'|date }}"),
            "date: cannot read 'soon' as a date (expected YYYY-MM-DD or RFC 3339)");
}

TEST(Filters, SlugifyMakesUrlSegments) {
  EXPECT_EQ(out("{{ 'Hello, World!  Again'|slugify }} {{ 'Ünïcode Title'|slugify }}"),
            "hello-world-again ünïcode-title");
}

TEST(Filters, UnexpectedArgumentsAreReported) {
  EXPECT_EQ(err("{{ 'a'|trim(1, 2) }}"), "trim() takes at most 1 argument(s) (2 given)");
  EXPECT_EQ(err("{{ 'a'|center(widht=3) }}"),
            "center() got an unexpected keyword argument 'widht'");
}

}  // namespace
}  // namespace bengal::tmpl

#include "template/format.h"

#include <gtest/gtest.h>

#include <cmath>

namespace bengal::tmpl {
namespace {

std::string f(double d) {
  std::string s;
  append_float(s, d);
  return s;
}

TEST(Format, FloatsPrintLikePythonRepr) {
  EXPECT_EQ(f(1.0), "1.0");
  EXPECT_EQ(f(-0.0), "-0.0");
  EXPECT_EQ(f(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(f(1e16), "1e+16");
  EXPECT_EQ(f(1e15), "1000000000000000.0");
  EXPECT_EQ(f(0.0001), "0.0001");
  EXPECT_EQ(f(0.00001), "1e-05");
  EXPECT_EQ(f(1.5e-300), "1.5e-300");
  EXPECT_EQ(f(123456.789), "123456.789");
  EXPECT_EQ(f(NAN), "nan");
  EXPECT_EQ(f(-INFINITY), "-inf");
}

TEST(Format, OutBufferNumbersMatchStringNumbers) {
  OutBuffer b;
  append_float(b, 2.5);
  b.push_back(' ');
  append_int(b, -42);
  EXPECT_EQ(b.view(), "2.5 -42");
}

TEST(Format, EscapesLikeMarkupsafe) {
  std::string s;
  append_escaped(s, "a<b>&\"c'");
  EXPECT_EQ(s, "a&lt;b&gt;&amp;&#34;c&#39;");
  // Every length and position, against the byte-by-byte definition.
  for (std::size_t n = 0; n < 40; ++n) {
    for (std::size_t at = 0; at <= n; ++at) {
      std::string in(n, 'x');
      if (at < n) in[at] = '<';
      std::string want;
      for (char c : in) want += c == '<' ? std::string("&lt;") : std::string(1, c);
      OutBuffer b;
      append_escaped(b, in);
      EXPECT_EQ(b.view(), want) << n << " " << at;
      EXPECT_EQ(needs_escaping(in), at < n);
    }
  }
}

TEST(Format, ReprQuotesAndEscapesStrings) {
  std::string s;
  append_string_repr(s, "it's");
  EXPECT_EQ(s, "\"it's\"");
  s.clear();
  append_string_repr(s, "a\n\\'\"é\x01");
  EXPECT_EQ(s, "'a\\n\\\\\\'\"é\\x01'");
}

TEST(Format, StrOfValues) {
  Value items[] = {Value::integer(1), Value::string("a"), Value::none(), Value::boolean(true)};
  std::string s;
  append_str(s, Value::list(items), nullptr);
  EXPECT_EQ(s, "[1, 'a', None, True]");
  s.clear();
  append_str(s, Value::tuple(std::span<const Value>(items, 1)), nullptr);
  EXPECT_EQ(s, "(1,)");
  MapEntry m[] = {{Value::string("k"), Value::number(2.0)}};
  s.clear();
  append_str(s, Value::map(m), nullptr);
  EXPECT_EQ(s, "{'k': 2.0}");
}

}  // namespace
}  // namespace bengal::tmpl

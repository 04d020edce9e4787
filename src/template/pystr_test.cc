#include "template/pystr.h"

#include <gtest/gtest.h>

namespace bengal::tmpl {
namespace {

std::string upper(std::string_view s) {
  std::string o;
  pystr::append_upper(o, s);
  return o;
}
std::string lower(std::string_view s) {
  std::string o;
  pystr::append_lower(o, s);
  return o;
}

TEST(PyStr, CaseMappingCoversEuropeanScripts) {
  EXPECT_EQ(upper("abcé ñ ß ω ж"), "ABCÉ Ñ SS Ω Ж");
  EXPECT_EQ(lower("ABCÉ Ñ Ω Ж Ł"), "abcé ñ ω ж ł");
  std::string t;
  pystr::append_title_method(t, "hello wORLD o'neil");
  EXPECT_EQ(t, "Hello World O'Neil");
  EXPECT_TRUE(pystr::str_is_lower("abc1"));
  EXPECT_FALSE(pystr::str_is_lower("123"));
}

TEST(PyStr, WhitespaceSplitStripAndLines) {
  EXPECT_EQ(pystr::strip("\t a b \n", true, true), "a b");
  EXPECT_EQ(pystr::strip_chars("xxaxx", "x", true, false), "axx");
  EXPECT_EQ(pystr::split_whitespace("  a  b\tc "), (std::vector<std::string_view>{"a", "b", "c"}));
  EXPECT_EQ(pystr::split_whitespace("a b c", 1), (std::vector<std::string_view>{"a", "b c"}));
  EXPECT_EQ(pystr::splitlines("a\r\nb\n\nc"), (std::vector<std::string_view>{"a", "b", "", "c"}));
  EXPECT_EQ(pystr::length("héllo"), 5u);
  EXPECT_EQ(pystr::byte_offset("héllo", 2), 3u);
}

}  // namespace
}  // namespace bengal::tmpl

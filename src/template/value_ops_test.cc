#include "template/value_ops.h"

#include <gtest/gtest.h>

namespace bengal::tmpl {
namespace {

TEST(ValueOps, EqualityFollowsPython) {
  EXPECT_TRUE(equal(Value::integer(1), Value::number(1.0), nullptr));
  EXPECT_TRUE(equal(Value::boolean(true), Value::integer(1), nullptr));
  EXPECT_TRUE(equal(Value::string("a"), Value::safe_string("a"), nullptr));
  EXPECT_FALSE(equal(Value::string("1"), Value::integer(1), nullptr));
  EXPECT_TRUE(equal(Value::none(), Value::none(), nullptr));
  Value a[] = {Value::integer(1)}, b[] = {Value::number(1.0)};
  EXPECT_TRUE(equal(Value::list(a), Value::list(b), nullptr));
  EXPECT_FALSE(equal(Value::list(a), Value::tuple(b), nullptr));
}

TEST(ValueOps, OrderingAndIncomparables) {
  bool ok;
  EXPECT_LT(compare(Value::integer(1), Value::number(1.5), nullptr, ok), 0);
  EXPECT_TRUE(ok);
  EXPECT_GT(compare(Value::string("b"), Value::string("a"), nullptr, ok), 0);
  compare(Value::integer(1), Value::string("a"), nullptr, ok);
  EXPECT_FALSE(ok);
}

TEST(ValueOps, TruthinessAndLength) {
  EXPECT_FALSE(truthy(Value::string(""), nullptr));
  EXPECT_FALSE(truthy(Value::number(0.0), nullptr));
  EXPECT_TRUE(truthy(Value::string("0"), nullptr));
  std::size_t n;
  ASSERT_TRUE(length_of(Value::string("héllo"), nullptr, n));
  EXPECT_EQ(n, 5u);
  EXPECT_FALSE(length_of(Value::integer(3), nullptr, n));
}

TEST(ValueOps, ItemsIndexFromTheEndAndStringsByCodePoint) {
  Value items[] = {Value::integer(1), Value::integer(2)};
  Value out;
  ASSERT_TRUE(get_item(Value::list(items), Value::integer(-1), out, nullptr));
  EXPECT_EQ(out.as_int(), 2);
  EXPECT_FALSE(get_item(Value::list(items), Value::integer(2), out, nullptr));
  ASSERT_TRUE(get_item(Value::string("héllo"), Value::integer(1), out, nullptr));
  EXPECT_EQ(out.as_string(), "é");
}

TEST(ValueOps, SequenceWalksNonAsciiStringsByCodePoint) {
  Sequence s(Value::string("añb€"), nullptr);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s.at(1).as_string(), "ñ");
  EXPECT_EQ(s.at(3).as_string(), "€");
  EXPECT_EQ(s.at(0).as_string(), "a");
}

TEST(ValueOps, BytesEqualAllLengths) {
  std::string a(40, 'q');
  for (std::size_t n = 0; n < 40; ++n) {
    std::string x = a.substr(0, n), y = a.substr(0, n);
    EXPECT_TRUE(bytes_equal(x, y));
    for (std::size_t i = 0; i < n; ++i) {
      std::string z = y;
      z[i] = 'r';
      EXPECT_FALSE(bytes_equal(x, z)) << n << " " << i;
    }
  }
}

}  // namespace
}  // namespace bengal::tmpl

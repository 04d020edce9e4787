#include "core/data.h"

#include <gtest/gtest.h>

namespace bengal {
namespace {

TEST(Data, ObjectKeepsInsertionOrderAndReplacesInPlace) {
  Data o = Data::object();
  o.set("b", Data::integer(1));
  o.set("a", Data::integer(2));
  o.set("b", Data::integer(3));
  ASSERT_EQ(o.keys().size(), 2u);
  EXPECT_EQ(o.keys()[0], "b");
  EXPECT_EQ(o.find("b")->as_int(), 3);
  EXPECT_EQ(o.to_json(), R"({"b":3,"a":2})");
}

TEST(Data, MergeFromOverridesAndMergesNestedObjects) {
  Data base = Data::object();
  Data inner = Data::object();
  inner.set("x", Data::integer(1));
  inner.set("y", Data::integer(2));
  base.set("params", inner);
  base.set("title", Data::string("old"));
  Data over = Data::object();
  Data inner2 = Data::object();
  inner2.set("y", Data::integer(20));
  over.set("params", inner2);
  over.set("title", Data::string("new"));
  base.merge_from(over);
  EXPECT_EQ(base.to_json(), R"({"params":{"x":1,"y":20},"title":"new"})");
}

TEST(Data, JsonEscapesControlCharactersAndQuotes) {
  Data s = Data::string("a\"b\\c\n\x01");
  EXPECT_EQ(s.to_json(), "\"a\\\"b\\\\c\\n\\u0001\"");
}

TEST(Data, DisplayStringOfScalars) {
  EXPECT_EQ(Data::boolean(true).to_display_string(), "true");
  EXPECT_EQ(Data::integer(-4).to_display_string(), "-4");
  EXPECT_EQ(Data::number(2.5).to_display_string(), "2.5");
  EXPECT_EQ(Data().to_display_string(), "");
}

}  // namespace
}  // namespace bengal

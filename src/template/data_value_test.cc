#include "template/data_value.h"

#include <gtest/gtest.h>

#include "core/data_formats.h"
#include "template/format.h"
#include "template/value_ops.h"

namespace bengal::tmpl {
namespace {

TEST(DataValue, ScalarsBecomeValuesAndStringsAreBorrowed) {
  Data d = parse_json(R"({"s": "text", "i": 3, "f": 1.5, "b": true, "n": null})").value();
  Value s = data_value(*d.find("s"));
  EXPECT_EQ(s.as_string().data(), d.find("s")->as_string().data());  // no copy
  EXPECT_EQ(data_value(*d.find("i")).as_int(), 3);
  EXPECT_EQ(data_value(*d.find("f")).as_float(), 1.5);
  EXPECT_TRUE(data_value(*d.find("b")).as_bool());
  EXPECT_TRUE(data_value(*d.find("n")).is_none());
}

TEST(DataValue, ObjectsBehaveLikeDictsAndArraysLikeLists) {
  Data d = parse_json(R"({"o": {"b": 1, "a": [1, "x"]}})").value();
  Value o = data_value(*d.find("o"));
  EXPECT_TRUE(is_mapping(o));
  Value a;
  ASSERT_TRUE(get_attribute(o, "a", a, nullptr));
  EXPECT_TRUE(is_sequence(a));
  std::string s;
  append_str(s, o, nullptr);
  EXPECT_EQ(s, "{'b': 1, 'a': [1, 'x']}");
  Sequence keys(o, nullptr);
  EXPECT_EQ(keys.at(0).as_string(), "b");
  std::uint32_t hint = 0;
  Value out;
  ASSERT_TRUE(o.vtable()->get_attr_hinted(o.object_ptr(), "a", hint, out, nullptr));
  EXPECT_EQ(hint, 1u);
  ASSERT_TRUE(o.vtable()->get_attr_hinted(o.object_ptr(), "b", hint, out, nullptr));
  EXPECT_EQ(out.as_int(), 1);
  EXPECT_FALSE(o.vtable()->get_attr_hinted(o.object_ptr(), "zz", hint, out, nullptr));
}

TEST(FrozenData, IsTheSameTreeAsPlainDictsAndListsWithSharedKeys) {
  Data d = parse_json(R"({"tags": [{"name": "a", "url": "/a/"}, {"name": "b", "url": "/b/"}], "n": 2})").value();
  FrozenData frozen(d);
  const Value& root = frozen.value();
  ASSERT_TRUE(root.is_map());
  std::string printed;
  append_str(printed, root, nullptr);
  std::string via_host;
  append_str(via_host, data_value(d), nullptr);
  EXPECT_EQ(printed, via_host);
  Value tags;
  ASSERT_TRUE(get_attribute(root, "tags", tags, nullptr));
  ASSERT_TRUE(tags.is_list());
  ASSERT_EQ(tags.as_list().size(), 2u);
  // Keys are interned: both objects' "name" keys are the same bytes.
  EXPECT_EQ(tags.as_list()[0].as_map()[0].key.as_string().data(),
            tags.as_list()[1].as_map()[0].key.as_string().data());
  // Values still borrow the Data's strings.
  EXPECT_EQ(tags.as_list()[1].as_map()[1].value.as_string().data(),
            d.find("tags")->items()[1].find("url")->as_string().data());
}

}  // namespace
}  // namespace bengal::tmpl

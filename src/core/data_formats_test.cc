#include "core/data_formats.h"

#include <gtest/gtest.h>

namespace bengal {
namespace {

TEST(ParseJson, ParsesNestedValuesInOrder) {
  auto r = parse_json(R"({"z": [1, 2.5, "x", true, null], "a": {"k": "\u00e9\ud83d\ude00"}})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->keys()[0], "z");
  EXPECT_EQ((*r->find("z"))[1].as_double(), 2.5);
  EXPECT_EQ(r->find("a")->find("k")->as_string(), "\xC3\xA9\xF0\x9F\x98\x80");
}

TEST(ParseJson, ReportsLineAndColumnOfError) {
  auto r = parse_json("{\n  \"a\": 1,\n  \"b\" 2\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().location.line, 3);
  EXPECT_EQ(r.error().location.column, 7);
  EXPECT_NE(r.error().message.find("expected ':'"), std::string::npos);
  EXPECT_EQ(r.error().excerpt, "  \"b\" 2");
}

TEST(ParseJson, RejectsDeepNestingWithoutCrashing) {
  std::string deep(100000, '[');
  auto r = parse_json(deep);
  EXPECT_FALSE(r.ok());
}

TEST(ParseYaml, TypesPlainScalarsAndKeepsQuotedStrings) {
  auto r = parse_yaml("title: Hello\ncount: 3\nratio: 0.5\ndraft: false\nquoted: \"3\"\nnothing: ~\n"
                      "date: 2024-01-02\ntags: [a, b]\nlist:\n  - x\n  - y\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->find("title")->as_string(), "Hello");
  EXPECT_TRUE(r->find("count")->is_int());
  EXPECT_TRUE(r->find("ratio")->is_float());
  EXPECT_TRUE(r->find("draft")->is_bool());
  EXPECT_TRUE(r->find("quoted")->is_string());
  EXPECT_TRUE(r->find("nothing")->is_null());
  EXPECT_EQ(r->find("date")->as_string(), "2024-01-02");
  EXPECT_EQ(r->find("tags")->size(), 2u);
  EXPECT_EQ((*r->find("list"))[1].as_string(), "y");
}

TEST(ParseYaml, ReportsLineOfSyntaxError) {
  auto r = parse_yaml("title: ok\ntags: [a, b\nother: 1\n");
  ASSERT_FALSE(r.ok());
  EXPECT_GE(r.error().location.line, 2);
  EXPECT_NE(r.error().message.find("invalid YAML"), std::string::npos);
}

TEST(ParseYaml, AnchorsAliasesAndMergeKeys) {
  auto r = parse_yaml("base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\ncopy: *b\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->find("derived")->find("x")->as_int(), 1);
  EXPECT_EQ(r->find("derived")->find("y")->as_int(), 3);
  EXPECT_EQ(r->find("copy")->find("y")->as_int(), 2);
}

TEST(ParseYaml, BillionLaughsIsRefusedNotExpanded) {
  std::string doc = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'k'; ++c) {
    doc += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) doc += std::string(i ? ", *" : "*") + prev;
    doc += "]\n";
    prev = c;
  }
  auto r = parse_yaml(doc);
  EXPECT_FALSE(r.ok());
}

TEST(ParseToml, ParsesTablesArraysAndDates) {
  auto r = parse_toml("title = \"x\"\n[params]\nn = 2\nwhen = 2024-01-02T03:04:05Z\n[[menu.main]]\nname = \"Home\"\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->find("params")->find("n")->as_int(), 2);
  EXPECT_EQ(r->find("params")->find("when")->as_string(), "2024-01-02T03:04:05Z");
  EXPECT_EQ(r->find("menu")->find("main")->size(), 1u);
}

TEST(ParseToml, ReportsLineAndColumn) {
  auto r = parse_toml("a = 1\nb = [1, 2\n");
  ASSERT_FALSE(r.ok());
  EXPECT_GE(r.error().location.line, 2);
}

TEST(ParseDataFile, NamesTheFileInErrors) {
  auto r = parse_data_file("data/x.json", "{");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().location.file, "data/x.json");
  auto bad = parse_data_file("data/x.csv", "a,b");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().hint.find(".json"), std::string::npos);
}

}  // namespace
}  // namespace bengal

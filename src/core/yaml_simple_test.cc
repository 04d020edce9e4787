#include "core/yaml_simple.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/data_formats.h"

namespace bengal {
namespace {

// The invariant: whatever the subset reader accepts, libyaml reads the same.
void expect_same_as_libyaml(const std::string& text) {
  std::optional<Data> simple = parse_simple_yaml(text);
  if (!simple) return;
  Result<Data> full = parse_yaml_general(text);
  ASSERT_TRUE(full.ok()) << "accepted text libyaml rejects:\n" << text;
  EXPECT_EQ(simple->to_json(), full->to_json()) << text;
  EXPECT_TRUE(*simple == *full) << text;
}

TEST(YamlSimple, ReadsTypicalFrontMatter) {
  std::string text =
      "title: \"Request String Partial\"\n"
      "date: 2019-03-21T13:38:32Z\n"
      "tags: [\"authentication\", \"api\", 'it''s', plain words, 3]\n"
      "categories:\n"
      "  - Frontend\n"
      "  - \"Back end\"\n"
      "# a comment\n"
      "description: Slug, no; this colon has no space after:it\n"
      "weight: 57\n"
      "ratio: -1.5\n"
      "draft: false\n"
      "empty:\n"
      "nothing: ~\n";
  std::optional<Data> d = parse_simple_yaml(text);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->to_json(),
            R"({"title":"Request String Partial","date":"2019-03-21T13:38:32Z",)"
            R"("tags":["authentication","api","it's","plain words",3],)"
            R"("categories":["Frontend","Back end"],)"
            R"("description":"Slug, no; this colon has no space after:it",)"
            R"("weight":57,"ratio":-1.5,"draft":false,"empty":null,"nothing":null})");
  expect_same_as_libyaml(text);
}

TEST(YamlSimple, LeavesEverythingElseToLibyaml) {
  const char* outside[] = {
      "title: \"a \\\" b\"\n",           // escapes
      "title: caf\xC3\xA9\n",            // non-ASCII
      "title: a\r\n",                    // CR
      "title:\ta\n",                     // tab
      "title: a # comment\n",            // trailing comment
      "title: a\n  continued\n",         // multi-line plain scalar
      "title: \"a\n  b\"\n",             // multi-line quoted scalar
      "author:\n  name: x\n",            // nested mapping
      "tags: [a, [b]]\n",                // nested flow
      "tags: [a,\n  b]\n",               // multi-line flow
      "tags: [a, ]\n",                   // empty flow item
      "x: {a: 1}\n",                     // flow mapping
      "x: &anchor 1\ny: *anchor\n",      // anchors
      "x: !!str 1\n",                    // tags
      "x: |\n  block\n",                 // block scalar
      "x: a: b\n",                       // nested mapping on one line
      "x: a:\n",                         // trailing colon
      "- a\n- b\n",                      // top-level list
      "\"quoted key\": 1\n",             // quoted key
      "key : 1\n",                       // space before colon
      "---\nx: 1\n",                     // document marker
      "# only a comment\n",              // no document
      "tags:\n  - a\n    - b\n",         // uneven items
      "tags:\n  - a\n  b\n",             // continuation of an item
      "tags:\n  - - a\n",                // nested block list
      "x: - a\n",                        // dash value
  };
  for (const char* text : outside) {
    EXPECT_FALSE(parse_simple_yaml(text).has_value()) << text;
    // parse_yaml still reads them (or reports libyaml's diagnostic).
    Result<Data> via_front = parse_yaml(text);
    Result<Data> reference = parse_yaml_general(text);
    EXPECT_EQ(via_front.ok(), reference.ok()) << text;
    if (via_front.ok() && reference.ok()) {
      EXPECT_EQ(via_front->to_json(), reference->to_json()) << text;
    }
  }
}

TEST(YamlSimple, ParseYamlUsesTheSubsetWithTheSameResult) {
  std::string text = "title: Hello\ntags: [a, b]\n";
  Result<Data> r = parse_yaml(text);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->to_json(), R"({"title":"Hello","tags":["a","b"]})");
}

// Random documents from fragments chosen to sit on the subset's edges; the
// subset must agree with libyaml on every one it accepts, and accept many.
TEST(YamlSimple, AgreesWithLibyamlOnRandomDocuments) {
  const std::vector<std::string> keys = {"title", "tags", "a", "x_y", "k-2", "a.b", "1", "true",
                                         "null", "0x1F", "1.50", "title", "Tags"};
  const std::vector<std::string> values = {
      "plain", "two words", "\"dq\"", "\"dq # not a comment\"", "'sq'", "'it''s'", "''", "\"\"",
      "42", "-7", "+3", "0o17", "0x1f", "1e3", "-.5", ".inf", "-.Inf", "~", "null", "True",
      "FALSE", "yes", "2019-03-21T13:38:32Z", "2024-01-02", "a:b", "http://x.y/z?q=1", "a,b",
      "x]", "x}", "c#", "50%", "a@b", "a`b", "[]", "[ ]", "[a, b]", "[\"a\", 'b', c d]",
      "[1, -2, 0x10]", "[a:b]", "[a #b]", "[c#]", "[\"a\" , 'b' ]", "[a,,b]", "[a, ]",
      "- a", "-a", "-", "?a", ":a", "a:", "a: b", "a #b", "#c", "&a x", "*a", "!t x", "|",
      ">", "%x", "@x", "`x", "'unterminated", "\"unterminated", "\"a\\\"b\"", "'a'b'",
      "\"a\" trailing", "{a: 1}", "{", "]", "x y  z",
  };
  const std::vector<std::string> items = {"a", "\"b c\"", "'d'", "1", "-1", "e: f", "- g", "[h]",
                                          "#i", "j #k", ""};
  std::mt19937 rng(12345);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  int accepted = 0;
  const int kDocs = 20000;
  for (int n = 0; n < kDocs; ++n) {
    std::string doc;
    int lines = 1 + static_cast<int>(rng() % 6);
    for (int l = 0; l < lines; ++l) {
      switch (rng() % 10) {
        case 0: {  // a block list
          doc += pick(keys) + ":\n";
          std::string indent(rng() % 3, ' ');
          int count = static_cast<int>(rng() % 4);
          for (int i = 0; i < count; ++i) {
            std::string lead = rng() % 15 == 0 ? std::string(rng() % 4, ' ') : indent;
            doc += lead + "- " + pick(items) + "\n";
          }
          break;
        }
        case 1:
          doc += rng() % 2 ? "\n" : "# comment: [x]\n";
          break;
        case 2:
          doc += "  " + pick(values) + "\n";  // continuation or stray indent
          break;
        default:
          doc += pick(keys) + ":" + std::string(rng() % 3, ' ') + pick(values) +
                 std::string(rng() % 2, ' ') + "\n";
      }
    }
    if (rng() % 8 == 0 && !doc.empty()) doc.pop_back();  // no final newline
    if (parse_simple_yaml(doc)) ++accepted;
    expect_same_as_libyaml(doc);
    if (::testing::Test::HasFailure()) return;
  }
  // The generator is tuned so a good share lands inside the subset.
  EXPECT_GT(accepted, kDocs / 20) << accepted << " of " << kDocs << " accepted";
}

}  // namespace
}  // namespace bengal

#include "content/front_matter.h"

#include <gtest/gtest.h>

namespace bengal::content {
namespace {

FrontMatter extract(const std::string& file, DiagnosticList& diags) {
  auto split = split_front_matter(file);
  EXPECT_TRUE(split.ok());
  auto data = parse_front_matter(file, *split);
  EXPECT_TRUE(data.ok()) << data.error().message;
  return extract_front_matter(*data, {"tags", "categories"}, {file, &*split, "content/x.md"}, diags);
}

TEST(FrontMatter, SplitsYamlAndReportsBodyLine) {
  std::string file = "---\ntitle: A\n---\nBody\n";
  auto s = split_front_matter(file);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->format, FrontMatterFormat::kYaml);
  EXPECT_EQ(s->text(file), "title: A\n");
  EXPECT_EQ(s->body(file), "Body\n");
  EXPECT_EQ(s->body_line, 4);
}

TEST(FrontMatter, SplitsTomlAndToleratesBomAndCrlf) {
  std::string file = "\xEF\xBB\xBF+++\r\ntitle = \"A\"\r\n+++\r\nBody";
  auto s = split_front_matter(file);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->format, FrontMatterFormat::kToml);
  EXPECT_EQ(s->body(file), "Body");
}

TEST(FrontMatter, NoFrontMatterMeansWholeFileIsBody) {
  auto s = split_front_matter("# Title\n---\n");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->format, FrontMatterFormat::kNone);
  EXPECT_EQ(s->body_offset, 0u);
}

TEST(FrontMatter, UnclosedFenceIsAnErrorWithHint) {
  auto s = split_front_matter("---\ntitle: A\nno end\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().location.line, 1);
  EXPECT_NE(s.error().hint.find("---"), std::string::npos);
}

TEST(FrontMatter, YamlErrorLineIsRelativeToTheFile) {
  std::string file = "---\ntitle: A\ntags: [a, b\n---\n";
  auto s = split_front_matter(file);
  ASSERT_TRUE(s.ok());
  auto d = parse_front_matter(file, *s);
  ASSERT_FALSE(d.ok());
  EXPECT_GE(d.error().location.line, 3);
}

TEST(FrontMatter, ExtractsTypedFieldsAndKeepsTheRestAsParams) {
  DiagnosticList diags;
  FrontMatter fm = extract(
      "---\ntitle: Hello\ndate: 2024-05-06\ndraft: true\nweight: 3\ntags: [go, Go, rust]\n"
      "categories: News\naliases: [/old/]\nlayout: wide\nauthor: Ann\n---\n",
      diags);
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(fm.title, "Hello");
  ASSERT_TRUE(fm.date);
  EXPECT_FALSE(fm.date->has_time);
  EXPECT_TRUE(fm.draft);
  EXPECT_EQ(fm.weight, 3);
  ASSERT_NE(fm.terms_for("tags"), nullptr);
  EXPECT_EQ(*fm.terms_for("tags"), (std::vector<std::string>{"go", "Go", "rust"}));
  EXPECT_EQ(*fm.terms_for("categories"), (std::vector<std::string>{"News"}));
  EXPECT_EQ(fm.aliases.size(), 1u);
  EXPECT_EQ(fm.layout, "wide");
  EXPECT_EQ(fm.params.find("author")->as_string(), "Ann");
}

TEST(FrontMatter, BadDateNamesTheKeyLine) {
  DiagnosticList diags;
  FrontMatter fm = extract("---\ntitle: x\ndate: next tuesday\n---\n", diags);
  ASSERT_EQ(diags.error_count(), 1u);
  const Diagnostic& d = diags.items()[0];
  EXPECT_EQ(d.location.file, "content/x.md");
  EXPECT_EQ(d.location.line, 3);
  EXPECT_EQ(d.excerpt, "date: next tuesday");
  EXPECT_NE(d.hint.find("RFC 3339"), std::string::npos);
  EXPECT_FALSE(fm.date);
}

TEST(FrontMatter, WrongTypeForDraftIsAnError) {
  DiagnosticList diags;
  extract("+++\ndraft = \"yes\"\n+++\n", diags);
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.items()[0].location.line, 2);
}

}  // namespace
}  // namespace bengal::content

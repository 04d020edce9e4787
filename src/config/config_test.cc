#include "config/config.h"

#include <gtest/gtest.h>

namespace bengal::config {
namespace {

TEST(Config, MissingFileGivesDefaults) {
  MemoryFileSystem fs;
  auto r = load(fs, "site", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.config.content_dir, "content");
  EXPECT_EQ(r.config.output_dir, "public");
  ASSERT_EQ(r.config.taxonomies.size(), 2u);
  EXPECT_EQ(r.config.taxonomies[0].name, "tags");
  EXPECT_TRUE(r.config.source_path.empty());
}

TEST(Config, ReadsTypedValuesAndNormalisesBaseUrl) {
  auto r = load_from_text(
      "title = \"Docs\"\nbase_url = \"https://example.org/docs\"\npaginate = 5\n"
      "[build]\njobs = 3\ndrafts = true\n[markdown]\ntypographer = true\n[params]\ncolor = \"red\"\n",
      "bengal.toml", {});
  ASSERT_TRUE(r.ok()) << format_diagnostic(r.diagnostics.items()[0]);
  EXPECT_EQ(r.config.title, "Docs");
  EXPECT_EQ(r.config.base_url, "https://example.org/docs/");
  EXPECT_EQ(r.config.paginate, 5);
  EXPECT_EQ(r.config.jobs, 3u);
  EXPECT_TRUE(r.config.drafts);
  EXPECT_TRUE(r.config.markdown_typographer);
  EXPECT_EQ(r.config.params.find("color")->as_string(), "red");
}

TEST(Config, UnknownKeyWarnsWithClosestKnownKey) {
  auto r = load_from_text("titel = \"x\"\n[build]\njbos = 2\n", "bengal.toml", {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.diagnostics.warning_count(), 2u);
  const Diagnostic& d = r.diagnostics.items()[0];
  EXPECT_EQ(d.location.file, "bengal.toml");
  EXPECT_EQ(d.location.line, 1);
  EXPECT_NE(d.message.find("'titel'"), std::string::npos);
  EXPECT_EQ(d.hint, "did you mean 'title'?");
  EXPECT_EQ(r.diagnostics.items()[1].hint, "did you mean 'jobs'?");
}

TEST(Config, WrongTypeIsAnErrorWithLineAndColumnAndDefaultStands) {
  auto r = load_from_text("title = \"x\"\n[build]\njobs = \"four\"\n", "bengal.toml", {});
  ASSERT_FALSE(r.ok());
  const Diagnostic& d = r.diagnostics.items()[0];
  EXPECT_EQ(d.location.line, 3);
  EXPECT_EQ(d.location.column, 8);
  EXPECT_NE(d.message.find("build.jobs"), std::string::npos);
  EXPECT_NE(d.message.find("integer"), std::string::npos);
  EXPECT_EQ(r.config.jobs, 0u);
}

TEST(Config, SyntaxErrorReportsPosition) {
  auto r = load_from_text("title = \"x\n", "bengal.toml", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.items()[0].location.line, 1);
  EXPECT_NE(r.diagnostics.items()[0].message.find("invalid TOML"), std::string::npos);
}

TEST(Config, EnvironmentOverridesFileValues) {
  auto r = load_from_text("title = \"File\"\n[build]\njobs = 2\n", "bengal.toml",
                          {"BENGAL_TITLE=Env", "BENGAL_BUILD_JOBS=7", "BENGAL_BASE_URL=https://x.org",
                           "BENGAL_MARKDOWN_TYPOGRAPHER=yes", "BENGAL_SOURCE_DIR=/ignored", "OTHER=1"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.config.title, "Env");
  EXPECT_EQ(r.config.jobs, 7u);
  EXPECT_EQ(r.config.base_url, "https://x.org/");
  EXPECT_TRUE(r.config.markdown_typographer);
}

TEST(Config, BadEnvironmentValueNamesTheVariable) {
  auto r = load_from_text("", "bengal.toml", {"BENGAL_BUILD_JOBS=many"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.diagnostics.items()[0].message.find("BENGAL_BUILD_JOBS"), std::string::npos);
}

TEST(Config, TaxonomiesAndMenus) {
  auto r = load_from_text(
      "taxonomies = [\"tags\", \"series\"]\n"
      "[[menu.main]]\nname = \"Docs\"\nurl = \"/docs/\"\nweight = 2\n"
      "[[menu.main]]\nname = \"Home\"\nurl = \"/\"\nweight = 1\n",
      "bengal.toml", {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.config.taxonomies.size(), 2u);
  EXPECT_EQ(r.config.taxonomies[1].singular, "series");
  ASSERT_EQ(r.config.menus["main"].size(), 2u);
  EXPECT_EQ(r.config.menus["main"][0].identifier, "Docs");
}

TEST(Config, HugoStyleTaxonomyTable) {
  auto r = load_from_text("[taxonomies]\ntag = \"tags\"\ncategory = \"categories\"\n", "bengal.toml", {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.config.taxonomies.size(), 2u);
  for (const Taxonomy& t : r.config.taxonomies) {
    EXPECT_EQ(t.singular, t.name == "tags" ? "tag" : "category");
  }
}

TEST(Config, FolderThatClimbsOutOfTheSiteIsAnError) {
  auto r = load_from_text("content_dir = \"../elsewhere\"\n", "bengal.toml", {});
  EXPECT_FALSE(r.ok());
}

TEST(Config, HashChangesWithContent) {
  auto a = load_from_text("title = \"a\"\n", "bengal.toml", {});
  auto b = load_from_text("title = \"b\"\n", "bengal.toml", {});
  EXPECT_NE(a.config.hash, b.config.hash);
}

}  // namespace
}  // namespace bengal::config

#include "highlight/registry.h"

#include <gtest/gtest.h>

namespace bengal::highlight {
namespace {

TEST(Registry, FindsBuiltinsByNameAndAliasCaseInsensitively) {
  Registry r = Registry::with_builtins();
  r.freeze();
  ASSERT_NE(r.find("python"), nullptr);
  EXPECT_EQ(r.find("py"), r.find("python"));
  EXPECT_EQ(r.find("PY"), r.find("python"));
  EXPECT_EQ(r.find("JavaScript"), r.find("js"));
  EXPECT_EQ(r.find("golang"), r.find("go"));
  EXPECT_EQ(r.find("sh")->name, "bash");
  EXPECT_EQ(r.find("yml")->name, "yaml");
  EXPECT_EQ(r.find("plaintext")->name, "text");
}

TEST(Registry, UnknownEmptyOrOverlongNamesAreNotFound) {
  Registry r = Registry::with_builtins();
  EXPECT_EQ(r.find("cobol"), nullptr);
  EXPECT_EQ(r.find(""), nullptr);
  EXPECT_EQ(r.find(std::string(200, 'a')), nullptr);
}

TEST(Registry, ListsEveryLanguageTheIssueAsksFor) {
  Registry r = Registry::with_builtins();
  for (std::string_view name :
       {"bash", "sh", "shell", "console", "c", "cpp", "csharp", "css", "diff", "dockerfile", "go", "graphql",
        "haskell", "html", "ini", "java", "javascript", "js", "json", "jsx", "kotlin", "lua", "makefile",
        "markdown", "nginx", "perl", "php", "powershell", "python", "py", "pycon", "r", "ruby", "rust", "scala",
        "scss", "sql", "swift", "toml", "typescript", "ts", "tsx", "xml", "yaml", "zig", "plaintext", "text"}) {
    EXPECT_NE(r.find(name), nullptr) << name;
  }
  auto langs = r.languages();
  EXPECT_EQ(langs.size(), builtin_lexers().size());
  EXPECT_TRUE(std::is_sorted(langs.begin(), langs.end()));
}

TEST(Registry, AddAliasMapsToTheSameLexer) {
  Registry r = Registry::with_builtins();
  ASSERT_TRUE(r.add_alias("Jinja", "html").ok());
  ASSERT_TRUE(r.add_alias("svelte", "HTML").ok());
  r.freeze();
  EXPECT_EQ(r.find("jinja"), r.find("html"));
  EXPECT_EQ(r.find("SVELTE"), r.find("html"));
}

TEST(Registry, AddAliasToAnUnknownLanguageFailsWithASuggestion) {
  Registry r = Registry::with_builtins();
  Status s = r.add_alias("mylang", "pyhton");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("pyhton"), std::string::npos);
  EXPECT_NE(s.error().hint.find("python"), std::string::npos);
  EXPECT_EQ(r.find("mylang"), nullptr);
}

TEST(Registry, AddAliasRejectsAnEmptyAlias) {
  Registry r = Registry::with_builtins();
  EXPECT_FALSE(r.add_alias("  ", "python").ok());
}

TEST(BuiltinLexers, AreSortedByNameWithUniqueNamesAndAliases) {
  auto lexers = builtin_lexers();
  std::vector<std::string_view> all;
  for (std::size_t i = 0; i < lexers.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(lexers[i - 1].name, lexers[i].name);
    }
    all.push_back(lexers[i].name);
    for (std::string_view a : lexers[i].aliases) all.push_back(a);
  }
  std::sort(all.begin(), all.end());
  EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());
  EXPECT_EQ(find_builtin_lexer("rs"), find_builtin_lexer("rust"));
}

}  // namespace
}  // namespace bengal::highlight

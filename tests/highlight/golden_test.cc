// Golden files: each snippet's rendered HTML, reviewed by a person and kept in
// golden/<snippet>.html. BENGAL_UPDATE_GOLDEN=1 rewrites them (then review
// the diff before committing).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "highlight/highlight.h"
#include "snippet_manifest.h"

namespace bengal::highlight {
namespace {

std::string source_dir() { return std::string(BENGAL_SOURCE_DIR) + "/tests/highlight"; }

class Golden : public ::testing::TestWithParam<testing::Snippet> {};

TEST_P(Golden, RendersTheReviewedHtml) {
  const testing::Snippet& s = GetParam();
  Registry registry = Registry::with_builtins();
  registry.freeze();
  std::string html;
  ASSERT_TRUE(render_block(registry, s.code, s.language, {}, html)) << s.language;
  html.push_back('\n');
  std::string path = source_dir() + "/golden/" + s.file + ".html";
  if (std::getenv("BENGAL_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << html;
    GTEST_SKIP() << "rewrote " << path;
  }
  std::string expected = testing::read_text_file(path);
  ASSERT_FALSE(expected.empty()) << "missing golden file " << path << " (run with BENGAL_UPDATE_GOLDEN=1)";
  EXPECT_EQ(html, expected) << s.file;
}

std::vector<testing::Snippet> snippets() { return testing::load_snippets(source_dir() + "/snippets"); }

INSTANTIATE_TEST_SUITE_P(Snippets, Golden, ::testing::ValuesIn(snippets()),
                         [](const ::testing::TestParamInfo<testing::Snippet>& info) { return info.param.language; });

TEST(GoldenSnippets, CoverEveryBuiltinLanguage) {
  auto all = snippets();
  for (const Lexer& lexer : builtin_lexers()) {
    bool found = false;
    for (const auto& s : all) found = found || s.language == lexer.name;
    EXPECT_TRUE(found) << lexer.name << " has no snippet";
  }
}

}  // namespace
}  // namespace bengal::highlight

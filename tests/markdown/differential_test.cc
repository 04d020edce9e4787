// Differential test against md4c (Debian's libmd4c-html, the oracle only):
// on pages from shared/bench/gen_corpus.py, Bengal with md4c's feature set
// (GFM; no heading ids, footnotes, directives or math) must produce the same
// HTML byte for byte. The one known difference is explained below and
// normalised. Also checks the benchmark fixture (bench_corpus.h) loads real
// pages, so the benchmark can never quietly measure nothing.
#include <gtest/gtest.h>
#include <md4c-html.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "bench_corpus.h"
#include "markdown/markdown.h"

namespace bengal::markdown {
namespace {

namespace fs = std::filesystem;

class Differential : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = (fs::temp_directory_path() / ("bengal-md-diff-" + std::to_string(::getpid()))).string();
    std::string cmd = "/usr/bin/python3 " + std::string(BENGAL_SHARED_DIR) +
                      "/bench/gen_corpus.py --pages 150 --out " + dir_ + " > /dev/null 2>&1";
    generated_ = std::system(cmd.c_str()) == 0;
    if (generated_) docs_ = bench::load_corpus(dir_);
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  static std::string dir_;
  static bool generated_;
  static std::vector<std::string> docs_;
};
std::string Differential::dir_;
bool Differential::generated_ = false;
std::vector<std::string> Differential::docs_;

void sink(const MD_CHAR* text, MD_SIZE size, void* userdata) {
  static_cast<std::string*>(userdata)->append(text, size);
}

TEST_F(Differential, BenchFixtureLoadsPagesWithoutFrontMatter) {
  if (!generated_) GTEST_SKIP() << "gen_corpus.py could not run";
  ASSERT_GE(docs_.size(), 150u);
  for (const auto& d : docs_) EXPECT_NE(d.rfind("---\n", 0), 0u);
  EXPECT_GT(bench::load_spec_examples(BENGAL_SHARED_DIR).size(), 10000u);
}

TEST_F(Differential, CorpusMatchesMd4cByteForByte) {
  if (!generated_) GTEST_SKIP() << "gen_corpus.py could not run";
  Parser parser;
  const Options o = bench::md4c_feature_set();
  int same = 0, differ = 0;
  for (const auto& d : docs_) {
    std::string theirs;
    md_html(d.data(), static_cast<MD_SIZE>(d.size()), sink, &theirs, MD_DIALECT_GITHUB,
            MD_HTML_FLAG_XHTML);
    std::string ours = parser.render_html(d, o);
    if (ours == theirs || bench::expand_tabs(ours) == bench::expand_tabs(theirs)) {
      ++same;
    } else {
      ++differ;
      ADD_FAILURE() << "differs from md4c:\n" << d.substr(0, 300);
    }
  }
  std::printf("differential vs md4c: %d passed, %d failed\n", same, differ);
}

}  // namespace
}  // namespace bengal::markdown

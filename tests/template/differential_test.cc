// Differential tests: every corpus case is rendered by Jinja2 (through one
// Python process for the whole corpus) and by Bengal; outputs must be
// byte-identical, and a case Jinja rejects must be rejected by Bengal too.
// Bengal renders each case twice: with the JSON context as data_value() host
// objects and as FrozenData (the engine's own dicts and lists).
#include <gtest/gtest.h>

#include "corpus.h"

namespace bengal::tmpl::testing {
namespace {

std::string corpus_dir() {
  return std::string(BENGAL_SOURCE_DIR) + "/tests/template/corpus";
}

// The benchmark page is part of the corpus, so the benchmark can never
// quietly measure a template that renders something else than Jinja does.
CorpusCase bench_fixture() {
  return load_fixture_dir(std::string(BENGAL_SOURCE_DIR) + "/bench/template/fixture", "page.html");
}

TEST(JinjaDifferential, BenchFixtureRendersWithBengal) {
  CorpusCase c = bench_fixture();
  ASSERT_GE(c.templates.size(), 6u);
  RenderOutcome got = render_with_bengal(c);
  ASSERT_TRUE(got.ok) << got.error;
  EXPECT_GT(got.output.size(), 10000u);
  EXPECT_NE(got.output.find("tag-19"), std::string::npos);
}

TEST(JinjaDifferential, CorpusHasOverAHundredCases) {
  EXPECT_GE(load_corpus_dir(corpus_dir()).size(), 100u);
}

TEST(JinjaDifferential, BengalMatchesJinja2ByteForByte) {
  std::vector<CorpusCase> cases = load_corpus_dir(corpus_dir());
  ASSERT_FALSE(cases.empty());
  cases.push_back(bench_fixture());
  auto jinja = render_with_jinja(cases);
  ASSERT_TRUE(jinja.ok()) << jinja.error().message;
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const RenderOutcome& want = jinja.value()[i];
    // Guards the corpus itself: a case fails in Jinja exactly when it says so.
    EXPECT_EQ(!want.ok, cases[i].expect_error)
        << cases[i].name
        << (want.ok ? ": marked 'error' but Jinja rendered it" : ": Jinja failed: " + want.error);
    for (bool frozen : {false, true}) {
      RenderOutcome got = render_with_bengal(cases[i], frozen);
      if (want.ok) {
        bool same = got.ok && got.output == want.output;
        if (!same) ++mismatches;
        EXPECT_TRUE(got.ok) << cases[i].name << ": Bengal failed where Jinja rendered:\n"
                            << got.error << "\nJinja output:\n"
                            << want.output;
        if (got.ok) {
          EXPECT_EQ(got.output, want.output) << cases[i].name;
        }
      } else {
        if (got.ok) ++mismatches;
        EXPECT_FALSE(got.ok) << cases[i].name << ": Jinja failed (" << want.error
                             << ") but Bengal rendered:\n"
                             << got.output;
      }
    }
  }
  EXPECT_EQ(mismatches, 0u) << "of " << cases.size()
                            << " cases, each with host-object and frozen contexts";
}

}  // namespace
}  // namespace bengal::tmpl::testing

// Highlighting is thread-safe by construction: many threads rendering the
// snippets with one frozen registry produce exactly the single-thread output.
// Run under ThreadSanitizer in CI (scripts/test.sh tsan).
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "highlight/highlight.h"
#include "snippet_manifest.h"

namespace bengal::highlight {
namespace {

TEST(Concurrency, ManyThreadsRenderTheSameBytesAsOne) {
  auto snippets = testing::load_snippets(std::string(BENGAL_SOURCE_DIR) + "/tests/highlight/snippets");
  ASSERT_FALSE(snippets.empty());
  Registry registry = Registry::with_builtins();
  registry.freeze();
  Options numbered;
  numbered.linenos = Options::LineNumbers::kInline;
  numbered.hl_lines = {{2, 4}};

  std::vector<std::string> expected;
  for (const auto& s : snippets) {
    std::string html;
    render_block(registry, s.code, s.language, {}, html);
    render_block(registry, s.code, s.language, numbered, html);
    expected.push_back(std::move(html));
  }

  constexpr int kThreads = 6;
  constexpr int kRounds = 8;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::string html;
      for (int round = 0; round < kRounds; ++round) {
        // Each thread walks the snippets from a different starting point.
        for (std::size_t k = 0; k < snippets.size(); ++k) {
          std::size_t i = (k + static_cast<std::size_t>(t) * 7) % snippets.size();
          html.clear();
          render_block(registry, snippets[i].code, snippets[i].language, {}, html);
          render_block(registry, snippets[i].code, snippets[i].language, numbered, html);
          if (html != expected[i]) ++mismatches[static_cast<std::size_t>(t)];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[static_cast<std::size_t>(t)], 0) << "thread " << t;
}

}  // namespace
}  // namespace bengal::highlight

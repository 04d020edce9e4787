// Independent documents on independent Parsers, concurrently, over the same
// frozen registries: the output equals the single-threaded output. Run under
// TSan (scripts/test.sh tsan) this also proves there is no shared mutable state.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "markdown/markdown.h"

namespace bengal::markdown {
namespace {

std::vector<std::string> documents() {
  std::vector<std::string> docs;
  for (int i = 0; i < 40; ++i) {
    docs.push_back("# Page " + std::to_string(i) +
                   "\n\n## Intro\n\nText with *em*, `code`, [link](/x/" + std::to_string(i) +
                   ") and a note[^a].\n\n:::{note} Title " + std::to_string(i) +
                   "\n- [ ] task\n- item {kbd}`K`\n:::\n\n| a | b |\n|---|---|\n| " +
                   std::to_string(i) + " | $x$ |\n\n```python\nprint(1)\n```\n\n[^a]: The note.\n");
  }
  return docs;
}

TEST(ThreadSafety, ParallelParsersMatchSequentialOutput) {
  const auto docs = documents();
  std::vector<std::string> expected;
  {
    Parser parser;
    for (const auto& d : docs) expected.push_back(parser.render_html(d));
  }
  constexpr int kThreads = 4;
  std::vector<std::vector<std::string>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Parser parser;  // one per worker, reused for every page
      Document doc;
      Hooks hooks;
      hooks.code_block = [](const CodeBlock& b, std::string& out) {
        out += "<pre data-lang=\"";
        out += b.lang;
        out += "\"></pre>\n";
      };
      for (int round = 0; round < 3; ++round) {
        results[t].clear();
        for (const auto& d : docs) {
          parser.render(d, Options{}, Hooks{}, doc);
          results[t].push_back(doc.html);
          parser.render(d, Options{}, hooks, doc);  // different hooks in between must not leak
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(results[t], expected) << "thread " << t;
}

}  // namespace
}  // namespace bengal::markdown

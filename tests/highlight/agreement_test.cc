// Agreement with Pygments: the share of non-blank bytes of each snippet that
// Bengal and Pygments put in the same token class. Pygments (Debian's
// python3-pygments) tokenizes every snippet in one process. Prints the table;
// fails when a language is under 90% (the goal is 95%) or Pygments is missing.
//
// BENGAL_HIGHLIGHT_MISMATCH=LANG prints that language's disagreements.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>
#include <sys/wait.h>

#include "highlight/highlight.h"
#include "snippet_manifest.h"

namespace bengal::highlight {
namespace {

constexpr double kFailBelow = 90.0;
constexpr double kGoal = 95.0;

std::string snippets_dir() { return std::string(BENGAL_SOURCE_DIR) + "/tests/highlight/snippets"; }

// Runs the Pygments tokenizer once for all snippets; returns its stdout and exit status.
int run_pygments(const std::vector<testing::Snippet>& snippets, std::string& output) {
  std::string list_path = ::testing::TempDir() + "bengal_pygments_list.txt";
  {
    std::ofstream list(list_path);
    for (const auto& s : snippets) {
      if (s.pygments != "-") list << snippets_dir() << "/" << s.file << " " << s.pygments << "\n";
    }
  }
  std::string cmd = "/usr/bin/python3 " + std::string(BENGAL_SOURCE_DIR) + "/tests/highlight/pygments_tokens.py < " +
                    list_path;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return -1;
  std::array<char, 65536> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) output.append(buf.data(), n);
  int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Pygments' type for every byte, per snippet path.
std::map<std::string, std::vector<std::string>> parse_reference(const std::string& text) {
  std::map<std::string, std::vector<std::string>> out;
  std::istringstream in(text);
  std::string line;
  std::vector<std::string>* cur = nullptr;
  while (std::getline(in, line)) {
    if (line.rfind("== ", 0) == 0) {
      std::string path = line.substr(3);
      cur = &out[path.substr(path.rfind('/') + 1)];
      continue;
    }
    if (cur == nullptr) continue;
    std::size_t sp = line.find(' ');
    std::size_t len = std::stoul(line.substr(0, sp));
    cur->insert(cur->end(), len, line.substr(sp + 1));
  }
  return out;
}

std::string visible(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '\n' ? std::string("\\n") : std::string(1, c);
  return out;
}

TEST(PygmentsAgreement, EveryLanguageAgreesWithPygmentsOnItsSnippet) {
  auto snippets = testing::load_snippets(snippets_dir());
  ASSERT_FALSE(snippets.empty());
  std::string output;
  int status = run_pygments(snippets, output);
  ASSERT_NE(status, 3) << "Pygments is not installed: /usr/bin/python3 cannot import pygments. "
                          "Run scripts/deps.sh (it installs python3-pygments).";
  ASSERT_EQ(status, 0) << "tests/highlight/pygments_tokens.py failed";
  auto reference = parse_reference(output);

  Registry registry = Registry::with_builtins();
  const char* focus = std::getenv("BENGAL_HIGHLIGHT_MISMATCH");
  std::printf("\n%-12s %9s %9s %8s\n", "language", "bytes", "agree", "share");
  int below_goal = 0;
  for (const auto& s : snippets) {
    const Lexer* lexer = registry.find(s.language);
    ASSERT_NE(lexer, nullptr) << s.language;
    if (s.pygments == "-") {
      std::printf("%-12s %9s %9s %8s\n", s.language.c_str(), "-", "-", "n/a");
      continue;
    }
    const auto& ref = reference[s.file];
    ASSERT_EQ(ref.size(), s.code.size()) << s.file << ": Pygments covered a different number of bytes";
    std::vector<std::string_view> ours(s.code.size());
    for (const TokenSpan& t : tokenize(*lexer, s.code)) {
      for (std::uint32_t i = t.begin; i < t.end; ++i) ours[i] = pygments_name(t.token);
    }
    std::size_t total = 0, agree = 0;
    bool show = focus != nullptr && s.language == focus;
    std::size_t i = 0;
    while (i < s.code.size()) {
      char c = s.code[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i;
        continue;
      }
      ++total;
      if (ours[i] == ref[i]) {
        ++agree;
        ++i;
        continue;
      }
      std::size_t j = i + 1;
      while (j < s.code.size() && ours[j] == ours[i] && ref[j] == ref[i] && s.code[j] != '\n') {
        if (s.code[j] != ' ' && s.code[j] != '\t') ++total;
        ++j;
      }
      if (show) {
        std::printf("  %-28s ours=%-32s pygments=%s\n", ("'" + visible(s.code.substr(i, j - i)) + "'").c_str(),
                    std::string(ours[i]).c_str(), ref[i].c_str());
      }
      i = j;
    }
    double share = total == 0 ? 100.0 : 100.0 * static_cast<double>(agree) / static_cast<double>(total);
    std::printf("%-12s %9zu %9zu %7.1f%%%s\n", s.language.c_str(), total, agree, share,
                share < kGoal ? "  (below the 95% goal)" : "");
    if (share < kGoal) ++below_goal;
    EXPECT_GE(share, kFailBelow) << s.language << " agrees with Pygments on only " << share << "% of its bytes";
  }
  std::printf("%d language(s) below the %.0f%% goal\n", below_goal, kGoal);
}

}  // namespace
}  // namespace bengal::highlight

// Highlighter throughput, one core:
//  1. MB/s per language on its snippet repeated to ~256 KiB, against Pygments
//     (bench/highlight/pygments_bench.py) on the same input in the same run;
//  2. the cost of many small blocks (a 10,000-page site has 10k-30k);
//  3. the worst case over adversarial inputs (unclosed strings, comments...).
// Times are CPU time of the measuring thread (Pygments: process time).
// Usage: highlight_bench [--no-pygments] [--quick]
#include <algorithm>
#include <array>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "highlight/highlight.h"
#include "snippet_manifest.h"

namespace {

using namespace bengal::highlight;
// CPU time of this thread: the machine may be shared, and "one core" is what
// the goal is stated in.
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
};

double seconds_since(Clock::time_point t) { return Clock::now() - t; }

// Best-of-`runs` MB/s of rendering `code` `reps` times.
double throughput(const Registry& registry, const std::string& code, std::string_view lang, int reps, int runs) {
  std::string out;
  double best = 1e30;
  for (int r = 0; r < runs; ++r) {
    auto t = Clock::now();
    for (int i = 0; i < reps; ++i) {
      out.clear();
      render_block(registry, code, lang, {}, out);
    }
    best = std::min(best, seconds_since(t));
  }
  return static_cast<double>(code.size()) * reps / best / 1e6;
}

std::map<std::string, double> run_pygments(const std::vector<std::pair<std::string, std::string>>& inputs) {
  std::map<std::string, double> result;
  std::string list = "/tmp/bengal_highlight_bench_list.txt";
  {
    std::ofstream out(list);
    for (const auto& [alias, path] : inputs) out << alias << " " << path << "\n";
  }
  std::string cmd = "/usr/bin/python3 " + std::string(BENGAL_SOURCE_DIR) + "/bench/highlight/pygments_bench.py < " + list;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return result;
  char alias[64];
  double mbs;
  while (std::fscanf(p, "%63s %lf", alias, &mbs) == 2) result[alias] = mbs;
  pclose(p);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  bool pygments = true;
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-pygments") == 0) pygments = false;
    if (std::strcmp(argv[i], "--quick") == 0) quick = true;
  }
  auto snippets = bengal::highlight::testing::load_snippets(std::string(BENGAL_SOURCE_DIR) + "/tests/highlight/snippets");
  if (snippets.empty()) {
    std::fprintf(stderr, "no snippets found\n");
    return 1;
  }
  Registry registry = Registry::with_builtins();
  registry.freeze();
  const std::size_t target = quick ? 64 * 1024 : 256 * 1024;

  // 1. Per-language throughput.
  std::vector<std::pair<std::string, std::string>> inputs;  // pygments alias, file
  std::vector<std::string> codes;
  for (const auto& s : snippets) {
    std::string code;
    while (code.size() < target) code += s.code;
    codes.push_back(code);
    std::string path = "/tmp/bengal_highlight_bench_" + s.language + ".txt";
    std::ofstream(path, std::ios::binary) << code;
    if (s.pygments != "-") inputs.emplace_back(s.pygments, path);
  }
  std::map<std::string, double> pyg;
  if (pygments) pyg = run_pygments(inputs);
  std::printf("%-12s %10s %12s %9s\n", "language", "bengal MB/s", "pygments MB/s", "ratio");
  std::vector<double> all;
  for (std::size_t i = 0; i < snippets.size(); ++i) {
    const auto& s = snippets[i];
    double ours = throughput(registry, codes[i], s.language, quick ? 4 : 16, 3);
    all.push_back(ours);
    auto it = pyg.find(s.pygments);
    if (it != pyg.end() && it->second > 0) {
      std::printf("%-12s %10.1f %12.2f %8.0fx\n", s.language.c_str(), ours, it->second, ours / it->second);
    } else {
      std::printf("%-12s %10.1f %12s %9s\n", s.language.c_str(), ours, "-", "-");
    }
  }
  std::sort(all.begin(), all.end());
  std::printf("median over %zu languages: %.1f MB/s, slowest %.1f MB/s\n\n", all.size(), all[all.size() / 2],
              all.front());

  // 2. Many small blocks: the snippets cut into 10-line blocks, rendered once
  // each, like a site with 1-3 code blocks per page.
  std::vector<std::pair<std::string, std::string>> blocks;  // lang, code
  for (const auto& s : snippets) {
    std::size_t pos = 0;
    while (pos < s.code.size()) {
      std::size_t end = pos;
      for (int line = 0; line < 10 && end < s.code.size(); ++line) {
        std::size_t nl = s.code.find('\n', end);
        end = nl == std::string::npos ? s.code.size() : nl + 1;
      }
      blocks.emplace_back(s.language, s.code.substr(pos, end - pos));
      pos = end;
    }
  }
  const std::size_t count = quick ? 5000 : 30000;
  std::string out;
  std::size_t bytes = 0;
  auto t = Clock::now();
  for (std::size_t i = 0; i < count; ++i) {
    const auto& [lang, code] = blocks[i % blocks.size()];
    out.clear();
    render_block(registry, code, lang, {}, out);
    bytes += code.size();
  }
  double secs = seconds_since(t);
  std::printf("%zu blocks (avg %zu bytes): %.1f ms total, %.2f us per block, %.1f MB/s\n\n", count, bytes / count,
              secs * 1e3, secs * 1e6 / static_cast<double>(count), static_cast<double>(bytes) / secs / 1e6);

  // Fixed cost of a block: a one-character block, looked up by an alias.
  {
    const std::size_t n = quick ? 20000 : 200000;
    auto t0 = Clock::now();
    for (std::size_t i = 0; i < n; ++i) {
      out.clear();
      render_block(registry, "x", i % 2 ? "py" : "JavaScript", {}, out);
    }
    std::printf("fixed cost per block (1-byte block, lookup by alias): %.0f ns\n\n",
                seconds_since(t0) * 1e9 / static_cast<double>(n));
  }

  // 3. Worst case: inputs made of one unclosed construct repeated (1 MiB).
  static const std::array<std::string_view, 12> kNasty = {"/*", "\"\\", "'\\", "<!--", "${", "<?", "[[", "f\"{a[",
                                                          "s{", "x=", "a b(", "\\"};
  double worst = 1e30;
  std::string worst_name;
  for (const Lexer& lexer : builtin_lexers()) {
    for (std::string_view p : kNasty) {
      std::string code;
      while (code.size() < (quick ? 64u : 1024u) * 1024u) code += p;
      double mbs = throughput(registry, code, lexer.name, 1, 1);
      if (mbs < worst) {
        worst = mbs;
        worst_name = std::string(lexer.name) + " on '" + std::string(p) + "'";
      }
    }
  }
  std::printf("worst case over %zu lexers x %zu adversarial inputs: %.1f MB/s (%s)\n", builtin_lexers().size(),
              kNasty.size(), worst, worst_name.c_str());
  return 0;
}

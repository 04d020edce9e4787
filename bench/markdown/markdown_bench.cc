// Markdown throughput, Bengal against md4c's md_html on the same input in the
// same process. `--compare [DIR]` prints a table of MB/s (best of several
// rounds) for the generated corpus in DIR (default /dev/shm/bengal-corpus,
// made by shared/bench/gen_corpus.py) and for the CommonMark spec examples.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "markdown/markdown.h"

#ifdef BENGAL_HAVE_MD4C
#include <md4c-html.h>
#endif

namespace {

using bengal::markdown::Document;
using bengal::markdown::Hooks;
using bengal::markdown::Options;
using bengal::markdown::Parser;

struct Input {
  std::string name;
  std::vector<std::string> docs;
  std::size_t bytes = 0;
};

Input make_input(std::string name, std::vector<std::string> docs) {
  Input in{std::move(name), std::move(docs), 0};
  for (const auto& d : in.docs) in.bytes += d.size();
  return in;
}

std::string corpus_dir() {
  const char* env = std::getenv("BENGAL_MD_CORPUS");
  return env ? env : "/dev/shm/bengal-corpus";
}

// Renders every document once; returns output bytes (kept so nothing is optimised away).
std::size_t run_bengal(Parser& parser, const Input& in, const Options& options, Document& doc) {
  std::size_t out = 0;
  Hooks hooks;
  for (const auto& d : in.docs) {
    parser.render(d, options, hooks, doc);
    out += doc.html.size();
  }
  return out;
}

#ifdef BENGAL_HAVE_MD4C
void md4c_sink(const MD_CHAR* text, MD_SIZE size, void* userdata) {
  static_cast<std::string*>(userdata)->append(text, size);
}

std::size_t run_md4c(const Input& in, std::string& buf) {
  std::size_t out = 0;
  for (const auto& d : in.docs) {
    buf.clear();
    md_html(d.data(), static_cast<MD_SIZE>(d.size()), md4c_sink, &buf, MD_DIALECT_GITHUB,
            MD_HTML_FLAG_XHTML);
    out += buf.size();
  }
  return out;
}
#endif

template <typename F>
double mb_per_s(const Input& in, F&& body) {
  auto t0 = std::chrono::steady_clock::now();
  std::size_t sink = body();
  auto t1 = std::chrono::steady_clock::now();
  benchmark::DoNotOptimize(sink);
  return static_cast<double>(in.bytes) / 1e6 / std::chrono::duration<double>(t1 - t0).count();
}

int compare(const std::string& dir) {
  std::vector<Input> inputs;
  auto corpus = bengal::markdown::bench::load_corpus(dir);
  if (corpus.empty()) {
    std::fprintf(stderr, "no Markdown under %s (run shared/bench/gen_corpus.py --out %s)\n",
                 dir.c_str(), dir.c_str());
    return 1;
  }
  std::string name = "corpus (" + std::to_string(corpus.size()) + " pages)";
  inputs.push_back(make_input(name, std::move(corpus)));
  inputs.push_back(make_input("spec examples",
                              {bengal::markdown::bench::load_spec_examples(BENGAL_SHARED_DIR)}));
  Parser parser;
  Document doc;
  Options gfm;  // defaults: every extension on, heading ids
  Options cm;
  cm.commonmark_only = true;
  std::printf("%-26s %10s %14s %14s %10s\n", "input", "MB", "bengal MB/s", "md4c MB/s", "ratio");
  for (const Input& in : inputs) {
    int rounds = in.bytes > 1000000 ? 9 : 60;
    run_bengal(parser, in, gfm, doc);  // warm up buffers
    // Rounds alternate between the engines so load changes on a shared
    // machine hit all of them; each keeps its best round.
    double b = 0, c = 0, m = 0;
    std::string buf;
    for (int r = 0; r < rounds; ++r) {
      b = std::max(b, mb_per_s(in, [&] { return run_bengal(parser, in, gfm, doc); }));
      c = std::max(c, mb_per_s(in, [&] { return run_bengal(parser, in, cm, doc); }));
#ifdef BENGAL_HAVE_MD4C
      m = std::max(m, mb_per_s(in, [&] { return run_md4c(in, buf); }));
#endif
    }
    std::printf("%-26s %10.2f %14.1f %14.1f %10.2f\n", in.name.c_str(),
                static_cast<double>(in.bytes) / 1e6, b, m, m > 0 ? b / m : 0.0);
    std::printf("%-26s %10s %14.1f %14s %10.2f   (--commonmark)\n", "", "", c, "",
                m > 0 ? c / m : 0.0);
  }
  return 0;
}

const Input& corpus_input() {
  static const Input in = make_input("corpus", bengal::markdown::bench::load_corpus(corpus_dir()));
  return in;
}

const Input& spec_input() {
  static const Input in =
      make_input("spec", {bengal::markdown::bench::load_spec_examples(BENGAL_SHARED_DIR)});
  return in;
}

// range(0) == 1: --commonmark.
void BM_Bengal(benchmark::State& state, const Input& (*input)()) {
  const Input& in = input();
  Parser parser;
  Document doc;
  Options options;
  options.commonmark_only = state.range(0) == 1;
  for (auto _ : state) benchmark::DoNotOptimize(run_bengal(parser, in, options, doc));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(in.bytes));
}
BENCHMARK_CAPTURE(BM_Bengal, corpus, corpus_input)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Bengal, spec, spec_input)->Arg(0)->Arg(1);

#ifdef BENGAL_HAVE_MD4C
void BM_Md4c(benchmark::State& state) {
  const Input& in = corpus_input();
  std::string buf;
  for (auto _ : state) benchmark::DoNotOptimize(run_md4c(in, buf));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(in.bytes));
}
BENCHMARK(BM_Md4c)->Unit(benchmark::kMillisecond);
#endif

}  // namespace

#ifdef BENGAL_HAVE_MD4C
// Prints the first documents whose HTML differs from md4c's (GFM dialect,
// Bengal with the same extensions only), for investigating differences.
int diff(const std::string& dir) {
  auto docs = bengal::markdown::bench::load_corpus(dir);
  Parser parser;
  const Options o = bengal::markdown::bench::md4c_feature_set();
  int shown = 0, differ = 0;
  std::string buf;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    std::string ours = parser.render_html(docs[i], o);
    buf.clear();
    md_html(docs[i].data(), static_cast<MD_SIZE>(docs[i].size()), md4c_sink, &buf,
            MD_DIALECT_GITHUB, MD_HTML_FLAG_XHTML);
    if (ours == buf) continue;
    ours = bengal::markdown::bench::expand_tabs(ours);
    buf = bengal::markdown::bench::expand_tabs(buf);
    if (ours == buf) continue;
    ++differ;
    if (shown++ < 3) {
      std::size_t k = 0;
      while (k < ours.size() && k < buf.size() && ours[k] == buf[k]) ++k;
      std::size_t from = k > 200 ? k - 200 : 0;
      std::printf("doc %zu differs at %zu\n--- bengal\n%s\n--- md4c\n%s\n", i, k,
                  ours.substr(from, 400).c_str(), buf.substr(from, 400).c_str());
    }
  }
  std::printf("%d of %zu documents differ byte-for-byte\n", differ, docs.size());
  return 0;
}
#endif

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "--compare") == 0)
    return compare(argc >= 3 ? argv[2] : corpus_dir());
#ifdef BENGAL_HAVE_MD4C
  if (argc >= 2 && std::strcmp(argv[1], "--diff") == 0)
    return diff(argc >= 3 ? argv[2] : corpus_dir());
#endif
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

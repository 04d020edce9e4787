// Build cache load time. A synthetic cache shaped like the bench site's at
// 10,000 pages (~32 MB: 150,000 facts, sources with front matter, bodies of
// ~2.4 KB, outputs reading ~70 facts each) is serialized once; the benchmark
// times BuildCache::deserialize on a pool of 1 thread (everything inline)
// and of 2.
//   cache_bench [benchmark flags]
//   cache_bench --check    only checks the fixture round-trips (a ctest)
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "core/thread_pool.h"
#include "incremental/build_cache.h"

namespace {

using namespace bengal;
using namespace bengal::incremental;

constexpr int kPages = 10000;

BuildCache synthetic_cache(int pages) {
  static const char* const kFields[] = {
      "title",    "url",         "date",      "summary",    "content", "tags",  "next", "prev",
      "toc_html", "description", "permalink", "categories", "is_list", "pages", "count"};
  BuildCache c;
  c.output_dir = "public";
  std::string text(1800, 'w');
  for (std::size_t i = 5; i < text.size(); i += 6) text[i] = ' ';
  for (int p = 0; p < pages; ++p) {
    char name[48];
    std::snprintf(name, sizeof name, "section-%02d/page-%05d.md", p % 10, p);
    for (const char* field : kFields) {
      FactId id = c.facts.intern(FactKind::kPage, name, field);
      c.fact_hashes.resize(id + 1);
      c.fact_hashes[id] = hash_bytes(std::string(name) + field);
    }
    SourceRecord& s = c.sources[name];
    s.size = 2500 + static_cast<std::uint64_t>(p);
    s.mtime_ns = 1'700'000'000'000'000'000 + p;
    s.hash = hash_bytes(name);
    s.front_matter_hash = hash_bytes(std::string(name) + "fm");
    s.body_offset = 200;
    s.body_line = 9;
    s.front_matter = Data::object();
    s.front_matter.set("title", Data::string(std::string("A page about subject number ") + name));
    s.front_matter.set("description", Data::string(std::string(120, 'd')));
    s.front_matter.set("date", Data::string("2024-05-17T10:00:00Z"));
    Data tags = Data::array();
    for (int t = 0; t < 4; ++t) tags.push_back(Data::string("tag-" + std::to_string((p + t) % 50)));
    s.front_matter.set("tags", std::move(tags));

    BodyRecord& b = c.bodies[name];
    b.provenance = hash_bytes(std::string(name) + "prov");
    if (p > 0) b.deps = {static_cast<FactId>((p - 1) * 15)};
    b.summary_html = "<p>" + text.substr(0, 290) + "</p>";
    for (int t = 0; t < 3; ++t)
      b.toc.push_back({2, "heading-" + std::to_string(t), "Heading " + std::to_string(t)});
    b.word_count = 300;
    b.reading_minutes = 2;
    b.plain_text = text;
    b.content_hash = hash_bytes(std::string(name) + "html");
  }
  const auto facts = static_cast<FactId>(c.facts.size());
  for (int p = 0; p < pages; ++p) {
    char path[48];
    std::snprintf(path, sizeof path, "section-%02d/page-%05d/index.html", p % 10, p);
    OutputRecord& o = c.outputs[path];
    o.size = 9000;
    o.mtime_ns = 1'700'000'000'000'000'000 + p;
    o.content = hash_bytes(path);
    o.identity = hash_bytes(std::string(path) + "job");
    for (FactId f = 0; f < 70; ++f)
      o.facts.push_back((static_cast<FactId>(p) * 15 + f * 211) % facts);
  }
  return c;
}

const std::string& serialized() {
  static const std::string bytes = synthetic_cache(kPages).serialize();
  return bytes;
}

// Arguments: threads, and whether the bytes are a loaded file's (then the
// records stay encoded where a build may not need them, as load_cache
// leaves them) or a plain buffer (everything decoded).
void BM_Deserialize(benchmark::State& state) {
  ThreadPool pool(static_cast<unsigned>(state.range(0)));
  const std::string& bytes = serialized();
  auto file = state.range(1) != 0 ? std::make_shared<const FileView>(std::string(bytes)) : nullptr;
  for (auto _ : state) {
    std::string notice;
    BuildCache c = file ? BuildCache::deserialize(file->bytes(), notice, &pool, file)
                        : BuildCache::deserialize(bytes, notice, &pool);
    if (!notice.empty() || c.bodies.size() != kPages)
      state.SkipWithError("the fixture did not load");
    benchmark::DoNotOptimize(c);
    // Freeing is not part of loading (a build never frees its loaded cache): not timed.
    state.PauseTiming();
    c = BuildCache{};
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_Deserialize)
    ->ArgNames({"threads", "from_file"})
    ->Args({1, 0})
    ->Args({2, 0})
    ->Args({1, 1})
    ->Args({2, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The fixture loads whole and equal, with and without a pool.
bool fixture_round_trips() {
  std::string notice;
  ThreadPool pool(2);
  BuildCache back = BuildCache::deserialize(serialized(), notice, &pool);
  if (!notice.empty()) {
    std::fprintf(stderr, "cache_bench: fixture rejected: %s\n", notice.c_str());
    return false;
  }
  bool ok = back.serialize() == serialized() && back.facts.size() > 100'000 &&
            back.outputs.size() == kPages;
  if (!ok) std::fprintf(stderr, "cache_bench: fixture does not round-trip\n");
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (!fixture_round_trips()) return 1;
  if (argc == 2 && std::strcmp(argv[1], "--check") == 0) return 0;
  std::printf("cache: %zu bytes\n", serialized().size());
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

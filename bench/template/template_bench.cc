// Template render benchmark: a realistic page (base layout with blocks, a
// 10-item nav loop, 20 tags through a macro, three includes, an import)
// rendered into a reused buffer. Reports ns per render, output MB/s on one
// thread and on every core, and heap allocations per render once warm
// (counted by replacing the global operator new in this binary).
//
// Times are per-thread CPU time (CLOCK_THREAD_CPUTIME_ID), so other work on
// a shared machine does not inflate them; the all-core figure is wall-clock
// throughput and depends on how many cores the machine really gives us.
//
//   template_bench [FIXTURE_DIR] [--seconds S] [--renders N]
// --renders N only renders N times on one thread (for callgrind/perf).
// bench/template/run.sh runs this and the Jinja2 script on the same fixture.
#include <time.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "core/data_formats.h"
#include "core/fs.h"
#include "template/data_value.h"
#include "template/environment.h"
#include "template/renderer.h"

namespace {
std::atomic<std::uint64_t> g_allocations{0};
}

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  return operator new(n);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}

namespace {

using Clock = std::chrono::steady_clock;
using namespace bengal;

struct Fixture {
  RealFileSystem fs;
  std::unique_ptr<tmpl::FileSystemLoader> loader;
  std::unique_ptr<tmpl::Environment> env;
  Data data;
  std::unique_ptr<tmpl::FrozenData> frozen;  // the context, as `bengal template render` reads it
  std::vector<tmpl::NamedValue> context;
  const tmpl::Template* page = nullptr;
};

bool load(Fixture& f, const std::string& dir) {
  f.loader = std::make_unique<tmpl::FileSystemLoader>(f.fs, std::vector<std::string>{dir});
  f.env = std::make_unique<tmpl::Environment>(f.loader.get());
  DiagnosticList errors = f.env->load_all();
  if (!errors.empty()) {
    std::fprintf(stderr, "%s", format_diagnostic(errors.items()[0]).c_str());
    return false;
  }
  f.env->freeze();
  auto text = f.fs.read_file(dir + "/context.json");
  if (!text.ok()) return false;
  auto parsed = parse_json(text.value());
  if (!parsed.ok()) return false;
  f.data = std::move(parsed.value());
  if (!f.data.is_object()) return false;
  f.frozen = std::make_unique<tmpl::FrozenData>(f.data);
  for (std::size_t i = 0; i < f.data.keys().size(); ++i) {
    f.context.push_back({f.data.keys()[i], f.frozen->value().as_map()[i].value});
  }
  f.page = f.env->find("page.html");
  return f.page != nullptr;
}

double thread_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct RunResult {
  std::uint64_t renders = 0;
  double cpu_seconds = 0;  // this thread's CPU time
  double wall_seconds = 0;
  std::size_t bytes = 0;  // output of one render
};

// Renders for `seconds` of this thread's CPU time.
RunResult run_for(const Fixture& f, double seconds) {
  tmpl::Renderer renderer(*f.env);
  std::string_view out;  // the renderer's reused buffer, as the site renders
  RunResult r;
  auto wall_start = Clock::now();
  double cpu_start = thread_cpu_seconds();
  while (true) {
    for (int k = 0; k < 64; ++k) {
      if (!renderer.render(*f.page, f.context, out).ok()) std::abort();
    }
    r.renders += 64;
    if (thread_cpu_seconds() - cpu_start >= seconds) break;
  }
  r.cpu_seconds = thread_cpu_seconds() - cpu_start;
  r.wall_seconds = std::chrono::duration<double>(Clock::now() - wall_start).count();
  r.bytes = out.size();
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = BENGAL_BENCH_FIXTURE;
  double seconds = 2.0;
  long renders = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else if (a == "--renders" && i + 1 < argc) {
      renders = std::atol(argv[++i]);
    } else {
      dir = a;
    }
  }
  Fixture f;
  if (!load(f, dir)) {
    std::fprintf(stderr, "cannot load fixture from %s\n", dir.c_str());
    return 1;
  }

  if (renders > 0) {
    tmpl::Renderer renderer(*f.env);
    std::string_view out;  // the renderer's reused buffer, as the site renders
    for (long i = 0; i < renders; ++i) {
      if (!renderer.render(*f.page, f.context, out).ok()) return 1;
    }
    std::printf("rendered %ld times, %zu bytes each\n", renders, out.size());
    return 0;
  }

  // Allocations per render once the renderer and output buffer are warm.
  {
    tmpl::Renderer renderer(*f.env);
    std::string_view out;  // the renderer's reused buffer, as the site renders
    for (int i = 0; i < 100; ++i) {
      if (!renderer.render(*f.page, f.context, out).ok()) return 1;
    }
    const int n = 1000;
    std::uint64_t before = g_allocations.load();
    for (int i = 0; i < n; ++i) {
      (void)renderer.render(*f.page, f.context, out);
    }
    double per = static_cast<double>(g_allocations.load() - before) / n;
    std::printf("allocations_per_render %.3f\n", per);
  }

  RunResult one = run_for(f, seconds);
  double ns = one.cpu_seconds * 1e9 / static_cast<double>(one.renders);
  double mbs =
      static_cast<double>(one.bytes) * static_cast<double>(one.renders) / one.cpu_seconds / 1e6;
  std::printf("output_bytes %zu\n", one.bytes);
  std::printf("single_thread_ns_per_render %.0f\n", ns);
  std::printf("single_thread_mb_per_s %.1f\n", mbs);

  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<RunResult> results(threads);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] { results[t] = run_for(f, seconds); });
  }
  for (auto& t : pool) t.join();
  double total_renders = 0, wall = 0;
  for (const auto& r : results) {
    total_renders += static_cast<double>(r.renders);
    wall = std::max(wall, r.wall_seconds);
  }
  std::printf("threads %u\n", threads);
  std::printf("all_threads_renders_per_s %.0f\n", total_renders / wall);
  std::printf("all_threads_mb_per_s %.1f\n",
              total_renders * static_cast<double>(one.bytes) / wall / 1e6);
  return 0;
}

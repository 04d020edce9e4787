// serve_latency: how long a writer waits in `bengal serve`, from saving a file
// to the browser's reload event, and to the new page being served.
//
//   serve_latency --site DIR [--runs N] [--settle MS] [--gap MS] [--jobs N] [--only body|title|css]
//
// DIR is a site such as the 10,000-page corpus of shared/bench/gen_corpus.py
// (a static/css/site.css is added when missing). The server runs in this
// process on 127.0.0.1 (port 0); a reload stream is read over a real socket
// like a browser's. For each scenario and run:
//
//   body   append a paragraph to one page           -> that page reloads
//   title  change one page's title                  -> it and the pages listing it reload
//   css    change static/css/site.css               -> the stylesheet is swapped
//
// Before each timed save the writer pauses for --gap ms (default 100; a
// person does not save twice within a tenth of a second), so a save does not
// land while the server is still freeing the previous build (BuildState::
// release(), which runs after the reload event went out).
//
// it records write -> reload event and write -> new bytes served (measured
// by the client), and from the server's report: watcher (write -> batch
// closed), build_site() and publish. Prints medians (min-max) per scenario.
// Exits 1 if a scenario produced no event or served stale bytes, so the
// smoke test (bench/serve/CMakeLists.txt) can prove the fixture is valid.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http_client.h"
#include "server/dev_server.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using bengal::testing::http_get;
using bengal::testing::SseStream;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Saves like an editor: write a temporary file, rename it over the original.
void save(const fs::path& p, const std::string& text) {
  fs::path tmp = p;
  tmp += ".tmp";
  std::ofstream(tmp, std::ios::binary) << text;
  fs::rename(tmp, p);
}

struct Sample {
  double to_event = 0, to_served = 0, watcher = 0, build = 0, publish = 0;
  int builds = 0;
  std::size_t reloaded = 0;
  std::size_t rendered = 0;  // outputs build_site() rendered (incremental builds render few)
  std::vector<bengal::build::StageTiming> stages;  // of the last build_site() in the batch
};

struct Stats {
  std::string name;
  std::vector<Sample> samples;
};

std::string summary(std::vector<double> v) {
  if (v.empty()) return "-";
  std::sort(v.begin(), v.end());
  char buf[64];
  std::snprintf(buf, sizeof buf, "%7.1f (%.1f-%.1f)", v[v.size() / 2], v.front(), v.back());
  return buf;
}

// The server's report of the build that published generation `gen`.
class Reports {
 public:
  void add(const bengal::server::BuildReport& r) {
    std::lock_guard lock(mu_);
    if (r.published) reports_.push_back(r);
    cv_.notify_all();
  }
  bool wait_for(std::uint64_t gen, bengal::server::BuildReport& out) {
    std::unique_lock lock(mu_);
    bool ok = cv_.wait_for(lock, 60s, [&] {
      return std::any_of(reports_.begin(), reports_.end(),
                         [&](const auto& r) { return r.generation == gen; });
    });
    if (!ok) return false;
    for (const auto& r : reports_) {
      if (r.generation == gen) out = r;
    }
    return true;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<bengal::server::BuildReport> reports_;
};

std::uint64_t gen_of(const std::string& data) {
  std::size_t at = data.find("\"gen\":");
  return at == std::string::npos ? 0 : std::strtoull(data.c_str() + at + 6, nullptr, 10);
}

}  // namespace

int main(int argc, char** argv) {
  std::string site;
  int runs = 5;
  int settle = 10;
  int gap_ms = 100;
  unsigned jobs = 0;
  std::string only;  // one scenario (for profiling), by the first word of its name
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--site")
      site = next();
    else if (a == "--runs")
      runs = std::atoi(next().c_str());
    else if (a == "--settle")
      settle = std::atoi(next().c_str());
    else if (a == "--gap")
      gap_ms = std::atoi(next().c_str());
    else if (a == "--jobs")
      jobs = static_cast<unsigned>(std::atoi(next().c_str()));
    else if (a == "--only")
      only = next();
    else {
      std::fprintf(stderr,
                   "usage: serve_latency --site DIR [--runs N] [--settle MS] [--gap MS] [--jobs N] [--only body|title|css]\n");
      return 2;
    }
  }
  if (site.empty() || !fs::is_directory(fs::path(site) / "content")) {
    std::fprintf(
        stderr,
        "serve_latency: --site must name a site with content/ (see shared/bench/gen_corpus.py)\n");
    return 2;
  }
  fs::path root = fs::absolute(site);
  fs::path css = root / "static/css/site.css";
  if (!fs::exists(css)) {
    fs::create_directories(css.parent_path());
    std::ofstream(css) << "body { margin: 0; }\n";
  }
  // A page in a section, not a section index: "content/<section>/<page>.md".
  fs::path page;
  for (const auto& e : fs::recursive_directory_iterator(root / "content")) {
    if (e.is_regular_file() && e.path().extension() == ".md" &&
        e.path().filename() != "_index.md" && e.path().parent_path() != root / "content") {
      page = e.path();
      break;
    }
  }
  if (page.empty()) {
    std::fprintf(stderr, "serve_latency: no page under %s/content/<section>/\n", root.c_str());
    return 2;
  }
  std::string page_url = "/" + fs::relative(page.parent_path(), root / "content").string() + "/" +
                         page.stem().string() + "/";

  bengal::server::ServeOptions o;
  o.build.source_dir = root.string();
  o.build.jobs = jobs;
  o.port = 0;
  o.settle = std::chrono::milliseconds(settle);
  Reports reports;
  bengal::server::DevServer server(o);
  server.on_build([&](const bengal::server::BuildReport& r) { reports.add(r); });
  auto t0 = Clock::now();
  bengal::Status started = server.start();
  if (!started.ok()) {
    std::fprintf(stderr, "serve_latency: %s\n", started.error().message.c_str());
    return 1;
  }
  std::printf("site: %s (%zu files served), first build %.0f ms, watching with %s\n", root.c_str(),
              server.site()->size(), ms_between(t0, Clock::now()), server.watch_mode().c_str());
  std::printf("page: %s -> %s\n", fs::relative(page, root).c_str(), page_url.c_str());

  SseStream stream(server.port(),
                   "/__bengal_reload__?since=" + std::to_string(server.generation()) +
                       "&instance=" + server.hub().instance());
  if (stream.status() != 200 || !stream.next(10s)) {
    std::fprintf(stderr, "serve_latency: no reload stream\n");
    return 1;
  }

  const std::string original_page = read_file(page);
  const std::string original_css = read_file(css);
  std::vector<Stats> all = {{"body edit", {}}, {"title edit", {}}, {"css edit", {}}};
  if (!only.empty()) {
    std::erase_if(all, [&](const Stats& st) { return st.name.rfind(only + " ", 0) != 0; });
    if (all.empty()) {
      std::fprintf(stderr, "serve_latency: --only takes body, title or css\n");
      return 2;
    }
  }
  bool ok = true;
  for (int run = 0; run < runs && ok; ++run) {
    for (Stats& st : all) {
      std::string marker =
          "bench-marker-" + std::to_string(run) + "-" + std::to_string(std::rand());
      std::string url = page_url;
      std::string expect_in_event = "\"" + page_url + "\"";
      fs::path file = page;
      std::string text;
      if (st.name == "body edit") {
        text = original_page + "\n" + marker + "\n";
      } else if (st.name == "title edit") {
        text = original_page;
        std::size_t at = text.find("title: ");
        std::size_t eol = text.find('\n', at);
        text.replace(at, eol - at, "title: \"" + marker + "\"");
      } else {
        file = css;
        url = "/css/site.css";
        expect_in_event = "\"/css/site.css\"";
        text = original_css + "/* " + marker + " */\n";
      }
      std::uint64_t before = server.generation();
      std::this_thread::sleep_for(std::chrono::milliseconds(gap_ms));
      auto start = Clock::now();
      save(file, text);
      auto ev = stream.wait_for("change", expect_in_event, 60s);
      auto got_event = Clock::now();
      if (!ev) {
        std::fprintf(stderr, "%s: no change event naming %s\n", st.name.c_str(),
                     expect_in_event.c_str());
        ok = false;
        break;
      }
      auto body = http_get(server.port(), url).body;
      auto served = Clock::now();
      if (body.find(marker) == std::string::npos) {
        std::fprintf(stderr, "%s: %s does not serve the edit after its event\n", st.name.c_str(),
                     url.c_str());
        ok = false;
        break;
      }
      Sample s;
      s.to_event = ms_between(start, got_event);
      s.to_served = ms_between(start, served);
      bengal::server::BuildReport r;
      if (reports.wait_for(gen_of(ev->data), r)) {
        s.watcher = ms_between(start, r.first_event);
        s.build = r.build_ms;
        s.publish = r.publish_ms;
        s.builds = r.builds;
        s.reloaded = r.change.pages.size();
        s.rendered = r.result.stats.outputs_rendered;
        s.stages = r.result.stats.stages;
      }
      (void)before;
      st.samples.push_back(s);
      if (st.name == "title edit") {
        // Untimed: back to the original page, so the next body edit changes
        // only the body (and not the title back as well).
        save(page, original_page);
        if (!stream.wait_for("change", "\"" + page_url + "\"", 60s)) {
          std::fprintf(stderr, "title edit: no change event after restoring the page\n");
          ok = false;
          break;
        }
      }
    }
  }
  save(page, original_page);
  save(css, original_css);
  stream.wait_for("change", "\"/css/site.css\"", 30s);

  std::printf("\n%-11s %-22s %-22s %-20s %-22s %-18s %-18s %s\n", "scenario", "write->event ms",
              "write->served ms", "watcher ms", "build_site ms", "publish ms", "outputs rendered",
              "URLs reloaded");
  for (const Stats& st : all) {
    std::vector<double> ev, sv, w, b, p, n, rendered;
    for (const Sample& s : st.samples) {
      ev.push_back(s.to_event);
      sv.push_back(s.to_served);
      w.push_back(s.watcher);
      b.push_back(s.build);
      p.push_back(s.publish);
      n.push_back(static_cast<double>(s.reloaded));
      rendered.push_back(static_cast<double>(s.rendered));
    }
    std::printf("%-11s %-22s %-22s %-20s %-22s %-18s %-18s %s\n", st.name.c_str(), summary(ev).c_str(),
                summary(sv).c_str(), summary(w).c_str(), summary(b).c_str(), summary(p).c_str(),
                summary(rendered).c_str(), summary(n).c_str());
  }
  // Where build_site() spends its time: the median of each stage.
  std::printf("\nbuild_site() stages, median ms:\n");
  for (const Stats& st : all) {
    if (st.samples.empty()) continue;
    std::printf("%-11s", st.name.c_str());
    for (std::size_t k = 0; k < st.samples.front().stages.size(); ++k) {
      std::vector<double> v;
      for (const Sample& s : st.samples) {
        if (k < s.stages.size()) v.push_back(s.stages[k].ms);
      }
      std::sort(v.begin(), v.end());
      std::printf("  %s %.1f", st.samples.front().stages[k].name.c_str(), v[v.size() / 2]);
    }
    std::printf("\n");
  }
  server.stop();
  return ok ? 0 : 1;
}

// The central test of incremental builds: after any sequence of edits, an
// incremental build produces exactly the bytes a clean full build of the
// same sources produces, and every output whose bytes changed was rendered.
//
// A site is generated, built, then edited at random (body text, title, date,
// tags, a front-matter field, add / remove / rename a page, a template or
// partial, the config, a data file, a touch without change) and rebuilt
// incrementally after each edit. BENGAL_DIFF_SEED and BENGAL_DIFF_STEPS
// override the seed and the step count; a failure prints the seed and the
// edit history.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <random>
#include <set>

#include "build/build.h"
#include "core/fs.h"

namespace bengal::testing {
namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr int kDefaultSteps = 60;  // sanitizers make each build ~10x slower
#else
constexpr int kDefaultSteps = 300;
#endif

constexpr const char* kSections[] = {"blog", "docs", "notes"};
constexpr const char* kTags[] = {"go", "rust", "release", "howto", "c++"};
constexpr const char* kWords[] = {"alpha", "beta", "gamma", "delta", "site", "build", "page", "cache", "fast",
                                  "render", "fact", "graph", "node", "template", "list", "tree"};

class SiteEditor {
 public:
  explicit SiteEditor(std::uint64_t seed) : rng_(seed) {}

  std::string words(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) {
      if (i) out += ' ';
      out += kWords[pick(std::size(kWords))];
    }
    return out;
  }

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }

  std::string page_text(const std::string& title) {
    std::string text = "---\ntitle: \"" + title + "\"\ndate: 2024-0" + std::to_string(1 + pick(9)) + "-1" +
                       std::to_string(pick(10)) + "T10:00:00Z\ntags: [" + kTags[pick(5)] + ", " + kTags[pick(5)] +
                       "]\nweight: " + std::to_string(pick(4)) + "\ndescription: " + words(3) + "\n---\n";
    text += words(8) + ".\n\n## " + words(2) + "\n\n" + words(12) + ". See [[" + kSections[pick(3)] + "/p" +
            std::to_string(pick(12)) + ".md]].\n\n```python\nprint('" + words(1) + "')\n```\n";
    return text;
  }

  void create(MemoryFileSystem& fs) {
    fs.set_file("site/bengal.toml",
                "title = \"Diff\"\nbase_url = \"https://diff.example/\"\npaginate = 4\n[params]\ntagline = \"t0\"\n"
                "[[menu.main]]\nname = \"Blog\"\nurl = \"/blog/\"\n");
    fs.set_file("site/data/team.yaml", "lead: Ann\n");
    fs.set_file("site/templates/partials/footer.html",
                "<footer>{{ site.params.tagline }} {{ site.data.team.lead }}</footer>\n");
    fs.set_file("site/static/robots-note.txt", "static file\n");
    for (const char* s : kSections) {
      fs.set_file(std::string("site/content/") + s + "/_index.md", "---\ntitle: " + std::string(s) + "\n---\n");
      for (int i = 0; i < 6; ++i) {
        pages_.push_back(std::string("site/content/") + s + "/p" + std::to_string(i) + ".md");
        fs.set_file(pages_.back(), page_text(words(2)));
      }
    }
  }

  // Applies one random edit; returns a description for the failure log.
  std::string edit(MemoryFileSystem& fs) {
    auto some_page = [&]() -> std::string& { return pages_[pick(pages_.size())]; };
    auto replace_line = [&](const std::string& path, const std::string& key, const std::string& value) {
      std::string text = *fs.read_file(path);
      std::size_t at = text.find("\n" + key + ":");
      if (at == std::string::npos) return;
      std::size_t end = text.find('\n', at + 1);
      text.replace(at + 1, end - at - 1, key + ": " + value);
      fs.set_file(path, text);
    };
    switch (pick(12)) {
      case 0: {  // body text
        std::string& p = some_page();
        fs.set_file(p, *fs.read_file(p) + "\n" + words(6) + ".\n");
        return "body " + p;
      }
      case 1: {
        std::string& p = some_page();
        replace_line(p, "title", "\"" + words(2) + "\"");
        return "title " + p;
      }
      case 2: {
        std::string& p = some_page();
        replace_line(p, "date", "2025-0" + std::to_string(1 + pick(9)) + "-2" + std::to_string(pick(8)));
        return "date " + p;
      }
      case 3: {
        std::string& p = some_page();
        replace_line(p, "tags", std::string("[") + kTags[pick(5)] + "]");
        return "tags " + p;
      }
      case 4: {
        std::string& p = some_page();
        replace_line(p, pick(2) ? "description" : "weight", pick(2) ? words(2) : std::to_string(pick(5)));
        return "field " + p;
      }
      case 5: {
        std::string p = std::string("site/content/") + kSections[pick(3)] + "/new" + std::to_string(next_id_++) + ".md";
        fs.set_file(p, page_text(words(2)));
        pages_.push_back(p);
        return "add " + p;
      }
      case 6: {
        if (pages_.size() < 4) return "skip remove";
        std::size_t i = pick(pages_.size());
        std::string p = pages_[i];
        (void)fs.remove_file(p);
        pages_.erase(pages_.begin() + static_cast<std::ptrdiff_t>(i));
        return "remove " + p;
      }
      case 7: {
        std::size_t i = pick(pages_.size());
        std::string from = pages_[i];
        std::string to = std::string("site/content/") + kSections[pick(3)] + "/moved" + std::to_string(next_id_++) + ".md";
        fs.set_file(to, *fs.read_file(from));
        (void)fs.remove_file(from);
        pages_[i] = to;
        return "rename " + from + " -> " + to;
      }
      case 8:
        fs.set_file("site/templates/partials/footer.html",
                    "<footer>" + words(1) + " {{ site.params.tagline }} {{ site.data.team.lead }}</footer>\n");
        return "template partials/footer.html";
      case 9: {
        std::string text = *fs.read_file("site/bengal.toml");
        std::size_t at = text.find("tagline = ");
        text.replace(at, text.find('\n', at) - at, "tagline = \"" + words(1) + "\"");
        if (pick(3) == 0) text.replace(text.find("paginate = "), 12, "paginate = " + std::to_string(2 + pick(4)));
        fs.set_file("site/bengal.toml", text);
        return "config";
      }
      case 10:
        fs.set_file("site/data/team.yaml", "lead: " + words(1) + "\n");
        return "data team.yaml";
      default: {
        std::string& p = some_page();
        fs.set_file(p, *fs.read_file(p));  // same bytes, new mtime
        return "touch " + p;
      }
    }
  }

 private:
  std::mt19937_64 rng_;
  std::vector<std::string> pages_;
  int next_id_ = 0;
};

// The site's file system as serve's overlay presents it to a resident
// build: nobody but the build writes the output, which the plan may then
// take on trust (FileSystem::exclusive). True here: the test only reads it.
class ExclusiveOutput final : public FileSystem {
 public:
  explicit ExclusiveOutput(MemoryFileSystem& fs) : fs_(fs) {}
  Result<std::string> read_file(const std::string& path) const override { return fs_.read_file(path); }
  FileInfo stat(const std::string& path) const override { return fs_.stat(path); }
  Result<std::vector<DirEntry>> list_dir(const std::string& dir) const override { return fs_.list_dir(dir); }
  Status write_file(const std::string& path, std::string_view bytes) override { return fs_.write_file(path, bytes); }
  Status remove_file(const std::string& path) override { return fs_.remove_file(path); }
  Status remove_tree(const std::string& path) override { return fs_.remove_tree(path); }
  Status make_dirs(const std::string& path) override { return fs_.make_dirs(path); }
  void prune_empty_dirs(const std::string& dir, const std::string& stop) override { fs_.prune_empty_dirs(dir, stop); }
  bool exclusive(const std::string& dir) const override {
    return dir == "site/public" || dir.rfind("site/public/", 0) == 0;
  }

 private:
  MemoryFileSystem& fs_;
};

// `resident`: the builds share one BuildState and keep the cache in memory,
// as `bengal serve` does (the snapshot frame and fact hashes carry over).
// `changed`: the paths a watcher would report since the last build.
build::BuildResult build(MemoryFileSystem& fs, bool incremental, build::BuildState* resident = nullptr,
                         const std::vector<std::string>* changed = nullptr) {
  build::BuildOptions o;
  o.changed = changed;
  o.source_dir = "site";
  o.jobs = 2;
  o.incremental = incremental;
  o.state = resident;
  o.save_cache = resident == nullptr;
  ExclusiveOutput overlay(fs);
  build::BuildResult r = resident != nullptr ? build::build_site(overlay, o) : build::build_site(fs, o);
  if (resident != nullptr) resident->release();
  return r;
}

std::map<std::string, std::string> outputs(const MemoryFileSystem& fs) {
  std::map<std::string, std::string> out;
  for (const std::string& f : fs.all_files()) {
    if (f.rfind("site/public/", 0) == 0) out[f.substr(12)] = *fs.read_file(f);
  }
  return out;
}

// The site's sources (not its output or cache), by site-relative path.
std::map<std::string, std::string> sources(const MemoryFileSystem& fs) {
  std::map<std::string, std::string> out;
  for (const std::string& f : fs.all_files()) {
    if (f.rfind("site/public/", 0) == 0 || f.rfind("site/.bengal/", 0) == 0) continue;
    out[f.substr(5)] = *fs.read_file(f);
  }
  return out;
}

// What a watcher reports between two states: every file added, removed or
// rewritten with other bytes.
std::vector<std::string> changed_paths(const std::map<std::string, std::string>& a,
                                       const std::map<std::string, std::string>& b) {
  std::vector<std::string> out;
  for (const auto& [path, bytes] : a) {
    auto it = b.find(path);
    if (it == b.end() || it->second != bytes) out.push_back(path);
  }
  for (const auto& [path, bytes] : b) {
    if (!a.count(path)) out.push_back(path);
  }
  return out;
}

// A fresh file system holding only the site's sources (no output, no cache).
void copy_sources(const MemoryFileSystem& from, MemoryFileSystem& to) {
  for (const std::string& f : from.all_files()) {
    if (f.rfind("site/public/", 0) == 0 || f.rfind("site/.bengal/", 0) == 0) continue;
    to.set_file(f, *from.read_file(f));
  }
}

void run_differential(build::BuildState* resident) {
  std::uint64_t seed = 20261122;
  int steps = kDefaultSteps;
  if (const char* s = std::getenv("BENGAL_DIFF_SEED")) seed = std::strtoull(s, nullptr, 10);
  if (const char* s = std::getenv("BENGAL_DIFF_STEPS")) steps = std::atoi(s);
  SiteEditor editor(seed);
  MemoryFileSystem site;
  editor.create(site);
  build::BuildResult first = build(site, true, resident);
  ASSERT_EQ(first.stats.errors, 0u);
  std::vector<std::string> history;
  std::size_t rendered_total = 0, skipped_total = 0;
  for (int step = 0; step < steps; ++step) {
    std::map<std::string, std::string> sources_before = sources(site);
    history.push_back(editor.edit(site));
    std::map<std::string, std::string> before = outputs(site);
    // Resident builds are told what changed, as serve's watcher tells them.
    std::vector<std::string> changed = changed_paths(sources_before, sources(site));
    build::BuildResult inc = build(site, true, resident, resident ? &changed : nullptr);
    MemoryFileSystem clean;
    copy_sources(site, clean);
    build::BuildResult full = build(clean, false);
    std::map<std::string, std::string> got = outputs(site);
    std::map<std::string, std::string> want = outputs(clean);
    std::string context = "seed " + std::to_string(seed) + ", step " + std::to_string(step) + ", edits:";
    for (const auto& h : history) context += "\n  " + h;
    ASSERT_EQ(inc.stats.errors, full.stats.errors) << context;
    // Same set of files with the same bytes.
    for (const auto& [path, bytes] : want) {
      auto it = got.find(path);
      ASSERT_NE(it, got.end()) << "missing " << path << "\n" << context;
      if (it->second != bytes) {
        // Show the first differing line of each side rather than both files.
        std::size_t at = 0;
        while (at < bytes.size() && at < it->second.size() && bytes[at] == it->second[at]) ++at;
        std::size_t from = bytes.rfind('\n', at) == std::string::npos ? 0 : bytes.rfind('\n', at) + 1;
        FAIL() << "differs: " << path << "\n  full build:  " << bytes.substr(from, bytes.find('\n', at) - from)
               << "\n  incremental: " << it->second.substr(from, it->second.find('\n', at) - from) << "\n"
               << context;
      }
    }
    for (const auto& [path, bytes] : got) {
      ASSERT_TRUE(want.count(path)) << "stale output " << path << "\n" << context;
    }
    // Every rendered output whose bytes changed was rendered this step.
    std::set<std::string> rendered;
    for (const auto& e : inc.explanations) rendered.insert(e.output);
    for (const auto& [path, bytes] : got) {
      auto old = before.find(path);
      bool changed = old == before.end() || old->second != bytes;
      bool copied = path == "robots-note.txt" || path.rfind("css/", 0) == 0 || path.rfind("js/", 0) == 0;
      if (changed && !copied) {
        ASSERT_TRUE(rendered.count(path)) << "changed but not rendered: " << path << "\n" << context;
      }
    }
    rendered_total += inc.stats.outputs_rendered;
    skipped_total += inc.stats.outputs_skipped;
  }
  // The point of it all: most outputs were not rendered again.
  EXPECT_GT(skipped_total, rendered_total) << "seed " << seed;
  std::printf("incremental differential%s: %d steps, seed %llu, %zu outputs rendered, %zu skipped\n",
              resident ? " (resident)" : "", steps, static_cast<unsigned long long>(seed), rendered_total,
              skipped_total);
}

TEST(IncrementalDifferential, EveryStepMatchesAFullBuildAndRendersEveryChangedOutput) { run_differential(nullptr); }

// The same edits with the state `bengal serve` keeps between builds.
TEST(IncrementalDifferential, ResidentBuildsMatchTooAsServeRunsThem) {
  build::BuildState state;
  run_differential(&state);
}

}  // namespace
}  // namespace bengal::testing

// build_site(): the whole pipeline as a list of named, timed stages
//
//   config → discover → assemble → parse → freeze → plan → render →
//   postprocess → commit
//
// Each stage is a call into the code that owns it; build.cc only sequences
// them, times them and collects their diagnostics. A bad page is reported and
// skipped; the build goes on and BuildResult says it failed.
//
// Builds are incremental: the build cache (<site>/.bengal) tells discovery
// which files are unchanged, the parse stage which bodies are, and the plan
// stage which outputs' recorded inputs are; only dirty outputs render.
//
// Thread-safety: one build at a time per site; build_site() runs its parallel
// stages on its own ThreadPool.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/diagnostic.h"
#include "core/fs.h"
#include "core/progress.h"

namespace bengal::build {

// What a build leaves behind for the next one in the same process.
//
// `bengal serve` keeps one and writes no cache.bin (a *resident* build): the
// next build starts from the build cache as this build left it, and also
// from the tree's listing and pages, the snapshot frame, the theme and its
// templates, who reads each fact and the fact hashes it can prove unchanged
// (docs/architecture.md, "Resident builds"). The large
// structures a build frees at its end (snapshot, site, old cache records)
// are retained instead, for the owner to free off the latency path with
// release(). `bengal build` keeps one it never releases, because the process
// exits right after and tearing down a 10,000-page site costs more than the
// rest of a no-op build.
//
// Thread-safety: used by one build at a time; release() not during a build.
class BuildState {
 public:
  BuildState() = default;
  BuildState(const BuildState&) = delete;
  BuildState& operator=(const BuildState&) = delete;

  // Frees what the last build retained (the resident cache stays).
  void release() { retained_.clear(); }

 private:
  friend struct BuildStateAccess;
  std::string cache_dir_;                              // whose cache this is
  std::shared_ptr<void> cache_;                        // incremental::BuildCache
  std::shared_ptr<void> frame_memo_;                   // the last snapshot frame and its inputs
  std::shared_ptr<void> listing_;                      // content::Listing: the files discovery listed
  std::shared_ptr<void> theme_memo_;                   // the last theme and compiled templates
  std::shared_ptr<void> parse_memo_;                   // ParseMemo: the last parse's bodies
  std::vector<std::shared_ptr<void>> retained_;
};

struct BuildOptions {
  std::string source_dir = ".";  // site root
  std::string output_dir;        // empty: the config's output_dir under the site root
  unsigned jobs = 0;             // 0: the config's build.jobs, else every core
  bool drafts = false;
  bool future = false;
  std::string base_url;          // overrides the config when set
  bool strict = false;           // warnings fail the build
  bool incremental = true;       // false: render everything (--no-incremental)
  config::Environment env;       // BENGAL_* overrides
  Progress* progress = nullptr;
  // Takes the site's build lock (<cache_dir>/lock on the real disk) for the
  // whole build; `on_lock_wait` is told when another build holds it.
  bool lock_site = false;
  std::function<void(long holder_pid)> on_lock_wait;
  // Kept across builds (see BuildState); null: load and free everything.
  BuildState* state = nullptr;
  // Resident builds (`state` set, `save_cache` false): the paths (relative
  // to source_dir) that changed since the last build with this state, as a
  // file watcher saw them; discovery then patches its last listing instead
  // of walking the tree. Null: not known.
  const std::vector<std::string>* changed = nullptr;
  // Writes <cache_dir>/cache.bin. A resident BuildState makes it optional.
  bool save_cache = true;
};

struct StageTiming {
  std::string name;
  double ms = 0;
};

struct BuildStats {
  std::size_t pages = 0;              // content pages in the site
  std::size_t pages_parsed = 0;       // page bodies parsed (the rest came from the build cache)
  std::size_t outputs_rendered = 0;   // files rendered this build
  std::size_t outputs_skipped = 0;    // files whose inputs did not change (not rendered)
  std::size_t outputs_written = 0;    // files whose bytes changed on disk
  std::size_t outputs_unchanged = 0;  // files left untouched (same bytes)
  std::size_t outputs_removed = 0;    // stale outputs deleted
  std::size_t files_copied = 0;       // static files and resources (written or unchanged)
  std::size_t facts_hashed = 0;       // facts hashed (the others kept the hash they had: same frame, same body)
  bool site_loaded = false;           // the assembled site came from the frame store (build/frame_store.h)
  std::size_t errors = 0;
  std::size_t warnings = 0;
  unsigned threads = 0;
  double wall_ms = 0;
  std::vector<StageTiming> stages;
};

// Why an output was rendered (`--explain`).
struct Explanation {
  std::string output;  // output-relative path
  std::string reason;  // "new output", "template partials/nav.html changed", ...
};

struct BuildResult {
  BuildStats stats;
  DiagnosticList diagnostics;  // sorted by file, line
  std::string output_dir;
  std::vector<std::string> notices;  // one-line remarks ("build cache damaged; full build")
  std::vector<Explanation> explanations;  // one per rendered output, in schedule order
  bool strict = false;

  bool failed() const { return stats.errors > 0 || (strict && stats.warnings > 0); }
};

BuildResult build_site(FileSystem& fs, const BuildOptions& options);

// The stats as one JSON object (the `--stats=json` contract).
std::string stats_json(const BuildStats& stats);
// The explanations as a JSON array (`--explain=json`).
std::string explanations_json(const std::vector<Explanation>& explanations);

}  // namespace bengal::build

// build_site(): the whole pipeline as a list of named, timed stages
//
//   config → discover → assemble → parse → freeze → plan → render →
//   postprocess → commit
//
// Each stage is a call into the component that owns it; this file only
// sequences them, times them and collects their diagnostics. A bad page is
// reported and skipped; the build goes on and BuildResult says it failed.
//
// Thread-safety: one build at a time per site; build_site() runs its parallel
// stages on its own ThreadPool.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "core/diagnostic.h"
#include "core/fs.h"
#include "core/progress.h"

namespace bengal::build {

struct BuildOptions {
  std::string source_dir = ".";  // site root
  std::string output_dir;        // empty: the config's output_dir under the site root
  unsigned jobs = 0;             // 0: the config's build.jobs, else every core
  bool drafts = false;
  bool future = false;
  std::string base_url;          // overrides the config when set
  bool strict = false;           // warnings fail the build
  config::Environment env;       // BENGAL_* overrides
  Progress* progress = nullptr;
};

struct StageTiming {
  std::string name;
  double ms = 0;
};

struct BuildStats {
  std::size_t pages = 0;              // content pages in the site
  std::size_t outputs_rendered = 0;   // files rendered this build
  std::size_t outputs_written = 0;    // files whose bytes changed on disk
  std::size_t outputs_unchanged = 0;  // files left untouched (same bytes)
  std::size_t outputs_removed = 0;    // stale outputs deleted
  std::size_t files_copied = 0;       // static files and resources (written or unchanged)
  std::size_t errors = 0;
  std::size_t warnings = 0;
  unsigned threads = 0;
  double wall_ms = 0;
  std::vector<StageTiming> stages;
};

struct BuildResult {
  BuildStats stats;
  DiagnosticList diagnostics;  // sorted by file, line
  std::string output_dir;
  std::vector<std::string> notices;  // one-line remarks ("build cache damaged; full build")
  bool strict = false;

  bool failed() const { return stats.errors > 0 || (strict && stats.warnings > 0); }
};

BuildResult build_site(FileSystem& fs, const BuildOptions& options);

// The stats as one JSON object (the `--stats=json` contract).
std::string stats_json(const BuildStats& stats);

}  // namespace bengal::build

#include "build/build.h"

#include <atomic>
#include <map>
#include <memory>
#include <set>

#include "content/discover.h"
#include "content/site.h"
#include "core/text.h"
#include "core/thread_pool.h"
#include "core/timer.h"
#include "highlight/registry.h"
#include "incremental/build_cache.h"
#include "incremental/output_writer.h"
#include "postprocess/copy.h"
#include "render/body_parser.h"
#include "render/pipeline.h"
#include "render/theme.h"
#include "snapshot/snapshot.h"

namespace bengal::build {

namespace {

// Times one stage into the stats.
class StageTimer {
 public:
  StageTimer(BuildStats& stats, std::string name) : stats_(stats), name_(std::move(name)) {}
  ~StageTimer() { stats_.stages.push_back({std::move(name_), watch_.elapsed_ms()}); }

 private:
  BuildStats& stats_;
  std::string name_;
  Stopwatch watch_;
};

// Which fingerprinted theme assets the rendered outputs asked for
// (asset_url); one per worker, merged after the render stage.
class AssetUse final : public render::ReadObserver {
 public:
  explicit AssetUse(std::size_t assets) : used_(assets, false) {}
  void on_read(render::ObjectKind kind, std::uint64_t subject, std::string_view) override {
    if (kind == render::ObjectKind::kAsset && subject < used_.size()) used_[subject] = true;
  }
  const std::vector<bool>& used() const { return used_; }

 private:
  std::vector<bool> used_;
};

struct Outputs {
  std::map<std::string, incremental::OutputRecord> records;  // this build's outputs
  std::map<std::string, std::string> owner;                  // output path -> who produced it
};

void count(BuildStats& stats, incremental::WriteOutcome outcome) {
  if (outcome == incremental::WriteOutcome::kWritten) ++stats.outputs_written;
  if (outcome == incremental::WriteOutcome::kUnchanged) ++stats.outputs_unchanged;
}

}  // namespace

BuildResult build_site(FileSystem& fs, const BuildOptions& options) {
  Stopwatch wall;
  BuildResult result;
  result.strict = options.strict;
  BuildStats& stats = result.stats;
  DiagnosticList& diags = result.diagnostics;
  Progress quiet;
  Progress& progress = options.progress ? *options.progress : quiet;
  const std::string& root = options.source_dir;

  // --- config ---------------------------------------------------------------
  auto config = std::make_shared<config::Config>();
  {
    StageTimer t(stats, "config");
    config::LoadResult loaded = config::load(fs, root, options.env);
    *config = std::move(loaded.config);
    diags.append(std::move(loaded.diagnostics));
    if (!options.base_url.empty()) {
      config->base_url = options.base_url;
      if (config->base_url.back() != '/') config->base_url += '/';
    }
    if (options.drafts) config->drafts = true;
    if (options.future) config->future = true;
  }
  if (diags.error_count() > 0) {
    // Without a valid config nothing can be built correctly.
    diags.sort();
    stats.errors = diags.error_count();
    stats.warnings = diags.warning_count();
    stats.wall_ms = wall.elapsed_ms();
    return result;
  }
  result.output_dir = options.output_dir.empty() ? join_path(root, config->output_dir) : options.output_dir;
  unsigned jobs = options.jobs != 0 ? options.jobs : config->jobs;
  ThreadPool pool(jobs);
  stats.threads = pool.size();

  // --- discover ---------------------------------------------------------------
  content::DiscoverResult disc;
  {
    StageTimer t(stats, "discover");
    disc = content::discover(fs, root, *config, pool);
    diags.append(std::move(disc.diagnostics));
  }

  // --- assemble ---------------------------------------------------------------
  content::Site site;
  {
    StageTimer t(stats, "assemble");
    content::AssembleOptions opts{config->drafts, config->future, config->expired, now_utc()};
    site = content::assemble(disc, *config, opts);
    diags.append(std::move(site.diagnostics));
    stats.pages = site.regular_pages.size();
  }

  // --- parse -------------------------------------------------------------------
  std::vector<snapshot::PageBody> bodies(site.pages.size());
  {
    StageTimer t(stats, "parse");
    progress.begin_stage("parse", site.pages.size());
    highlight::Registry highlighter = highlight::Registry::with_builtins();
    highlighter.freeze();
    render::BodyParser::Shared shared{*config, fs, join_path(root, config->content_dir), site, highlighter};
    std::vector<std::unique_ptr<render::BodyParser>> parsers;
    for (unsigned w = 0; w < pool.size(); ++w) parsers.push_back(std::make_unique<render::BodyParser>(shared));
    std::vector<DiagnosticList> page_diags(site.pages.size());
    pool.parallel_for(site.pages.size(), [&](std::size_t i, unsigned worker) {
      const content::Page& page = site.pages[i];
      if (page.source >= 0) {
        content::SourcePage& src = disc.pages[static_cast<std::size_t>(page.source)];
        parsers[worker]->parse(src, page, bodies[i], page_diags[i]);
        // Parsed: the source bytes and the untyped front matter are no longer
        // needed, and holding them would double peak memory on large sites.
        std::string().swap(src.raw);
        src.front_matter = Data();
      }
      progress.advance();
    });
    // One warning per unknown fence language, naming the first page (in
    // path order, whatever worker met it first).
    std::map<std::string, std::string> unknown;
    for (const auto& p : parsers) {
      for (const auto& [lang, file] : p->unknown_languages()) {
        auto [it, fresh] = unknown.emplace(lang, file);
        if (!fresh && file < it->second) it->second = file;
      }
    }
    for (const auto& [lang, file] : unknown) {
      diags.add(make_warning({file, 0, 0}, "no syntax highlighter for code language '" + lang + "'; shown as plain text",
                             "see `bengal highlight --help` for the language names"));
    }
    for (auto& d : page_diags) diags.append(std::move(d));
    progress.end_stage();
  }

  // --- freeze ------------------------------------------------------------------
  // The snapshot and the compiled templates are frozen together.
  std::unique_ptr<const snapshot::SiteSnapshot> snap;
  std::unique_ptr<render::Theme> theme;
  std::unique_ptr<render::SiteTemplates> templates;
  {
    StageTimer t(stats, "freeze");
    theme = render::Theme::load(fs, root, *config, diags);
    templates = render::SiteTemplates::build(*theme, *config);
    std::vector<snapshot::PageSource> sources;
    sources.reserve(disc.pages.size());
    for (content::SourcePage& p : disc.pages) {
      sources.push_back({p.rel_path, p.display_path, p.hash});
    }
    snap = std::make_unique<const snapshot::SiteSnapshot>(config, std::move(site), std::move(bodies),
                                                          std::move(sources),
                                                          snapshot::make_site_data(disc.data_files), now_utc());
    for (const Diagnostic& d : snap->schedule_diagnostics().items()) diags.add(d);
  }

  // --- plan ----------------------------------------------------------------------
  std::string cache_dir = join_path(root, config->cache_dir);
  incremental::BuildCache previous;
  std::vector<std::size_t> dirty;
  {
    StageTimer t(stats, "plan");
    std::string notice;
    previous = incremental::load_cache(fs, cache_dir, notice);
    if (!notice.empty()) result.notices.push_back(notice);
    if (previous.output_dir != result.output_dir) previous.outputs.clear();  // records describe another dir
    // Every output is rendered; the writer leaves unchanged bytes alone.
    dirty.resize(snap->schedule().size());
    for (std::size_t i = 0; i < dirty.size(); ++i) dirty[i] = i;
  }

  // --- render ----------------------------------------------------------------------
  // Pages render first; whole-site outputs (feeds, sitemap, search index, ...)
  // render in postprocess with the same pipelines.
  incremental::OutputWriter writer(fs, result.output_dir, previous);
  Outputs outputs;
  std::vector<AssetUse> asset_use;
  std::vector<std::unique_ptr<render::RenderPipeline>> pipelines;
  for (unsigned w = 0; w < pool.size(); ++w) {
    pipelines.push_back(std::make_unique<render::RenderPipeline>(*snap, *templates));
    asset_use.emplace_back(theme->assets().size());
  }
  auto run_jobs = [&](const std::vector<std::size_t>& jobs) {
    const auto& schedule = snap->schedule();
    struct JobResult {
      incremental::WriteOutcome outcome = incremental::WriteOutcome::kFailed;
      incremental::OutputRecord record;
      DiagnosticList diags;
    };
    std::vector<JobResult> results(jobs.size());
    pool.parallel_for(jobs.size(), [&](std::size_t i, unsigned worker) {
      const snapshot::RenderJob& job = schedule[jobs[i]];
      JobResult& r = results[i];
      std::string_view bytes;
      if (pipelines[worker]->render(job, bytes, r.diags, &asset_use[worker])) {
        r.outcome = writer.commit(job.output_path, bytes, r.record, r.diags);
      }
      progress.advance();
    });
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      const snapshot::RenderJob& job = schedule[jobs[i]];
      JobResult& r = results[i];
      diags.append(std::move(r.diags));
      if (r.outcome == incremental::WriteOutcome::kFailed) continue;
      ++stats.outputs_rendered;
      count(stats, r.outcome);
      outputs.records[job.output_path] = r.record;
    }
  };
  std::vector<std::size_t> page_jobs, site_jobs;
  for (std::size_t i : dirty) {
    (snap->schedule()[i].kind == snapshot::OutputKind::kPage ? page_jobs : site_jobs).push_back(i);
  }
  for (const snapshot::RenderJob& job : snap->schedule()) {
    const snapshot::PageSource* src = snap->source(job.page);
    outputs.owner.emplace(job.output_path, src ? src->display_path : "page " + snap->page(job.page).url);
  }
  {
    StageTimer t(stats, "render");
    progress.begin_stage("render", page_jobs.size());
    run_jobs(page_jobs);
    progress.end_stage();
  }

  // --- postprocess -------------------------------------------------------------------
  {
    StageTimer t(stats, "postprocess");
    run_jobs(site_jobs);
    std::vector<bool> used(theme->assets().size(), false);
    for (const AssetUse& u : asset_use) {
      for (std::size_t i = 0; i < used.size(); ++i) used[i] = used[i] || u.used()[i];
    }
    for (const postprocess::Copy& c : postprocess::plan_copies(root, *config, disc, snap->site(), *theme, used,
                                                               outputs.owner, diags)) {
      std::string bytes;
      if (c.bytes == nullptr) {
        auto read = fs.read_file(c.from);
        if (!read.ok()) {
          diags.add(std::move(read).error());
          continue;
        }
        bytes = std::move(read).value();
      }
      incremental::OutputRecord rec;
      auto outcome = writer.commit(c.to, c.bytes ? *c.bytes : bytes, rec, diags);
      if (outcome == incremental::WriteOutcome::kFailed) continue;
      outputs.records[c.to] = rec;
      ++stats.files_copied;
      count(stats, outcome);
    }
  }

  // --- commit --------------------------------------------------------------------------
  {
    StageTimer t(stats, "commit");
    stats.outputs_removed = writer.remove_stale(outputs.records, diags);
    incremental::BuildCache next;
    next.output_dir = result.output_dir;
    next.outputs = std::move(outputs.records);
    if (auto s = incremental::save_cache(fs, cache_dir, next); !s.ok()) {
      Diagnostic d = std::move(s).error();
      d.severity = Severity::kWarning;
      d.hint = "the next build will be a full build";
      diags.add(std::move(d));
    }
  }

  diags.sort();
  diags.dedupe();
  stats.errors = diags.error_count();
  stats.warnings = diags.warning_count();
  stats.wall_ms = wall.elapsed_ms();
  return result;
}

std::string stats_json(const BuildStats& s) {
  std::string out = "{";
  auto num = [&](std::string_view key, double v, bool integer) {
    out += '"';
    out += key;
    out += "\":";
    char buf[32];
    std::snprintf(buf, sizeof buf, integer ? "%.0f" : "%.3f", v);
    out += buf;
    out += ',';
  };
  num("pages", static_cast<double>(s.pages), true);
  num("outputs_rendered", static_cast<double>(s.outputs_rendered), true);
  num("outputs_written", static_cast<double>(s.outputs_written), true);
  num("outputs_unchanged", static_cast<double>(s.outputs_unchanged), true);
  num("outputs_removed", static_cast<double>(s.outputs_removed), true);
  num("files_copied", static_cast<double>(s.files_copied), true);
  num("errors", static_cast<double>(s.errors), true);
  num("warnings", static_cast<double>(s.warnings), true);
  num("threads", s.threads, true);
  num("wall_ms", s.wall_ms, false);
  out += "\"stages\":{";
  for (std::size_t i = 0; i < s.stages.size(); ++i) {
    if (i) out += ',';
    out += '"';
    append_json_escaped(out, s.stages[i].name);
    out += "\":";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", s.stages[i].ms);
    out += buf;
  }
  out += "}}";
  return out;
}

}  // namespace bengal::build

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
#include "postprocess/site_files.h"
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

// Copies static files and page resources. A copy that would overwrite a
// rendered output is an error naming both.
void copy_files(FileSystem& fs, const std::string& site_root, const config::Config& config,
                const content::DiscoverResult& disc, const content::Site& site, incremental::OutputWriter& writer,
                Outputs& outputs, BuildStats& stats, DiagnosticList& diags) {
  std::map<std::string, const content::Page*> bundle_pages;
  for (const content::Page& p : site.pages) {
    if (!p.bundle_dir.empty()) bundle_pages.emplace(p.bundle_dir, &p);
  }
  struct Copy {
    std::string from;
    std::string display;
    std::string to;
  };
  std::vector<Copy> copies;
  for (const content::SourceFile& f : disc.static_files) {
    copies.push_back({join_path(join_path(site_root, config.static_dir), f.rel_path), f.display_path, f.rel_path});
  }
  for (const content::SourceFile& f : disc.resources) {
    // A resource inside a leaf bundle goes beside its page's output.
    std::string to = f.rel_path;
    for (std::string_view dir = parent_path(f.rel_path); !dir.empty(); dir = parent_path(dir)) {
      auto it = bundle_pages.find(std::string(dir));
      if (it == bundle_pages.end()) continue;
      std::string page_dir(parent_path(it->second->output_path));
      to = join_path(page_dir, std::string_view(f.rel_path).substr(dir.size() + 1));
      break;
    }
    copies.push_back({join_path(join_path(site_root, config.content_dir), f.rel_path), f.display_path, to});
  }
  for (const Copy& c : copies) {
    auto [it, fresh] = outputs.owner.emplace(c.to, c.display);
    if (!fresh) {
      diags.add(make_error({c.display, 0, 0}, "would overwrite " + c.to + ", which " + it->second + " produces",
                           "rename or move one of them"));
      continue;
    }
    auto bytes = fs.read_file(c.from);
    if (!bytes.ok()) {
      diags.add(std::move(bytes).error());
      continue;
    }
    incremental::OutputRecord rec;
    auto outcome = writer.commit(c.to, *bytes, rec, diags);
    if (outcome == incremental::WriteOutcome::kFailed) continue;
    outputs.records[c.to] = rec;
    ++stats.files_copied;
    count(stats, outcome);
  }
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
  incremental::OutputWriter writer(fs, result.output_dir, previous);
  Outputs outputs;
  std::vector<AssetUse> asset_use;
  {
    StageTimer t(stats, "render");
    const auto& schedule = snap->schedule();
    progress.begin_stage("render", dirty.size());
    std::vector<std::unique_ptr<render::RenderPipeline>> pipelines;
    for (unsigned w = 0; w < pool.size(); ++w) {
      pipelines.push_back(std::make_unique<render::RenderPipeline>(*snap, *templates));
      asset_use.emplace_back(theme->assets().size());
    }
    struct JobResult {
      incremental::WriteOutcome outcome = incremental::WriteOutcome::kFailed;
      incremental::OutputRecord record;
      DiagnosticList diags;
    };
    std::vector<JobResult> results(dirty.size());
    pool.parallel_for(dirty.size(), [&](std::size_t i, unsigned worker) {
      const snapshot::RenderJob& job = schedule[dirty[i]];
      JobResult& r = results[i];
      std::string_view bytes;
      if (pipelines[worker]->render(job, bytes, r.diags, &asset_use[worker])) {
        r.outcome = writer.commit(job.output_path, bytes, r.record, r.diags);
      }
      progress.advance();
    });
    progress.end_stage();
    for (std::size_t i = 0; i < dirty.size(); ++i) {
      const snapshot::RenderJob& job = schedule[dirty[i]];
      JobResult& r = results[i];
      diags.append(std::move(r.diags));
      if (r.outcome == incremental::WriteOutcome::kFailed) continue;
      ++stats.outputs_rendered;
      count(stats, r.outcome);
      outputs.records[job.output_path] = r.record;
      const snapshot::PageSource* src = snap->source(job.page);
      outputs.owner.emplace(job.output_path, src ? src->display_path : "page " + snap->page(job.page).url);
    }
  }

  // --- postprocess -------------------------------------------------------------------
  {
    StageTimer t(stats, "postprocess");
    for (postprocess::GeneratedFile& f : postprocess::generate_site_files(*snap, diags)) {
      auto [it, fresh] = outputs.owner.emplace(f.path, f.origin);
      if (!fresh) {
        diags.add(make_error({f.origin, 0, 0}, "would overwrite " + f.path + ", which " + it->second + " produces",
                             "rename or move one of them"));
        continue;
      }
      incremental::OutputRecord rec;
      auto outcome = writer.commit(f.path, f.bytes, rec, diags);
      if (outcome == incremental::WriteOutcome::kFailed) continue;
      ++stats.outputs_rendered;
      count(stats, outcome);
      outputs.records[f.path] = rec;
    }
    copy_files(fs, root, *config, disc, snap->site(), writer, outputs, stats, diags);
    for (std::size_t i = 0; i < theme->assets().size(); ++i) {
      const render::ThemeAsset& a = theme->assets()[i];
      bool used = !a.fingerprinted;
      for (const AssetUse& u : asset_use) used = used || u.used()[i];
      if (!used) continue;
      if (outputs.owner.count(a.output_path) != 0) continue;  // the site's own file wins over the theme's
      outputs.owner.emplace(a.output_path, a.display);
      incremental::OutputRecord rec;
      auto outcome = writer.commit(a.output_path, a.bytes, rec, diags);
      if (outcome == incremental::WriteOutcome::kFailed) continue;
      outputs.records[a.output_path] = rec;
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

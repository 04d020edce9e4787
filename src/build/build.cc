#include "build/build.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "build/frame_store.h"
#include "build/parse_stage.h"
#include "build/plan_stage.h"
#include "build/render_stage.h"
#include "content/discover.h"
#include "content/site.h"
#include "core/text.h"
#include "core/heap.h"
#include "core/thread_pool.h"
#include "core/timer.h"
#include "highlight/registry.h"
#include "incremental/build_cache.h"
#include "incremental/build_lock.h"
#include "incremental/build_memo.h"
#include "incremental/output_writer.h"
#include "postprocess/copy.h"
#include "render/body_parser.h"
#include "render/pipeline.h"
#include "render/provenance.h"
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

void count(BuildStats& stats, incremental::WriteOutcome outcome) {
  if (outcome == incremental::WriteOutcome::kWritten) ++stats.outputs_written;
  if (outcome == incremental::WriteOutcome::kUnchanged) ++stats.outputs_unchanged;
}

// The next build cache's fact table: every fact some output or body read,
// with its hash in this build. It starts as the previous build's table, so
// the records of outputs left alone keep their ids; facts from other tables
// (each worker's recorder, body dependencies) are translated once each.
// The cache keeps each fact's reach (what its hash read) in its own terms.
static_assert(incremental::BuildCache::kReachAnything == snapshot::ReadScope::kAnything &&
              incremental::BuildCache::kReachFrameOnly == snapshot::ReadScope::kFrameOnly);

class NextFacts {
 public:
  // A translator from `from`'s ids to this table's.
  class Mapping {
   public:
    explicit Mapping(const incremental::FactTable& from) : from_(from), to_(from.size(), kUnmapped) {}
    incremental::FactId operator()(NextFacts& next, incremental::FactId id) {
      if (id >= to_.size()) to_.resize(from_.size(), kUnmapped);
      if (to_[id] == kUnmapped) {
        // Strings are translated once each (a page's key is the subject of
        // all its fields), facts then by their two indices.
        const incremental::FactTable::Fact& f = from_.fact(id);
        std::uint32_t subject = translate(subjects_, from_.subjects(), next.table_.subjects(), f.subject);
        std::uint32_t field = translate(fields_, from_.fields(), next.table_.fields(), f.field);
        to_[id] = next.add(f.kind, subject, field);
      }
      return to_[id];
    }

   private:
    static std::uint32_t translate(std::vector<std::uint32_t>& memo, const incremental::StringTable& from,
                                   incremental::StringTable& to, std::uint32_t i) {
      if (i >= memo.size()) memo.resize(from.size(), kUnmapped);
      if (memo[i] == kUnmapped) memo[i] = to.intern(from.at(i));
      return memo[i];
    }
    static constexpr incremental::FactId kUnmapped = ~incremental::FactId{0};
    const incremental::FactTable& from_;
    std::vector<incremental::FactId> to_;
    std::vector<std::uint32_t> subjects_, fields_;
  };

  // Takes over the previous table and the plan's fact hashes:
  // `plan.computed[i]` says the plan hashed fact i against this build (its
  // hash is `plan.now[i]`); the others are hashed again if anything still
  // reads them.
  NextFacts(incremental::FactTable previous, Plan& plan)
      : table_(std::move(previous)),
        hashes_(std::move(plan.now)),
        known_(std::move(plan.computed)),
        reach_(std::move(plan.reach)) {
    hashes_.resize(table_.size());
    known_.resize(table_.size(), false);
    reach_.resize(table_.size(), snapshot::ReadScope::kAnything);
  }

  incremental::FactId add(incremental::FactKind kind, std::uint32_t subject, std::uint32_t field) {
    incremental::FactId id = table_.intern(kind, subject, field);
    if (id >= hashes_.size()) {
      hashes_.resize(id + 1);
      known_.resize(id + 1, false);
      reach_.resize(id + 1, snapshot::ReadScope::kAnything);
    }
    return id;
  }
  // Sets a hash not known yet, from `hash()` (a fact some output read keeps
  // the hash its record was made with).
  template <typename HashFn>
  void set_if_unknown(incremental::FactId id, HashFn&& hash) {
    if (known_[id]) return;
    hashes_[id] = hash();
    known_[id] = true;
  }
  // Lists the facts in `ids` not hashed yet; hash_wanted() hashes them.
  void want(const std::vector<incremental::FactId>& ids) {
    for (incremental::FactId id : ids) {
      if (!known_[id]) {
        known_[id] = true;  // listed once even when many outputs share it
        wanted_.push_back(id);
      }
    }
  }
  // Hashes the wanted facts, in parallel; returns how many.
  std::size_t hash_wanted(const render::FactResolver& resolver, const snapshot::SiteSnapshot& snap,
                          ThreadPool& pool) {
    std::vector<render::RenderHost> hosts(pool.size());
    for (auto& h : hosts) h.snap = &snap;
    pool.parallel_for(wanted_.size(), [&](std::size_t i, unsigned w) {
      incremental::FactId id = wanted_[i];
      hashes_[id] = hash_fact(resolver, table_, id, hosts[w], reach_[id]);
    });
    const std::size_t count = wanted_.size();
    wanted_.clear();
    return count;
  }
  const incremental::FactTable& table() const { return table_; }

  // Stores the table in `cache`. Facts nobody reads any more are dropped
  // once they outnumber the live ones (ids in the cache's records are
  // renumbered: returns true), so the table does not grow without bound.
  // Counting them walks every record's facts; a table that has not grown by
  // half since it was last counted (`counted_at`) is left as it is.
  bool move_into(incremental::BuildCache& cache, std::size_t counted_at) {
    bool renumbered = false;
    if (counted_at == 0 || table_.size() * 2 > counted_at * 3) {
      counted_at = table_.size();
      renumbered = compact_unless_mostly_live(cache);
    }
    cache.facts_counted_at = std::min(counted_at, table_.size());
    cache.facts = std::move(table_);
    cache.fact_hashes = std::move(hashes_);
    cache.fact_reach = std::move(reach_);
    return renumbered;
  }

 private:
  // Drops the facts no record of `cache` reads once they outnumber the live
  // ones, renumbering the records' ids.
  bool compact_unless_mostly_live(incremental::BuildCache& cache) {
    std::vector<bool> live(table_.size(), false);
    auto mark = [&](const std::vector<incremental::FactId>& ids) {
      for (incremental::FactId id : ids) live[id] = true;
    };
    for (const auto& [path, rec] : cache.outputs) mark(rec.facts);
    for (const auto& [path, body] : cache.bodies) mark(body.deps);
    std::size_t count = static_cast<std::size_t>(std::count(live.begin(), live.end(), true));
    if (count * 2 >= table_.size()) return false;
    incremental::FactTable compact;
    std::vector<Hash128> compact_hashes;
    std::vector<std::int32_t> compact_reach;
    std::vector<incremental::FactId> renumber(table_.size(), 0);
    for (incremental::FactId id = 0; id < table_.size(); ++id) {
      if (!live[id]) continue;
      renumber[id] = compact.intern(table_.kind(id), table_.subject(id), table_.field(id));
      compact_hashes.push_back(hashes_[id]);
      compact_reach.push_back(reach_[id]);
    }
    for (auto& [path, rec] : cache.outputs) {
      for (incremental::FactId& id : rec.facts) id = renumber[id];
      rec.encoded = {};  // its bytes name the old ids
    }
    for (auto& [path, body] : cache.bodies) {
      for (incremental::FactId& id : body.deps) id = renumber[id];
      // Its bytes name the old ids: the fields only they held are decoded first.
      if (body.lazy) {
        (void)incremental::decode_lazy_fields(body.encoded, body.summary_html, body.toc, body.plain_text);
        body.lazy = false;
      }
      body.encoded = {};
    }
    table_ = std::move(compact);
    hashes_ = std::move(compact_hashes);
    reach_ = std::move(compact_reach);
    return true;
  }

  incremental::FactTable table_;
  std::vector<Hash128> hashes_;
  std::vector<bool> known_;
  std::vector<std::int32_t> reach_;  // what each known hash read beyond the frame
  std::vector<incremental::FactId> wanted_;
};

// The last frame a resident build made, with what it was made from.
struct FrameMemo {
  Hash128 key;                 // the frame key of its inputs (see build_site's assemble stage)
  std::int64_t assembled_at = 0;  // the clock it was assembled with (epoch seconds)
  std::shared_ptr<const snapshot::SiteFrame> frame;
  DiagnosticList diagnostics;  // what assemble reported
  std::vector<Hash128> identities;  // Plan::identities of the frame's schedule
  ReaderIndex readers;              // who reads each fact, by schedule index
  // The output records the last build on this frame kept, by schedule index
  // (null: none), in the resident cache of generation `records_generation`
  // (the records stay where they are while the cache's map is only moved).
  std::vector<incremental::OutputRecord*> records;
  std::uint32_t records_generation = 0;
};

// The theme and its compiled templates as a resident build loaded them
// last. They read the config and the files under the templates and themes
// folders, nothing else.
struct ThemeMemo {
  Hash128 key;  // add_config() of the config they were loaded with
  std::shared_ptr<render::Theme> theme;
  std::shared_ptr<render::SiteTemplates> templates;  // compiled from `theme`
  DiagnosticList diagnostics;                        // what loading the theme reported
};

// Whether a resident build may keep `memo`: the config is the same, and the
// paths the watcher saw change (none known: anything may have) lie outside
// the templates and themes folders.
bool theme_holds(const ThemeMemo& memo, const Hash128& config_key, const config::Config& config,
                 const std::vector<std::string>* changed) {
  if (memo.theme == nullptr || memo.key != config_key || changed == nullptr) return false;
  // The changed paths can be compared only with folders named as plain
  // paths under the site root, as discovery compares its own.
  if (!is_plain_relative(config.templates_dir) || !is_plain_relative(config.themes_dir)) return false;
  return std::none_of(changed->begin(), changed->end(), [&](const std::string& path) {
    return path_within(path, config.templates_dir) || path_within(path, config.themes_dir);
  });
}

// The config as this build applies it: the file, then the overrides the
// command line sets after loading it.
Hasher& add_config(Hasher& h, const config::Config& config) {
  return h.add(config.hash)
      .add(config.base_url)
      .add(std::uint64_t{config.drafts})
      .add(std::uint64_t{config.future})
      .add(std::uint64_t{config.expired});
}

// Everything assemble reads: the config, and each content file's path,
// whether it was read cleanly, and its front matter.
Hash128 assemble_key(const content::DiscoverResult& disc, const config::Config& config) {
  Hasher h;
  add_config(h, config).add(static_cast<std::uint64_t>(disc.pages.size()));
  for (const content::SourcePage& p : disc.pages) {
    h.add(p.rel_path).add(static_cast<std::uint64_t>(p.ok));
    if (p.ok) h.add(p.front_matter_hash);
  }
  return h.digest();
}

}  // namespace

struct BuildStateAccess {
  static content::Listing* listing(BuildState* state) {
    return state ? &slot<content::Listing>(state->listing_) : nullptr;
  }
  static FrameMemo* frame_memo(BuildState* state) {
    return state ? &slot<FrameMemo>(state->frame_memo_) : nullptr;
  }
  static ThemeMemo* theme_memo(BuildState* state) {
    return state ? &slot<ThemeMemo>(state->theme_memo_) : nullptr;
  }
  static ParseMemo* parse_memo(BuildState* state) {
    return state ? &slot<ParseMemo>(state->parse_memo_) : nullptr;
  }
  // A state member holding a T, made on first use.
  template <typename T>
  static T& slot(std::shared_ptr<void>& p) {
    if (p == nullptr) p = std::make_shared<T>();
    return *static_cast<T*>(p.get());
  }
  // The resident cache, if it belongs to `cache_dir`; empty otherwise.
  static std::optional<incremental::BuildCache> take_cache(BuildState* state, const std::string& cache_dir) {
    if (state == nullptr || state->cache_ == nullptr || state->cache_dir_ != cache_dir) return std::nullopt;
    auto cache = std::static_pointer_cast<incremental::BuildCache>(std::move(state->cache_));
    state->cache_.reset();
    return std::move(*cache);
  }
  static void keep_cache(BuildState& state, const std::string& cache_dir, incremental::BuildCache cache) {
    state.cache_dir_ = cache_dir;
    state.cache_ = std::make_shared<incremental::BuildCache>(std::move(cache));
  }
  template <typename T>
  static void retain(BuildState& state, T&& value) {
    state.retained_.push_back(std::make_shared<std::decay_t<T>>(std::forward<T>(value)));
  }
};

BuildResult build_site(FileSystem& fs, const BuildOptions& options) {
  Stopwatch wall;
  BuildResult result;
  result.strict = options.strict;
  BuildStats& stats = result.stats;
  DiagnosticList& diags = result.diagnostics;
  Progress quiet;
  Progress& progress = options.progress ? *options.progress : quiet;
  const std::string& root = options.source_dir;
  auto finish = [&]() -> BuildResult {
    diags.sort();
    diags.dedupe();
    stats.errors = diags.error_count();
    stats.warnings = diags.warning_count();
    stats.wall_ms = wall.elapsed_ms();
    return std::move(result);
  };

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
  if (diags.error_count() > 0) return finish();  // without a valid config nothing is built right
  result.output_dir = options.output_dir.empty() ? join_path(root, config->output_dir) : options.output_dir;
  const std::string content_root = join_path(root, config->content_dir);
  const std::string cache_dir = join_path(root, config->cache_dir);
  std::optional<incremental::BuildLock> lock;
  if (options.lock_site) {
    auto taken = incremental::BuildLock::acquire(cache_dir, 10 * 60 * 1000, options.on_lock_wait);
    if (!taken.ok()) {
      diags.add(std::move(taken).error());
      return finish();
    }
    lock.emplace(std::move(taken).value());
  }
  ThreadPool pool(options.jobs != 0 ? options.jobs : config->jobs);
  // A resident build (serve) keeps what it can reuse next time: the tree's
  // listing, the snapshot frame, what each fact hash read, each TOC's HTML.
  BuildState* const resident = options.save_cache ? nullptr : options.state;
  stats.threads = pool.size();

  // --- memo: a no-op proven from file stamps alone ------------------------------
  // Only for builds that keep their cache on disk (serve keeps it resident).
  // The running executable is part of the memo's key: a new Bengal (another
  // embedded theme, another Markdown engine) must not be told nothing changed.
  const FileInfo self_exe = options.save_cache ? RealFileSystem().stat("/proc/self/exe") : FileInfo{};
  const bool memo_applies = options.incremental && self_exe.exists;
  const std::string static_root = join_path(root, config->static_dir);
  // Folders discovery does not walk come first: they are stamped before
  // anything reads them. Discovery's own walk stamps content and static.
  const std::vector<std::string> memo_dirs = {join_path(root, config->data_dir), join_path(root, config->templates_dir),
                                              join_path(root, config->themes_dir), content_root, static_root};
  const std::vector<std::string> memo_early_dirs(memo_dirs.begin(), memo_dirs.begin() + 3);
  const std::vector<std::string> memo_files = {join_path(root, "bengal.toml")};
  Hash128 memo_key;
  std::vector<incremental::FileStamp> memo_inputs;
  if (memo_applies) {
    Hasher h;
    h.add(incremental::BuildCache::kVersion).add(self_exe.size).add(static_cast<std::uint64_t>(self_exe.mtime_ns));
    memo_key = add_config(h, *config).add(result.output_dir).digest();
    std::optional<incremental::BuildMemo> memo;
    {
      StageTimer t(stats, "memo");
      const std::int64_t now = now_utc().epoch_seconds;
      memo = incremental::load_memo(fs, cache_dir, memo_key, now);
      if (memo && !incremental::memo_holds(fs, *memo, memo_key, now, memo_dirs, memo_files,
                                           result.output_dir, cache_dir)) {
        memo.reset();
      }
    }
    if (memo) {
      stats.pages = memo->pages;
      stats.outputs_skipped = memo->outputs_skipped;
      stats.outputs_unchanged = memo->outputs_unchanged;
      stats.files_copied = memo->files_copied;
      return finish();
    }
    memo_inputs = incremental::stamp_inputs(fs, memo_early_dirs, memo_files);
  }
  // From here the build may change outputs: the memo no longer proves anything.
  if (options.save_cache) incremental::forget_memo(fs, cache_dir);

  // --- discover ---------------------------------------------------------------
  // The build cache is read first: it lets discovery skip unchanged files.
  incremental::BuildCache previous;
  bool use_cache = options.incremental;
  bool outputs_kept = false;  // the cache's output records are those of this build's output dir
  std::size_t previous_sources = 0;  // records in the cache loaded (they move into the next one)
  content::DiscoverResult disc;
  {
    StageTimer t(stats, "discover");
    std::string notice;
    if (auto resident = BuildStateAccess::take_cache(options.state, cache_dir)) {
      previous = std::move(*resident);
    } else {
      previous = incremental::load_cache(fs, cache_dir, notice, &pool);
    }
    if (!notice.empty()) {
      result.notices.push_back(notice);
      use_cache = false;
    }
    outputs_kept = previous.output_dir == result.output_dir;
    previous_sources = previous.sources.size();
    if (!outputs_kept) previous.outputs.clear();  // records describe another dir
    disc = content::discover(fs, root, *config, pool, use_cache ? reuse_from(previous) : content::ReuseSource(),
                             BuildStateAccess::listing(resident), options.changed);
    diags.append(std::move(disc.diagnostics));
  }

  // --- assemble ---------------------------------------------------------------
  // The assembled site and its schedule (the snapshot's frame) depend on the
  // config, the file list and each file's front matter, and on the clock
  // only through what is published when. A resident build whose inputs are
  // those of the last one keeps its frame.
  FrameMemo* const frame_memo = BuildStateAccess::frame_memo(resident);
  std::shared_ptr<const snapshot::SiteFrame> frame;
  bool frame_reused = false;  // the last (resident) build's frame, kept in memory
  // This build's frame is equal to the one the cache's fact hashes were
  // computed on: kept from the last resident build, or (a build that loaded
  // its cache) assembled now from the same inputs by the same Bengal, in the
  // window of time in which that frame held.
  bool same_frame = false;
  Hash128 frame_key;
  std::int64_t assembled_at = 0;
  bool frame_loaded = false;          // from the frame store (not assembled now)
  DiagnosticList frame_diagnostics;   // assembled now: what assembling reported, for the frame store
  std::set<std::string> files_with_errors;
  {
    StageTimer t(stats, "assemble");
    content::AssembleOptions opts{config->drafts, config->future, config->expired, now_utc(), &pool};
    // The frame key: everything assemble reads, and the Bengal that
    // assembles (a resident build's executable does not change under it).
    auto key_now = [&] {
      return Hasher()
          .add(assemble_key(disc, *config))
          .add(self_exe.size)
          .add(static_cast<std::uint64_t>(self_exe.mtime_ns))
          .digest();
    };
    frame_key = key_now();
    assembled_at = opts.now.epoch_seconds;
    // A frame made from inputs with key `key`, holding from `from` until
    // `until`, is the one this build would assemble now.
    auto holds = [&](const Hash128& key, std::int64_t from, std::int64_t until) {
      return use_cache && key == frame_key && from <= assembled_at && assembled_at < until;
    };
    auto sources = [&] {
      std::vector<snapshot::PageSource> out;
      out.reserve(disc.pages.size());
      for (const content::SourcePage& p : disc.pages) out.push_back({p.rel_path, p.display_path});
      return out;
    };
    // A build that keeps its cache on disk may find the site its inputs
    // assemble to in the frame store: then no page's front matter is decoded.
    std::optional<StoredFrame> stored;
    if (options.save_cache && use_cache && self_exe.exists) {
      std::vector<std::string_view> paths;
      paths.reserve(disc.pages.size());
      for (const content::SourcePage& p : disc.pages) paths.push_back(p.rel_path);
      stored = load_frame(fs, cache_dir, frame_key, assembled_at, paths, &pool);
    }
    // Otherwise every page's front matter, for assemble to read; a page
    // whose cached bytes did not decode was read again and may change the key.
    if (!stored && decode_front_matters(fs, content_root, *config, disc, pool, diags)) frame_key = key_now();
    DiagnosticList assembled;
    if (frame_memo != nullptr && frame_memo->frame != nullptr &&
        holds(frame_memo->key, frame_memo->assembled_at, frame_memo->frame->site().visibility_changes_at)) {
      frame = frame_memo->frame;
      frame_reused = same_frame = true;
      assembled_at = frame_memo->assembled_at;
      assembled = frame_memo->diagnostics;
    } else if (stored) {
      frame_loaded = stats.site_loaded = true;
      assembled_at = stored->from;
      assembled = std::move(stored->diagnostics);
      frame = std::make_shared<const snapshot::SiteFrame>(config, std::move(stored->site), sources(),
                                                          std::move(stored->schedule),
                                                          std::move(stored->schedule_diagnostics));
      same_frame = holds(previous.frame_key, previous.frame_from, previous.frame_until);
    } else {
      content::Site site = content::assemble(disc, *config, opts);
      assembled = std::move(site.diagnostics);
      site.diagnostics = DiagnosticList();
      frame = std::make_shared<const snapshot::SiteFrame>(config, std::move(site), sources());
      if (frame_memo != nullptr) *frame_memo = FrameMemo{frame_key, assembled_at, frame, assembled};
      if (options.save_cache) frame_diagnostics = assembled;
      same_frame = resident == nullptr && self_exe.exists &&
                   holds(previous.frame_key, previous.frame_from, previous.frame_until);
    }
    // A file with front-matter errors is read again next time, so its
    // diagnostics keep their line and excerpt.
    for (const Diagnostic& d : assembled.items()) {
      if (d.is_error()) files_with_errors.insert(d.location.file);
    }
    diags.append(std::move(assembled));
    stats.pages = frame->site().regular_pages.size();
  }
  const content::Site& site = frame->site();

  // --- parse -------------------------------------------------------------------
  highlight::Registry highlighter = highlight::Registry::with_builtins();
  highlighter.freeze();
  ParseOutput parsed;
  {
    StageTimer t(stats, "parse");
    const ParseReuse reuse{use_cache, same_frame, previous.generation + 1, BuildStateAccess::parse_memo(resident),
                           frame};
    parsed = parse_pages(fs, content_root, *config, disc, site, highlighter, previous, reuse, pool, progress, diags);
    stats.pages_parsed = parsed.parsed;
  }

  // --- freeze ------------------------------------------------------------------
  // The snapshot and the compiled templates are frozen together.
  std::unique_ptr<snapshot::SiteSnapshot> snap;
  const RecordFacts record_facts(&parsed.by_page, previous.file.get());  // bodies taken undecoded from the cache
  std::shared_ptr<render::Theme> theme;
  std::shared_ptr<render::SiteTemplates> templates;
  incremental::BuildCache next;
  next.output_dir = result.output_dir;
  next.frame_key = frame_key;
  next.frame_from = assembled_at;
  next.frame_until = site.visibility_changes_at;
  // Whether the next cache differs from the one loaded (a build that changed
  // nothing leaves it alone).
  bool cache_changed = !use_cache;
  {
    StageTimer t(stats, "freeze");
    // A resident build keeps the theme while nothing it reads changed.
    ThemeMemo* const theme_memo = BuildStateAccess::theme_memo(resident);
    Hasher config_hasher;
    const Hash128 config_key = add_config(config_hasher, *config).digest();
    if (theme_memo != nullptr && theme_holds(*theme_memo, config_key, *config, options.changed)) {
      theme = theme_memo->theme;
      templates = theme_memo->templates;
      for (const Diagnostic& d : theme_memo->diagnostics.items()) diags.add(d);
    } else {
      DiagnosticList loaded;
      theme = render::Theme::load(fs, root, *config, loaded);
      templates = render::SiteTemplates::build(*theme, *config);
      if (theme_memo != nullptr) *theme_memo = ThemeMemo{config_key, theme, templates, loaded};
      diags.append(std::move(loaded));
    }
    for (const content::SourcePage& p : disc.pages) cache_changed = cache_changed || !p.from_cache;
    // A resident build keeps the pages themselves instead (in the listing, at commit).
    if (resident == nullptr) carry_sources(disc, files_with_errors, previous, next);
    snap = std::make_unique<snapshot::SiteSnapshot>(frame, std::move(parsed.bodies),
                                                    snapshot::make_site_data(disc.data_files), now_utc(),
                                                    &record_facts);
    for (const Diagnostic& d : snap->schedule_diagnostics().items()) diags.add(d);
  }
  render::FactResolver resolver(*snap, *templates, fs, content_root);

  // --- plan ----------------------------------------------------------------------
  Plan plan;
  {
    StageTimer t(stats, "plan");
    const bool records_kept = frame_reused && outputs_kept && frame_memo->records_generation == previous.generation &&
                              frame_memo->records.size() == snap->schedule().size();
    const FrameReuse reuse{same_frame, &parsed.fresh, frame_memo != nullptr ? &frame_memo->identities : nullptr,
                           frame_memo != nullptr ? &frame_memo->readers : nullptr,
                           records_kept ? &frame_memo->records : nullptr};
    plan = plan_outputs(*snap, resolver, previous, fs, result.output_dir, !use_cache, pool, reuse);
    if (frame_memo != nullptr && !frame_reused) frame_memo->identities = plan.identities;
    for (std::size_t k = 0; k < plan.dirty.size(); ++k) {
      result.explanations.push_back({snap->schedule()[plan.dirty[k]].output_path, plan.reasons[k]});
    }
  }

  // --- render ----------------------------------------------------------------------
  // Pages render first; whole-site outputs (feeds, sitemap, search index, ...)
  // render in postprocess with the same workers.
  incremental::OutputWriter writer(fs, result.output_dir, previous);
  std::vector<render::LazyBodies> lazy;
  lazy.reserve(pool.size());
  std::vector<Worker> workers(pool.size());
  for (unsigned w = 0; w < pool.size(); ++w) {
    lazy.emplace_back(*parsed.parsers[w], fs, content_root, disc, site);
    workers[w].pipeline =
        std::make_unique<render::RenderPipeline>(*snap, *templates, &lazy[w], parsed.parsers[w].get());
    workers[w].recorder = std::make_unique<render::FactRecorder>(*snap);
  }
  std::vector<std::size_t> page_jobs, site_jobs;
  for (std::size_t i : plan.dirty) {
    (snap->schedule()[i].kind == snapshot::OutputKind::kPage ? page_jobs : site_jobs).push_back(i);
  }
  std::vector<RenderedJob> rendered;
  {
    StageTimer t(stats, "render");
    progress.begin_stage("render", page_jobs.size());
    rendered = render_jobs(*snap, page_jobs, workers, writer, pool, progress, diags);
    progress.end_stage();
  }

  // --- postprocess -------------------------------------------------------------------
  NextFacts facts(std::move(previous.facts), plan);
  // The output records are carried over in place: each output this build
  // produces or keeps is stamped with its generation, and commit drops the
  // others (and their files).
  std::map<std::string, incremental::OutputRecord>& records = previous.outputs;
  const std::uint32_t generation = previous.generation + 1;
  bool records_changed = false;
  auto keep_record = [&](const std::string& path, incremental::OutputRecord rec) {
    rec.generation = generation;
    auto [it, added] = records.insert_or_assign(path, std::move(rec));
    records_changed = records_changed || added;
    return &it->second;
  };
  // A resident build notes each job's record for the next plan on this frame.
  std::vector<incremental::OutputRecord*> by_job;
  if (frame_memo != nullptr) by_job.assign(snap->schedule().size(), nullptr);
  {
    StageTimer t(stats, "postprocess");
    std::vector<RenderedJob> site_rendered = render_jobs(*snap, site_jobs, workers, writer, pool, progress, diags);
    rendered.insert(rendered.end(), std::make_move_iterator(site_rendered.begin()),
                    std::make_move_iterator(site_rendered.end()));

    // Records of rendered outputs: what they read, hashed now.
    std::vector<NextFacts::Mapping> from_worker;
    for (const Worker& w : workers) from_worker.emplace_back(w.recorder->facts());
    for (RenderedJob& job : rendered) {
      NextFacts::Mapping& to_next = from_worker[job.worker];
      for (incremental::FactId& f : job.facts) f = to_next(facts, f);  // in place: 700k ids at 10k pages
      facts.want(job.facts);
    }
    // Clean outputs keep their records, in place (and, with the table,
    // their fact ids).
    for (std::size_t c = 0; c < plan.clean.size(); ++c) {
      incremental::OutputRecord& rec = *plan.clean_records[c];
      if (rec.size != plan.clean_files[c].size || rec.mtime_ns != plan.clean_files[c].mtime_ns) {
        cache_changed = true;
        rec.size = plan.clean_files[c].size;
        rec.mtime_ns = plan.clean_files[c].mtime_ns;
        rec.encoded = {};  // its stamps changed (a file rewritten with the same bytes)
      }
      rec.generation = generation;
      if (frame_memo != nullptr) by_job[plan.clean[c]] = &rec;
    }
    stats.facts_hashed = plan.hashed + facts.hash_wanted(resolver, *snap, pool);
    for (std::size_t r = 0; r < rendered.size(); ++r) {
      RenderedJob& job = rendered[r];
      if (job.outcome == incremental::WriteOutcome::kFailed) continue;
      ++stats.outputs_rendered;
      count(stats, job.outcome);
      if (frame_memo != nullptr) frame_memo->readers.add(static_cast<std::uint32_t>(job.job), job.facts);
      job.record.facts = std::move(job.facts);
      job.record.identity = plan.identities[job.job];
      incremental::OutputRecord* kept = keep_record(snap->schedule()[job.job].output_path, std::move(job.record));
      if (frame_memo != nullptr) by_job[job.job] = kept;
    }
    stats.outputs_skipped = plan.clean.size();

    // Theme assets any output asked for (rendered now or earlier) are
    // published. The walk over every record's facts stops once each asset
    // the table knows of is found in use (at once, on most sites).
    std::vector<bool> used(theme->assets().size(), false);
    std::vector<std::pair<incremental::FactId, std::uint32_t>> asset_facts;  // fact -> its theme asset
    std::vector<bool> unseen(facts.table().size(), false);                   // by fact: an asset not seen yet
    for (const auto& [logical, entry] : theme->manifest().all()) {
      const std::int64_t id = facts.table().find(incremental::FactKey{incremental::FactKind::kAsset, logical, ""});
      if (id < 0) continue;
      asset_facts.emplace_back(static_cast<incremental::FactId>(id), entry.asset);
      unseen[static_cast<std::size_t>(id)] = true;
    }
    std::size_t unseen_count = asset_facts.size();
    for (auto rec = records.begin(); unseen_count > 0 && rec != records.end(); ++rec) {
      if (rec->second.generation != generation) continue;
      for (incremental::FactId id : rec->second.facts) {
        if (!unseen[id]) continue;
        unseen[id] = false;
        --unseen_count;
        for (const auto& [fact, asset] : asset_facts) {
          if (fact == id) used[asset] = true;
        }
      }
    }
    auto rendered_owner = [&](const std::string& path) {
      std::int64_t job = snap->find_output(path);
      return job < 0 ? std::string() : snap->origin(snap->schedule()[static_cast<std::size_t>(job)].page);
    };
    for (const postprocess::Copy& c :
         postprocess::plan_copies(root, *config, disc, site, *theme, used, rendered_owner, diags)) {
      // A copy whose source and output are as the last build left them is
      // not read at all.
      auto prev = records.find(c.to);
      if (use_cache && c.bytes == nullptr && prev != records.end() &&
          prev->second.source_size == c.source_size && prev->second.source_mtime_ns == c.source_mtime_ns) {
        FileInfo info = fs.stat(join_path(result.output_dir, c.to));
        if (info.exists && info.size == prev->second.size && info.mtime_ns == prev->second.mtime_ns) {
          prev->second.generation = generation;
          ++stats.files_copied;
          ++stats.outputs_unchanged;
          continue;
        }
      }
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
      rec.source_size = c.source_size;
      rec.source_mtime_ns = c.source_mtime_ns;
      keep_record(c.to, std::move(rec));
      ++stats.files_copied;
      count(stats, outcome);
    }
  }

  // --- commit --------------------------------------------------------------------------
  {
    StageTimer t(stats, "commit");
    const std::size_t records_before = records.size();
    stats.outputs_removed = writer.remove_stale(records, generation, diags);
    records_changed = records_changed || records.size() != records_before;
    next.outputs = std::move(records);
    next.generation = generation;
    {
      // Bodies keep their dependency keys in the same fact table: records
      // parsed now have theirs translated, reused ones have ids in it
      // already. Rendering is over: the records take the bodies' facts and
      // the HTML is freed before the cache is serialized (peak memory).
      // A resident build keeps the bodies themselves instead (ParseMemo),
      // so its next build on this frame touches only the pages that change.
      // On the same frame a reused record's deps have their hashes already
      // (the plan took every hash of the table).
      ParseMemo* const parse_memo = BuildStateAccess::parse_memo(resident);
      NextFacts::Mapping from_deps(parsed.deps);
      std::vector<snapshot::PageBody> bodies = snap->take_bodies();
      for (content::PageId page = 0; page < parsed.by_page.size(); ++page) {
        if (parsed.by_page[page] == nullptr) continue;
        incremental::BodyRecord& body = *parsed.by_page[page];
        const bool fresh = parsed.fresh[page];
        if (fresh || !same_frame) {
          for (incremental::FactId& d : body.deps) {
            const incremental::FactId id = fresh ? from_deps(facts, d) : d;
            const incremental::FactTable& keys = fresh ? parsed.deps : facts.table();
            facts.set_if_unknown(id, [&] { return render::body_dep_hash(keys, d, site, fs, content_root); });
            d = id;
          }
        }
        if (parse_memo == nullptr) fill_body_record(std::move(bodies[page]), body, false);
      }
      if (parse_memo != nullptr) keep_parse(*parse_memo, parsed, std::move(bodies), generation, frame);
    }
    // Hand the freed HTML back to the OS; the cache buffers would otherwise
    // come on top of it (malloc keeps freed small blocks for reuse). A
    // resident build writes no cache and its next build reuses the memory:
    // handing it back would only fault it in again.
    if (resident == nullptr) release_free_memory();
    next.bodies = std::move(parsed.records);
    next.file = std::move(previous.file);  // the reused records' bytes are in it
    if (facts.move_into(next, previous.facts_counted_at) && frame_memo != nullptr) frame_memo->readers.invalidate();
    cache_changed = cache_changed || stats.pages_parsed > 0 || !plan.dirty.empty() || stats.outputs_written > 0 ||
                    stats.outputs_removed > 0 || next.sources.size() != previous_sources ||
                    records_changed || parsed.records_dropped > 0;
    // The memo proves the next build a no-op; a build that reported nothing
    // and read no clock writes one. Its 20,000 stamps are gathered on a
    // thread of their own while the cache is saved (writing the cache keeps
    // one core busy), and stamped with the cache once it is written.
    const bool reads_clock =
        next.facts.find(incremental::FactKey{incremental::FactKind::kSite, "", "build_date"}) >= 0;
    const bool writes_memo = memo_applies && diags.items().empty() && !reads_clock;
    incremental::BuildMemo memo;
    std::jthread gather;  // joined on every way out
    if (writes_memo) {
      gather = std::jthread([&] {
        memo.key = memo_key;
        memo.valid_until = site.visibility_changes_at;
        memo.inputs = std::move(memo_inputs);
        for (const content::SourcePage& p : disc.pages) {
          memo.inputs.push_back({join_path(content_root, p.rel_path), p.size, p.mtime_ns});
        }
        for (const content::SourceFile& f : disc.resources) {
          memo.inputs.push_back({join_path(content_root, f.rel_path), f.size, f.mtime_ns});
        }
        for (const content::SourceFile& f : disc.static_files) {
          memo.inputs.push_back({join_path(static_root, f.rel_path), f.size, f.mtime_ns});
        }
        incremental::sort_stamps(memo.inputs);
        for (const auto& [path, rec] : next.outputs) memo.outputs.push_back({path, rec.size, rec.mtime_ns});
        memo.pages = stats.pages;
        memo.outputs_skipped = snap->schedule().size();
        memo.outputs_unchanged = memo.files_copied = stats.files_copied;
      });
    }
    Status saved = Ok{};
    if (cache_changed && options.save_cache) saved = incremental::save_cache(fs, cache_dir, next, &pool);
    // The site as assembled now, for the next build with the same frame key.
    // It is only ever a shortcut: a build that cannot load it assembles.
    if (options.save_cache && !frame_loaded && saved.ok()) {
      (void)save_frame(fs, cache_dir, frame_key, assembled_at, *frame, frame_diagnostics);
    }
    if (gather.joinable()) gather.join();
    if (auto s = std::move(saved); !s.ok()) {
      Diagnostic d = std::move(s).error();
      d.severity = Severity::kWarning;
      d.hint = "the next build will be a full build";
      diags.add(std::move(d));
    } else if (writes_memo) {
      memo.cache = incremental::stamp_cache(fs, cache_dir);
      if (!memo.cache.path.empty()) (void)incremental::save_memo(fs, cache_dir, memo);
    }
    if (frame_memo != nullptr) {
      frame_memo->records = std::move(by_job);
      frame_memo->records_generation = generation;
    }
    if (options.state != nullptr) BuildStateAccess::keep_cache(*options.state, cache_dir, std::move(next));
    if (content::Listing* listing = BuildStateAccess::listing(resident)) {
      // The next discovery takes these pages as they are while their files
      // keep their stamps; one with front-matter errors is read again, so
      // its diagnostics keep their line and excerpt.
      for (content::SourcePage& p : disc.pages) {
        std::string().swap(p.raw);
        if (files_with_errors.count(p.display_path) != 0) p.ok = false;
      }
      listing->pages = std::move(disc.pages);
    }
  }
  if (options.state != nullptr) {
    // Users of other objects first: release() frees in this order.
    BuildState& st = *options.state;
    BuildStateAccess::retain(st, std::move(workers));
    BuildStateAccess::retain(st, std::move(lazy));
    BuildStateAccess::retain(st, std::move(rendered));
    BuildStateAccess::retain(st, std::move(parsed));
    BuildStateAccess::retain(st, std::move(snap));
    BuildStateAccess::retain(st, std::move(templates));
    BuildStateAccess::retain(st, std::move(theme));
    BuildStateAccess::retain(st, std::move(disc));
    BuildStateAccess::retain(st, std::move(previous));
    BuildStateAccess::retain(st, std::move(plan));
  }
  return finish();
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
  num("pages_parsed", static_cast<double>(s.pages_parsed), true);
  num("outputs_rendered", static_cast<double>(s.outputs_rendered), true);
  num("outputs_skipped", static_cast<double>(s.outputs_skipped), true);
  num("outputs_written", static_cast<double>(s.outputs_written), true);
  num("outputs_unchanged", static_cast<double>(s.outputs_unchanged), true);
  num("outputs_removed", static_cast<double>(s.outputs_removed), true);
  num("files_copied", static_cast<double>(s.files_copied), true);
  num("facts_hashed", static_cast<double>(s.facts_hashed), true);
  out += s.site_loaded ? "\"site_loaded\":true," : "\"site_loaded\":false,";
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

std::string explanations_json(const std::vector<Explanation>& explanations) {
  std::string out = "[";
  for (std::size_t i = 0; i < explanations.size(); ++i) {
    if (i) out += ',';
    out += "\n{\"output\":\"";
    append_json_escaped(out, explanations[i].output);
    out += "\",\"reason\":\"";
    append_json_escaped(out, explanations[i].reason);
    out += "\"}";
  }
  out += "\n]";
  return out;
}

}  // namespace bengal::build

// SiteSnapshot: the frozen site every render reads.
//
// freeze() moves the assembled Site, the parsed page bodies and the site data
// into one immutable object and computes the render schedule: one job per
// output file (a page, a page of a paginated list, a feed, the sitemap, the
// search index, llms.txt, robots.txt, an alias redirect). After freeze
// nothing changes it, so render workers read it concurrently with no locks.
//
// Thread-safety: immutable after construction; share `const SiteSnapshot&`.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "content/discover.h"
#include "content/site.h"
#include "core/data.h"
#include "core/date.h"
#include "core/hash.h"
#include "core/slot_index.h"
#include "core/toc_entry.h"

namespace bengal::snapshot {

using content::PageId;

using TocEntry = ::bengal::TocEntry;

// What the parse stage learned from a page's Markdown body. Every fact but
// the HTML is always present; the HTML of a page whose body came from the
// build cache is parsed on first use (SiteSnapshot::html).
struct PageBody {
  bool html_ready = false;      // set before freeze; false: parse on first use
  // Set before freeze; false: toc, toc_html, summary_html and plain_text are
  // loaded on first use (SiteSnapshot::body, through its FactSource), which
  // sets facts_loaded (facts_ready itself never changes after freeze).
  bool facts_ready = true;
  bool facts_loaded = false;
  std::string html;
  Hash128 content_hash;         // of the HTML, known even before it is parsed
  std::vector<TocEntry> toc;
  std::string toc_html;         // <nav class="toc"> with nested lists, empty when there are no entries
  std::string summary_html;     // explicit summary, text before <!--more-->, or the first N words
  bool summary_truncated = false;  // the body continues after the summary
  std::string plain_text;       // tags stripped, for the search index (may be capped)
  std::uint32_t word_count = 0;
  std::uint32_t reading_minutes = 0;
};

// What an output is; everything but kPage renders a fixed template name
// (output_template()), which a site or theme may override.
enum class OutputKind : std::uint8_t {
  kPage,         // a page (or one page of a paginated list), template by lookup order
  kRss,          // <list>/index.xml       rss.xml
  kAtom,         // <list>/atom.xml        atom.xml
  kSitemap,      // sitemap.xml            sitemap.xml
  kSearchIndex,  // index.json             search-index.json
  kLlmsTxt,      // llms.txt               llms.txt
  kRobotsTxt,    // robots.txt             robots.txt
  kAlias,        // an alias URL           alias.html (redirect to `page`)
};
std::string_view output_template(OutputKind kind);  // empty for kPage

// One output file to render.
struct RenderJob {
  OutputKind kind = OutputKind::kPage;
  PageId page = content::kNoPage;  // the page rendered; the list for feeds, the target for
                                   // aliases, home for whole-site files
  std::uint32_t pager = 1;         // kPage: 1-based page of a paginated list
  std::uint32_t pager_count = 1;
  std::string url;          // this output's URL ("/blog/page/2/", "/blog/index.xml")
  std::string output_path;  // relative to the output dir
};

// Where a page came from, kept after the raw bytes are released.
struct PageSource {
  std::string rel_path;
  std::string display_path;
};

// Who a page is, for messages: its source's display path, or "page <url>"
// for a generated page (or when `sources` does not cover it).
std::string page_origin(const content::Page& page, const std::vector<PageSource>& sources);

// Parses a page's body on demand, for pages whose facts came from the cache.
// Each worker supplies its own (it owns a Markdown parser).
class BodySource {
 public:
  virtual ~BodySource() = default;
  virtual void load_html(PageId id, std::string& html) = 0;
};

// Loads the facts of a body taken from the build cache undecoded
// (PageBody::facts_ready false). Called from any worker, once per page.
class FactSource {
 public:
  virtual ~FactSource() = default;
  virtual void load_facts(PageId id, PageBody& body) const = 0;
};

// Where a computation that reads a snapshot strayed beyond its frame.
//
// While a ReadScope is open on a thread, the snapshot notes each read of a
// page body, of site data and of the build date. A computation
// that read nothing beyond the frame has the same result with any snapshot
// built on the same frame; one that read only page P's body (or source) has
// the same result as long as that body is the same. The plan uses this to
// keep fact hashes across resident builds (build/build.cc).
struct ReadScope {
  static constexpr std::int32_t kFrameOnly = -1;  // read nothing beyond the frame
  static constexpr std::int32_t kAnything = -2;   // read more than one body, or other per-build state
  std::int32_t reach = kFrameOnly;                // or the PageId of the one body it read

  void note_body(PageId id) {
    if (reach == kFrameOnly) reach = static_cast<std::int32_t>(id);
    else if (reach != static_cast<std::int32_t>(id)) reach = kAnything;
  }
  void note_other() { reach = kAnything; }

  // The scope open on this thread (null: none). Open one with Open.
  static ReadScope*& current() {
    static thread_local ReadScope* scope = nullptr;
    return scope;
  }
  class Open {
   public:
    explicit Open(ReadScope& s) : saved_(current()) { current() = &s; }
    ~Open() { current() = saved_; }
    Open(const Open&) = delete;
    Open& operator=(const Open&) = delete;

   private:
    ReadScope* saved_;
  };
};

// The part of a snapshot decided by the config and the assembled site alone:
// the site and the render schedule with the tables derived from it. It holds
// no body, no data file and no clock, so two builds whose assemble inputs are
// the same can share one frame (a resident build does; build/build.cc).
//
// Thread-safety: immutable after construction.
class SiteFrame {
 public:
  // `sources`: where each page came from, by its Page::source index.
  SiteFrame(std::shared_ptr<const config::Config> config, content::Site site, std::vector<PageSource> sources);
  // The same frame with the schedule (and its diagnostics) a frame made by
  // the constructor above from the same config, site and sources had: the
  // frame store saves them (build/frame_store.h). The rest is derived again.
  SiteFrame(std::shared_ptr<const config::Config> config, content::Site site, std::vector<PageSource> sources,
            std::vector<RenderJob> schedule, DiagnosticList schedule_diagnostics);

  const config::Config& config() const { return *config_; }
  const content::Site& site() const { return site_; }
  const PageSource* source(PageId id) const;
  const std::vector<PageSource>& sources() const { return sources_; }
  const std::vector<RenderJob>& schedule() const { return schedule_; }
  std::int64_t find_output(std::string_view output_path) const;
  const DiagnosticList& schedule_diagnostics() const { return schedule_diags_; }
  std::string permalink(std::string_view url) const;
  const std::string& permalink_of(PageId id) const { return permalinks_[id]; }
  const std::optional<DateTime>& updated(PageId id) const { return updated_[id]; }
  const std::vector<PageId>& feed_items(PageId id) const { return feed_items_[id]; }
  const std::string& sitemap_url() const { return sitemap_url_; }
  const std::vector<PageId>& listed_pages() const { return listed_pages_; }
  // Pages without a source file (home or sections without an _index.md,
  // taxonomy and term pages): they have no body to parse.
  const std::vector<PageId>& generated_pages() const { return generated_pages_; }

 private:
  void derive_rest();  // permalinks, generated pages, dates, feeds, sitemap URL
  void compute_dates_and_feeds();

  std::shared_ptr<const config::Config> config_;
  content::Site site_;
  std::vector<PageSource> sources_;
  std::vector<RenderJob> schedule_;
  SlotIndex output_index_;  // into schedule_, by output path
  DiagnosticList schedule_diags_;
  std::vector<std::string> permalinks_;
  std::vector<std::optional<DateTime>> updated_;
  std::vector<std::vector<PageId>> feed_items_;
  std::vector<PageId> listed_pages_;
  std::vector<PageId> generated_pages_;
  std::string sitemap_url_;
};

class SiteSnapshot {
 public:
  SiteSnapshot(std::shared_ptr<const config::Config> config, content::Site site, std::vector<PageBody> bodies,
               std::vector<PageSource> sources, Data data, DateTime build_date);
  // On a frame built earlier (`bodies` by its page ids); `facts` loads the
  // facts of bodies without them (it must outlive the snapshot's use).
  SiteSnapshot(std::shared_ptr<const SiteFrame> frame, std::vector<PageBody> bodies, Data data, DateTime build_date,
               const FactSource* facts = nullptr);

  const std::shared_ptr<const SiteFrame>& frame() const { return frame_; }
  const config::Config& config() const { return frame_->config(); }
  const content::Site& site() const { return frame_->site(); }
  const content::Page& page(PageId id) const { return frame_->site().pages[id]; }
  // A page's body facts; those of a body taken from the cache undecoded are
  // loaded the first time anyone asks, exactly once (like html()).
  const PageBody& body(PageId id) const {
    if (ReadScope* s = ReadScope::current()) s->note_body(id);
    if (!bodies_[id].facts_ready) load_facts(id);
    return bodies_[id];
  }
  // A page's body HTML. A body taken from the build cache is parsed the
  // first time anyone asks, through `source`, exactly once even when several
  // workers ask at the same time (the only mutation after freeze: a memo of
  // a deterministic result).
  const std::string& html(PageId id, BodySource* source) const;
  // After the last render: hands the bodies to the caller (the build cache
  // keeps their facts) so their HTML can be freed before the cache is
  // written. body() and html() must not be called afterwards.
  std::vector<PageBody> take_bodies() { return std::move(bodies_); }
  // Source of a page with one (null for generated pages): its paths.
  const PageSource* source(PageId id) const { return frame_->source(id); }
  std::string origin(PageId id) const { return page_origin(page(id), frame_->sources()); }
  const Data& data() const {
    if (ReadScope* s = ReadScope::current()) s->note_other();
    return data_;
  }
  const DateTime& build_date() const {
    if (ReadScope* s = ReadScope::current()) s->note_other();
    return build_date_;
  }
  const std::vector<RenderJob>& schedule() const { return frame_->schedule(); }
  // The schedule index of the job writing `output_path`, or -1.
  std::int64_t find_output(std::string_view output_path) const { return frame_->find_output(output_path); }
  // Problems found while planning outputs: unsafe alias URLs, two outputs
  // claiming one file.
  const DiagnosticList& schedule_diagnostics() const { return frame_->schedule_diagnostics(); }

  // Absolute URL for a site-relative one: base_url + url without its '/'.
  std::string permalink(std::string_view url) const { return frame_->permalink(url); }
  // A page's absolute URL, computed once at freeze.
  const std::string& permalink_of(PageId id) const { return frame_->permalink_of(id); }
  // When a page last changed: lastmod, else date, else (list pages) the
  // newest of what they list. Computed once at freeze.
  const std::optional<DateTime>& updated(PageId id) const { return frame_->updated(id); }
  // A list page's feed entries, newest first, at most feeds.limit; for a
  // taxonomy page its term pages by their newest page. Empty for other pages.
  const std::vector<PageId>& feed_items(PageId id) const { return frame_->feed_items(id); }
  const std::string& sitemap_url() const { return frame_->sitemap_url(); }
  // Every page with an HTML document of its own (not the 404 page), by id.
  const std::vector<PageId>& listed_pages() const { return frame_->listed_pages(); }

 private:
  std::shared_ptr<const SiteFrame> frame_;
  void load_facts(PageId id) const;
  mutable std::vector<PageBody> bodies_;  // html of lazy bodies filled under once_, facts under facts_once_
  std::unique_ptr<std::once_flag[]> once_;
  std::unique_ptr<std::once_flag[]> facts_once_;
  const FactSource* facts_ = nullptr;
  Data data_;
  DateTime build_date_;
};

// Builds site.data from data files: "team/people" -> data.team.people.
Data make_site_data(const std::vector<content::DataFile>& files);

}  // namespace bengal::snapshot

// The parse stage, incremental: a page's body is parsed only when something
// it was parsed from changed (its source, the Markdown settings, a page a
// cross-reference pointed at, an included file). Otherwise its facts
// (summary, TOC, word count, search text, content hash, diagnostics) come
// from the build cache and its HTML is parsed later only if an output needs
// it (SiteSnapshot::html).
//
// Thread-safety: parse_pages() runs its own parallel loop on `pool`.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "content/discover.h"
#include "content/site.h"
#include "core/diagnostic.h"
#include "core/fs.h"
#include "core/progress.h"
#include "core/thread_pool.h"
#include "highlight/registry.h"
#include "incremental/build_cache.h"
#include "render/body_parser.h"
#include "snapshot/snapshot.h"

namespace bengal::build {

// Reuses a content file's cached discovery record when size and mtime match;
// the record's front matter moves into the page, or stays encoded
// (SourcePage::front_matter_encoded) when the cache was read from its file
// (the next cache gets it back from the page).
content::ReuseSource reuse_from(incremental::BuildCache& previous);
// The discovery record to keep for a page; moves its front matter.
incremental::SourceRecord source_record(content::SourcePage& page);
// The next cache's source records (into `next`): one per page read cleanly
// (a file with front-matter errors is read again next time). They start as
// `previous`'s, so a page taken from the cache keeps its record as it is
// (node, key and encoded bytes); records of pages gone, failed or read now
// are dropped or replaced.
void carry_sources(content::DiscoverResult& disc, const std::set<std::string>& files_with_errors,
                   incremental::BuildCache& previous, incremental::BuildCache& next);
// Decodes every page's front matter left encoded by reuse_from(), on `pool`;
// a page whose bytes do not decode is read from its file instead (with its
// diagnostics in `diags`). True when some page was read: its front-matter
// hash is the file's now.
bool decode_front_matters(const FileSystem& fs, const std::string& content_root, const config::Config& config,
                          content::DiscoverResult& disc, ThreadPool& pool, DiagnosticList& diags);

// The hash of everything a body's parse depends on besides its link and
// include dependencies: source, Markdown and highlight settings, the page's
// own toc/summary settings, Bengal's version.
Hash128 body_settings_hash(const content::SourcePage& src, const content::Page& page, const config::Config& config);

// What a resident build (serve) keeps of its parse for the next one: the
// snapshot's bodies (their HTML freed) and, by page id, each page's record
// in the resident cache. While a memo holds bodies, the facts of those
// records are in the bodies, not in the records: the next parse either
// takes them as they are (same frame: same page ids) or first puts them
// back (restore). So a build on the last build's frame touches only the
// pages that changed, not 10,000 records.
// The pointers stay valid while the cache's body map is only moved (its
// nodes never are); `generation` names the cache they point into.
struct ParseMemo {
  std::uint32_t generation = 0;  // BuildCache::generation of that cache; 0: the memo holds nothing
  // The frame `bodies` are numbered by (weak: an old frame is not kept
  // alive for this, its memory is freed where it was before).
  std::weak_ptr<const snapshot::SiteFrame> frame;
  std::vector<snapshot::PageBody> bodies;            // by page id
  std::vector<incremental::BodyRecord*> by_page;     // by page id (null: none)
  std::vector<char> reads_files;                     // by page id: its record's parse read an included file
  std::vector<char> reports;                         // by page id: its record has diagnostics

  // Whether this memo was kept for `cache` and `frame`.
  bool fits(const incremental::BuildCache& cache, const std::shared_ptr<const snapshot::SiteFrame>& frame) const {
    return generation != 0 && generation == cache.generation && this->frame.lock() == frame;
  }
  // Moves the bodies' facts back into their records (when they point into
  // `cache`; each worker of `pool` its own records) and empties the memo.
  void restore(incremental::BuildCache& cache, ThreadPool& pool);
};

// What the parse may take from the last build.
struct ParseReuse {
  bool use_cache = false;   // records of the previous cache may be reused
  bool same_frame = false;  // this build's frame equals the last build's (build.cc, "same_frame")
  std::uint32_t generation = 0;  // stamped on the records kept (BodyRecord::generation)
  // A resident build's memo of its last parse; taken when it fits this
  // build's cache and frame (then `same_frame` holds), restored otherwise.
  ParseMemo* memo = nullptr;
  std::shared_ptr<const snapshot::SiteFrame> frame;  // this build's frame (ParseMemo::frame)
};

struct ParseOutput {
  std::vector<snapshot::PageBody> bodies;                  // by page id
  // By content path, for the next cache: provenance, deps and diagnostics;
  // the facts themselves are taken from the snapshot's bodies at commit (a
  // lazy record whose facts nobody loaded keeps them encoded).
  // Records reused from the cache (`fresh` 0) keep their deps as ids of the
  // cache's fact table; those made now (`fresh` 1) as ids of `deps`.
  std::map<std::string, incremental::BodyRecord> records;
  incremental::FactTable deps;                             // keys of the fresh records' deps
  std::vector<incremental::BodyRecord*> by_page;           // by page id: its record in `records` (null: none)
  std::size_t parsed = 0;                                  // bodies parsed now (not taken from the cache)
  std::size_t records_dropped = 0;                         // cached records of pages gone or unreadable
  std::vector<char> fresh;  // by page id: 1 when the body is not the cached one (parsed now, or unreadable)
  std::vector<char> reads_files;  // by page id: see ParseMemo
  std::vector<char> reports;      // by page id: see ParseMemo
  std::unique_ptr<render::BodyParser::Shared> shared;       // what the parsers read
  std::vector<std::unique_ptr<render::BodyParser>> parsers;  // one per worker, kept for lazy parses
};

// Loads the facts of bodies taken undecoded from lazy records
// (BodyRecord::lazy), by page id from `by_page` (ParseOutput::by_page,
// which must outlive the snapshot's use).
// The bytes are copied out of `file` (the cache's, BuildCache::file), so a
// build that reads every page's facts does not map the whole file again.
class RecordFacts final : public snapshot::FactSource {
 public:
  RecordFacts(const std::vector<incremental::BodyRecord*>* by_page, const FileView* file)
      : by_page_(by_page), file_(file) {}
  void load_facts(content::PageId id, snapshot::PageBody& body) const override;

 private:
  const std::vector<incremental::BodyRecord*>* by_page_;
  const FileView* file_;
};

// Fills a body record's facts from the page's body (at commit, or when a
// memo's bodies go back to their records); a lazy record whose facts were
// not loaded keeps its encoded ones. `keep_toc_html` keeps the TOC's HTML
// too (a resident build); a build that saves the cache frees it (peak
// memory).
void fill_body_record(snapshot::PageBody&& body, incremental::BodyRecord& record, bool keep_toc_html);

// Keeps a resident build's parse in `memo` (see ParseMemo), the HTML of
// `bodies` freed; the records in `parsed.by_page` keep provenance, deps and
// diagnostics only.
void keep_parse(ParseMemo& memo, ParseOutput& parsed, std::vector<snapshot::PageBody> bodies,
                std::uint32_t generation, std::shared_ptr<const snapshot::SiteFrame> frame);

ParseOutput parse_pages(const FileSystem& fs, const std::string& content_root, const config::Config& config,
                        content::DiscoverResult& disc, const content::Site& site,
                        const highlight::Registry& highlighter, incremental::BuildCache& previous,
                        const ParseReuse& reuse, ThreadPool& pool, Progress& progress, DiagnosticList& diags);

}  // namespace bengal::build

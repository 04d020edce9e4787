#include "build/parse_stage.h"

#include <algorithm>
#include <map>
#include <memory>
#include <numeric>
#include <set>

#include "render/provenance.h"

namespace bengal::build {

content::ReuseSource reuse_from(incremental::BuildCache& previous) {
  return [&previous](content::SourcePage& page) {
    auto it = previous.sources.find(page.rel_path);
    if (it == previous.sources.end()) return false;
    incremental::SourceRecord& r = it->second;
    if (r.size != page.size || r.mtime_ns != page.mtime_ns) return false;
    // Encoded front matter is decoded only if the site is assembled
    // (decode_front_matters); otherwise the Data moves.
    page.front_matter_encoded = r.front_matter_encoded;
    if (r.front_matter_encoded.empty()) page.front_matter = std::move(r.front_matter);  // one page per record
    page.hash = r.hash;
    page.front_matter_hash = r.front_matter_hash;
    page.split.format = static_cast<content::FrontMatterFormat>(r.format);
    page.split.text_offset = r.text_offset;
    page.split.text_size = r.text_size;
    page.split.text_line = r.text_line;
    page.split.body_offset = r.body_offset;
    page.split.body_line = r.body_line;
    page.cache_record = r.encoded;
    return true;
  };
}

incremental::SourceRecord source_record(content::SourcePage& page) {
  incremental::SourceRecord r;
  r.size = page.size;
  r.mtime_ns = page.mtime_ns;
  r.hash = page.hash;
  r.front_matter_hash = page.front_matter_hash;
  r.format = static_cast<std::uint8_t>(page.split.format);
  r.text_offset = page.split.text_offset;
  r.text_size = page.split.text_size;
  r.text_line = page.split.text_line;
  r.body_offset = page.split.body_offset;
  r.body_line = page.split.body_line;
  r.front_matter = std::move(page.front_matter);
  r.front_matter_encoded = page.front_matter_encoded;
  if (page.from_cache) r.encoded = page.cache_record;  // the same record, saved as it was read
  return r;
}

// Both lists are sorted by path: one merge, no search.
void carry_sources(content::DiscoverResult& disc, const std::set<std::string>& files_with_errors,
                   incremental::BuildCache& previous, incremental::BuildCache& next) {
  next.sources = std::move(previous.sources);
  auto& records = next.sources;
  auto it = records.begin();
  for (content::SourcePage& p : disc.pages) {
    while (it != records.end() && it->first < p.rel_path) it = records.erase(it);
    const bool have = it != records.end() && it->first == p.rel_path;
    if (!p.ok || files_with_errors.count(p.display_path) != 0) {
      if (have) it = records.erase(it);
      continue;
    }
    // Taken from the cache: the record is the one it was read from (its
    // bytes still in the file), unless those are gone.
    const std::string_view bytes = have ? it->second.encoded : std::string_view();
    if (p.from_cache && !bytes.empty() && bytes.data() == p.cache_record.data() &&
        bytes.size() == p.cache_record.size()) {
      ++it;
      continue;
    }
    if (have) {
      it->second = source_record(p);
      ++it;
    } else {
      records.emplace_hint(it, p.rel_path, source_record(p));
    }
  }
  records.erase(it, records.end());
}

bool decode_front_matters(const FileSystem& fs, const std::string& content_root, const config::Config& config,
                          content::DiscoverResult& disc, ThreadPool& pool, DiagnosticList& diags) {
  std::vector<DiagnosticList> per_page(disc.pages.size());
  std::vector<char> read(disc.pages.size(), 0);
  pool.parallel_for(disc.pages.size(), [&](std::size_t i, unsigned) {
    content::SourcePage& page = disc.pages[i];
    if (page.front_matter_encoded.empty()) return;
    const bool decoded = incremental::decode_front_matter(page.front_matter_encoded, page.front_matter);
    page.front_matter_encoded = {};
    if (decoded) return;
    // Bytes that do not decode: the file is read as if there were no cache.
    page.from_cache = false;
    page.cache_record = {};
    page.front_matter = Data();
    content::read_page(fs, content_root, config, page, per_page[i]);
    read[i] = 1;
  });
  for (auto& list : per_page) diags.append(std::move(list));
  return std::find(read.begin(), read.end(), 1) != read.end();
}

Hash128 body_settings_hash(const content::SourcePage& src, const content::Page& page, const config::Config& c) {
  Hasher h;
  h.add(std::string_view(BENGAL_VERSION_STRING));
  h.add(src.hash);
  h.add(static_cast<std::uint64_t>(c.markdown_typographer)).add(static_cast<std::uint64_t>(c.markdown_safe));
  h.add(static_cast<std::uint64_t>(c.markdown_heading_ids));
  h.add(static_cast<std::uint64_t>(c.toc_min_level)).add(static_cast<std::uint64_t>(c.toc_max_level));
  h.add(static_cast<std::uint64_t>(c.highlight_enabled)).add(static_cast<std::uint64_t>(c.highlight_linenos));
  h.add(static_cast<std::uint64_t>(c.summary_words));
  h.add(static_cast<std::uint64_t>(page.fm.toc)).add(page.fm.summary);
  return h.digest();
}

namespace {

// Moves a cached body's facts into a PageBody (its HTML stays unparsed;
// the facts a lazy record holds only encoded load on first use).
snapshot::PageBody body_from_record(incremental::BodyRecord& r) {
  snapshot::PageBody b;
  b.html_ready = false;
  b.content_hash = r.content_hash;
  b.summary_truncated = r.summary_truncated;
  b.word_count = r.word_count;
  b.reading_minutes = r.reading_minutes;
  if (r.lazy) {
    b.facts_ready = false;
    return b;
  }
  b.summary_html = std::move(r.summary_html);
  b.toc = std::move(r.toc);
  r.toc.clear();
  b.toc_html = r.toc_html.empty() ? render::toc_html(b.toc) : std::move(r.toc_html);
  b.plain_text = std::move(r.plain_text);
  return b;
}

}  // namespace

void RecordFacts::load_facts(content::PageId id, snapshot::PageBody& body) const {
  const incremental::BodyRecord* rec = (*by_page_)[id];
  if (rec == nullptr || !rec->lazy) return;
  std::string copied;
  std::string_view bytes = rec->encoded;
  if (file_ != nullptr && file_->copy(rec->encoded, copied)) bytes = copied;
  (void)incremental::decode_lazy_fields(bytes, body.summary_html, body.toc, body.plain_text);
  body.toc_html = render::toc_html(body.toc);
}

void fill_body_record(snapshot::PageBody&& b, incremental::BodyRecord& r, bool keep_toc_html) {
  if (r.lazy) {
    if (!b.facts_ready && !b.facts_loaded) return;  // its facts are still only in its encoded bytes
    r.lazy = false;  // loaded by someone: kept decoded (the encoded bytes stay true)
  }
  r.content_hash = b.content_hash;
  r.summary_html = std::move(b.summary_html);
  r.summary_truncated = b.summary_truncated;
  r.toc = std::move(b.toc);
  if (keep_toc_html) r.toc_html = std::move(b.toc_html);
  r.plain_text = std::move(b.plain_text);
  r.word_count = b.word_count;
  r.reading_minutes = b.reading_minutes;
}

namespace {

// The provenance of a parse: its settings and the hash of each dependency,
// given as FactKeys (a parse just made) or as ids of a table (a record).
Hash128 provenance_of(const Hash128& settings, const std::vector<incremental::FactKey>& deps,
                      const content::Site& site, const FileSystem& fs, const std::string& content_root) {
  Hasher h;
  h.add(settings);
  for (const incremental::FactKey& d : deps) {
    h.add(render::body_dep_hash(d.kind, d.subject, d.field, site, fs, content_root));
  }
  return h.digest();
}
Hash128 provenance_of(const Hash128& settings, const incremental::FactTable& table,
                      const std::vector<incremental::FactId>& deps, const content::Site& site, const FileSystem& fs,
                      const std::string& content_root) {
  Hasher h;
  h.add(settings);
  for (incremental::FactId d : deps) h.add(render::body_dep_hash(table, d, site, fs, content_root));
  return h.digest();
}

}  // namespace

void ParseMemo::restore(incremental::BuildCache& cache, ThreadPool& pool) {
  if (generation != 0 && generation == cache.generation) {
    pool.parallel_for(by_page.size(), [&](std::size_t i, unsigned) {
      if (by_page[i] != nullptr) fill_body_record(std::move(bodies[i]), *by_page[i], true);
    });
  }
  *this = ParseMemo{};
}

void keep_parse(ParseMemo& memo, ParseOutput& parsed, std::vector<snapshot::PageBody> bodies,
                std::uint32_t generation, std::shared_ptr<const snapshot::SiteFrame> frame) {
  // Bodies taken from the memo parse their HTML again on first use, as
  // bodies taken from records do; facts loaded this build stay loaded.
  for (snapshot::PageBody& b : bodies) {
    if (b.facts_loaded) {
      b.facts_ready = true;
      b.facts_loaded = false;
    }
    if (!b.html_ready) continue;
    b.html_ready = false;
    std::string().swap(b.html);
  }
  memo.generation = generation;
  memo.frame = std::move(frame);
  memo.bodies = std::move(bodies);
  memo.by_page = std::move(parsed.by_page);
  memo.reads_files = std::move(parsed.reads_files);
  memo.reports = std::move(parsed.reports);
}

ParseOutput parse_pages(const FileSystem& fs, const std::string& content_root, const config::Config& config,
                        content::DiscoverResult& disc, const content::Site& site,
                        const highlight::Registry& highlighter, incremental::BuildCache& previous,
                        const ParseReuse& reuse, ThreadPool& pool, Progress& progress, DiagnosticList& diags) {
  ParseOutput out;
  const std::size_t n = site.pages.size();
  // Kept with the parsers: lazy parses happen during render.
  out.shared = std::make_unique<render::BodyParser::Shared>(
      render::BodyParser::Shared{config, fs, content_root, &site, highlighter});
  for (unsigned w = 0; w < pool.size(); ++w) out.parsers.push_back(std::make_unique<render::BodyParser>(*out.shared));
  // A resident build's last parse is taken as it is on the same frame;
  // otherwise its facts go back into the records first.
  ParseMemo* const memo = reuse.memo;
  const bool from_memo = memo != nullptr && reuse.use_cache && reuse.same_frame && memo->fits(previous, reuse.frame);
  if (memo != nullptr && !from_memo) memo->restore(previous, pool);
  // The records are carried over in place: a body that is still good keeps
  // its record (and its dependency ids, in the cache's fact table).
  if (reuse.use_cache) out.records = std::move(previous.bodies);

  // Each page's record: the memo's, or paired by one walk (pages and
  // records are both sorted by path; a lookup per page was most of a
  // resident no-op parse).
  if (from_memo) {
    out.bodies = std::move(memo->bodies);
    out.by_page = std::move(memo->by_page);
    out.reads_files = std::move(memo->reads_files);
    out.reports = std::move(memo->reports);
    *memo = ParseMemo{};
  } else {
    out.bodies.resize(n);
    out.by_page.assign(n, nullptr);
    out.reads_files.assign(n, 0);
    out.reports.assign(n, 0);
    if (reuse.use_cache) {
      std::vector<incremental::BodyRecord*> record_of(disc.pages.size(), nullptr);
      auto it = out.records.begin();
      for (std::size_t s = 0; s < disc.pages.size(); ++s) {
        const std::string& path = disc.pages[s].rel_path;
        if (s > 0 && path < disc.pages[s - 1].rel_path) it = out.records.begin();  // not sorted after all
        while (it != out.records.end() && it->first < path) ++it;
        if (it != out.records.end() && it->first == path) record_of[s] = &it->second;
      }
      for (std::size_t i = 0; i < n; ++i) {
        if (site.pages[i].source >= 0) out.by_page[i] = record_of[static_cast<std::size_t>(site.pages[i].source)];
      }
    }
  }

  // The pages to examine: all of them, or (from the memo, same page ids)
  // only those that can differ from the last build: a source not carried
  // over as it was, and pages whose reuse must be checked (no record, or a
  // parse that read an included file). The others keep body and record.
  std::vector<content::PageId> examine;
  if (from_memo) {
    for (std::size_t s : disc.not_carried) {
      auto it = site.by_path.find(disc.pages[s].rel_path);
      if (it != site.by_path.end()) examine.push_back(it->second);
    }
    for (content::PageId i = 0; i < n; ++i) {
      if ((out.by_page[i] == nullptr || out.reads_files[i]) && site.pages[i].source >= 0) examine.push_back(i);
    }
    std::sort(examine.begin(), examine.end());
    examine.erase(std::unique(examine.begin(), examine.end()), examine.end());
  } else {
    examine.resize(n);
    std::iota(examine.begin(), examine.end(), content::PageId{0});
  }

  // What a page parsed now leaves for the merge (most pages reuse their record).
  struct Parsed {
    incremental::BodyRecord record;
    std::vector<incremental::FactKey> deps;
  };
  struct PageResult {
    bool cached = false;  // its record (out.by_page) is still good
    std::unique_ptr<Parsed> parsed;
    DiagnosticList diags;  // of a parse now, or of reading the file
  };
  std::vector<PageResult> results(examine.size());  // parallel to `examine`
  progress.begin_stage("parse", examine.size());
  // Each worker touches only its own page's record and slots: the map
  // itself does not change until the merge.
  pool.parallel_for(examine.size(), [&](std::size_t k, unsigned worker) {
    const content::PageId i = examine[k];
    const content::Page& page = site.pages[i];
    progress.advance();
    if (page.source < 0) return;
    content::SourcePage& src = disc.pages[static_cast<std::size_t>(page.source)];
    PageResult& r = results[k];
    if (incremental::BodyRecord* rec = out.by_page[i]) {
      if (!from_memo) {
        out.reads_files[i] = std::any_of(rec->deps.begin(), rec->deps.end(), [&](incremental::FactId d) {
          return previous.facts.kind(d) == incremental::FactKind::kFile;
        });
        out.reports[i] = !rec->diagnostics.empty();
      }
      // On the last build's frame, an unchanged source has the same
      // settings (config and front matter are the frame's) and its links
      // resolve as before; only included files can have changed.
      bool good = reuse.same_frame && src.from_cache && !out.reads_files[i];
      if (!good) {
        good = provenance_of(body_settings_hash(src, page, config), previous.facts, rec->deps, site, fs,
                             content_root) == rec->provenance;
      }
      if (good) {
        if (!from_memo) out.bodies[i] = body_from_record(*rec);
        r.cached = true;
        return;
      }
    }
    out.bodies[i] = snapshot::PageBody{};
    if (src.raw.empty() && src.size > 0) {
      auto bytes = fs.read_file(join_path(content_root, src.rel_path));
      if (!bytes.ok()) {
        r.diags.add(std::move(bytes).error());
        return;
      }
      src.raw = std::move(bytes).value();
    }
    r.parsed = std::make_unique<Parsed>();
    out.parsers[worker]->parse(src, page, out.bodies[i], r.diags, &r.parsed->deps);
    r.parsed->record.provenance =
        provenance_of(body_settings_hash(src, page, config), r.parsed->deps, site, fs, content_root);
    r.parsed->record.diagnostics = r.diags.items();
    // Parsed: the source bytes are no longer needed here, and holding them
    // would double peak memory on large sites.
    std::string().swap(src.raw);
  });
  progress.end_stage();
  // Merge in page order so diagnostics and records are the same for any -j.
  // An unknown fence language is reported once, for the first page using it.
  // Pages not examined kept their record; those with diagnostics report
  // them again, in their place in the order.
  std::set<std::string> languages_reported;
  out.fresh.assign(n, 0);
  std::size_t kept = 0;  // records stamped with this generation
  auto report = [&](Diagnostic d) {
    if (d.code == "unknown-language" && !languages_reported.insert(d.message).second) return;
    diags.add(std::move(d));
  };
  std::size_t k = 0;
  for (content::PageId i = 0; i < n; ++i) {
    if (k == examine.size() || examine[k] != i) {  // not examined (from the memo): kept as it was
      if (out.reports[i]) {
        for (const Diagnostic& d : out.by_page[i]->diagnostics) report(d);
      }
      continue;
    }
    PageResult& r = results[k++];
    const content::Page& page = site.pages[i];
    if (r.cached && out.reports[i]) {
      for (const Diagnostic& d : out.by_page[i]->diagnostics) report(d);  // still true: report again
    }
    for (Diagnostic& d : r.diags.items()) report(std::move(d));
    if (page.source < 0) continue;
    out.fresh[i] = !r.cached;
    if (r.cached) {
      // The memo's records keep their stamps: on the same frame no record
      // is dropped unless its page became unreadable (below).
      if (!from_memo) out.by_page[i]->generation = reuse.generation;
      ++kept;
      continue;
    }
    const content::SourcePage& src = disc.pages[static_cast<std::size_t>(page.source)];
    if (!r.parsed) {  // unreadable: no record
      if (from_memo && out.by_page[i] != nullptr) out.records_dropped += out.records.erase(src.rel_path);
      out.by_page[i] = nullptr;
      continue;
    }
    ++out.parsed;
    incremental::BodyRecord& rec = r.parsed->record;
    for (const incremental::FactKey& key : r.parsed->deps) rec.deps.push_back(out.deps.intern(key));
    rec.generation = reuse.generation;
    out.reads_files[i] = std::any_of(r.parsed->deps.begin(), r.parsed->deps.end(), [](const incremental::FactKey& key) {
      return key.kind == incremental::FactKind::kFile;
    });
    out.reports[i] = !rec.diagnostics.empty();
    out.by_page[i] = &out.records.insert_or_assign(src.rel_path, std::move(rec)).first->second;
    ++kept;
  }
  // Records of pages gone, or no longer readable, go.
  if (!from_memo && kept != out.records.size()) {
    out.records_dropped =
        std::erase_if(out.records, [&](const auto& entry) { return entry.second.generation != reuse.generation; });
  }
  return out;
}

}  // namespace bengal::build

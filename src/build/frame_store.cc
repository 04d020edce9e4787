#include "build/frame_store.h"

#include <algorithm>
#include <array>

#include "core/text.h"
#include "incremental/serial.h"

namespace bengal::build {
namespace {

using content::Page;
using content::Site;
using incremental::Reader;
using incremental::Writer;
using incremental::begin_envelope;
using incremental::end_envelope;

constexpr std::string_view kMagic = "BENGALFRAME\n";
constexpr std::uint64_t kVersion = 2;
// Pages and jobs are written in this many runs each, with their byte
// lengths, so they decode on every core.
constexpr std::size_t kRuns = 8;

// Every field of the site model and of a render job is written below; a
// field added to one of these structs must be added here too (and the size
// updated), or a loaded frame would silently lack it.
static_assert(sizeof(Page) == 928 && sizeof(content::FrontMatter) == 704 && sizeof(content::Section) == 136 &&
                  sizeof(content::Term) == 96 && sizeof(content::Taxonomy) == 96 && sizeof(content::TermRefs) == 32 &&
                  sizeof(content::MenuItem) == 256 && sizeof(content::Menu) == 80 && sizeof(Site) == 272 &&
                  sizeof(DateTime) == 16 && sizeof(snapshot::RenderJob) == 80,
              "the site model or RenderJob changed: save and load the new field in frame_store.cc");

// Any 32-bit id reads; ids_in_range() checks them against the site.
constexpr std::uint64_t kAnyId = std::uint64_t{1} << 32;

void write_date(Writer& w, const std::optional<DateTime>& d) {
  w.u64(d.has_value());
  if (!d) return;
  w.i64(d->epoch_seconds);
  w.i64(d->offset_minutes);
  w.u64(d->has_time);
}
void read_date(Reader& r, std::optional<DateTime>& d) {
  if (r.u64() == 0) return d.reset();
  DateTime t;
  t.epoch_seconds = r.i64();
  t.offset_minutes = static_cast<std::int32_t>(r.i64());
  t.has_time = r.u64() != 0;
  d = t;
}

void write_front_matter(Writer& w, const content::FrontMatter& fm) {
  w.str(fm.title);
  write_date(w, fm.date);
  write_date(w, fm.lastmod);
  write_date(w, fm.publish_date);
  write_date(w, fm.expiry_date);
  w.u64(fm.draft);
  w.i64(fm.weight);
  w.str(fm.slug);
  w.str(fm.url);
  w.strings(fm.aliases);
  w.str(fm.description);
  w.str(fm.summary);
  w.str(fm.layout);
  w.str(fm.type);
  w.u64(fm.toc);
  w.u64(fm.terms.size());
  for (const auto& [taxonomy, names] : fm.terms) {
    w.str(taxonomy);
    w.strings(names);
  }
  w.data(fm.cascade);
  w.data(fm.menu);
  w.data(fm.params);
}
void read_front_matter(Reader& r, content::FrontMatter& fm) {
  fm.title = r.str();
  read_date(r, fm.date);
  read_date(r, fm.lastmod);
  read_date(r, fm.publish_date);
  read_date(r, fm.expiry_date);
  fm.draft = r.u64() != 0;
  fm.weight = r.i64();
  fm.slug = r.str();
  fm.url = r.str();
  fm.aliases = r.strings();
  fm.description = r.str();
  fm.summary = r.str();
  fm.layout = r.str();
  fm.type = r.str();
  fm.toc = r.u64() != 0;
  std::uint64_t n = r.u64();
  if (n > r.remaining()) return r.fail();
  fm.terms.resize(n);
  for (auto& [taxonomy, names] : fm.terms) {
    taxonomy = r.str();
    names = r.strings();
  }
  fm.cascade = r.data();
  fm.menu = r.data();
  fm.params = r.data();
}

void write_page(Writer& w, const Page& p) {
  w.u64(p.id);
  w.u64(static_cast<std::uint64_t>(p.kind));
  w.i64(p.source);
  write_front_matter(w, p.fm);
  w.str(p.title);
  w.str(p.url);
  w.str(p.output_path);
  w.str(p.bundle_dir);
  w.u64(p.section);
  w.u64(p.prev);
  w.u64(p.next);
  w.ids(p.members);
  w.u64(p.taxonomy);
  w.u64(p.term);
  w.i64(p.paginate);
  w.u64(p.term_refs.size());
  for (const content::TermRefs& refs : p.term_refs) {
    w.u64(refs.taxonomy);
    w.ids(refs.terms);
  }
}
void read_page(Reader& r, Page& p) {
  p.id = static_cast<content::PageId>(r.u64());
  const std::uint64_t kind = r.u64();
  if (kind > static_cast<std::uint64_t>(content::PageKind::kNotFound)) return r.fail();
  p.kind = static_cast<content::PageKind>(kind);
  p.source = static_cast<std::int32_t>(r.i64());
  read_front_matter(r, p.fm);
  p.title = r.str();
  p.url = r.str();
  p.output_path = r.str();
  p.bundle_dir = r.str();
  p.section = static_cast<content::SectionId>(r.u64());
  p.prev = static_cast<content::PageId>(r.u64());
  p.next = static_cast<content::PageId>(r.u64());
  p.members = r.ids(kAnyId);
  p.taxonomy = static_cast<std::uint32_t>(r.u64());
  p.term = static_cast<std::uint32_t>(r.u64());
  p.paginate = static_cast<int>(r.i64());
  std::uint64_t n = r.u64();
  if (n > r.remaining()) return r.fail();
  p.term_refs.resize(n);
  for (content::TermRefs& refs : p.term_refs) {
    refs.taxonomy = static_cast<std::uint32_t>(r.u64());
    refs.terms = r.ids(kAnyId);
  }
}

void write_job(Writer& w, const snapshot::RenderJob& job) {
  w.u64(static_cast<std::uint64_t>(job.kind));
  w.u64(job.page);
  w.u64(job.pager);
  w.u64(job.pager_count);
  w.str(job.url);
  w.str(job.output_path);
}
void read_job(Reader& r, snapshot::RenderJob& job) {
  const std::uint64_t kind = r.u64();
  if (kind > static_cast<std::uint64_t>(snapshot::OutputKind::kAlias)) return r.fail();
  job.kind = static_cast<snapshot::OutputKind>(kind);
  job.page = static_cast<content::PageId>(r.u64());
  job.pager = static_cast<std::uint32_t>(r.u64());
  job.pager_count = static_cast<std::uint32_t>(r.u64());
  job.url = r.str();
  job.output_path = r.str();
}

// Everything but the pages and the jobs.
void write_rest(Writer& w, const Site& site, const DiagnosticList& diagnostics) {
  w.u64(site.sections.size());
  for (const content::Section& s : site.sections) {
    w.u64(s.id);
    w.str(s.rel_dir);
    w.str(s.name);
    w.u64(s.page);
    w.u64(s.parent);
    w.ids(s.children);
    w.ids(s.pages);
    w.u64(static_cast<std::uint64_t>(s.order));
  }
  w.u64(site.taxonomies.size());
  for (const content::Taxonomy& t : site.taxonomies) {
    w.str(t.name);
    w.str(t.singular);
    w.u64(t.page);
    w.u64(t.terms.size());
    for (const content::Term& term : t.terms) {
      w.str(term.name);
      w.str(term.slug);
      w.u64(term.page);
      w.ids(term.pages);
    }
  }
  w.u64(site.menus.size());
  for (const content::Menu& m : site.menus) {
    w.str(m.name);
    w.u64(m.items.size());
    for (const content::MenuItem& item : m.items) {
      w.u64(item.menu);
      w.str(item.name);
      w.str(item.url);
      w.str(item.identifier);
      w.i64(item.weight);
      w.u64(item.page);
      w.ids(item.children);
      w.u64(item.parent);
      w.data(item.params);
    }
    w.ids(m.roots);
  }
  w.ids(site.regular_pages);
  w.u64(site.home);
  w.u64(site.not_found);
  w.u64(diagnostics.items().size());
  for (const Diagnostic& d : diagnostics.items()) w.diagnostic(d);
}
void read_rest(Reader& r, Site& site, DiagnosticList& diagnostics) {
  std::uint64_t n = r.u64();
  if (n > r.remaining()) return r.fail();
  site.sections.resize(n);
  for (content::Section& s : site.sections) {
    s.id = static_cast<content::SectionId>(r.u64());
    s.rel_dir = r.str();
    s.name = r.str();
    s.page = static_cast<content::PageId>(r.u64());
    s.parent = static_cast<content::SectionId>(r.u64());
    s.children = r.ids(kAnyId);
    s.pages = r.ids(kAnyId);
    const std::uint64_t order = r.u64();
    if (order > static_cast<std::uint64_t>(content::SortOrder::kTitle)) return r.fail();
    s.order = static_cast<content::SortOrder>(order);
  }
  n = r.u64();
  if (n > r.remaining()) return r.fail();
  site.taxonomies.resize(n);
  for (content::Taxonomy& t : site.taxonomies) {
    t.name = r.str();
    t.singular = r.str();
    t.page = static_cast<content::PageId>(r.u64());
    std::uint64_t terms = r.u64();
    if (terms > r.remaining()) return r.fail();
    t.terms.resize(terms);
    for (content::Term& term : t.terms) {
      term.name = r.str();
      term.slug = r.str();
      term.page = static_cast<content::PageId>(r.u64());
      term.pages = r.ids(kAnyId);
    }
  }
  n = r.u64();
  if (n > r.remaining()) return r.fail();
  site.menus.resize(n);
  for (content::Menu& m : site.menus) {
    m.name = r.str();
    std::uint64_t items = r.u64();
    if (items > r.remaining()) return r.fail();
    m.items.resize(items);
    for (content::MenuItem& item : m.items) {
      item.menu = static_cast<std::uint32_t>(r.u64());
      item.name = r.str();
      item.url = r.str();
      item.identifier = r.str();
      item.weight = r.i64();
      item.page = static_cast<content::PageId>(r.u64());
      item.children = r.ids(kAnyId);
      item.parent = static_cast<std::uint32_t>(r.u64());
      item.params = r.data();
    }
    m.roots = r.ids(kAnyId);
  }
  site.regular_pages = r.ids(kAnyId);
  site.home = static_cast<content::PageId>(r.u64());
  site.not_found = static_cast<content::PageId>(r.u64());
  n = r.u64();
  if (n > r.remaining()) return r.fail();
  for (std::uint64_t i = 0; i < n && !r.failed(); ++i) diagnostics.add(r.diagnostic());
}

// Ids that index past their tables would be read out of bounds later: a
// loaded site must be one assemble could have made.
bool ids_in_range(const Site& site) {
  const std::size_t pages = site.pages.size(), sections = site.sections.size();
  auto page_ok = [&](content::PageId id) { return id == content::kNoPage || id < pages; };
  auto pages_ok = [&](const std::vector<content::PageId>& ids) {
    return std::all_of(ids.begin(), ids.end(), [&](content::PageId id) { return id < pages; });
  };
  for (std::size_t i = 0; i < pages; ++i) {
    const Page& p = site.pages[i];
    if (p.id != i || p.section >= sections || !page_ok(p.prev) || !page_ok(p.next) || !pages_ok(p.members)) {
      return false;
    }
    if (p.is_list() && (p.kind == content::PageKind::kTaxonomy || p.kind == content::PageKind::kTerm) &&
        p.taxonomy >= site.taxonomies.size()) {
      return false;
    }
    for (const content::TermRefs& refs : p.term_refs) {
      if (refs.taxonomy >= site.taxonomies.size()) return false;
      for (std::uint32_t k : refs.terms) {
        if (k >= site.taxonomies[refs.taxonomy].terms.size()) return false;
      }
    }
  }
  for (const Page& p : site.pages) {
    if (p.kind == content::PageKind::kTerm && p.term >= site.taxonomies[p.taxonomy].terms.size()) return false;
  }
  for (std::size_t i = 0; i < sections; ++i) {
    const content::Section& s = site.sections[i];
    if (s.id != i || !page_ok(s.page) || (s.parent != content::kNoSection && s.parent >= sections) ||
        !pages_ok(s.pages)) {
      return false;
    }
    if (!std::all_of(s.children.begin(), s.children.end(), [&](content::SectionId c) { return c < sections; })) {
      return false;
    }
  }
  for (const content::Taxonomy& t : site.taxonomies) {
    if (!page_ok(t.page)) return false;
    for (const content::Term& term : t.terms) {
      if (!page_ok(term.page) || !pages_ok(term.pages)) return false;
    }
  }
  for (const content::Menu& m : site.menus) {
    const std::size_t items = m.items.size();
    for (const content::MenuItem& item : m.items) {
      if (!page_ok(item.page) || (item.parent != UINT32_MAX && item.parent >= items)) return false;
      for (std::uint32_t c : item.children) {
        if (c >= items) return false;
      }
    }
    for (std::uint32_t root : m.roots) {
      if (root >= items) return false;
    }
  }
  return pages_ok(site.regular_pages) && page_ok(site.home) && page_ok(site.not_found);
}

// Items in kRuns runs: the count, each run's byte length, then the runs.
template <typename T, typename WriteOne>
void write_runs(Writer& w, const std::vector<T>& items, WriteOne write_one) {
  std::array<Writer, kRuns> runs;
  const std::size_t per_run = std::max<std::size_t>((items.size() + kRuns - 1) / kRuns, 1);
  for (std::size_t i = 0; i < items.size(); ++i) write_one(runs[i / per_run], items[i]);
  w.u64(items.size());
  for (const Writer& run : runs) w.u64(run.bytes().size());
  for (const Writer& run : runs) w.bytes() += run.bytes();
}

// The runs write_runs() wrote at `r`, which moves past them; false if they
// do not fit. Each item takes at least `min_bytes`, which bounds the count.
struct Runs {
  std::uint64_t count = 0;
  std::array<std::string_view, kRuns> bytes;
  std::size_t per_run() const { return std::max<std::size_t>((count + kRuns - 1) / kRuns, 1); }
};
bool read_runs(std::string_view payload, Reader& r, std::size_t min_bytes, Runs& out) {
  out.count = r.u64();
  std::array<std::uint64_t, kRuns> sizes{};
  for (std::uint64_t& size : sizes) size = r.u64();
  if (r.failed() || out.count > r.remaining() / min_bytes) return false;
  for (std::size_t k = 0; k < kRuns; ++k) {
    const std::size_t at = r.position();
    if (r.bytes(sizes[k]).size() != sizes[k] || r.failed()) return false;
    out.bytes[k] = payload.substr(at, sizes[k]);
  }
  return true;
}

}  // namespace

std::string serialize_frame(const Hash128& key, std::int64_t from, const snapshot::SiteFrame& frame,
                            const DiagnosticList& diagnostics) {
  // Payload: key, from, until, the pages in runs, the render schedule in
  // runs, then the rest. The key and window come first so a stale file is
  // turned down before anything is decoded.
  const Site& site = frame.site();
  Writer w;
  const std::size_t payload_at = begin_envelope(w, kMagic, kVersion);
  w.hash(key);
  w.i64(from);
  w.i64(site.visibility_changes_at);
  write_runs(w, site.pages, write_page);
  write_runs(w, frame.schedule(), write_job);
  write_rest(w, site, diagnostics);
  w.u64(frame.schedule_diagnostics().items().size());
  for (const Diagnostic& d : frame.schedule_diagnostics().items()) w.diagnostic(d);
  end_envelope(w, payload_at);
  return std::move(w.bytes());
}

std::optional<StoredFrame> deserialize_frame(std::string_view bytes, const Hash128& key, std::int64_t now,
                                             const std::vector<std::string_view>& source_paths, ThreadPool* pool) {
  std::string_view payload;
  Hash128 checksum;
  if (incremental::open_envelope_unchecked(bytes, kMagic, kVersion, payload, checksum) !=
      incremental::Envelope::kOk) {
    return std::nullopt;
  }
  // A store for other inputs (after a title edit, say) is turned down from
  // its head; one that may be used is checked whole before anything is
  // decoded (a damaged count must not size a vector).
  Reader head(payload);
  StoredFrame out;
  out.key = head.hash();
  out.from = head.i64();
  Site& site = out.site;
  site.visibility_changes_at = head.i64();
  if (head.failed() || out.key != key || now < out.from || now >= site.visibility_changes_at) return std::nullopt;
  if (hash_bytes(payload) != checksum) return std::nullopt;
  // A page takes dozens of bytes, a job at least six.
  Runs pages, jobs;
  if (!read_runs(payload, head, 32, pages) || !read_runs(payload, head, 6, jobs)) return std::nullopt;
  const std::string_view rest = payload.substr(head.position());
  site.pages.resize(pages.count);
  out.schedule.resize(jobs.count);
  // One task per run of pages, per run of jobs, and one for the rest.
  std::array<bool, 2 * kRuns + 1> ok{};
  auto decode = [&](std::size_t k, unsigned) {
    if (k == 2 * kRuns) {
      Reader r(rest);
      read_rest(r, site, out.diagnostics);
      const std::uint64_t n = r.u64();
      for (std::uint64_t i = 0; i < n && !r.failed(); ++i) out.schedule_diagnostics.add(r.diagnostic());
      ok[k] = !r.failed() && r.at_end();
      return;
    }
    const Runs& runs = k < kRuns ? pages : jobs;
    const std::size_t run = k % kRuns;
    Reader r(runs.bytes[run]);
    const std::size_t first = std::min<std::size_t>(run * runs.per_run(), runs.count);
    const std::size_t last = std::min<std::size_t>(first + runs.per_run(), runs.count);
    for (std::size_t i = first; i < last && !r.failed(); ++i) {
      if (k < kRuns) {
        read_page(r, site.pages[i]);
      } else {
        read_job(r, out.schedule[i]);
      }
    }
    ok[k] = !r.failed() && r.at_end();
  };
  if (pool != nullptr) {
    pool->parallel_for(ok.size(), decode, 1);
  } else {
    for (std::size_t k = 0; k < ok.size(); ++k) decode(k, 0);
  }
  if (!std::all_of(ok.begin(), ok.end(), [](bool b) { return b; }) || !ids_in_range(site)) return std::nullopt;
  for (const snapshot::RenderJob& job : out.schedule) {
    if (job.page >= site.pages.size()) return std::nullopt;
  }
  // The lookups, as assemble fills them: by_path from each page's source,
  // by_url from the pages in order (the first page with a URL keeps it).
  // The two are independent: each is filled by a task of its own.
  for (const Page& p : site.pages) {
    if (p.source >= 0 && static_cast<std::size_t>(p.source) >= source_paths.size()) return std::nullopt;
  }
  auto index = [&](std::size_t k, unsigned) {
    if (k == 0) {
      site.by_path.reserve(site.pages.size());
      for (const Page& p : site.pages) {
        if (p.source >= 0) site.by_path.emplace(std::string(source_paths[static_cast<std::size_t>(p.source)]), p.id);
      }
    } else {
      site.by_url.reserve(site.pages.size());
      for (const Page& p : site.pages) site.by_url.emplace(p.url, p.id);
    }
  };
  if (pool != nullptr) {
    pool->parallel_for(2, index, 1);
  } else {
    index(0, 0);
    index(1, 0);
  }
  return out;
}

std::optional<StoredFrame> load_frame(const FileSystem& fs, const std::string& cache_dir, const Hash128& key,
                                      std::int64_t now, const std::vector<std::string_view>& source_paths,
                                      ThreadPool* pool) {
  const std::string path = join_path(cache_dir, "frame.bin");
  if (!fs.stat(path).exists) return std::nullopt;
  auto bytes = fs.view_file(path);
  if (!bytes.ok()) return std::nullopt;
  return deserialize_frame(bytes->bytes(), key, now, source_paths, pool);
}

Status save_frame(FileSystem& fs, const std::string& cache_dir, const Hash128& key, std::int64_t from,
                  const snapshot::SiteFrame& frame, const DiagnosticList& diagnostics) {
  return fs.write_file(join_path(cache_dir, "frame.bin"), serialize_frame(key, from, frame, diagnostics));
}

}  // namespace bengal::build

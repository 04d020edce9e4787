#include "snapshot/snapshot.h"

#include <algorithm>
#include <numeric>

#include "core/fs.h"
#include "core/hash.h"
#include "core/text.h"

namespace bengal::snapshot {

std::string_view output_template(OutputKind kind) {
  switch (kind) {
    case OutputKind::kPage: return {};
    case OutputKind::kRss: return "rss.xml";
    case OutputKind::kAtom: return "atom.xml";
    case OutputKind::kSitemap: return "sitemap.xml";
    case OutputKind::kSearchIndex: return "search-index.json";
    case OutputKind::kLlmsTxt: return "llms.txt";
    case OutputKind::kRobotsTxt: return "robots.txt";
    case OutputKind::kAlias: return "alias.html";
  }
  return {};
}

namespace {

bool has_feed(const config::Config& c, const content::Page& p) {
  switch (p.kind) {
    case content::PageKind::kHome: return true;
    case content::PageKind::kSection: return c.feeds_sections;
    case content::PageKind::kTaxonomy:
    case content::PageKind::kTerm: return c.feeds_taxonomies;
    default: return false;
  }
}

// Builds the schedule in a fixed order (page id, then kind), reporting
// outputs that would leave the site or land on a file another output owns.
class ScheduleBuilder {
 public:
  ScheduleBuilder(const config::Config& c, const content::Site& site, const std::vector<PageSource>& sources,
                  DiagnosticList& diags)
      : c_(c), site_(site), sources_(sources), diags_(diags) {}

  std::vector<RenderJob> build(SlotIndex& index) {
    // Room for a page each and the feeds of list pages, without regrowing.
    const std::size_t lists = site_.pages.size() - site_.regular_pages.size();
    jobs_.reserve(site_.pages.size() + 2 * lists + 4);
    index_.reserve(site_.pages.size() + 2 * lists + 4);
    // Pages claim their files first, so a feed or an alias can never take a
    // page's place.
    for (const content::Page& p : site_.pages) add_pages(p);
    for (const content::Page& p : site_.pages) {
      if (has_feed(c_, p)) {
        if (c_.output_rss) add(OutputKind::kRss, p, join(p, "index.xml"));
        if (c_.output_atom) add(OutputKind::kAtom, p, join(p, "atom.xml"));
      }
    }
    for (const content::Page& p : site_.pages) {
      for (const std::string& alias : p.fm.aliases) {
        std::string url;
        if (!content::normalize_url(alias, url)) {
          diags_.add(make_error({origin(p), 0, 0}, "alias '" + alias + "' leaves the site",
                                "write aliases as site paths such as /old/address/"));
          continue;
        }
        add(OutputKind::kAlias, p, url);
      }
    }
    if (site_.home != content::kNoPage) {
      const content::Page& home = site_.page(site_.home);
      if (c_.output_sitemap) add(OutputKind::kSitemap, home, "/sitemap.xml");
      if (c_.output_search_index) add(OutputKind::kSearchIndex, home, "/index.json");
      if (c_.output_llms_txt) add(OutputKind::kLlmsTxt, home, "/llms.txt");
      if (c_.output_robots_txt) add(OutputKind::kRobotsTxt, home, "/robots.txt");
    }
    index = std::move(index_);
    return std::move(jobs_);
  }

 private:
  std::string origin(const content::Page& p) const { return page_origin(p, sources_); }

  static std::string join(const content::Page& p, std::string_view file) {
    return p.url.back() == '/' ? p.url + std::string(file) : p.url + "/" + std::string(file);
  }

  void add_pages(const content::Page& p) {
    std::uint32_t count = 1;
    if (p.is_list() && p.paginate > 0 && p.members.size() > static_cast<std::size_t>(p.paginate)) {
      std::size_t per = static_cast<std::size_t>(p.paginate);
      count = static_cast<std::uint32_t>((p.members.size() + per - 1) / per);
    }
    for (std::uint32_t k = 1; k <= count; ++k) {
      // List URLs end in '/', so /blog/ pages as /blog/page/2/.
      std::string url = k == 1 ? p.url : p.url + "page/" + std::to_string(k) + "/";
      add(OutputKind::kPage, p, url, k, count);
    }
  }

  void add(OutputKind kind, const content::Page& p, std::string url, std::uint32_t pager = 1,
           std::uint32_t pager_count = 1) {
    RenderJob job;
    job.kind = kind;
    job.page = p.id;
    job.pager = pager;
    job.pager_count = pager_count;
    if (kind == OutputKind::kPage && pager == 1) {
      job.output_path = p.output_path;  // checked by assemble
    } else if (!content::output_path_for_url(url, job.output_path)) {
      diags_.add(make_error({origin(p), 0, 0}, "output URL '" + url + "' leaves the output folder"));
      return;
    }
    job.url = std::move(url);
    // Owners are described only for a collision.
    std::uint32_t h = hash32(job.output_path);
    std::uint32_t other = index_.find(h, [&](std::uint32_t i) { return jobs_[i].output_path == job.output_path; });
    if (other != SlotIndex::kNone) {
      diags_.add(make_error({origin(p), 0, 0}, "output " + job.output_path + " of " + owner(job) +
                                                   " is also produced by " + owner(jobs_[other]),
                            "give one of them a different slug, url or alias"));
      return;
    }
    index_.insert(h, static_cast<std::uint32_t>(jobs_.size()));
    jobs_.push_back(std::move(job));
  }

  // Who produces a job's output: "content/a.md", "rss.xml of /blog/".
  std::string owner(const RenderJob& job) const {
    const content::Page& p = site_.page(job.page);
    if (job.kind == OutputKind::kPage) return origin(p);
    if (job.kind == OutputKind::kAlias) return origin(p) + " (alias " + job.url + ")";
    return std::string(output_template(job.kind)) + " of " + p.url;
  }

  const config::Config& c_;
  const content::Site& site_;
  const std::vector<PageSource>& sources_;
  DiagnosticList& diags_;
  std::vector<RenderJob> jobs_;
  SlotIndex index_;  // into jobs_, by output path
};

}  // namespace

SiteFrame::SiteFrame(std::shared_ptr<const config::Config> config, content::Site site,
                     std::vector<PageSource> sources)
    : config_(std::move(config)), site_(std::move(site)), sources_(std::move(sources)) {
  schedule_ = ScheduleBuilder(*config_, site_, sources_, schedule_diags_).build(output_index_);
  derive_rest();
}

SiteFrame::SiteFrame(std::shared_ptr<const config::Config> config, content::Site site,
                     std::vector<PageSource> sources, std::vector<RenderJob> schedule,
                     DiagnosticList schedule_diagnostics)
    : config_(std::move(config)),
      site_(std::move(site)),
      sources_(std::move(sources)),
      schedule_(std::move(schedule)),
      schedule_diags_(std::move(schedule_diagnostics)) {
  std::vector<std::uint32_t> hashes;
  hashes.reserve(schedule_.size());
  for (const RenderJob& job : schedule_) hashes.push_back(hash32(job.output_path));
  // The builder gives every output path one job; a schedule that repeats
  // one (damage) is not taken: it is built again.
  if (!output_index_.assign(hashes, [&](std::uint32_t a, std::uint32_t b) {
        return schedule_[a].output_path == schedule_[b].output_path;
      })) {
    schedule_diags_ = DiagnosticList();
    schedule_ = ScheduleBuilder(*config_, site_, sources_, schedule_diags_).build(output_index_);
  }
  derive_rest();
}

void SiteFrame::derive_rest() {
  permalinks_.reserve(site_.pages.size());
  for (const content::Page& p : site_.pages) {
    permalinks_.push_back(permalink(p.url));
    if (p.source < 0) generated_pages_.push_back(p.id);
  }
  compute_dates_and_feeds();
  sitemap_url_ = permalink("/sitemap.xml");
}

SiteSnapshot::SiteSnapshot(std::shared_ptr<const config::Config> config, content::Site site,
                           std::vector<PageBody> bodies, std::vector<PageSource> sources, Data data,
                           DateTime build_date)
    : SiteSnapshot(std::make_shared<const SiteFrame>(std::move(config), std::move(site), std::move(sources)),
                   std::move(bodies), std::move(data), build_date) {}

SiteSnapshot::SiteSnapshot(std::shared_ptr<const SiteFrame> frame, std::vector<PageBody> bodies, Data data,
                           DateTime build_date, const FactSource* facts)
    : frame_(std::move(frame)),
      bodies_(std::move(bodies)),
      facts_(facts),
      data_(std::move(data)),
      build_date_(build_date) {
  const content::Site& site = frame_->site();
  bodies_.resize(site.pages.size());
  once_ = std::make_unique<std::once_flag[]>(site.pages.size());
  facts_once_ = std::make_unique<std::once_flag[]>(site.pages.size());
  for (PageId id : frame_->generated_pages()) bodies_[id].html_ready = true;  // no body to parse
}

void SiteSnapshot::load_facts(PageId id) const {
  std::call_once(facts_once_[id], [&] {
    PageBody& b = bodies_[id];
    if (facts_ != nullptr) facts_->load_facts(id, b);
    b.facts_loaded = true;
  });
}

void SiteFrame::compute_dates_and_feeds() {
  const std::size_t n = site_.pages.size();
  auto later = [](const std::optional<DateTime>& a, const std::optional<DateTime>& b) {
    if (!a) return b;
    if (!b) return a;
    return a->epoch_seconds >= b->epoch_seconds ? a : b;
  };
  updated_.assign(n, std::nullopt);
  // Regular pages first: list pages are dated by their members.
  for (const content::Page& p : site_.pages) {
    if (p.kind == content::PageKind::kPage) updated_[p.id] = p.fm.lastmod ? p.fm.lastmod : p.fm.date;
  }
  for (const content::Page& p : site_.pages) {
    if (p.kind == content::PageKind::kPage) continue;
    std::optional<DateTime> d = p.fm.lastmod ? p.fm.lastmod : p.fm.date;
    if (!d) {
      for (PageId m : p.members) d = later(d, updated_[m]);
    }
    updated_[p.id] = d;
  }
  for (const content::Taxonomy& t : site_.taxonomies) {
    if (t.page == content::kNoPage || updated_[t.page]) continue;
    std::optional<DateTime> d;
    for (const content::Term& term : t.terms) {
      if (term.page != content::kNoPage) d = later(d, updated_[term.page]);
    }
    updated_[t.page] = d;
  }
  auto stamp = [&](PageId id) {
    const auto& d = updated_[id];
    return d ? d->epoch_seconds : INT64_MIN;
  };
  const std::size_t limit = config_->feed_limit > 0 ? static_cast<std::size_t>(config_->feed_limit) : 0;
  feed_items_.assign(n, {});
  for (const content::Page& p : site_.pages) {
    if (!p.is_list()) continue;
    std::vector<PageId> items;
    if (p.kind == content::PageKind::kTaxonomy) {
      for (const content::Term& term : site_.taxonomies[p.taxonomy].terms) {
        if (term.page != content::kNoPage) items.push_back(term.page);
      }
    } else {
      items = p.members;
    }
    // Newest first, ties in list order; with a limit only the first
    // `limit` are ordered (a home page lists every page, its feed 20).
    if (limit != 0 && items.size() > limit) {
      std::vector<std::uint32_t> at(items.size());
      std::iota(at.begin(), at.end(), 0u);
      std::partial_sort(at.begin(), at.begin() + static_cast<std::ptrdiff_t>(limit), at.end(),
                        [&](std::uint32_t a, std::uint32_t b) {
                          const std::int64_t sa = stamp(items[a]), sb = stamp(items[b]);
                          return sa != sb ? sa > sb : a < b;
                        });
      std::vector<PageId> first(limit);
      for (std::size_t k = 0; k < limit; ++k) first[k] = items[at[k]];
      items = std::move(first);
    } else {
      std::stable_sort(items.begin(), items.end(), [&](PageId a, PageId b) { return stamp(a) > stamp(b); });
    }
    feed_items_[p.id] = std::move(items);
  }
  for (const content::Page& p : site_.pages) {
    if (p.kind != content::PageKind::kNotFound) listed_pages_.push_back(p.id);
  }
}

std::int64_t SiteFrame::find_output(std::string_view output_path) const {
  std::uint32_t found = output_index_.find(
      hash32(output_path), [&](std::uint32_t i) { return schedule_[i].output_path == output_path; });
  return found == SlotIndex::kNone ? -1 : static_cast<std::int64_t>(found);
}

const std::string& SiteSnapshot::html(PageId id, BodySource* source) const {
  if (ReadScope* s = ReadScope::current()) s->note_body(id);
  PageBody& b = bodies_[id];
  if (b.html_ready) return b.html;  // written before freeze, never after
  std::call_once(once_[id], [&] {
    if (source != nullptr) source->load_html(id, b.html);
  });
  return b.html;
}

namespace {
// Tests may build a snapshot without sources; a page then has no source.
const PageSource* source_of(const content::Page& page, const std::vector<PageSource>& sources) {
  if (page.source < 0 || static_cast<std::size_t>(page.source) >= sources.size()) return nullptr;
  return &sources[static_cast<std::size_t>(page.source)];
}
}  // namespace

std::string page_origin(const content::Page& page, const std::vector<PageSource>& sources) {
  const PageSource* src = source_of(page, sources);
  return src ? src->display_path : "page " + page.url;
}

const PageSource* SiteFrame::source(PageId id) const { return source_of(site_.pages[id], sources_); }

std::string SiteFrame::permalink(std::string_view url) const {
  std::string out = config_->base_url;
  if (!url.empty() && url.front() == '/') url.remove_prefix(1);
  out += url;
  return out;
}

Data make_site_data(const std::vector<content::DataFile>& files) {
  Data root = Data::object();
  for (const content::DataFile& f : files) {
    Data* node = &root;
    std::vector<std::string_view> parts = split(f.key_path, '/');
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      Data* child = node->find(parts[i]);
      if (child == nullptr || !child->is_object()) child = &node->set(std::string(parts[i]), Data::object());
      node = child;
    }
    node->set(std::string(parts.back()), f.value);
  }
  return root;
}

}  // namespace bengal::snapshot

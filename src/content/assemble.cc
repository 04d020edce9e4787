#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>
#include <set>
#include <tuple>

#include "content/site.h"
#include "core/fs.h"
#include "core/text.h"

namespace bengal::content {

std::string_view kind_name(PageKind kind) {
  switch (kind) {
    case PageKind::kPage: return "page";
    case PageKind::kSection: return "section";
    case PageKind::kHome: return "home";
    case PageKind::kTaxonomy: return "taxonomy";
    case PageKind::kTerm: return "term";
    case PageKind::kNotFound: return "404";
  }
  return "page";
}

namespace {

// "getting-started" -> "Getting started": the title of a page or section that
// has none in its front matter.
std::string title_from_name(std::string_view name) {
  std::string out;
  for (char c : name) out += (c == '-' || c == '_') ? ' ' : c;
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

std::string capitalize_words(std::string_view s) {
  std::string out(s);
  bool start = true;
  for (char& c : out) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    start = c == ' ';
  }
  return out;
}

// The folder a page lives in, for section membership and URLs. A leaf bundle
// (blog/post/index.md) lives in the folder above its own.
std::string page_dir(const SourcePage& src) {
  std::string_view dir = parent_path(src.rel_path);
  if (src.is_leaf_bundle) dir = parent_path(dir);
  return std::string(dir);
}

SortOrder parse_order(std::string_view name) {
  if (name == "date") return SortOrder::kDate;
  if (name == "title") return SortOrder::kTitle;
  return SortOrder::kWeight;
}

// A section's order: its _index.md's sort_by, else the site's content.sort_by.
SortOrder section_order(const Data& params, const config::Config& config) {
  if (const Data* s = params.find("sort_by"); s && s->is_string()) return parse_order(s->as_string());
  return parse_order(config.sort_by);
}

class Assembler {
 public:
  Assembler(const DiscoverResult& d, const config::Config& c, const AssembleOptions& o)
      : disc_(d), config_(c), opts_(o) {
    for (const auto& t : config_.taxonomies) taxonomy_names_.push_back(t.name);
  }

  Site run() {
    // Sources, plus room for term and index pages: growing a vector of
    // pages copies every page and briefly holds both copies.
    site_.pages.reserve(disc_.pages.size() + disc_.pages.size() / 4 + 16);
    make_sections();
    make_pages();
    order_sections();
    make_taxonomies();
    make_menus();
    if (config_.output_not_found) make_not_found();
    index_urls();
    site_.diagnostics.sort();
    return std::move(site_);
  }

 private:
  // --- sections ------------------------------------------------------------

  SectionId section_for_dir(std::string_view dir) const {
    while (true) {
      auto it = section_by_dir_.find(std::string(dir));
      if (it != section_by_dir_.end()) return it->second;
      if (dir.empty()) return 0;
      dir = parent_path(dir);
    }
  }

  void make_sections() {
    std::set<std::string> dirs{""};
    for (const SourcePage& src : disc_.pages) {
      if (!src.ok) continue;
      std::string dir = page_dir(src);
      if (src.is_section_index) dirs.insert(std::string(parent_path(src.rel_path)));
      // Top-level folders are sections even without an _index.md (as in Hugo).
      if (!dir.empty()) dirs.insert(std::string(split(dir, '/')[0]));
      if (src.is_section_index) index_by_dir_[std::string(parent_path(src.rel_path))] = &src - disc_.pages.data();
    }
    // std::set order puts parents before children.
    for (const std::string& dir : dirs) {
      Section s;
      s.id = static_cast<SectionId>(site_.sections.size());
      s.rel_dir = dir;
      s.name = std::string(file_name(dir));
      if (!dir.empty()) {
        s.parent = section_for_dir(parent_path(dir));
        site_.sections[s.parent].children.push_back(s.id);
      }
      section_by_dir_[dir] = s.id;
      site_.sections.push_back(std::move(s));
    }
    // Effective cascade per section, top-down: the nearer section wins.
    cascade_.resize(site_.sections.size());
    for (Section& s : site_.sections) {
      Data effective = s.parent == kNoSection ? Data::object() : cascade_[s.parent];
      if (auto it = index_by_dir_.find(s.rel_dir); it != index_by_dir_.end()) {
        const Data* own = disc_.pages[it->second].front_matter.find("cascade");
        if (own != nullptr && own->is_object()) {
          for (std::size_t i = 0; i < own->size(); ++i) effective.set(own->keys()[i], own->items()[i]);
        }
      }
      cascade_[s.id] = std::move(effective);
    }
  }

  // --- pages ---------------------------------------------------------------

  // When a page goes live: its publish date, else its date.
  static const std::optional<DateTime>& publish_time(const FrontMatter& fm) {
    return fm.publish_date ? fm.publish_date : fm.date;
  }

  bool visible(const FrontMatter& fm) const {
    if (fm.draft && !opts_.drafts) return false;
    if (!opts_.future) {
      const auto& when = publish_time(fm);
      if (when && when->epoch_seconds > opts_.now.epoch_seconds) return false;
    }
    if (!opts_.expired && fm.expiry_date && fm.expiry_date->epoch_seconds <= opts_.now.epoch_seconds) {
      return false;
    }
    return true;
  }

  // When visible(fm) next changes as time passes (INT64_MAX: never).
  std::int64_t visibility_changes_at(const FrontMatter& fm) const {
    std::int64_t at = std::numeric_limits<std::int64_t>::max();
    const std::int64_t now = opts_.now.epoch_seconds;
    if (!opts_.future) {
      const auto& when = publish_time(fm);
      if (when && when->epoch_seconds > now) at = std::min(at, when->epoch_seconds);
    }
    if (!opts_.expired && fm.expiry_date && fm.expiry_date->epoch_seconds > now) {
      at = std::min(at, fm.expiry_date->epoch_seconds);
    }
    return at;
  }

  void error(const std::string& file, std::string message, std::string hint = {}) {
    Diagnostic d = make_error({file, 0, 0}, std::move(message), std::move(hint));
    site_.diagnostics.add(std::move(d));
  }

  // Registers a page's output path; reports a collision naming both sources.
  bool claim_output(Page& page, const std::string& origin) {
    std::string out;
    if (!output_path_for_url(page.url, out)) {
      error(origin, "URL '" + page.url + "' leaves the output folder",
            "use a slug or url without '..', '//' or a leading '.'");
      return false;
    }
    auto [it, inserted] = owner_of_output_.emplace(out, origin);
    if (!inserted) {
      error(origin, "output " + out + " is also produced by " + it->second,
            "give one of them a different slug or url");
      return false;
    }
    page.output_path = std::move(out);
    return true;
  }

  void index_urls() {
    for (const Page& p : site_.pages) site_.by_url.emplace(p.url, p.id);
  }

  std::string expand_permalink(const std::string& pattern, const Page& p, const SourcePage& src) const {
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i] != ':') {
        out += pattern[i];
        continue;
      }
      std::size_t j = i + 1;
      while (j < pattern.size() && (std::isalnum(static_cast<unsigned char>(pattern[j])) || pattern[j] == '_')) ++j;
      std::string token = pattern.substr(i + 1, j - i - 1);
      CivilTime c{};
      if (p.fm.date) c = to_civil(*p.fm.date);
      char buf[8];
      if (token == "year") {
        std::snprintf(buf, sizeof buf, "%04d", c.year);
        out += buf;
      } else if (token == "month") {
        std::snprintf(buf, sizeof buf, "%02d", c.month);
        out += buf;
      } else if (token == "day") {
        std::snprintf(buf, sizeof buf, "%02d", c.day);
        out += buf;
      } else if (token == "slug") {
        out += p.fm.slug.empty() ? url_slug(p.title.empty() ? file_stem(src.rel_path) : p.title) : p.fm.slug;
      } else if (token == "title") {
        out += url_slug(p.title);
      } else if (token == "filename") {
        out += src.is_leaf_bundle ? std::string(file_name(parent_path(src.rel_path)))
                                  : std::string(file_stem(src.rel_path));
      } else if (token == "section") {
        out += site_.sections[p.section].name;
      } else {
        out += ':' + token;  // unknown token stays visible rather than vanishing
      }
      i = j - 1;
    }
    return out;
  }

  std::string default_url(const Page& p, const SourcePage& src) const {
    std::string dir = page_dir(src);
    std::string leaf;
    if (!p.fm.slug.empty()) {
      leaf = p.fm.slug;
    } else if (src.is_leaf_bundle) {
      leaf = std::string(file_name(parent_path(src.rel_path)));
    } else {
      leaf = std::string(file_stem(src.rel_path));
    }
    std::string path = join_path(dir, leaf);
    return config_.pretty_urls ? "/" + path + "/" : "/" + path + ".html";
  }

  void make_pages() {
    // Section and home pages first, so a section's page id is known before
    // its members are added.
    for (Section& s : site_.sections) {
      Page p;
      p.kind = s.id == 0 ? PageKind::kHome : PageKind::kSection;
      p.section = s.id;
      std::string origin = "section '" + (s.rel_dir.empty() ? std::string("/") : s.rel_dir) + "'";
      if (auto it = index_by_dir_.find(s.rel_dir); it != index_by_dir_.end()) {
        // A broken _index.md is reported; its section still gets a generated
        // page so the pages inside it keep their list and URLs.
        const SourcePage& src = disc_.pages[it->second];
        origin = src.display_path;
        if (typed(p, src, s.parent == kNoSection ? Data::object() : cascade_[s.parent], site_.diagnostics)) {
          p.source = static_cast<std::int32_t>(it->second);
        } else {
          p.fm = FrontMatter{};
          p.fm.params = Data::object();
        }
      }
      if (p.title.empty()) p.title = s.id == 0 ? config_.title : capitalize_words(title_from_name(s.name));
      p.url = s.id == 0 ? "/" : "/" + s.rel_dir + "/";
      if (!p.fm.url.empty() && s.id != 0 && !user_url(p, origin, site_.diagnostics)) p.url = "/" + s.rel_dir + "/";
      s.order = section_order(p.fm.params, config_);
      p.paginate = config_.paginate;
      if (const Data* n = p.fm.params.find("paginate"); n && n->is_int()) p.paginate = static_cast<int>(n->as_int());
      if (!claim_output(p, origin)) continue;
      p.id = static_cast<PageId>(site_.pages.size());
      s.page = p.id;
      if (p.source >= 0) site_.by_path[disc_.pages[static_cast<std::size_t>(p.source)].rel_path] = p.id;
      site_.pages.push_back(std::move(p));
    }
    site_.home = site_.sections[0].page;

    // Each page's typed front matter and URL depend only on its source and
    // its section: prepared on every core. Output paths and ids are then
    // claimed in source order, so collisions and ids do not depend on --jobs.
    struct Prepared {
      Page page;
      DiagnosticList diags;
      std::int64_t changes_at = std::numeric_limits<std::int64_t>::max();
      bool ok = false;
    };
    std::vector<Prepared> prepared(disc_.pages.size());
    auto prepare = [&](std::size_t i, unsigned) {
      const SourcePage& src = disc_.pages[i];
      if (!src.ok || src.is_section_index) return;
      prepared[i].ok = prepare_page(i, prepared[i].page, prepared[i].diags, prepared[i].changes_at);
    };
    if (opts_.pool != nullptr) {
      opts_.pool->parallel_for(disc_.pages.size(), prepare);
    } else {
      for (std::size_t i = 0; i < disc_.pages.size(); ++i) prepare(i, 0);
    }
    for (std::size_t i = 0; i < disc_.pages.size(); ++i) {
      Prepared& prep = prepared[i];
      site_.diagnostics.append(std::move(prep.diags));
      site_.visibility_changes_at = std::min(site_.visibility_changes_at, prep.changes_at);
      if (!prep.ok) continue;
      Page& p = prep.page;
      const SourcePage& src = disc_.pages[i];
      if (!claim_output(p, src.display_path)) continue;
      p.id = static_cast<PageId>(site_.pages.size());
      site_.by_path[src.rel_path] = p.id;
      site_.sections[p.section].pages.push_back(p.id);
      site_.regular_pages.push_back(p.id);
      site_.pages.push_back(std::move(p));
    }
  }

  // A regular page from source i, without its id and output claim; false
  // when it is left out (hidden, or with errors in `diags`). `changes_at`:
  // when its visibility next changes.
  bool prepare_page(std::size_t i, Page& p, DiagnosticList& diags, std::int64_t& changes_at) const {
    const SourcePage& src = disc_.pages[i];
    p.kind = PageKind::kPage;
    p.source = static_cast<std::int32_t>(i);
    std::string dir = page_dir(src);
    p.section = section_for_dir(dir);
    if (!typed(p, src, cascade_[p.section], diags)) return false;
    changes_at = visibility_changes_at(p.fm);
    if (!visible(p.fm)) return false;
    if (p.title.empty()) {
      p.title = title_from_name(src.is_leaf_bundle ? file_name(parent_path(src.rel_path)) : file_stem(src.rel_path));
    }
    if (src.is_leaf_bundle) p.bundle_dir = std::string(parent_path(src.rel_path));
    if (!p.fm.url.empty()) return user_url(p, src.display_path, diags);
    std::string top = site_.sections[p.section].rel_dir;
    auto pattern = config_.permalinks.find(top);
    if (pattern == config_.permalinks.end()) pattern = config_.permalinks.find(std::string(split(top, '/')[0]));
    std::string raw =
        pattern != config_.permalinks.end() ? expand_permalink(pattern->second, p, src) : default_url(p, src);
    if (!normalize_url(raw, p.url)) {
      diags.add(make_error({src.display_path, 0, 0}, "URL '" + raw + "' leaves the site",
                           "a slug is one path segment: no '/' or '..'"));
      return false;
    }
    return true;
  }

  static bool user_url(Page& p, const std::string& origin, DiagnosticList& diags) {
    if (!normalize_url(p.fm.url, p.url)) {
      diags.add(make_error({origin, 0, 0}, "url '" + p.fm.url + "' leaves the site", "write a path such as /about/"));
      return false;
    }
    return true;
  }

  // Merges the cascade under the page's own front matter and reads the typed
  // fields. False (with diagnostics) when a field has the wrong type.
  bool typed(Page& p, const SourcePage& src, const Data& cascade, DiagnosticList& diags) const {
    const Data* fm = &src.front_matter;
    Data merged;
    if (cascade.size() > 0) {
      merged = src.front_matter;
      for (std::size_t i = 0; i < cascade.size(); ++i) {
        if (merged.find(cascade.keys()[i]) == nullptr) merged.set(cascade.keys()[i], cascade.items()[i]);
      }
      fm = &merged;
    }
    std::size_t errors_before = diags.error_count();
    p.fm = extract_front_matter(*fm, taxonomy_names_, src.origin(), diags);
    p.title = p.fm.title;
    return diags.error_count() == errors_before;
  }

  // --- ordering --------------------------------------------------------------

  bool newer(PageId a, PageId b) const {
    const Page& x = site_.pages[a];
    const Page& y = site_.pages[b];
    std::int64_t dx = x.fm.date ? x.fm.date->epoch_seconds : INT64_MIN;
    std::int64_t dy = y.fm.date ? y.fm.date->epoch_seconds : INT64_MIN;
    if (dx != dy) return dx > dy;
    if (x.title != y.title) return x.title < y.title;
    return x.url < y.url;
  }

  bool before(SortOrder order, PageId a, PageId b) const {
    const Page& x = site_.pages[a];
    const Page& y = site_.pages[b];
    if (order == SortOrder::kWeight) {
      // Pages with a weight come first, lightest first; unweighted (0) last.
      bool wx = x.fm.weight != 0, wy = y.fm.weight != 0;
      if (wx != wy) return wx;
      if (x.fm.weight != y.fm.weight) return x.fm.weight < y.fm.weight;
      return newer(a, b);
    }
    if (order == SortOrder::kTitle && x.title != y.title) return x.title < y.title;
    return newer(a, b);
  }

  void order_sections() {
    for (Section& s : site_.sections) {
      std::sort(s.pages.begin(), s.pages.end(), [&](PageId a, PageId b) { return before(s.order, a, b); });
      for (std::size_t i = 0; i < s.pages.size(); ++i) {
        Page& p = site_.pages[s.pages[i]];
        p.prev = i > 0 ? s.pages[i - 1] : kNoPage;
        p.next = i + 1 < s.pages.size() ? s.pages[i + 1] : kNoPage;
      }
      if (s.page != kNoPage) site_.pages[s.page].members = s.pages;
    }
    for (Section& s : site_.sections) {
      std::sort(s.children.begin(), s.children.end(), [&](SectionId a, SectionId b) {
        PageId pa = site_.sections[a].page, pb = site_.sections[b].page;
        if (pa == kNoPage || pb == kNoPage) return site_.sections[a].rel_dir < site_.sections[b].rel_dir;
        return before(SortOrder::kWeight, pa, pb);
      });
    }
    std::sort(site_.regular_pages.begin(), site_.regular_pages.end(),
              [&](PageId a, PageId b) { return newer(a, b); });
    if (site_.home != kNoPage) site_.pages[site_.home].members = site_.regular_pages;
  }

  // --- taxonomies --------------------------------------------------------------

  void make_taxonomies() {
    for (std::uint32_t t = 0; t < config_.taxonomies.size(); ++t) {
      Taxonomy tax;
      tax.name = config_.taxonomies[t].name;
      tax.singular = config_.taxonomies[t].singular;
      // Terms in first-seen order, then sorted by slug; each page keeps the
      // terms it names (first-seen indexes) so slugs are made once per name.
      std::unordered_map<std::string, std::uint32_t> by_slug;
      std::vector<std::vector<std::uint32_t>> named(site_.regular_pages.size());
      for (std::size_t r = 0; r < site_.regular_pages.size(); ++r) {
        PageId id = site_.regular_pages[r];
        const auto* terms = site_.pages[id].fm.terms_for(tax.name);
        if (terms == nullptr) continue;
        for (const std::string& name : *terms) {
          std::string slug = url_slug(name);
          if (slug.empty()) {
            const Page& p = site_.pages[id];
            Diagnostic d = make_warning({disc_.pages[static_cast<std::size_t>(p.source)].display_path, 0, 0},
                                        tax.name + " term '" + name + "' has no letters or digits; ignored");
            site_.diagnostics.add(std::move(d));
            continue;
          }
          auto [it, inserted] = by_slug.emplace(std::move(slug), static_cast<std::uint32_t>(tax.terms.size()));
          if (inserted) tax.terms.push_back(Term{name, it->first, kNoPage, {}});
          tax.terms[it->second].pages.push_back(id);
          named[r].push_back(it->second);
        }
      }
      std::vector<std::uint32_t> order(tax.terms.size());
      for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
      std::sort(order.begin(), order.end(),
                [&](std::uint32_t a, std::uint32_t b) { return tax.terms[a].slug < tax.terms[b].slug; });
      std::vector<Term> sorted;
      sorted.reserve(order.size());
      std::vector<std::uint32_t> new_index(order.size());
      for (std::uint32_t k = 0; k < order.size(); ++k) {
        new_index[order[k]] = k;
        sorted.push_back(std::move(tax.terms[order[k]]));
      }
      tax.terms = std::move(sorted);
      // Each page learns its terms' indexes, in its own front-matter order.
      for (std::size_t r = 0; r < site_.regular_pages.size(); ++r) {
        TermRefs refs;
        refs.taxonomy = t;
        for (std::uint32_t first_seen : named[r]) {
          std::uint32_t k = new_index[first_seen];
          if (std::find(refs.terms.begin(), refs.terms.end(), k) == refs.terms.end()) refs.terms.push_back(k);
        }
        site_.pages[site_.regular_pages[r]].term_refs.push_back(std::move(refs));
      }

      // The taxonomy's own page; a content section of the same name
      // (content/tags/_index.md) becomes that page.
      Page index;
      index.kind = PageKind::kTaxonomy;
      index.taxonomy = t;
      index.section = 0;
      index.title = capitalize_words(tax.name);
      index.url = "/" + tax.name + "/";
      PageId existing = kNoPage;
      if (auto it = section_by_dir_.find(tax.name); it != section_by_dir_.end()) existing = site_.sections[it->second].page;
      if (existing != kNoPage) {
        Page& sec = site_.pages[existing];
        sec.kind = PageKind::kTaxonomy;
        sec.taxonomy = t;
        tax.page = existing;
      } else if (claim_output(index, "taxonomy '" + tax.name + "'")) {
        index.id = static_cast<PageId>(site_.pages.size());
        tax.page = index.id;
        site_.pages.push_back(std::move(index));
      }
      for (std::uint32_t k = 0; k < tax.terms.size(); ++k) {
        Term& term = tax.terms[k];
        Page tp;
        tp.kind = PageKind::kTerm;
        tp.taxonomy = t;
        tp.term = k;
        tp.section = 0;
        tp.title = term.name;
        tp.url = "/" + tax.name + "/" + term.slug + "/";
        tp.members = term.pages;
        tp.paginate = config_.paginate;
        if (!claim_output(tp, "term '" + term.name + "' of " + tax.name)) continue;
        tp.id = static_cast<PageId>(site_.pages.size());
        term.page = tp.id;
        site_.pages.push_back(std::move(tp));
      }
      site_.taxonomies.push_back(std::move(tax));
    }
  }

  // --- menus -------------------------------------------------------------------

  void add_menu_entry(std::map<std::string, Menu>& menus, const std::string& menu_name, MenuItem item) {
    Menu& m = menus[menu_name];
    m.name = menu_name;
    m.items.push_back(std::move(item));
  }

  void make_menus() {
    std::map<std::string, Menu> menus;
    for (const auto& [name, entries] : config_.menus) {
      for (const config::MenuEntry& e : entries) {
        MenuItem item;
        item.name = e.name;
        item.identifier = e.identifier;
        item.weight = e.weight;
        item.params = e.params;
        item.url = e.url;
        parents_[name].push_back(e.parent);
        if (!e.page_ref.empty()) {
          auto it = site_.by_path.find(e.page_ref);
          if (it == site_.by_path.end()) {
            site_.diagnostics.add(make_warning({config_.source_path, 0, 0},
                                               "menu." + name + " entry '" + e.name + "' points at '" + e.page_ref +
                                                   "', which is not a page of this site"));
            parents_[name].pop_back();
            continue;
          }
          item.page = it->second;
          item.url = site_.pages[it->second].url;
        }
        add_menu_entry(menus, name, std::move(item));
      }
    }
    // Front matter: menu: main | [main, footer] | {main: {weight: 2, parent: Docs}}
    for (const Page& p : site_.pages) {
      const Data& m = p.fm.menu;
      if (m.is_null()) continue;
      auto add = [&](const std::string& menu_name, const Data* opts) {
        MenuItem item;
        item.name = p.title;
        item.url = p.url;
        item.page = p.id;
        item.weight = p.fm.weight;
        item.identifier = p.url;
        std::string parent;
        if (opts != nullptr && opts->is_object()) {
          if (const Data* v = opts->find("name"); v && v->is_string()) item.name = v->as_string();
          if (const Data* v = opts->find("weight"); v && v->is_int()) item.weight = v->as_int();
          if (const Data* v = opts->find("identifier"); v && v->is_string()) item.identifier = v->as_string();
          if (const Data* v = opts->find("parent"); v && v->is_string()) parent = v->as_string();
          if (const Data* v = opts->find("params")) item.params = *v;
        }
        parents_[menu_name].push_back(parent);
        add_menu_entry(menus, menu_name, std::move(item));
      };
      if (m.is_string()) {
        add(m.as_string(), nullptr);
      } else if (m.is_array()) {
        for (const Data& v : m.items()) {
          if (v.is_string()) add(v.as_string(), nullptr);
        }
      } else if (m.is_object()) {
        for (std::size_t i = 0; i < m.size(); ++i) add(m.keys()[i], &m.items()[i]);
      }
    }
    for (auto& [name, menu] : menus) {
      link_menu(menu, parents_[name]);
      for (MenuItem& item : menu.items) item.menu = static_cast<std::uint32_t>(site_.menus.size());
      site_.menus.push_back(std::move(menu));
    }
  }

  void link_menu(Menu& menu, const std::vector<std::string>& parents) {
    std::map<std::string, std::uint32_t> by_id;
    for (std::uint32_t i = 0; i < menu.items.size(); ++i) by_id.emplace(menu.items[i].identifier, i);
    for (std::uint32_t i = 0; i < menu.items.size(); ++i) {
      const std::string& parent = parents[i];
      if (!parent.empty()) {
        auto it = by_id.find(parent);
        if (it != by_id.end() && it->second != i) {
          menu.items[i].parent = it->second;
          menu.items[it->second].children.push_back(i);
          continue;
        }
        site_.diagnostics.add(make_warning({config_.source_path, 0, 0}, "menu '" + menu.name + "': entry '" +
                                                                             menu.items[i].name + "' has unknown parent '" +
                                                                             parent + "'"));
      }
      menu.roots.push_back(i);
    }
    auto by_weight = [&](std::uint32_t a, std::uint32_t b) {
      const MenuItem& x = menu.items[a];
      const MenuItem& y = menu.items[b];
      return std::tie(x.weight, x.name, a) < std::tie(y.weight, y.name, b);
    };
    std::sort(menu.roots.begin(), menu.roots.end(), by_weight);
    for (MenuItem& item : menu.items) std::sort(item.children.begin(), item.children.end(), by_weight);
  }

  void make_not_found() {
    Page p;
    p.kind = PageKind::kNotFound;
    p.section = 0;
    p.title = "Page not found";
    p.url = "/404.html";
    if (!claim_output(p, "the 404 page")) return;
    p.id = static_cast<PageId>(site_.pages.size());
    site_.not_found = p.id;
    site_.pages.push_back(std::move(p));
  }

  const DiscoverResult& disc_;
  const config::Config& config_;
  const AssembleOptions& opts_;
  std::vector<std::string> taxonomy_names_;
  Site site_;
  std::map<std::string, SectionId> section_by_dir_;
  std::map<std::string, std::size_t> index_by_dir_;
  std::vector<Data> cascade_;
  std::unordered_map<std::string, std::string> owner_of_output_;
  std::map<std::string, std::vector<std::string>> parents_;
};

}  // namespace

Site assemble(const DiscoverResult& discovered, const config::Config& config, const AssembleOptions& options) {
  return Assembler(discovered, config, options).run();
}

}  // namespace bengal::content

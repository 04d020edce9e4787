#include "render/context.h"

#include <algorithm>
#include <array>
#include <cassert>

#include "core/date.h"
#include "template/data_value.h"

namespace bengal::render {

namespace {

using content::Page;
using content::PageId;
using content::Section;
using content::SectionId;
using tmpl::Value;

const RenderHost& H(void* host) {
  assert(host != nullptr && "site objects are only read inside a RenderPipeline render");
  return *static_cast<const RenderHost*>(host);
}
const snapshot::SiteSnapshot& S(void* host) { return *H(host).snap; }

// An attribute table: sorted by name, searched by binary search, so a lookup
// costs a handful of comparisons whatever the table size.
template <typename Self>
struct Attr {
  std::string_view name;
  Value (*get)(const Self& self, void* host);
};

template <typename Self, std::size_t N>
const Attr<Self>* find_attr(const std::array<Attr<Self>, N>& table, std::string_view name) {
  auto it = std::lower_bound(table.begin(), table.end(), name,
                             [](const Attr<Self>& a, std::string_view n) { return a.name < n; });
  return it != table.end() && it->name == name ? &*it : nullptr;
}

template <typename Self, std::size_t N>
void list_names(const std::array<Attr<Self>, N>& table, void (*add)(void*, std::string_view), void* sink) {
  for (const auto& a : table) add(sink, a.name);
}

template <typename Self, std::size_t N>
std::vector<std::string_view> names_of(const std::array<Attr<Self>, N>& table) {
  std::vector<std::string_view> out;
  for (const auto& a : table) out.push_back(a.name);
  return out;
}

Value opt_date(const std::optional<DateTime>& d) { return d ? date_value(*d) : Value::none(); }
Value str(const std::string& s) { return Value::string(s); }

// --- forward declarations of vtables --------------------------------------------

extern const tmpl::ObjectVTable kPage;
extern const tmpl::ObjectVTable kSection;
extern const tmpl::ObjectVTable kSite;
extern const tmpl::ObjectVTable kTaxonomy;
extern const tmpl::ObjectVTable kTerm;
extern const tmpl::ObjectVTable kDate;
extern const tmpl::ObjectVTable kPaginator;
extern const tmpl::ObjectVTable kPageVector;
extern const tmpl::ObjectVTable kPageSpan;
extern const tmpl::ObjectVTable kSectionVector;
extern const tmpl::ObjectVTable kTermVector;
extern const tmpl::ObjectVTable kTermRefs;
extern const tmpl::ObjectVTable kPageTerms;
extern const tmpl::ObjectVTable kAncestors;
extern const tmpl::ObjectVTable kTocList;
extern const tmpl::ObjectVTable kTocEntry;
extern const tmpl::ObjectVTable kStringVector;
extern const tmpl::ObjectVTable kMenus;
extern const tmpl::ObjectVTable kMenuRoots;
extern const tmpl::ObjectVTable kMenuItem;
extern const tmpl::ObjectVTable kMenuChildren;
extern const tmpl::ObjectVTable kTaxonomies;

Value page_obj(const snapshot::SiteSnapshot& s, PageId id) {
  return id == content::kNoPage ? Value::none() : Value::object(&kPage, &s.page(id));
}
Value section_obj(const snapshot::SiteSnapshot& s, SectionId id) {
  return id == content::kNoSection ? Value::none() : Value::object(&kSection, &s.site().section(id));
}
const snapshot::PageBody& body(const Page& p, void* host) { return S(host).body(p.id); }

const std::vector<SectionId> kNoSections;

// --- page ------------------------------------------------------------------------

const std::array<Attr<Page>, 43> kPageAttrs = {{
    {"aliases", [](const Page& p, void*) { return Value::object(&kStringVector, &p.fm.aliases); }},
    {"ancestors", [](const Page& p, void*) { return Value::object(&kAncestors, &p); }},
    {"content", [](const Page& p, void* h) { return Value::safe_string(S(h).html(p.id, H(h).bodies)); }},
    {"date", [](const Page& p, void*) { return opt_date(p.fm.date); }},
    {"description", [](const Page& p, void*) { return str(p.fm.description); }},
    {"draft", [](const Page& p, void*) { return Value::boolean(p.fm.draft); }},
    {"expiry_date", [](const Page& p, void*) { return opt_date(p.fm.expiry_date); }},
    {"feed_items", [](const Page& p, void* h) { return Value::object(&kPageVector, &S(h).feed_items(p.id)); }},
    {"feed_updated",
     [](const Page& p, void* h) {
       const auto& items = S(h).feed_items(p.id);
       return items.empty() ? Value::none() : opt_date(S(h).updated(items.front()));
     }},
    {"file",
     [](const Page& p, void* h) {
       const snapshot::PageSource* src = S(h).source(p.id);
       return src ? str(src->display_path) : Value::none();
     }},
    {"id", [](const Page& p, void*) { return Value::integer(p.id); }},
    {"is_home", [](const Page& p, void*) { return Value::boolean(p.kind == content::PageKind::kHome); }},
    {"is_list", [](const Page& p, void*) { return Value::boolean(p.is_list()); }},
    {"is_page", [](const Page& p, void*) { return Value::boolean(p.kind == content::PageKind::kPage); }},
    {"is_section", [](const Page& p, void*) { return Value::boolean(p.kind == content::PageKind::kSection); }},
    {"kind", [](const Page& p, void*) { return Value::string(content::kind_name(p.kind)); }},
    {"lastmod", [](const Page& p, void*) { return opt_date(p.fm.lastmod ? p.fm.lastmod : p.fm.date); }},
    {"layout", [](const Page& p, void*) { return str(p.fm.layout); }},
    {"next", [](const Page& p, void* h) { return page_obj(S(h), p.next); }},
    {"pages", [](const Page& p, void*) { return Value::object(&kPageVector, &p.members); }},
    {"params", [](const Page& p, void*) { return tmpl::data_value(p.fm.params); }},
    {"parent",
     [](const Page& p, void* h) {
       const auto& site = S(h).site();
       if (p.kind == content::PageKind::kPage) return section_obj(S(h), p.section);
       if (p.kind == content::PageKind::kHome) return Value::none();
       if (p.kind == content::PageKind::kSection) return section_obj(S(h), site.section(p.section).parent);
       return section_obj(S(h), 0);
     }},
    {"permalink", [](const Page& p, void* h) { return str(S(h).permalink_of(p.id)); }},
    {"plain", [](const Page& p, void* h) { return str(body(p, h).plain_text); }},
    {"prev", [](const Page& p, void* h) { return page_obj(S(h), p.prev); }},
    {"publish_date", [](const Page& p, void*) { return opt_date(p.fm.publish_date ? p.fm.publish_date : p.fm.date); }},
    {"reading_time", [](const Page& p, void* h) { return Value::integer(body(p, h).reading_minutes); }},
    {"section", [](const Page& p, void* h) { return section_obj(S(h), p.section); }},
    {"slug", [](const Page& p, void*) { return str(p.fm.slug); }},
    {"subsections",
     [](const Page& p, void* h) {
       bool list = p.kind == content::PageKind::kSection || p.kind == content::PageKind::kHome;
       return Value::object(&kSectionVector, list ? &S(h).site().section(p.section).children : &kNoSections);
     }},
    {"summary", [](const Page& p, void* h) { return Value::safe_string(body(p, h).summary_html); }},
    {"taxonomy",
     [](const Page& p, void* h) {
       bool tax = p.kind == content::PageKind::kTaxonomy || p.kind == content::PageKind::kTerm;
       return tax ? Value::object(&kTaxonomy, &S(h).site().taxonomies[p.taxonomy]) : Value::none();
     }},
    {"term",
     [](const Page& p, void* h) {
       if (p.kind != content::PageKind::kTerm) return Value::none();
       return Value::object(&kTerm, &S(h).site().taxonomies[p.taxonomy].terms[p.term]);
     }},
    {"terms", [](const Page& p, void*) { return Value::object(&kPageTerms, &p); }},
    {"title", [](const Page& p, void*) { return str(p.title); }},
    {"toc", [](const Page& p, void* h) { return Value::object(&kTocList, &body(p, h).toc); }},
    {"toc_html", [](const Page& p, void* h) { return Value::safe_string(body(p, h).toc_html); }},
    {"truncated", [](const Page& p, void* h) { return Value::boolean(body(p, h).summary_truncated); }},
    {"type",
     [](const Page& p, void* h) {
       if (!p.fm.type.empty()) return str(p.fm.type);
       return str(S(h).site().section(p.section).name);
     }},
    {"updated", [](const Page& p, void* h) { return opt_date(S(h).updated(p.id)); }},
    {"url", [](const Page& p, void*) { return str(p.url); }},
    {"weight", [](const Page& p, void*) { return Value::integer(p.fm.weight); }},
    {"word_count", [](const Page& p, void* h) { return Value::integer(body(p, h).word_count); }},
}};

// Terms of one taxonomy on a page, looked up by the taxonomy's name
// (page.tags, page.categories, page.series for a configured "series").
const content::TermRefs* page_terms(const Page& p, std::string_view taxonomy, void* host) {
  const auto& taxes = S(host).site().taxonomies;
  for (std::size_t t = 0; t < taxes.size(); ++t) {
    if (taxes[t].name == taxonomy) {
      for (const auto& refs : p.term_refs) {
        if (refs.taxonomy == t) return &refs;
      }
      static const content::TermRefs kNone;
      return &kNone;
    }
  }
  return nullptr;
}

bool page_get(const void* self, std::string_view name, Value& out, void* host) {
  const Page& p = *static_cast<const Page*>(self);
  H(host).on_read(ObjectKind::kPage, p.id, name);
  if (const auto* a = find_attr(kPageAttrs, name)) {
    out = a->get(p, host);
    return true;
  }
  if (const content::TermRefs* refs = page_terms(p, name, host)) {
    out = Value::object(&kTermRefs, refs);
    return true;
  }
  return false;
}

void page_names(const void*, void (*add)(void*, std::string_view), void* sink, void*) {
  list_names(kPageAttrs, add, sink);
}

void page_str(const void* self, std::string& out, void*) { out += static_cast<const Page*>(self)->url; }

// --- section ---------------------------------------------------------------------

const Page* section_page(const Section& s, void* host) {
  return s.page == content::kNoPage ? nullptr : &S(host).page(s.page);
}

const std::array<Attr<Section>, 14> kSectionAttrs = {{
    {"content",
     [](const Section& s, void* h) {
       const Page* p = section_page(s, h);
       return p ? Value::safe_string(S(h).html(p->id, H(h).bodies)) : Value::string("");
     }},
    {"date", [](const Section& s, void* h) {
       const Page* p = section_page(s, h);
       return p ? opt_date(p->fm.date) : Value::none();
     }},
    {"description",
     [](const Section& s, void* h) {
       const Page* p = section_page(s, h);
       return p ? str(p->fm.description) : Value::string("");
     }},
    {"is_root", [](const Section& s, void*) { return Value::boolean(s.id == 0); }},
    {"name", [](const Section& s, void*) { return str(s.name); }},
    {"page", [](const Section& s, void* h) { return page_obj(S(h), s.page); }},
    {"pages", [](const Section& s, void*) { return Value::object(&kPageVector, &s.pages); }},
    {"params",
     [](const Section& s, void* h) {
       static const Data kEmpty = Data::object();
       const Page* p = section_page(s, h);
       return tmpl::data_value(p ? p->fm.params : kEmpty);
     }},
    {"parent", [](const Section& s, void* h) { return section_obj(S(h), s.parent); }},
    {"path", [](const Section& s, void*) { return str(s.rel_dir); }},
    {"permalink",
     [](const Section& s, void* h) {
       const Page* p = section_page(s, h);
       return p ? str(S(h).permalink_of(p->id)) : Value::none();
     }},
    {"subsections", [](const Section& s, void*) { return Value::object(&kSectionVector, &s.children); }},
    {"title",
     [](const Section& s, void* h) {
       const Page* p = section_page(s, h);
       return p ? str(p->title) : str(s.name);
     }},
    {"url",
     [](const Section& s, void* h) {
       const Page* p = section_page(s, h);
       return p ? str(p->url) : Value::none();
     }},
}};

bool section_get(const void* self, std::string_view name, Value& out, void* host) {
  const Section& s = *static_cast<const Section*>(self);
  H(host).on_read(ObjectKind::kSection, s.id, name);
  if (const auto* a = find_attr(kSectionAttrs, name)) {
    out = a->get(s, host);
    return true;
  }
  if (name == "weight") {
    const Page* p = section_page(s, host);
    out = Value::integer(p ? p->fm.weight : 0);
    return true;
  }
  return false;
}

void section_names(const void*, void (*add)(void*, std::string_view), void* sink, void*) {
  list_names(kSectionAttrs, add, sink);
  add(sink, "weight");
}

// --- site ------------------------------------------------------------------------

using Snap = snapshot::SiteSnapshot;

const std::array<Attr<Snap>, 18> kSiteAttrs = {{
    {"all_pages", [](const Snap& s, void*) { return Value::object(&kPageVector, &s.listed_pages()); }},
    {"author", [](const Snap& s, void*) { return str(s.config().author); }},
    {"base_url", [](const Snap& s, void*) { return str(s.config().base_url); }},
    {"build_date", [](const Snap& s, void*) { return date_value(s.build_date()); }},
    {"config", [](const Snap& s, void*) { return tmpl::data_value(s.config().raw); }},
    {"copyright", [](const Snap& s, void*) { return str(s.config().copyright); }},
    {"data", [](const Snap& s, void*) { return tmpl::data_value(s.data()); }},
    {"description", [](const Snap& s, void*) { return str(s.config().description); }},
    {"home", [](const Snap& s, void*) { return page_obj(s, s.site().home); }},
    {"language", [](const Snap& s, void*) { return str(s.config().language); }},
    {"menus", [](const Snap& s, void*) { return Value::object(&kMenus, &s.site()); }},
    {"pages", [](const Snap& s, void*) { return Value::object(&kPageVector, &s.site().regular_pages); }},
    {"params", [](const Snap& s, void*) { return tmpl::data_value(s.config().params); }},
    {"sections", [](const Snap& s, void*) { return Value::object(&kSectionVector, &s.site().sections[0].children); }},
    {"sitemap_url",
     [](const Snap& s, void*) { return s.config().output_sitemap ? str(s.sitemap_url()) : Value::none(); }},
    {"taxonomies", [](const Snap& s, void*) { return Value::object(&kTaxonomies, &s.site()); }},
    {"title", [](const Snap& s, void*) { return str(s.config().title); }},
    {"version", [](const Snap&, void*) { return Value::string(BENGAL_VERSION_STRING); }},
}};

bool site_get(const void* self, std::string_view name, Value& out, void* host) {
  H(host).on_read(ObjectKind::kSite, 0, name);
  if (const auto* a = find_attr(kSiteAttrs, name)) {
    out = a->get(*static_cast<const Snap*>(self), host);
    return true;
  }
  return false;
}

void site_names(const void*, void (*add)(void*, std::string_view), void* sink, void*) {
  list_names(kSiteAttrs, add, sink);
}

// --- taxonomies and terms ----------------------------------------------------------

std::uint32_t taxonomy_index(const content::Taxonomy& t, void* host) {
  return static_cast<std::uint32_t>(&t - S(host).site().taxonomies.data());
}

bool taxonomy_get(const void* self, std::string_view name, Value& out, void* host) {
  const auto& t = *static_cast<const content::Taxonomy*>(self);
  H(host).on_read(ObjectKind::kTaxonomy, taxonomy_index(t, host), name);
  if (name == "name") out = str(t.name);
  else if (name == "singular") out = str(t.singular);
  else if (name == "terms") out = Value::object(&kTermVector, &t.terms);
  else if (name == "page") out = page_obj(S(host), t.page);
  else if (name == "url") out = t.page == content::kNoPage ? Value::none() : str(S(host).page(t.page).url);
  else if (name == "permalink") out = t.page == content::kNoPage ? Value::none() : str(S(host).permalink_of(t.page));
  else if (name == "title") out = t.page == content::kNoPage ? str(t.name) : str(S(host).page(t.page).title);
  else return false;
  return true;
}

// Which taxonomy a term belongs to: terms live in their taxonomy's vector.
std::uint64_t term_subject(const content::Term& term, void* host) {
  const auto& taxes = S(host).site().taxonomies;
  for (std::size_t t = 0; t < taxes.size(); ++t) {
    const auto& v = taxes[t].terms;
    if (!v.empty() && &term >= v.data() && &term < v.data() + v.size()) {
      return (static_cast<std::uint64_t>(t) << 32) | static_cast<std::uint64_t>(&term - v.data());
    }
  }
  return 0;
}

bool term_get(const void* self, std::string_view name, Value& out, void* host) {
  const auto& t = *static_cast<const content::Term*>(self);
  H(host).on_read(ObjectKind::kTerm, term_subject(t, host), name);
  if (name == "name" || name == "title") out = str(t.name);
  else if (name == "slug") out = str(t.slug);
  else if (name == "pages") out = Value::object(&kPageVector, &t.pages);
  else if (name == "count") out = Value::integer(static_cast<std::int64_t>(t.pages.size()));
  else if (name == "page") out = page_obj(S(host), t.page);
  else if (name == "url") out = t.page == content::kNoPage ? Value::none() : str(S(host).page(t.page).url);
  else if (name == "permalink") out = t.page == content::kNoPage ? Value::none() : str(S(host).permalink_of(t.page));
  else return false;
  return true;
}

void term_str(const void* self, std::string& out, void*) { out += static_cast<const content::Term*>(self)->name; }

// --- dates -----------------------------------------------------------------------

bool date_get(const void* self, std::string_view name, Value& out, void*) {
  const DateTime& d = *static_cast<const DateTime*>(self);
  CivilTime c = to_civil(d);
  if (name == "year") out = Value::integer(c.year);
  else if (name == "month") out = Value::integer(c.month);
  else if (name == "day") out = Value::integer(c.day);
  else if (name == "hour") out = Value::integer(c.hour);
  else if (name == "minute") out = Value::integer(c.minute);
  else if (name == "second") out = Value::integer(c.second);
  else if (name == "weekday") out = Value::integer(c.weekday);
  else if (name == "unix") out = Value::integer(d.epoch_seconds);
  else return false;
  return true;
}

void date_str(const void* self, std::string& out, void*) {
  const DateTime& d = *static_cast<const DateTime*>(self);
  out += d.has_time ? format_rfc3339(d) : format_iso_date(d);
}

// --- paginator ---------------------------------------------------------------------

bool paginator_get(const void* self, std::string_view name, Value& out, void* host) {
  const Paginator& p = *static_cast<const Paginator*>(self);
  if (p.list != nullptr) H(host).on_read(ObjectKind::kPage, p.list->id, "pages");
  auto url = [](const std::string& u) { return u.empty() ? Value::none() : Value::string(u); };
  if (name == "items" || name == "pages") out = Value::object(&kPageSpan, &p);
  else if (name == "number") out = Value::integer(p.number);
  else if (name == "total") out = Value::integer(p.total);
  else if (name == "has_prev") out = Value::boolean(p.number > 1);
  else if (name == "has_next") out = Value::boolean(p.number < p.total);
  else if (name == "prev") out = url(p.prev_url);
  else if (name == "next") out = url(p.next_url);
  else if (name == "first") out = url(p.first_url);
  else if (name == "last") out = url(p.last_url);
  else return false;
  return true;
}

// --- sequences -----------------------------------------------------------------------

template <typename T>
const std::vector<T>& vec(const void* self) {
  return *static_cast<const std::vector<T>*>(self);
}

std::size_t page_vector_len(const void* self, void*) { return vec<PageId>(self).size(); }
Value page_vector_at(const void* self, std::size_t i, void* host) { return page_obj(S(host), vec<PageId>(self)[i]); }

std::size_t page_span_len(const void* self, void*) { return static_cast<const Paginator*>(self)->items.size(); }
Value page_span_at(const void* self, std::size_t i, void* host) {
  return page_obj(S(host), static_cast<const Paginator*>(self)->items[i]);
}

std::size_t section_vector_len(const void* self, void*) { return vec<SectionId>(self).size(); }
Value section_vector_at(const void* self, std::size_t i, void* host) {
  return section_obj(S(host), vec<SectionId>(self)[i]);
}

std::size_t term_vector_len(const void* self, void*) { return vec<content::Term>(self).size(); }
Value term_vector_at(const void* self, std::size_t i, void*) {
  return Value::object(&kTerm, &vec<content::Term>(self)[i]);
}

std::size_t term_refs_len(const void* self, void*) { return static_cast<const content::TermRefs*>(self)->terms.size(); }
Value term_refs_at(const void* self, std::size_t i, void* host) {
  const auto& refs = *static_cast<const content::TermRefs*>(self);
  return Value::object(&kTerm, &S(host).site().taxonomies[refs.taxonomy].terms[refs.terms[i]]);
}

// page.terms: taxonomy name -> that page's terms.
bool page_terms_get(const void* self, std::string_view name, Value& out, void* host) {
  const Page& p = *static_cast<const Page*>(self);
  H(host).on_read(ObjectKind::kPage, p.id, name);
  const content::TermRefs* refs = page_terms(p, name, host);
  if (refs == nullptr) return false;
  out = Value::object(&kTermRefs, refs);
  return true;
}
std::size_t page_terms_len(const void*, void* host) { return S(host).site().taxonomies.size(); }
Value page_terms_key(const void*, std::size_t i, void* host) { return str(S(host).site().taxonomies[i].name); }
Value page_terms_value(const void* self, std::size_t i, void* host) {
  Value v;
  page_terms_get(self, S(host).site().taxonomies[i].name, v, host);
  return v;
}

// page.ancestors: sections from the root down to the page's parent section.
std::vector<SectionId> ancestor_chain(const Page& p, void* host) {
  const auto& site = S(host).site();
  std::vector<SectionId> chain;
  if (p.kind == content::PageKind::kHome) return chain;
  SectionId s = p.kind == content::PageKind::kSection ? site.section(p.section).parent : p.section;
  if (p.kind == content::PageKind::kTaxonomy || p.kind == content::PageKind::kTerm ||
      p.kind == content::PageKind::kNotFound) {
    s = 0;
  }
  for (; s != content::kNoSection; s = site.section(s).parent) chain.push_back(s);
  std::reverse(chain.begin(), chain.end());
  return chain;
}
std::size_t ancestors_len(const void* self, void* host) {
  return ancestor_chain(*static_cast<const Page*>(self), host).size();
}
Value ancestors_at(const void* self, std::size_t i, void* host) {
  return section_obj(S(host), ancestor_chain(*static_cast<const Page*>(self), host)[i]);
}

std::size_t toc_len(const void* self, void*) { return vec<snapshot::TocEntry>(self).size(); }
Value toc_at(const void* self, std::size_t i, void*) {
  return Value::object(&kTocEntry, &vec<snapshot::TocEntry>(self)[i]);
}
bool toc_entry_get(const void* self, std::string_view name, Value& out, void*) {
  const auto& e = *static_cast<const snapshot::TocEntry*>(self);
  if (name == "level") out = Value::integer(e.level);
  else if (name == "id") out = str(e.id);
  else if (name == "text") out = str(e.text);
  else return false;
  return true;
}

std::size_t string_vector_len(const void* self, void*) { return vec<std::string>(self).size(); }
Value string_vector_at(const void* self, std::size_t i, void*) { return str(vec<std::string>(self)[i]); }

// --- menus -------------------------------------------------------------------------

const content::Menu* find_menu(const content::Site& site, std::string_view name) {
  for (const auto& m : site.menus) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

bool menus_get(const void* self, std::string_view name, Value& out, void* host) {
  const auto& site = *static_cast<const content::Site*>(self);
  const content::Menu* m = find_menu(site, name);
  H(host).on_read(ObjectKind::kMenu, m ? static_cast<std::uint64_t>(m - site.menus.data()) : ~0ull, name);
  if (m == nullptr) return false;
  out = Value::object(&kMenuRoots, m);
  return true;
}
std::size_t menus_len(const void* self, void*) { return static_cast<const content::Site*>(self)->menus.size(); }
Value menus_key(const void* self, std::size_t i, void*) { return str(static_cast<const content::Site*>(self)->menus[i].name); }
Value menus_value(const void* self, std::size_t i, void*) {
  return Value::object(&kMenuRoots, &static_cast<const content::Site*>(self)->menus[i]);
}

std::size_t menu_roots_len(const void* self, void*) { return static_cast<const content::Menu*>(self)->roots.size(); }
Value menu_roots_at(const void* self, std::size_t i, void*) {
  const auto& m = *static_cast<const content::Menu*>(self);
  return Value::object(&kMenuItem, &m.items[m.roots[i]]);
}

const content::MenuItem& menu_child(const content::MenuItem& item, std::size_t i, void* host) {
  return S(host).site().menus[item.menu].items[item.children[i]];
}
std::size_t menu_children_len(const void* self, void*) {
  return static_cast<const content::MenuItem*>(self)->children.size();
}
Value menu_children_at(const void* self, std::size_t i, void* host) {
  return Value::object(&kMenuItem, &menu_child(*static_cast<const content::MenuItem*>(self), i, host));
}

// The URL of the output being rendered (a paginated list counts as its list).
std::string_view current_url(void* host) {
  const RenderHost& h = H(host);
  if (h.job == nullptr) return {};
  return h.snap->page(h.job->page).url;
}

bool menu_item_get(const void* self, std::string_view name, Value& out, void* host) {
  const auto& item = *static_cast<const content::MenuItem*>(self);
  if (name == "name") out = str(item.name);
  else if (name == "url") out = str(item.url);
  else if (name == "identifier") out = str(item.identifier);
  else if (name == "weight") out = Value::integer(item.weight);
  else if (name == "params") out = tmpl::data_value(item.params);
  else if (name == "page") out = page_obj(S(host), item.page);
  else if (name == "children") out = Value::object(&kMenuChildren, &item);
  else if (name == "has_children") out = Value::boolean(!item.children.empty());
  else if (name == "active") out = Value::boolean(!item.url.empty() && item.url == current_url(host));
  else if (name == "in_trail") {
    // The current page is this entry or below it (a parent entry to open).
    std::string_view cur = current_url(host);
    bool below = item.url.size() > 1 && cur.substr(0, item.url.size()) == item.url;
    out = Value::boolean(below || (!item.url.empty() && item.url == cur));
  } else {
    return false;
  }
  return true;
}

bool taxonomies_get(const void* self, std::string_view name, Value& out, void* host) {
  const auto& site = *static_cast<const content::Site*>(self);
  for (const auto& t : site.taxonomies) {
    if (t.name == name) {
      H(host).on_read(ObjectKind::kTaxonomy, taxonomy_index(t, host), "terms");
      out = Value::object(&kTaxonomy, &t);
      return true;
    }
  }
  return false;
}
std::size_t taxonomies_len(const void* self, void*) { return static_cast<const content::Site*>(self)->taxonomies.size(); }
Value taxonomies_key(const void* self, std::size_t i, void*) {
  return str(static_cast<const content::Site*>(self)->taxonomies[i].name);
}
Value taxonomies_value(const void* self, std::size_t i, void*) {
  return Value::object(&kTaxonomy, &static_cast<const content::Site*>(self)->taxonomies[i]);
}

// --- vtables -----------------------------------------------------------------------

const tmpl::ObjectVTable kPage = {
    .type_name = "page", .get_attr = page_get, .append_str = page_str, .attr_names = page_names};
const tmpl::ObjectVTable kSection = {.type_name = "section", .get_attr = section_get, .attr_names = section_names};
const tmpl::ObjectVTable kSite = {.type_name = "site", .get_attr = site_get, .attr_names = site_names};
const tmpl::ObjectVTable kTaxonomy = {.type_name = "taxonomy", .get_attr = taxonomy_get};
const tmpl::ObjectVTable kTerm = {.type_name = "term", .get_attr = term_get, .append_str = term_str};
const tmpl::ObjectVTable kDate = {.type_name = "date", .get_attr = date_get, .append_str = date_str};
const tmpl::ObjectVTable kPaginator = {.type_name = "paginator", .get_attr = paginator_get};
const tmpl::ObjectVTable kPageVector = {.type_name = "page list", .length = page_vector_len, .item_at = page_vector_at};
const tmpl::ObjectVTable kPageSpan = {.type_name = "page list", .length = page_span_len, .item_at = page_span_at};
const tmpl::ObjectVTable kSectionVector = {
    .type_name = "section list", .length = section_vector_len, .item_at = section_vector_at};
const tmpl::ObjectVTable kTermVector = {.type_name = "term list", .length = term_vector_len, .item_at = term_vector_at};
const tmpl::ObjectVTable kTermRefs = {.type_name = "term list", .length = term_refs_len, .item_at = term_refs_at};
const tmpl::ObjectVTable kPageTerms = {.type_name = "terms",
                                       .get_attr = page_terms_get,
                                       .length = page_terms_len,
                                       .item_at = page_terms_key,
                                       .value_at = page_terms_value};
const tmpl::ObjectVTable kAncestors = {.type_name = "section list", .length = ancestors_len, .item_at = ancestors_at};
const tmpl::ObjectVTable kTocList = {.type_name = "toc", .length = toc_len, .item_at = toc_at};
const tmpl::ObjectVTable kTocEntry = {.type_name = "toc entry", .get_attr = toc_entry_get};
const tmpl::ObjectVTable kStringVector = {.type_name = "list", .length = string_vector_len, .item_at = string_vector_at};
const tmpl::ObjectVTable kMenus = {.type_name = "menus",
                                   .get_attr = menus_get,
                                   .length = menus_len,
                                   .item_at = menus_key,
                                   .value_at = menus_value};
const tmpl::ObjectVTable kMenuRoots = {.type_name = "menu", .length = menu_roots_len, .item_at = menu_roots_at};
const tmpl::ObjectVTable kMenuItem = {.type_name = "menu item", .get_attr = menu_item_get};
const tmpl::ObjectVTable kMenuChildren = {
    .type_name = "menu", .length = menu_children_len, .item_at = menu_children_at};
const tmpl::ObjectVTable kTaxonomies = {.type_name = "taxonomies",
                                        .get_attr = taxonomies_get,
                                        .length = taxonomies_len,
                                        .item_at = taxonomies_key,
                                        .value_at = taxonomies_value};

}  // namespace

Value page_value(const content::Page& page) { return Value::object(&kPage, &page); }
Value section_value(const content::Section& section) { return Value::object(&kSection, &section); }
Value site_value(const snapshot::SiteSnapshot& snap) { return Value::object(&kSite, &snap); }
Value paginator_value(const Paginator& paginator) { return Value::object(&kPaginator, &paginator); }
Value taxonomy_value(const content::Taxonomy& taxonomy) { return Value::object(&kTaxonomy, &taxonomy); }
Value term_value(const content::Term& term) { return Value::object(&kTerm, &term); }
Value date_value(const DateTime& date) { return Value::object(&kDate, &date); }
Value page_list_value(const std::vector<content::PageId>& ids) { return Value::object(&kPageVector, &ids); }

void make_paginator(const snapshot::SiteSnapshot& snap, const snapshot::RenderJob& job, Paginator& out) {
  const Page& list = snap.page(job.page);
  out.list = &list;
  out.number = job.pager;
  out.total = job.pager_count;
  std::size_t per = list.paginate > 0 ? static_cast<std::size_t>(list.paginate) : list.members.size();
  std::size_t begin = std::min(list.members.size(), (job.pager - 1) * per);
  std::size_t end = std::min(list.members.size(), begin + per);
  out.items = std::span<const PageId>(list.members.data() + begin, end - begin);
  auto url_of = [&](std::uint32_t k) { return k == 1 ? list.url : list.url + "page/" + std::to_string(k) + "/"; };
  out.first_url = url_of(1);
  out.last_url = url_of(out.total);
  out.prev_url = out.number > 1 ? url_of(out.number - 1) : std::string();
  out.next_url = out.number < out.total ? url_of(out.number + 1) : std::string();
}

std::vector<std::string_view> page_attribute_names() { return names_of(kPageAttrs); }
std::vector<std::string_view> section_attribute_names() { return names_of(kSectionAttrs); }
std::vector<std::string_view> site_attribute_names() { return names_of(kSiteAttrs); }

const content::Page* as_page(const Value& v) {
  return v.is_object() && v.vtable() == &kPage ? static_cast<const Page*>(v.object_ptr()) : nullptr;
}
const content::Section* as_section(const Value& v) {
  return v.is_object() && v.vtable() == &kSection ? static_cast<const Section*>(v.object_ptr()) : nullptr;
}
const DateTime* as_date(const Value& v) {
  return v.is_object() && v.vtable() == &kDate ? static_cast<const DateTime*>(v.object_ptr()) : nullptr;
}
const content::Taxonomy* as_taxonomy(const Value& v) {
  return v.is_object() && v.vtable() == &kTaxonomy ? static_cast<const content::Taxonomy*>(v.object_ptr()) : nullptr;
}
const content::Term* as_term(const Value& v) {
  return v.is_object() && v.vtable() == &kTerm ? static_cast<const content::Term*>(v.object_ptr()) : nullptr;
}
const content::MenuItem* as_menu_item(const Value& v) {
  return v.is_object() && v.vtable() == &kMenuItem ? static_cast<const content::MenuItem*>(v.object_ptr()) : nullptr;
}
const snapshot::TocEntry* as_toc_entry(const Value& v) {
  return v.is_object() && v.vtable() == &kTocEntry ? static_cast<const snapshot::TocEntry*>(v.object_ptr()) : nullptr;
}

}  // namespace bengal::render

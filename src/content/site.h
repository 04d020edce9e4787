// The site model: every page, section, taxonomy and menu, with URLs and
// relations resolved. Built once by assemble() on one thread in time linear
// in the site; after the parse stage fills in bodies it is frozen into the
// SiteSnapshot and never changes during rendering.
//
// Ids are indexes: PageId into Site::pages, SectionId into Site::sections.
// Every list (section members, term members, menus) is sorted once here, so
// templates never sort whole-site collections per page.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "content/discover.h"
#include "content/front_matter.h"
#include "core/date.h"
#include "core/diagnostic.h"
#include "core/text.h"

namespace bengal::content {

using PageId = std::uint32_t;
using SectionId = std::uint32_t;
inline constexpr PageId kNoPage = std::numeric_limits<PageId>::max();
inline constexpr SectionId kNoSection = std::numeric_limits<SectionId>::max();

enum class PageKind : std::uint8_t {
  kPage,      // a regular content page
  kSection,   // a section's list page (from _index.md, or generated)
  kHome,      // the site's front page
  kTaxonomy,  // /tags/: every term of one taxonomy
  kTerm,      // /tags/go/: the pages of one term
  kNotFound,  // /404.html
};
std::string_view kind_name(PageKind kind);  // "page", "section", "home", "taxonomy", "term", "404"

enum class SortOrder : std::uint8_t { kWeight, kDate, kTitle };

// The terms a page carries in one taxonomy, as indexes into Taxonomy::terms,
// in front-matter order.
struct TermRefs {
  std::uint32_t taxonomy = 0;
  std::vector<std::uint32_t> terms;
};

struct Page {
  PageId id = kNoPage;
  PageKind kind = PageKind::kPage;
  std::int32_t source = -1;  // index into DiscoverResult::pages; -1 for generated pages
  FrontMatter fm;            // typed, after cascade
  std::string title;
  std::string url;           // site-relative, starts with '/': "/blog/post/"
  std::string output_path;   // relative to the output dir: "blog/post/index.html"
  std::string bundle_dir;    // leaf bundles: content-relative folder of index.md
  SectionId section = kNoSection;  // the section a page belongs to; a section page: its own
  PageId prev = kNoPage;     // neighbours in the section's order
  PageId next = kNoPage;
  // List pages: the regular pages they list, in display order.
  std::vector<PageId> members;
  // Taxonomy and term pages.
  std::uint32_t taxonomy = 0;
  std::uint32_t term = 0;
  int paginate = 0;          // list pages: members per output page (0 = one page)
  std::vector<TermRefs> term_refs;  // regular pages: one entry per configured taxonomy

  bool is_list() const { return kind != PageKind::kPage && kind != PageKind::kNotFound; }
  const std::optional<DateTime>& date() const { return fm.date; }
};

struct Section {
  SectionId id = kNoSection;
  std::string rel_dir;             // content-relative folder, "" for the root (home)
  std::string name;                // last folder name, "" for the root
  PageId page = kNoPage;           // its list page (kHome for the root)
  SectionId parent = kNoSection;
  std::vector<SectionId> children; // sorted like pages (weight, title)
  std::vector<PageId> pages;       // regular pages directly in this section, in section order
  SortOrder order = SortOrder::kWeight;
};

struct Term {
  std::string name;   // as first written in front matter
  std::string slug;   // URL segment
  PageId page = kNoPage;
  std::vector<PageId> pages;  // newest first
};

struct Taxonomy {
  std::string name;      // "tags"
  std::string singular;  // "tag"
  PageId page = kNoPage;
  std::vector<Term> terms;  // sorted by slug
};

struct MenuItem {
  std::uint32_t menu = 0;  // index of its menu in Site::menus
  std::string name;
  std::string url;
  std::string identifier;
  std::int64_t weight = 0;
  PageId page = kNoPage;            // when the entry points at a page
  std::vector<std::uint32_t> children;  // indexes into Menu::items
  std::uint32_t parent = std::numeric_limits<std::uint32_t>::max();
  Data params;
};

struct Menu {
  std::string name;
  std::vector<MenuItem> items;       // all entries
  std::vector<std::uint32_t> roots;  // top-level entries, sorted by weight then name
};

struct Site {
  std::vector<Page> pages;           // PageId = index
  std::vector<Section> sections;     // SectionId = index; 0 is the root
  std::vector<Taxonomy> taxonomies;  // in config order
  std::vector<Menu> menus;           // sorted by name
  std::vector<PageId> regular_pages; // every kPage, newest first
  PageId home = kNoPage;
  PageId not_found = kNoPage;
  // Epoch seconds of the first moment a page's date, publish date or expiry
  // changes what is published (INT64_MAX when none does).
  std::int64_t visibility_changes_at = std::numeric_limits<std::int64_t>::max();
  // Lookups (never iterated, so their order does not matter).
  std::unordered_map<std::string, PageId, StringHash, std::equal_to<>> by_path;  // content rel_path -> page
  std::unordered_map<std::string, PageId, StringHash, std::equal_to<>> by_url;   // URL -> page
  DiagnosticList diagnostics;

  const Page& page(PageId id) const { return pages[id]; }
  const Section& section(SectionId id) const { return sections[id]; }
};

struct AssembleOptions {
  bool drafts = false;   // include pages marked draft
  bool future = false;   // include pages dated in the future
  bool expired = false;  // include pages past their expiry_date
  DateTime now;
  ThreadPool* pool = nullptr;  // per-page work runs on it when set
};

// Builds the model from discovered sources. Pages that fail (bad typed front
// matter, an unsafe URL, a colliding output path) are reported in
// Site::diagnostics and left out; the rest of the site is assembled.
Site assemble(const DiscoverResult& discovered, const config::Config& config, const AssembleOptions& options);

// Maps a URL ("/a/b/", "/feed.xml") to its output file ("a/b/index.html",
// "feed.xml"). Returns false if the URL would leave the output directory.
bool output_path_for_url(std::string_view url, std::string& out);

// Normalises a URL written by a user (front matter `url`, `aliases`): adds the
// leading '/', a trailing '/' when there is no file extension, collapses
// "." and "..". Returns false when it would climb above the site root.
bool normalize_url(std::string_view url, std::string& out);

}  // namespace bengal::content

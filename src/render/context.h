// The template context: how templates see the frozen site.
//
// Pages, sections, taxonomies, terms, menus, dates and page lists are exposed
// to the template engine as host objects (tmpl::ObjectVTable + a pointer into
// the snapshot), never copied into maps: `page.title` calls back into the
// page's attribute table and borrows its bytes.
//
// Every attribute read goes through one dispatch per object type, which
// reports the read to the render's RenderHost (RenderHost::on_read), so the
// incremental build can learn exactly which facts an output used.
//
// Thread-safety: the vtables are immutable; a RenderHost belongs to one
// render on one worker and the snapshot is only read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "snapshot/snapshot.h"
#include "template/value.h"

namespace bengal::render {

class AssetManifest;
class BodyParser;

// What kind of object a fact was read from.
enum class ObjectKind : std::uint8_t {
  kPage, kSection, kSite, kTaxonomy, kTerm, kMenu, kConfig, kData, kAsset, kTemplate
};

// Receives every attribute read of a render (for provenance). `subject` is
// the object's identity within the snapshot (page id, section id, taxonomy
// index, taxonomy << 32 | term index, menu index); `field` the attribute
// name. For menus, config keys, data files and assets, which are named
// rather than numbered, `field` carries the name.
class ReadObserver {
 public:
  virtual ~ReadObserver() = default;
  virtual void on_read(ObjectKind kind, std::uint64_t subject, std::string_view field) = 0;
};

// The paginated slice of a list page that one render job shows.
struct Paginator {
  const content::Page* list = nullptr;
  std::uint32_t number = 1;  // 1-based
  std::uint32_t total = 1;
  std::span<const content::PageId> items;
  std::string prev_url, next_url, first_url, last_url;
};

// Per-render state handed to every host callback as the engine's `host`.
struct RenderHost {
  const snapshot::SiteSnapshot* snap = nullptr;
  const snapshot::RenderJob* job = nullptr;  // what is being rendered (active menu items)
  const AssetManifest* assets = nullptr;
  snapshot::BodySource* bodies = nullptr;    // parses cached bodies on first use (may be null)
  BodyParser* markdown = nullptr;            // the worker's parser, for markdownify (may be null)
  ReadObserver* observer = nullptr;          // may be null
  Paginator paginator;
  std::string scratch;                       // reused by host callbacks within one render
  // related(): shared-term count by page id (sized to the site, all zero
  // between calls) and the pages it touched.
  mutable std::vector<std::uint32_t> shared_terms;
  mutable std::vector<content::PageId> touched;

  void on_read(ObjectKind kind, std::uint64_t subject, std::string_view field) const {
    if (observer != nullptr) observer->on_read(kind, subject, field);
  }
};

// Values for the top-level names a template sees.
tmpl::Value page_value(const content::Page& page);
tmpl::Value section_value(const content::Section& section);
tmpl::Value site_value(const snapshot::SiteSnapshot& snap);
tmpl::Value paginator_value(const Paginator& paginator);
tmpl::Value date_value(const DateTime& date);
tmpl::Value taxonomy_value(const content::Taxonomy& taxonomy);
tmpl::Value term_value(const content::Term& term);
tmpl::Value page_list_value(const std::vector<content::PageId>& ids);

// Fills host.paginator for `job` of `list`.
void make_paginator(const snapshot::SiteSnapshot& snap, const snapshot::RenderJob& job, Paginator& out);

// The attribute names each object type answers (sorted), for docs and tests.
std::vector<std::string_view> page_attribute_names();
std::vector<std::string_view> section_attribute_names();
std::vector<std::string_view> site_attribute_names();

// If `v` is a page, section, term or date object, the matching pointer; else null.
const content::Page* as_page(const tmpl::Value& v);
const content::Section* as_section(const tmpl::Value& v);
const DateTime* as_date(const tmpl::Value& v);
const content::Taxonomy* as_taxonomy(const tmpl::Value& v);
const content::Term* as_term(const tmpl::Value& v);
// Menu items and TOC entries (for hashing a value's identity).
const content::MenuItem* as_menu_item(const tmpl::Value& v);
const snapshot::TocEntry* as_toc_entry(const tmpl::Value& v);

}  // namespace bengal::render

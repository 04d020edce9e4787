// Whole-site outputs built from the frozen snapshot after pages render:
// RSS 2.0 and Atom feeds (home, sections, taxonomies, terms), sitemap.xml,
// the JSON search index, llms.txt, robots.txt and alias redirect pages.
//
// Each generator reads only small per-page facts (title, URL, dates,
// summary, headings), never re-renders a page. Output order is fixed by page
// id, so the bytes are the same for any thread count.
//
// Thread-safety: pure functions of a const SiteSnapshot.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "snapshot/snapshot.h"

namespace bengal::postprocess {

struct GeneratedFile {
  std::string path;    // relative to the output dir
  std::string bytes;
  std::string origin;  // who asked for it, for collision messages ("content/a.md (alias)")
};

// Every whole-site output the config enables, in a fixed order.
std::vector<GeneratedFile> generate_site_files(const snapshot::SiteSnapshot& snap, DiagnosticList& diags);

// The individual generators (also used by tests).
void add_feeds(const snapshot::SiteSnapshot& snap, std::vector<GeneratedFile>& out);
GeneratedFile make_sitemap(const snapshot::SiteSnapshot& snap);
GeneratedFile make_search_index(const snapshot::SiteSnapshot& snap);
GeneratedFile make_llms_txt(const snapshot::SiteSnapshot& snap);
GeneratedFile make_robots_txt(const snapshot::SiteSnapshot& snap);
void add_alias_pages(const snapshot::SiteSnapshot& snap, std::vector<GeneratedFile>& out, DiagnosticList& diags);

// Items of a list page's feed, newest first, at most `limit` (0 = all).
std::vector<content::PageId> feed_items(const snapshot::SiteSnapshot& snap, const content::Page& list,
                                        std::size_t limit);

}  // namespace bengal::postprocess

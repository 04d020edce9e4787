// Config: the site's bengal.toml, validated, with defaults and environment
// overrides applied, frozen after load.
//
// Loading never throws: a missing bengal.toml gives the defaults (a folder
// with only content/ builds); unknown keys are warnings naming the closest
// known key; a wrong type is an error with file:line:col. Environment
// variables BENGAL_<SECTION>_<KEY> (or BENGAL_<KEY> for top-level keys)
// override the file, e.g. BENGAL_BUILD_JOBS=4, BENGAL_BASE_URL=https://x/.
//
// Thread-safety: a loaded Config is immutable and shared read-only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/data.h"
#include "core/diagnostic.h"
#include "core/fs.h"
#include "core/hash.h"

namespace bengal::config {

struct MenuEntry {
  std::string name;        // text shown
  std::string url;         // target URL (absolute path or full URL)
  std::string page_ref;    // alternatively a content path ("docs/intro.md")
  std::string identifier;  // unique id within the menu (defaults to name)
  std::string parent;      // identifier of the parent entry, empty for top level
  std::int64_t weight = 0;
  Data params;
};

struct Taxonomy {
  std::string name;      // plural, the front-matter key and URL segment: "tags"
  std::string singular;  // "tag"
};

struct Config {
  // Site
  std::string title = "My Site";
  std::string description;
  std::string base_url = "/";  // always ends with '/'
  std::string language = "en";
  std::string author;
  std::string copyright;

  // Folders, relative to the site root.
  std::string content_dir = "content";
  std::string static_dir = "static";
  std::string output_dir = "public";
  std::string templates_dir = "templates";
  std::string data_dir = "data";
  std::string themes_dir = "themes";
  std::string theme = "default";
  std::string cache_dir = ".bengal";

  // Build
  unsigned jobs = 0;  // 0 = all cores
  bool drafts = false;
  bool future = false;
  bool expired = false;
  std::uint64_t max_page_bytes = 16u << 20;

  // Content
  std::vector<Taxonomy> taxonomies{{"tags", "tag"}, {"categories", "category"}};
  std::map<std::string, std::vector<MenuEntry>> menus;
  std::map<std::string, std::string> permalinks;  // section -> pattern
  int summary_words = 70;
  int paginate = 10;
  int feed_limit = 20;
  bool pretty_urls = true;
  std::string sort_by = "weight";  // default section order: weight (then date), date or title

  // Markdown
  bool markdown_typographer = false;
  bool markdown_safe = false;
  bool markdown_heading_ids = true;
  int toc_min_level = 2;
  int toc_max_level = 3;

  // Templates
  bool templates_strict = true;
  bool templates_trim_blocks = false;
  bool templates_lstrip_blocks = false;

  // Highlighting
  std::string highlight_style = "auto";  // "auto" follows the reader's light/dark choice
  bool highlight_enabled = true;
  bool highlight_linenos = false;

  // Outputs
  bool output_rss = true;
  bool output_atom = true;
  bool output_sitemap = true;
  bool output_search_index = true;
  bool output_llms_txt = true;
  bool output_robots_txt = true;
  bool output_not_found = true;   // 404.html
  bool feeds_sections = true;     // a feed per section (the home feed is always on with rss/atom)
  bool feeds_taxonomies = true;   // a feed per taxonomy and per term

  Data params;  // [params], free-form
  Data raw;     // the whole validated config (after overrides), for templates
  Hash128 hash;  // of `raw`, for provenance

  std::string source_path;  // "bengal.toml" or empty when defaults were used
};

struct LoadResult {
  Config config;
  DiagnosticList diagnostics;
  bool ok() const { return diagnostics.error_count() == 0; }
};

// Environment variables as "NAME=value" strings (tests pass their own; the
// CLI passes the process environment).
using Environment = std::vector<std::string>;
Environment process_environment();

// Loads `<site_root>/bengal.toml` from `fs` (defaults if it does not exist).
LoadResult load(const FileSystem& fs, const std::string& site_root, const Environment& env);

// Parses config text directly; `file_name` is used in diagnostics.
LoadResult load_from_text(std::string_view text, std::string_view file_name, const Environment& env);

// Every key bengal.toml understands, dotted ("build.jobs"), for docs and tests.
std::vector<std::string_view> known_keys();

}  // namespace bengal::config

// discover: the first pipeline stage. Finds every input of a site and reads
// the content files, in parallel.
//
// For each Markdown file (content/**/*.md|.markdown) it reads the bytes,
// hashes them (XXH3-128), checks size and UTF-8, splits and parses the front
// matter. A file that fails any of these is reported (file, line, column,
// hint) and marked !ok; the rest of the site goes on. Other files under
// content/ are resources (copied beside their page), files under static/ are
// copied as they are, files under data/ are parsed into site data.
//
// Thread-safety: discover() runs its own parallel loop on the given pool;
// the result is owned by the caller.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "config/config.h"
#include "content/front_matter.h"
#include "core/data.h"
#include "core/diagnostic.h"
#include "core/fs.h"
#include "core/hash.h"
#include "core/thread_pool.h"

namespace bengal::content {

struct SourcePage {
  std::string rel_path;      // relative to the content dir: "blog/post.md"
  std::string display_path;  // relative to the site root: "content/blog/post.md"
  bool is_section_index = false;  // _index.md: the page of a section (or home)
  bool is_leaf_bundle = false;    // index.md: a page whose folder holds its resources
  std::string raw;                // file bytes; released once the body is parsed
  FrontMatterSplit split;
  Data front_matter;              // parsed, before cascade
  // From the cache and not decoded yet: `front_matter` stays empty until the
  // build decodes it (only a build that assembles the site needs it).
  std::string_view front_matter_encoded;
  Hash128 hash;
  Hash128 front_matter_hash;      // of the bytes before the body: all that assemble reads of the file
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool ok = false;                // false: reported and skipped
  bool from_cache = false;        // hash, split and front matter came from the build cache; raw is empty
  // From the cache: that cache's record of this file as it was read
  // (incremental::SourceRecord::encoded), which stays true while the page does.
  std::string_view cache_record;

  std::string_view body() const { return split.body(raw); }
  FrontMatterOrigin origin() const { return {raw, &split, display_path}; }
};

// A file copied to the output unchanged.
struct SourceFile {
  std::string rel_path;      // relative to its root (content/ or static/)
  std::string display_path;  // relative to the site root
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

struct DataFile {
  std::string key_path;      // "authors" for data/authors.yaml, "team/people" for data/team/people.json
  std::string display_path;
  Data value;
  Hash128 hash;
};

struct DiscoverResult {
  std::vector<SourcePage> pages;        // sorted by rel_path
  // Indexes into `pages` of those not carried over from a Listing as they
  // were (read now, or taken from the build cache): every page that can
  // differ from the last build's. Sorted.
  std::vector<std::size_t> not_carried;
  std::vector<SourceFile> resources;    // non-Markdown files under content/, sorted
  std::vector<SourceFile> static_files; // files under static/, sorted
  std::vector<DataFile> data_files;     // sorted by key_path
  DiagnosticList diagnostics;
};

// What discovery listed under content/ and static/, kept by a resident build.
// Given the paths that changed since (relative to the site root, as a file
// watcher reports them), the next discovery patches these lists instead of
// walking the tree; a change it cannot place (a folder appeared or went, a
// config edit) makes it walk.
//
// It also keeps the pages as the last build left them (front matter parsed,
// raw bytes released; ok false for a page to read again): the next
// discovery takes each one whose file has the same size and mtime as is,
// without looking it up in the build cache.
struct Listing {
  std::vector<SourceFile> content;       // every file under content/, sorted by rel_path
  std::vector<SourceFile> static_files;  // every file under static/, sorted
  std::string content_dir, static_dir;   // the config's, when listed
  bool known = false;                    // false: nothing listed yet
  std::vector<SourcePage> pages;         // sorted by rel_path; taken by the next discovery
};

// Fills `page` (hash, split, front matter; not raw) from what an earlier
// build learned about this file, if its size and mtime still match; returns
// whether it did. Lets incremental builds skip reading unchanged files.
using ReuseSource = std::function<bool(SourcePage& page)>;

// `listing` (may be null) is read when `changed` is given and refreshed on
// return.
DiscoverResult discover(const FileSystem& fs, const std::string& site_root, const config::Config& config,
                        ThreadPool& pool, const ReuseSource& reuse = {}, Listing* listing = nullptr,
                        const std::vector<std::string>* changed = nullptr);

// Whether a file at this path (relative to content/, static/ or data/) is an
// input: not hidden, not editor noise, not inside a hidden folder or
// node_modules.
bool is_input_path(std::string_view rel_path);

// Reads, hashes, validates and parses one content file (`page.rel_path`
// under `content_root`) as discovery does. Any failure is reported and
// leaves page.ok false.
void read_page(const FileSystem& fs, const std::string& content_root, const config::Config& config, SourcePage& page,
               DiagnosticList& diags);

bool is_markdown_path(std::string_view path);

}  // namespace bengal::content

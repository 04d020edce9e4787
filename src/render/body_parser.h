// BodyParser: the parse stage for one page. Turns the Markdown body into
// HTML with the Markdown engine (code blocks through the highlighter,
// [[links]] and {ref} roles resolved against the assembled site, include
// directives read relative to the page), then derives the facts other pages
// and outputs need: TOC, summary, word count, reading time, search text.
//
// One BodyParser per worker, created once per build and reused for every page.
// Diagnostics name the content file, with lines counted in the file (the
// front matter included). A fence language with no lexer is a warning with
// code "unknown-language" (the build keeps the first per language).
//
// Thread-safety: not thread-safe; one per worker. The Shared parts are only
// read.
#pragma once

#include <map>
#include <string>

#include "config/config.h"
#include "content/discover.h"
#include "content/site.h"
#include "core/diagnostic.h"
#include "core/fs.h"
#include "highlight/registry.h"
#include "incremental/facts.h"
#include "markdown/markdown.h"
#include "snapshot/snapshot.h"

namespace bengal::render {

class BodyParser {
 public:
  // What every worker's parser reads; outlives the parse stage. `site` is a
  // pointer because the site moves into the snapshot at freeze, and parses
  // that happen later (SiteSnapshot::html) must resolve links against it.
  struct Shared {
    const config::Config& config;
    const FileSystem& fs;
    std::string content_root;  // where include paths resolve
    const content::Site* site;
    const highlight::Registry& highlighter;
  };

  explicit BodyParser(const Shared& shared);

  // Parses `src` (its raw bytes must be loaded) into `out`. `deps` (optional)
  // receives what the parse read besides the source: each cross-reference
  // target it looked up (a page's url and title) and each included file.
  void parse(const content::SourcePage& src, const content::Page& page, snapshot::PageBody& out,
             DiagnosticList& diags, std::vector<incremental::FactKey>* deps = nullptr);

  // Markdown from a template (the markdownify filter): highlighted code, no
  // includes or cross-references (they would hide inputs from provenance).
  // A text that is one paragraph renders without its <p> wrapper.
  void markdownify(std::string_view text, std::string& out);

 private:
  void highlight_block(const markdown::CodeBlock& block, std::string& out);
  std::optional<std::string> include(std::string_view path);
  std::optional<std::pair<std::string, std::string>> resolve(std::string_view target);

  const Shared& shared_;
  markdown::Parser parser_;
  markdown::Options options_;
  markdown::Hooks hooks_;
  markdown::Document doc_;
  const content::SourcePage* current_ = nullptr;
  std::vector<incremental::FactKey>* deps_ = nullptr;
  DiagnosticList* diags_ = nullptr;
};

// The hash of a body-parse dependency in `site` now: a page's url or title
// ("absent" when no page has that key) or an included file's bytes. Used both
// when recording and when checking, so the two always agree.
Hash128 body_dep_hash(incremental::FactKind kind, std::string_view subject, std::string_view field,
                      const content::Site& site, const FileSystem& fs, const std::string& content_root);
// Of fact `id` of `table`.
inline Hash128 body_dep_hash(const incremental::FactTable& table, incremental::FactId id, const content::Site& site,
                             const FileSystem& fs, const std::string& content_root) {
  return body_dep_hash(table.kind(id), table.subject(id), table.field(id), site, fs, content_root);
}

// Parses bodies on demand (SiteSnapshot::html) for pages whose facts came
// from the cache: reads the file again and parses it with a worker's parser.
class LazyBodies final : public snapshot::BodySource {
 public:
  LazyBodies(BodyParser& parser, const FileSystem& fs, std::string content_root,
             const content::DiscoverResult& sources, const content::Site& site)
      : parser_(parser), fs_(fs), root_(std::move(content_root)), sources_(sources), site_(site) {}
  void load_html(content::PageId id, std::string& html) override;

 private:
  BodyParser& parser_;
  const FileSystem& fs_;
  std::string root_;
  const content::DiscoverResult& sources_;
  const content::Site& site_;
};

// Fills summary, word count, reading time and search text from out.html.
void derive_page_text(const content::Page& page, std::string_view markdown, const config::Config& config,
                      snapshot::PageBody& out);

// <nav id="TableOfContents"> with nested lists, Hugo's shape; empty when `toc` is.
std::string toc_html(const std::vector<snapshot::TocEntry>& toc);

}  // namespace bengal::render

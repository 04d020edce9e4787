// BodyParser: the parse stage for one page. Turns the Markdown body into
// HTML with the Markdown engine (code blocks through the highlighter,
// [[links]] and {ref} roles resolved against the assembled site, include
// directives read relative to the page), then derives the facts other pages
// and outputs need: TOC, summary, word count, reading time, search text.
//
// One BodyParser per worker, created once per build and reused for every page.
// Diagnostics name the content file, with lines counted in the file (the
// front matter included).
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
#include "markdown/markdown.h"
#include "snapshot/snapshot.h"

namespace bengal::render {

class BodyParser {
 public:
  // What every worker's parser reads; outlives the parse stage.
  struct Shared {
    const config::Config& config;
    const FileSystem& fs;
    std::string content_root;  // where include paths resolve
    const content::Site& site;
    const highlight::Registry& highlighter;
  };

  explicit BodyParser(const Shared& shared);

  void parse(const content::SourcePage& src, const content::Page& page, snapshot::PageBody& out,
             DiagnosticList& diags);

  // Fence languages with no lexer -> the first file that used one.
  const std::map<std::string, std::string>& unknown_languages() const { return unknown_languages_; }

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
  std::map<std::string, std::string> unknown_languages_;
};

// Fills summary, word count, reading time and search text from out.html.
void derive_page_text(const content::Page& page, std::string_view markdown, const config::Config& config,
                      snapshot::PageBody& out);

// <nav id="TableOfContents"> with nested lists, Hugo's shape; empty when `toc` is.
std::string toc_html(const std::vector<snapshot::TocEntry>& toc);

}  // namespace bengal::render

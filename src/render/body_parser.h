// BodyParser: the parse stage for one page. Turns the Markdown body into
// HTML plus the facts other pages and outputs need (TOC, summary, word count,
// search text). One BodyParser per worker, reused for every page.
//
// STAND-IN: until the Markdown engine (src/markdown, issue #3) lands, the
// body is HTML-escaped inside <pre class="bengal-standin">. The interface is
// the one the engine will implement behind; delete the stand-in then.
//
// Thread-safety: not thread-safe; one per worker.
#pragma once

#include "config/config.h"
#include "content/discover.h"
#include "content/site.h"
#include "core/diagnostic.h"
#include "snapshot/snapshot.h"

namespace bengal::render {

class BodyParser {
 public:
  explicit BodyParser(const config::Config& config) : config_(config) {}

  void parse(const content::SourcePage& src, const content::Page& page, snapshot::PageBody& out,
             DiagnosticList& diags);

 private:
  const config::Config& config_;
};

// Fills summary, word count, reading time and search text from out.html.
void derive_page_text(const content::Page& page, std::string_view markdown, const config::Config& config,
                      snapshot::PageBody& out);

}  // namespace bengal::render

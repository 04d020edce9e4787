#include "render/body_parser.h"

#include "core/text.h"
#include "core/html_text.h"

namespace bengal::render {

namespace {
constexpr std::string_view kMoreMarker = "<!--more-->";
// Enough text for client-side search to match on; the index of a 10,000-page
// site stays around 20 MB.
constexpr std::size_t kSearchTextBytes = 1500;
}  // namespace

void derive_page_text(const content::Page& page, std::string_view markdown, const config::Config& config,
                      snapshot::PageBody& out) {
  out.word_count = count_html_words(out.html);
  out.reading_minutes = reading_minutes(out.word_count);
  out.plain_text = html_to_text(out.html, kSearchTextBytes);
  if (!page.fm.summary.empty()) {
    out.summary_html = html_escape(page.fm.summary);
    out.summary_truncated = true;
  } else if (std::size_t more = out.html.find(kMoreMarker);
             more != std::string::npos && markdown.find(kMoreMarker) != std::string_view::npos) {
    out.summary_html = out.html.substr(0, more);
    out.summary_truncated = true;
  } else {
    out.summary_html = auto_summary(out.html, config.summary_words, out.summary_truncated);
  }
}

void BodyParser::parse(const content::SourcePage& src, const content::Page& page, snapshot::PageBody& out,
                       DiagnosticList&) {
  // STAND-IN (see header): escaped body, no Markdown yet.
  out.html = "<pre class=\"bengal-standin\">";
  append_html_escaped(out.html, src.body());
  out.html += "</pre>\n";
  derive_page_text(page, src.body(), config_, out);
}

}  // namespace bengal::render

#include "render/pipeline.h"

#include "core/text.h"

namespace bengal::render {

bool RenderPipeline::render(const snapshot::RenderJob& job, std::string_view& bytes, DiagnosticList&) {
  // STAND-IN shell (see header).
  const content::Page& page = snap_.page(job.page);
  const config::Config& config = snap_.config();
  std::string& out = buffer_;
  out.clear();
  out += "<!DOCTYPE html>\n<html lang=\"";
  append_html_escaped(out, config.language);
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  append_html_escaped(out, page.title);
  if (page.kind != content::PageKind::kHome) {
    out += " | ";
    append_html_escaped(out, config.title);
  }
  out += "</title>\n</head>\n<body>\n<main>\n<h1>";
  append_html_escaped(out, page.title);
  out += "</h1>\n";
  out += snap_.body(job.page).html;
  if (page.is_list()) {
    out += "<ul>\n";
    std::size_t per = page.paginate > 0 ? static_cast<std::size_t>(page.paginate) : page.members.size();
    std::size_t begin = (job.pager - 1) * per;
    for (std::size_t i = begin; i < page.members.size() && i < begin + per; ++i) {
      const content::Page& m = snap_.page(page.members[i]);
      out += "<li><a href=\"";
      append_html_escaped(out, m.url);
      out += "\">";
      append_html_escaped(out, m.title);
      out += "</a></li>\n";
    }
    out += "</ul>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  bytes = out;
  return true;
}

}  // namespace bengal::render

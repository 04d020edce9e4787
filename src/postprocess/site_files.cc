#include "postprocess/site_files.h"

#include <algorithm>

#include "core/fs.h"
#include "core/text.h"
#include "core/html_text.h"

namespace bengal::postprocess {

namespace {

using content::Page;
using content::PageId;
using content::PageKind;

// Pages that are real HTML documents of the site (not the 404 page).
bool is_listed(const Page& p) { return p.kind != PageKind::kNotFound && !p.output_path.empty(); }

bool excluded_from_search(const Page& p) {
  const Data* v = p.fm.params.find("search");
  return v != nullptr && v->is_bool() && !v->as_bool();
}

std::optional<DateTime> lastmod_of(const snapshot::SiteSnapshot& snap, const Page& p) {
  if (p.fm.lastmod) return p.fm.lastmod;
  if (p.fm.date) return p.fm.date;
  std::optional<DateTime> best;
  for (PageId id : p.members) {
    const Page& m = snap.page(id);
    const auto& d = m.fm.lastmod ? m.fm.lastmod : m.fm.date;
    if (d && (!best || d->epoch_seconds > best->epoch_seconds)) best = d;
  }
  return best;
}

}  // namespace

GeneratedFile make_sitemap(const snapshot::SiteSnapshot& snap) {
  std::string out;
  out.reserve(256 + snap.site().pages.size() * 120);
  out += "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n";
  out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const Page& p : snap.site().pages) {
    if (!is_listed(p)) continue;
    out += "  <url>\n    <loc>";
    append_xml_escaped(out, snap.permalink(p.url));
    out += "</loc>\n";
    if (auto d = lastmod_of(snap, p)) out += "    <lastmod>" + format_rfc3339(*d) + "</lastmod>\n";
    out += "  </url>\n";
  }
  out += "</urlset>\n";
  return {"sitemap.xml", std::move(out), "sitemap"};
}

GeneratedFile make_search_index(const snapshot::SiteSnapshot& snap) {
  const content::Site& site = snap.site();
  std::string out = "[";
  bool first = true;
  for (const Page& p : site.pages) {
    if (p.kind != PageKind::kPage || excluded_from_search(p)) continue;
    const snapshot::PageBody& body = snap.body(p.id);
    if (!first) out += ',';
    first = false;
    out += "\n{\"title\":\"";
    append_json_escaped(out, p.title);
    out += "\",\"url\":\"";
    append_json_escaped(out, p.url);
    out += "\",\"section\":\"";
    const content::Section& sec = site.section(p.section);
    if (sec.page != content::kNoPage) append_json_escaped(out, snap.page(sec.page).title);
    out += "\",\"tags\":[";
    if (const auto* tags = p.fm.terms_for("tags")) {
      for (std::size_t i = 0; i < tags->size(); ++i) {
        if (i) out += ',';
        out += '"';
        append_json_escaped(out, (*tags)[i]);
        out += '"';
      }
    }
    out += "],\"summary\":\"";
    std::string summary = p.fm.description.empty() ? html_to_text(body.summary_html) : p.fm.description;
    append_json_escaped(out, trim(summary));
    out += "\",\"headings\":[";
    for (std::size_t i = 0; i < body.toc.size(); ++i) {
      if (i) out += ',';
      out += "{\"id\":\"";
      append_json_escaped(out, body.toc[i].id);
      out += "\",\"text\":\"";
      append_json_escaped(out, body.toc[i].text);
      out += "\"}";
    }
    out += "],\"text\":\"";
    append_json_escaped(out, body.plain_text);
    out += "\"}";
  }
  out += "\n]\n";
  return {"index.json", std::move(out), "search index"};
}

GeneratedFile make_llms_txt(const snapshot::SiteSnapshot& snap) {
  const config::Config& c = snap.config();
  const content::Site& site = snap.site();
  std::string out = "# " + c.title + "\n\n";
  if (!c.description.empty()) out += "> " + c.description + "\n\n";
  auto entry = [&](const Page& p) {
    out += "- [" + p.title + "](" + snap.permalink(p.url) + ")";
    if (!p.fm.description.empty()) out += ": " + p.fm.description;
    out += '\n';
  };
  // Root pages first, then one heading per section, in section order.
  const content::Section& root = site.sections[0];
  if (!root.pages.empty()) {
    out += "## Pages\n\n";
    for (PageId id : root.pages) entry(snap.page(id));
    out += '\n';
  }
  std::vector<content::SectionId> stack(root.children.rbegin(), root.children.rend());
  while (!stack.empty()) {
    const content::Section& s = site.section(stack.back());
    stack.pop_back();
    if (!s.pages.empty() && s.page != content::kNoPage) {
      out += "## " + snap.page(s.page).title + "\n\n";
      for (PageId id : s.pages) entry(snap.page(id));
      out += '\n';
    }
    for (auto it = s.children.rbegin(); it != s.children.rend(); ++it) stack.push_back(*it);
  }
  return {"llms.txt", std::move(out), "llms.txt"};
}

GeneratedFile make_robots_txt(const snapshot::SiteSnapshot& snap) {
  std::string out = "User-agent: *\nAllow: /\n";
  if (snap.config().output_sitemap) out += "\nSitemap: " + snap.permalink("/sitemap.xml") + "\n";
  return {"robots.txt", std::move(out), "robots.txt"};
}

void add_alias_pages(const snapshot::SiteSnapshot& snap, std::vector<GeneratedFile>& out, DiagnosticList& diags) {
  for (const Page& p : snap.site().pages) {
    for (const std::string& alias : p.fm.aliases) {
      const snapshot::PageSource* src = snap.source(p.id);
      std::string origin = (src ? src->display_path : p.url) + " (alias " + alias + ")";
      std::string url, path;
      if (!content::normalize_url(alias, url) || !content::output_path_for_url(url, path)) {
        diags.add(make_error({src ? src->display_path : "", 0, 0}, "alias '" + alias + "' leaves the site",
                             "write aliases as site paths such as /old/address/"));
        continue;
      }
      std::string target = snap.permalink(p.url);
      std::string html = "<!DOCTYPE html>\n<html lang=\"";
      append_html_escaped(html, snap.config().language);
      html += "\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
      append_html_escaped(html, p.title);
      html += "</title>\n<link rel=\"canonical\" href=\"";
      append_html_escaped(html, target);
      html += "\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url=";
      append_html_escaped(html, target);
      html += "\">\n</head>\n<body>\n<p>This page has moved to <a href=\"";
      append_html_escaped(html, target);
      html += "\">";
      append_html_escaped(html, target);
      html += "</a>.</p>\n</body>\n</html>\n";
      out.push_back({std::move(path), std::move(html), std::move(origin)});
    }
  }
}

std::vector<GeneratedFile> generate_site_files(const snapshot::SiteSnapshot& snap, DiagnosticList& diags) {
  const config::Config& c = snap.config();
  std::vector<GeneratedFile> out;
  add_feeds(snap, out);
  if (c.output_sitemap) out.push_back(make_sitemap(snap));
  if (c.output_search_index) out.push_back(make_search_index(snap));
  if (c.output_llms_txt) out.push_back(make_llms_txt(snap));
  if (c.output_robots_txt) out.push_back(make_robots_txt(snap));
  add_alias_pages(snap, out, diags);
  return out;
}

}  // namespace bengal::postprocess

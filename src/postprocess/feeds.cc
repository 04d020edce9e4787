#include <algorithm>

#include "core/fs.h"
#include "core/text.h"
#include "postprocess/site_files.h"

namespace bengal::postprocess {

namespace {

using content::Page;
using content::PageId;
using content::PageKind;

std::int64_t date_of(const Page& p) { return p.fm.date ? p.fm.date->epoch_seconds : INT64_MIN; }

// The instant a list last changed: its newest member's date.
std::optional<DateTime> newest(const snapshot::SiteSnapshot& snap, const std::vector<PageId>& ids) {
  std::optional<DateTime> best;
  for (PageId id : ids) {
    const auto& d = snap.page(id).fm.date;
    if (d && (!best || d->epoch_seconds > best->epoch_seconds)) best = d;
  }
  return best;
}

// A feed entry: a page, or for taxonomy feeds, a term (its page, dated by
// its newest member).
struct Entry {
  const Page* page;
  std::optional<DateTime> date;
  std::string_view summary_html;
};

std::vector<Entry> entries_for(const snapshot::SiteSnapshot& snap, const Page& list, std::size_t limit) {
  std::vector<Entry> entries;
  if (list.kind == PageKind::kTaxonomy) {
    const content::Taxonomy& tax = snap.site().taxonomies[list.taxonomy];
    for (const content::Term& term : tax.terms) {
      if (term.page == content::kNoPage) continue;
      entries.push_back({&snap.page(term.page), newest(snap, term.pages), {}});
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      std::int64_t da = a.date ? a.date->epoch_seconds : INT64_MIN;
      std::int64_t db = b.date ? b.date->epoch_seconds : INT64_MIN;
      return da > db;
    });
    if (limit != 0 && entries.size() > limit) entries.resize(limit);
    return entries;
  }
  for (PageId id : feed_items(snap, list, limit)) {
    entries.push_back({&snap.page(id), snap.page(id).fm.date, snap.body(id).summary_html});
  }
  return entries;
}

std::string channel_title(const snapshot::SiteSnapshot& snap, const Page& list) {
  const std::string& site = snap.config().title;
  if (list.kind == PageKind::kHome || list.title == site || list.title.empty()) return site;
  return list.title + " on " + site;
}

std::string feed_path(const Page& list, std::string_view file) {
  return join_path(parent_path(list.output_path), file);
}

std::string make_rss(const snapshot::SiteSnapshot& snap, const Page& list, const std::vector<Entry>& entries) {
  const config::Config& c = snap.config();
  std::string out;
  out.reserve(1024 + entries.size() * 512);
  out += "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n";
  out += "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n  <channel>\n    <title>";
  append_xml_escaped(out, channel_title(snap, list));
  out += "</title>\n    <link>";
  append_xml_escaped(out, snap.permalink(list.url));
  out += "</link>\n    <description>";
  std::string desc = list.kind == PageKind::kHome || list.title == c.title
                         ? "Recent content on " + c.title
                         : "Recent content in " + list.title + " on " + c.title;
  append_xml_escaped(out, desc);
  out += "</description>\n    <generator>Bengal</generator>\n    <language>";
  append_xml_escaped(out, c.language);
  out += "</language>\n";
  if (!entries.empty() && entries.front().date) {
    out += "    <lastBuildDate>" + format_rfc1123z(*entries.front().date) + "</lastBuildDate>\n";
  }
  out += "    <atom:link href=\"";
  append_xml_escaped(out, snap.permalink(feed_path(list, "index.xml")));
  out += "\" rel=\"self\" type=\"application/rss+xml\" />\n";
  for (const Entry& e : entries) {
    std::string link = snap.permalink(e.page->url);
    out += "    <item>\n      <title>";
    append_xml_escaped(out, e.page->title);
    out += "</title>\n      <link>";
    append_xml_escaped(out, link);
    out += "</link>\n";
    if (e.date) out += "      <pubDate>" + format_rfc1123z(*e.date) + "</pubDate>\n";
    out += "      <guid>";
    append_xml_escaped(out, link);
    out += "</guid>\n      <description>";
    append_xml_escaped(out, e.summary_html);
    out += "</description>\n    </item>\n";
  }
  out += "  </channel>\n</rss>\n";
  return out;
}

std::string make_atom(const snapshot::SiteSnapshot& snap, const Page& list, const std::vector<Entry>& entries) {
  const config::Config& c = snap.config();
  std::string out;
  out.reserve(1024 + entries.size() * 512);
  out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"";
  out += " xml:lang=\"";
  append_xml_escaped(out, c.language);
  out += "\">\n  <title>";
  append_xml_escaped(out, channel_title(snap, list));
  out += "</title>\n  <link href=\"";
  append_xml_escaped(out, snap.permalink(list.url));
  out += "\"/>\n  <link rel=\"self\" href=\"";
  std::string self = snap.permalink(feed_path(list, "atom.xml"));
  append_xml_escaped(out, self);
  out += "\"/>\n  <id>";
  append_xml_escaped(out, self);
  out += "</id>\n  <updated>";
  // Atom requires <updated>; an undated list uses the epoch, which is stable.
  DateTime updated = !entries.empty() && entries.front().date ? *entries.front().date : DateTime{};
  out += format_rfc3339(updated);
  out += "</updated>\n  <generator>Bengal</generator>\n";
  if (!c.author.empty()) {
    out += "  <author><name>";
    append_xml_escaped(out, c.author);
    out += "</name></author>\n";
  }
  for (const Entry& e : entries) {
    std::string link = snap.permalink(e.page->url);
    out += "  <entry>\n    <title>";
    append_xml_escaped(out, e.page->title);
    out += "</title>\n    <link href=\"";
    append_xml_escaped(out, link);
    out += "\"/>\n    <id>";
    append_xml_escaped(out, link);
    out += "</id>\n    <updated>";
    out += format_rfc3339(e.date ? *e.date : DateTime{});
    out += "</updated>\n";
    if (!e.summary_html.empty()) {
      out += "    <summary type=\"html\">";
      append_xml_escaped(out, e.summary_html);
      out += "</summary>\n";
    }
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

bool has_feed(const config::Config& c, const Page& p) {
  switch (p.kind) {
    case PageKind::kHome: return true;
    case PageKind::kSection: return c.feeds_sections;
    case PageKind::kTaxonomy:
    case PageKind::kTerm: return c.feeds_taxonomies;
    default: return false;
  }
}

}  // namespace

std::vector<PageId> feed_items(const snapshot::SiteSnapshot& snap, const Page& list, std::size_t limit) {
  std::vector<PageId> ids = list.members;
  std::stable_sort(ids.begin(), ids.end(),
                   [&](PageId a, PageId b) { return date_of(snap.page(a)) > date_of(snap.page(b)); });
  if (limit != 0 && ids.size() > limit) ids.resize(limit);
  return ids;
}

void add_feeds(const snapshot::SiteSnapshot& snap, std::vector<GeneratedFile>& out) {
  const config::Config& c = snap.config();
  if (!c.output_rss && !c.output_atom) return;
  for (const Page& p : snap.site().pages) {
    if (!has_feed(c, p)) continue;
    std::vector<Entry> entries = entries_for(snap, p, static_cast<std::size_t>(c.feed_limit));
    std::string origin = "feed of " + p.url;
    if (c.output_rss) out.push_back({feed_path(p, "index.xml"), make_rss(snap, p, entries), origin});
    if (c.output_atom) out.push_back({feed_path(p, "atom.xml"), make_atom(snap, p, entries), origin});
  }
}

}  // namespace bengal::postprocess

#include "render/body_parser.h"

#include "core/html_text.h"
#include "core/text.h"
#include "highlight/highlight.h"
#include "render/provenance.h"

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
  while (!out.plain_text.empty() && (out.plain_text.back() == '\n' || out.plain_text.back() == ' ')) {
    out.plain_text.pop_back();
  }
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

std::string toc_html(const std::vector<snapshot::TocEntry>& toc) {
  if (toc.empty()) return {};
  std::string out = "<nav id=\"TableOfContents\">\n";
  // Open one <ul> per level step; a heading that skips levels (h2 -> h4)
  // nests one list deeper, as Hugo does.
  std::vector<int> open;  // levels of open <ul>s
  for (const snapshot::TocEntry& e : toc) {
    if (open.empty()) {
      out += "<ul>\n";
      open.push_back(e.level);
    } else if (e.level > open.back()) {
      out += "\n<ul>\n";
      open.push_back(e.level);
    } else {
      out += "</li>\n";
      while (open.size() > 1 && e.level < open.back()) {
        out += "</ul>\n</li>\n";
        open.pop_back();
      }
    }
    out += "<li><a href=\"#";
    append_html_escaped(out, e.id);
    out += "\">";
    append_html_escaped(out, e.text);
    out += "</a>";
  }
  out += "</li>\n";
  while (open.size() > 1) {
    out += "</ul>\n</li>\n";
    open.pop_back();
  }
  out += "</ul>\n</nav>";
  return out;
}

BodyParser::BodyParser(const Shared& shared) : shared_(shared) {
  const config::Config& c = shared.config;
  options_.heading_ids = c.markdown_heading_ids;
  options_.typographer = c.markdown_typographer;
  options_.safe_mode = c.markdown_safe;
  options_.toc_min_level = c.toc_min_level;
  options_.toc_max_level = c.toc_max_level;
  if (c.highlight_enabled) {
    hooks_.code_block = [this](const markdown::CodeBlock& b, std::string& out) { highlight_block(b, out); };
  }
  hooks_.include_file = [this](std::string_view path) { return include(path); };
  hooks_.resolve_link = [this](std::string_view target) { return resolve(target); };
}

void BodyParser::highlight_block(const markdown::CodeBlock& b, std::string& out) {
  highlight::Options opts;
  opts.title = b.title;
  opts.hl_lines = b.hl_lines;
  opts.linenostart = b.linenostart;
  if (b.linenos || shared_.config.highlight_linenos) opts.linenos = highlight::Options::LineNumbers::kTable;
  if (!highlight::render_block(shared_.highlighter, b.code, b.lang, opts, out) && diags_ != nullptr &&
      current_ != nullptr) {
    Diagnostic d = make_warning({current_->display_path, 0, 0},
                                "no syntax highlighter for code language '" + std::string(b.lang) +
                                    "'; shown as plain text",
                                "see `bengal highlight --help` for the language names");
    d.code = "unknown-language";
    diags_->add(std::move(d));
  }
}

std::optional<std::string> BodyParser::include(std::string_view path) {
  if (current_ == nullptr) return std::nullopt;
  // Relative to the including page's folder; never outside content/.
  std::string rel;
  std::string joined = join_path(parent_path(current_->rel_path), path);
  if (starts_with(path, "/")) joined = std::string(path.substr(1));
  if (!normalize_relative_path(joined, rel) || rel.empty()) return std::nullopt;
  if (deps_ != nullptr) deps_->push_back({incremental::FactKind::kFile, rel, ""});
  auto bytes = shared_.fs.read_file(join_path(shared_.content_root, rel));
  if (!bytes.ok()) return std::nullopt;
  return std::move(bytes).value();
}

std::optional<std::pair<std::string, std::string>> BodyParser::resolve(std::string_view target) {
  const content::Site& site = *shared_.site;
  std::string_view anchor;
  if (std::size_t hash = target.find('#'); hash != std::string_view::npos) {
    anchor = target.substr(hash);
    target = target.substr(0, hash);
  }
  auto found = [&](content::PageId id) -> std::optional<std::pair<std::string, std::string>> {
    const content::Page& p = site.page(id);
    return std::make_pair(p.url + std::string(anchor), p.title);
  };
  // Every key tried is a dependency: a page appearing under one of them later
  // changes what this body links to.
  auto tried = [&](const std::string& key) {
    if (deps_ == nullptr) return;
    deps_->push_back({incremental::FactKind::kPage, key, "url"});
    deps_->push_back({incremental::FactKind::kPage, key, "title"});
  };
  // Content paths, relative to the page first, then to content/; with or
  // without ".md"; then site URLs.
  std::vector<std::string> keys;
  if (current_ != nullptr && !starts_with(target, "/")) {
    std::string rel;
    if (normalize_relative_path(join_path(parent_path(current_->rel_path), target), rel)) keys.push_back(rel);
  }
  std::string rel;
  if (normalize_relative_path(target, rel)) keys.push_back(rel);
  for (const std::string& k : std::vector<std::string>(keys)) {
    keys.push_back(k + ".md");
    keys.push_back(join_path(k, "index.md"));
    keys.push_back(join_path(k, "_index.md"));
  }
  for (const std::string& k : keys) {
    tried(k);
    if (auto it = site.by_path.find(k); it != site.by_path.end()) return found(it->second);
  }
  std::string url;
  if (content::normalize_url(target, url)) {
    tried("link:" + url);  // by URL, any page (not a generated page's "url:" key)
    if (auto it = site.by_url.find(url); it != site.by_url.end()) return found(it->second);
  }
  return std::nullopt;
}

void BodyParser::parse(const content::SourcePage& src, const content::Page& page, snapshot::PageBody& out,
                       DiagnosticList& diags, std::vector<incremental::FactKey>* deps) {
  current_ = &src;
  deps_ = deps;
  diags_ = &diags;
  std::string_view body = src.body();
  parser_.render(body, options_, hooks_, doc_);
  current_ = nullptr;
  deps_ = nullptr;
  diags_ = nullptr;
  out.html.assign(doc_.html);
  out.html_ready = true;
  out.content_hash = hash_bytes(out.html);
  out.toc.clear();
  if (page.fm.toc) {
    for (const markdown::Heading& h : doc_.outline) out.toc.push_back({h.level, h.id, h.text});
  }
  out.toc_html = toc_html(out.toc);
  for (Diagnostic& d : doc_.diagnostics) {
    d.location.file = src.display_path;
    if (d.location.line > 0) d.location.line += src.split.body_line - 1;
    diags.add(std::move(d));
  }
  derive_page_text(page, body, shared_.config, out);
}

void BodyParser::markdownify(std::string_view text, std::string& out) {
  markdown::Hooks hooks;
  hooks.code_block = hooks_.code_block;
  parser_.render(text, options_, hooks, doc_);
  std::string_view html = doc_.html;
  // One paragraph: inline use ({{ page.params.tagline | markdownify }}).
  if (starts_with(html, "<p>") && ends_with(html, "</p>\n") &&
      html.find("<p>", 3) == std::string_view::npos) {
    html = html.substr(3, html.size() - 8);
  }
  out.append(html);
}

Hash128 body_dep_hash(incremental::FactKind kind, std::string_view subject, std::string_view field,
                      const content::Site& site, const FileSystem& fs, const std::string& content_root) {
  if (kind == incremental::FactKind::kFile) {
    auto bytes = fs.read_file(join_path(content_root, subject));
    return bytes.ok() ? hash_bytes(*bytes) : absent_fact_hash();
  }
  const content::Page* p = nullptr;
  if (starts_with(subject, "link:")) {
    if (auto it = site.by_url.find(subject.substr(5)); it != site.by_url.end()) p = &site.page(it->second);
  } else if (auto it = site.by_path.find(subject); it != site.by_path.end()) {
    p = &site.page(it->second);
  }
  if (p == nullptr) return absent_fact_hash();
  return string_fact_hash(field == "title" ? p->title : p->url);
}

void LazyBodies::load_html(content::PageId id, std::string& html) {
  const content::Page& page = site_.page(id);
  if (page.source < 0) return;
  content::SourcePage src = sources_.pages[static_cast<std::size_t>(page.source)];
  auto bytes = fs_.read_file(join_path(root_, src.rel_path));
  if (!bytes.ok()) return;
  src.raw = std::move(bytes).value();
  auto split = content::split_front_matter(src.raw);
  if (!split.ok()) return;
  src.split = *split;
  snapshot::PageBody body;
  DiagnosticList ignored;  // reported by the parse that filled the cache
  parser_.parse(src, page, body, ignored);
  html = std::move(body.html);
}

}  // namespace bengal::render

#include "render/pipeline.h"

#include "core/text.h"
#include "render/functions.h"

namespace bengal::render {

namespace {

std::string with_html(std::string_view name) {
  std::string n(name);
  if (!ends_with(n, ".html")) n += ".html";
  return n;
}

}  // namespace

std::unique_ptr<SiteTemplates> SiteTemplates::build(const Theme& theme, const config::Config& config) {
  std::unique_ptr<SiteTemplates> t(new SiteTemplates(theme));
  tmpl::Options opts;
  opts.strict_undefined = config.templates_strict;
  opts.trim_blocks = config.templates_trim_blocks;
  opts.lstrip_blocks = config.templates_lstrip_blocks;
  t->env_ = std::make_unique<tmpl::Environment>(&theme.loader(), opts);
  register_site_functions(t->env_->registry());
  (void)t->env_->load_all();
  t->env_->freeze();
  return t;
}

std::vector<std::string> SiteTemplates::candidates(const content::Page& page, const content::Site& site) {
  std::vector<std::string> out;
  const std::string& section = site.section(page.section).name;
  auto layout = [&] {
    if (page.fm.layout.empty()) return;
    if (!section.empty()) out.push_back(section + "/" + with_html(page.fm.layout));
    out.push_back(with_html(page.fm.layout));
  };
  switch (page.kind) {
    case content::PageKind::kPage:
      layout();
      if (!page.fm.type.empty()) out.push_back(page.fm.type + "/single.html");
      if (!section.empty()) out.push_back(section + "/single.html");
      out.push_back("single.html");
      break;
    case content::PageKind::kSection:
      layout();
      out.push_back(section + "/list.html");
      out.push_back("list.html");
      break;
    case content::PageKind::kHome:
      layout();
      out.push_back("index.html");
      out.push_back("list.html");
      break;
    case content::PageKind::kTaxonomy:
      out.push_back(site.taxonomies[page.taxonomy].name + "/taxonomy.html");
      out.push_back("taxonomy.html");
      out.push_back("list.html");
      break;
    case content::PageKind::kTerm:
      out.push_back(site.taxonomies[page.taxonomy].name + "/term.html");
      out.push_back("term.html");
      out.push_back("list.html");
      break;
    case content::PageKind::kNotFound:
      out.push_back("404.html");
      break;
  }
  return out;
}

RenderPipeline::RenderPipeline(const snapshot::SiteSnapshot& snap, const SiteTemplates& templates,
                               snapshot::BodySource* bodies, BodyParser* markdown)
    : snap_(snap), templates_(templates), renderer_(templates.env()) {
  host_.snap = &snap;
  host_.bodies = bodies;
  host_.markdown = markdown;
  host_.assets = &templates.theme().manifest();
}

const tmpl::Template* RenderPipeline::select(const content::Page& page, DiagnosticList& diags) {
  std::vector<std::string> names = SiteTemplates::candidates(page, snap_.site());
  std::string key;
  for (const std::string& n : names) key += n + '\n';
  if (auto it = selection_cache_.find(key); it != selection_cache_.end()) {
    if (it->second != nullptr) return it->second;
  }
  for (const std::string& n : names) {
    if (const tmpl::Template* t = templates_.env().find(n)) {
      selection_cache_.emplace(key, t);
      return t;
    }
  }
  selection_cache_.emplace(key, nullptr);
  std::string tried;
  for (const std::string& n : names) tried += (tried.empty() ? "" : ", ") + n;
  const snapshot::PageSource* src = snap_.source(page.id);
  diags.add(make_error({src ? src->display_path : page.url, 0, 0},
                       "no template for this " + std::string(content::kind_name(page.kind)) + " (looked for " +
                           tried + ")",
                       "add one of them to templates/ or to the theme"));
  return nullptr;
}

bool RenderPipeline::render(const snapshot::RenderJob& job, std::string_view& bytes, DiagnosticList& diags,
                            ReadObserver* observer, tmpl::DependencyRecorder* templates) {
  const content::Page& page = snap_.page(job.page);
  const tmpl::Template* t = nullptr;
  if (job.kind == snapshot::OutputKind::kPage) {
    t = select(page, diags);
  } else {
    auto found = templates_.env().get(snapshot::output_template(job.kind));
    if (!found.ok()) {
      diags.add(std::move(found).error());
    } else {
      t = *found;
    }
  }
  if (t == nullptr) return false;
  host_.job = &job;
  host_.observer = observer;
  make_paginator(snap_, job, host_.paginator);
  tmpl::NamedValue context[] = {
      {"page", page_value(page)},
      {"section", section_value(snap_.site().section(page.section))},
      {"site", site_value(snap_)},
      {"paginator", paginator_value(host_.paginator)},
  };
  Status s = renderer_.render(*t, context, bytes, &host_, templates);
  host_.observer = nullptr;
  if (!s.ok()) {
    Diagnostic d = std::move(s).error();
    const snapshot::PageSource* src = snap_.source(page.id);
    std::string what = src ? src->display_path : page.url;
    d.hint = d.hint.empty() ? "while rendering " + what : d.hint + " (while rendering " + what + ")";
    diags.add(std::move(d));
    return false;
  }
  return true;
}

}  // namespace bengal::render

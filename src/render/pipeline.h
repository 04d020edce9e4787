// Rendering outputs from the frozen snapshot with the site's templates.
//
// SiteTemplates is built once per build: it compiles every template the
// theme chain can load (site templates override the theme, the theme
// overrides the embedded default), registers the site functions and freezes
// the environment, which is then shared read-only by all workers.
//
// RenderPipeline is one worker's renderer: created once per build, reused
// for every job (its template runtime and output buffer keep their capacity).
// For each job it picks the page's template (lookup order below), renders it
// with `page`, `section`, `site` and `paginator`, and reports which templates
// and facts the output read.
//
// Page outputs pick their template by this lookup order (first that exists);
// feeds, the sitemap, the search index, llms.txt, robots.txt and alias
// redirects render fixed names (rss.xml, atom.xml, sitemap.xml,
// search-index.json, llms.txt, robots.txt, alias.html) that a site or theme
// may override:
//   page:      <layout>, <type>/single.html, <section>/single.html, single.html
//   section:   <layout>, <section>/list.html, list.html
//   home:      <layout>, index.html, list.html
//   taxonomy:  <taxonomy>/taxonomy.html, taxonomy.html, list.html
//   term:      <taxonomy>/term.html, term.html, list.html
//   404:       404.html
// where <layout> is the front-matter layout ("wide" -> wide.html, also tried
// under the section's folder).
//
// Thread-safety: SiteTemplates is immutable after build(); a RenderPipeline
// belongs to one worker.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "render/context.h"
#include "render/theme.h"
#include "snapshot/snapshot.h"
#include "template/environment.h"
#include "template/renderer.h"

namespace bengal::render {

class SiteTemplates {
 public:
  // Compiles every template of `theme`. Compile errors are not reported
  // here: a broken template fails the pages that use it, with its error.
  static std::unique_ptr<SiteTemplates> build(const Theme& theme, const config::Config& config);

  const tmpl::Environment& env() const { return *env_; }
  const Theme& theme() const { return theme_; }

  // The template names tried for `page`, in order.
  static std::vector<std::string> candidates(const content::Page& page, const content::Site& site);

 private:
  explicit SiteTemplates(const Theme& theme) : theme_(theme) {}
  const Theme& theme_;
  std::unique_ptr<tmpl::Environment> env_;
};

class RenderPipeline {
 public:
  // `bodies` parses cached page bodies on first use (may be null when every
  // body was parsed).
  RenderPipeline(const snapshot::SiteSnapshot& snap, const SiteTemplates& templates,
                 snapshot::BodySource* bodies = nullptr, BodyParser* markdown = nullptr);

  // Renders `job`; the returned bytes stay valid until the next call.
  // Errors go to `diags` and return false. `observer` (optional) receives
  // every fact the render read; `templates` (optional) each template read.
  bool render(const snapshot::RenderJob& job, std::string_view& bytes, DiagnosticList& diags,
              ReadObserver* observer = nullptr, tmpl::DependencyRecorder* templates = nullptr);

 private:
  const tmpl::Template* select(const content::Page& page, DiagnosticList& diags);

  const snapshot::SiteSnapshot& snap_;
  const SiteTemplates& templates_;
  tmpl::Renderer renderer_;
  RenderHost host_;
  std::map<std::string, const tmpl::Template*> selection_cache_;  // candidate key -> template
};

}  // namespace bengal::render

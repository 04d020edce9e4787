// The files Bengal copies rather than renders: the site's static/ folder,
// page resources (a leaf bundle's files land beside its page), and the theme
// assets (static ones always, fingerprinted ones when a template used them).
//
// plan_copies() lists them with their destination and reports a copy that
// would overwrite a rendered output or another copy (naming both). The
// site's own files win over the theme's silently: overriding a theme file is
// what static/ is for.
//
// Thread-safety: pure function of its inputs.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/config.h"
#include "content/discover.h"
#include "content/site.h"
#include "core/diagnostic.h"
#include "render/theme.h"

namespace bengal::postprocess {

struct Copy {
  std::string to;       // output-relative destination
  std::string display;  // where it comes from, for messages
  std::string from;     // file to read (empty: `bytes` holds the content)
  const std::string* bytes = nullptr;  // in-memory content (theme assets)
  std::uint64_t source_size = 0;       // files: as discovered, to skip unchanged copies
  std::int64_t source_mtime_ns = 0;
};

// `rendered_owner(path)` says who renders an output path (empty: nobody).
// `used_assets[i]` says whether
// theme.assets()[i] was asked for by some output.
std::vector<Copy> plan_copies(const std::string& site_root, const config::Config& config,
                              const content::DiscoverResult& disc, const content::Site& site,
                              const render::Theme& theme, const std::vector<bool>& used_assets,
                              const std::function<std::string(const std::string&)>& rendered_owner,
                              DiagnosticList& diags);

}  // namespace bengal::postprocess

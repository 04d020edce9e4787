#include "postprocess/copy.h"

#include <map>

#include "core/fs.h"

namespace bengal::postprocess {

std::vector<Copy> plan_copies(const std::string& site_root, const config::Config& config,
                              const content::DiscoverResult& disc, const content::Site& site,
                              const render::Theme& theme, const std::vector<bool>& used_assets,
                              const std::function<std::string(const std::string&)>& rendered_owner,
                              DiagnosticList& diags) {
  std::vector<Copy> copies;
  std::map<std::string, std::string> owners;  // copies' destinations -> their sources
  auto owner = [&](const std::string& to) {
    auto it = owners.find(to);
    return it != owners.end() ? it->second : rendered_owner(to);
  };
  auto claim = [&](Copy c) {
    if (std::string other = owner(c.to); !other.empty()) {
      diags.add(make_error({c.display, 0, 0}, "would overwrite " + c.to + ", which " + other + " produces",
                           "rename or move one of them"));
      return;
    }
    owners.emplace(c.to, c.display);
    copies.push_back(std::move(c));
  };
  for (const content::SourceFile& f : disc.static_files) {
    claim({f.rel_path, f.display_path, join_path(join_path(site_root, config.static_dir), f.rel_path), nullptr,
           f.size, f.mtime_ns});
  }
  std::map<std::string, const content::Page*> bundle_pages;
  for (const content::Page& p : site.pages) {
    if (!p.bundle_dir.empty()) bundle_pages.emplace(p.bundle_dir, &p);
  }
  for (const content::SourceFile& f : disc.resources) {
    // A resource inside a leaf bundle goes beside its page's output.
    std::string to = f.rel_path;
    for (std::string_view dir = parent_path(f.rel_path); !dir.empty(); dir = parent_path(dir)) {
      auto it = bundle_pages.find(std::string(dir));
      if (it == bundle_pages.end()) continue;
      to = join_path(parent_path(it->second->output_path), std::string_view(f.rel_path).substr(dir.size() + 1));
      break;
    }
    claim({to, f.display_path, join_path(join_path(site_root, config.content_dir), f.rel_path), nullptr, f.size,
           f.mtime_ns});
  }
  for (std::size_t i = 0; i < theme.assets().size(); ++i) {
    const render::ThemeAsset& a = theme.assets()[i];
    if (a.fingerprinted && !(i < used_assets.size() && used_assets[i])) continue;
    if (!owner(a.output_path).empty()) continue;  // the site's own file wins over the theme's
    Copy c{a.output_path, a.display, "", &a.bytes};
    owners.emplace(c.to, c.display);
    copies.push_back(std::move(c));
  }
  return copies;
}

}  // namespace bengal::postprocess

// Theme: where templates and theme assets come from, in override order:
//
//   1. <site>/templates/                    the site's own templates
//   2. <site>/themes/<theme>/templates/     the configured theme, then the
//      theme it extends (theme.toml: extends = "other"), and so on
//   3. the default theme embedded in the binary (themes/default)
//
// A site with no templates at all builds with the embedded default theme; a
// site overriding one partial keeps the rest of its theme.
//
// Assets: files under a theme's assets/ get a content-hash fingerprint in
// their name (css/main.css -> css/main.3f2a9c1e.css); templates reach them
// through asset_url("css/main.css") and only assets some output uses are
// published. Files under a theme's static/ are always copied as they are. A
// nearer theme's file wins.
//
// Thread-safety: immutable after load(); shared read-only by render workers.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/diagnostic.h"
#include "core/fs.h"
#include "core/hash.h"
#include "template/loader.h"

namespace bengal::render {

struct ThemeAsset {
  bool fingerprinted = false;  // from assets/: published only when a template uses it
  std::string logical;      // "css/main.css" (assets/) or "favicon.ico" (static/)
  std::string output_path;  // "css/main.3f2a9c1e.css" or "favicon.ico"
  std::string display;      // where it came from, for messages
  std::string bytes;
  Hash128 hash;
};

// logical asset path -> site-relative URL of its fingerprinted copy, and the
// asset's index in Theme::assets().
class AssetManifest {
 public:
  struct Entry {
    std::string url;
    std::uint32_t asset = 0;
  };
  void add(std::string logical, std::string url, std::uint32_t asset) {
    entries_[std::move(logical)] = Entry{std::move(url), asset};
  }
  const Entry* find(std::string_view logical) const;
  const std::map<std::string, Entry, std::less<>>& all() const { return entries_; }

 private:
  std::map<std::string, Entry, std::less<>> entries_;
};

// The highlighter's stylesheet for `style`; "auto" is light, switching to dark
// with prefers-color-scheme or data-theme="dark". Empty for an unknown style.
std::string syntax_stylesheet(std::string_view style);

class Theme {
 public:
  // Resolves the theme chain and reads its assets. Errors (an unknown theme,
  // an extends cycle, an unreadable file) go to `diags`.
  static std::unique_ptr<Theme> load(const FileSystem& fs, const std::string& site_root,
                                     const config::Config& config, DiagnosticList& diags);

  const tmpl::Loader& loader() const { return *chain_; }
  const std::vector<ThemeAsset>& assets() const { return assets_; }
  const AssetManifest& manifest() const { return manifest_; }
  // Theme names from nearest to farthest ("docs", "default").
  const std::vector<std::string>& chain() const { return names_; }

 private:
  std::vector<std::unique_ptr<tmpl::Loader>> loaders_;
  std::unique_ptr<tmpl::Loader> chain_;
  std::vector<ThemeAsset> assets_;
  AssetManifest manifest_;
  std::vector<std::string> names_;
};

}  // namespace bengal::render

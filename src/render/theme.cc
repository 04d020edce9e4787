#include "render/theme.h"

#include <set>

#include "core/data_formats.h"
#include "core/embedded.h"
#include "core/text.h"
#include "highlight/highlight.h"

namespace bengal::embedded {
std::span<const EmbeddedFile> default_theme_files();
}

namespace bengal::render {

namespace {

constexpr std::string_view kDefaultTheme = "default";

// Loads templates/ of the embedded default theme.
std::unique_ptr<tmpl::MemoryLoader> embedded_templates() {
  auto loader = std::make_unique<tmpl::MemoryLoader>();
  constexpr std::string_view kPrefix = "templates/";
  for (const EmbeddedFile& f : embedded::default_theme_files()) {
    if (starts_with(f.path, kPrefix)) loader->add(std::string(f.path.substr(kPrefix.size())), std::string(f.bytes));
  }
  return loader;
}

std::string fingerprinted(std::string_view logical, const Hash128& h) {
  std::string_view ext = file_extension(logical);
  std::string base(logical.substr(0, logical.size() - ext.size()));
  return base + "." + h.short_hex(8) + std::string(ext);
}

// Prefixes every selector of a stylesheet's rules (one rule per line, as
// the highlighter writes them) with `scope`.
std::string scoped(std::string_view css, std::string_view scope) {
  std::string out;
  for (std::string_view line : split(css, '\n')) {
    std::size_t brace = line.find('{');
    if (brace == std::string_view::npos || starts_with(line, "/*")) {
      out.append(line);
      out += '\n';
      continue;
    }
    bool first = true;
    for (std::string_view sel : split(line.substr(0, brace), ',')) {
      if (!first) out += ", ";
      first = false;
      out.append(scope);
      out += ' ';
      out.append(trim(sel));
    }
    out += ' ';
    out.append(line.substr(brace));
    out += '\n';
  }
  return out;
}

}  // namespace

std::string syntax_stylesheet(std::string_view style) {
  if (style != "auto") return std::string(highlight::stylesheet(style));
  // Light by default, dark when the reader's system or the theme toggle asks.
  std::string out(highlight::stylesheet("light"));
  std::string_view dark = highlight::stylesheet("dark");
  out += "@media (prefers-color-scheme: dark) {\n";
  out += scoped(dark, ":root:not([data-theme=\"light\"])");
  out += "}\n";
  out += scoped(dark, "[data-theme=\"dark\"]");
  return out;
}

const AssetManifest::Entry* AssetManifest::find(std::string_view logical) const {
  auto it = entries_.find(logical);
  return it == entries_.end() ? nullptr : &it->second;
}

std::unique_ptr<Theme> Theme::load(const FileSystem& fs, const std::string& site_root, const config::Config& config,
                                   DiagnosticList& diags) {
  auto theme = std::make_unique<Theme>();
  std::vector<std::string> template_dirs;
  std::vector<std::string> theme_dirs;  // on disk, nearest first
  if (fs.stat(join_path(site_root, config.templates_dir)).is_dir) {
    template_dirs.push_back(join_path(site_root, config.templates_dir));
  }
  // Follow the extends chain of on-disk themes until the embedded default.
  std::string name = config.theme;
  std::set<std::string> seen;
  while (!name.empty()) {
    if (!seen.insert(name).second) {
      diags.add(make_error({join_path(join_path(config.themes_dir, name), "theme.toml"), 0, 0},
                           "theme '" + name + "' extends itself (through " + theme->names_.back() + ")"));
      break;
    }
    theme->names_.push_back(name);
    std::string dir = join_path(join_path(site_root, config.themes_dir), name);
    if (!fs.stat(dir).is_dir) {
      if (name != kDefaultTheme) {
        diags.add(make_error({config.source_path, 0, 0}, "theme '" + name + "' not found in " + config.themes_dir + "/",
                             "create " + join_path(config.themes_dir, name) + "/templates/ or use theme = \"default\""));
      }
      break;  // the embedded default closes every chain
    }
    theme_dirs.push_back(dir);
    if (fs.stat(join_path(dir, "templates")).is_dir) template_dirs.push_back(join_path(dir, "templates"));
    std::string next(kDefaultTheme);
    std::string manifest = join_path(dir, "theme.toml");
    if (fs.stat(manifest).exists) {
      auto text = fs.read_file(manifest);
      auto data = text.ok() ? parse_toml(*text) : Result<Data>(std::move(text).error());
      if (!data.ok()) {
        Diagnostic d = std::move(data).error();
        d.location.file = join_path(join_path(config.themes_dir, name), "theme.toml");
        diags.add(std::move(d));
      } else if (const Data* ext = data->find("extends"); ext && ext->is_string()) {
        next = ext->as_string();
      }
    }
    if (name == kDefaultTheme) break;
    name = next;
  }
  if (theme->names_.empty() || theme->names_.back() != kDefaultTheme) theme->names_.push_back(std::string(kDefaultTheme));

  std::vector<const tmpl::Loader*> chain;
  if (!template_dirs.empty()) {
    theme->loaders_.push_back(std::make_unique<tmpl::FileSystemLoader>(fs, template_dirs));
    chain.push_back(theme->loaders_.back().get());
  }
  theme->loaders_.push_back(embedded_templates());
  chain.push_back(theme->loaders_.back().get());
  theme->chain_ = std::make_unique<tmpl::ChainLoader>(chain);

  // Assets and static files: nearest theme first; the first of a path wins.
  std::set<std::string> taken;
  auto add_asset = [&](std::string logical, std::string display, std::string bytes, bool fingerprint) {
    if (!taken.insert((fingerprint ? "a:" : "s:") + logical).second) return;
    ThemeAsset a;
    a.fingerprinted = fingerprint;
    a.hash = hash_bytes(bytes);
    a.output_path = fingerprint ? fingerprinted(logical, a.hash) : logical;
    a.logical = std::move(logical);
    a.display = std::move(display);
    a.bytes = std::move(bytes);
    if (fingerprint) {
      theme->manifest_.add(a.logical, "/" + a.output_path, static_cast<std::uint32_t>(theme->assets_.size()));
    }
    theme->assets_.push_back(std::move(a));
  };
  for (const std::string& dir : theme_dirs) {
    for (auto [sub, fingerprint] : {std::pair<const char*, bool>{"assets", true}, {"static", false}}) {
      std::string root = join_path(dir, sub);
      if (!fs.stat(root).is_dir) continue;
      auto files = walk(fs, root);
      if (!files.ok()) {
        diags.add(std::move(files).error());
        continue;
      }
      for (const WalkEntry& e : *files) {
        auto bytes = fs.read_file(join_path(root, e.path));
        if (!bytes.ok()) {
          diags.add(std::move(bytes).error());
          continue;
        }
        add_asset(e.path, join_path(root, e.path), std::move(bytes).value(), fingerprint);
      }
    }
  }
  for (const EmbeddedFile& f : embedded::default_theme_files()) {
    for (auto [prefix, fingerprint] : {std::pair<std::string_view, bool>{"assets/", true}, {"static/", false}}) {
      if (starts_with(f.path, prefix)) {
        add_asset(std::string(f.path.substr(prefix.size())), "<default theme>/" + std::string(f.path),
                  std::string(f.bytes), fingerprint);
      }
    }
  }
  // The syntax stylesheet comes from the highlighter unless a theme ships one.
  if (theme->manifest_.find("css/syntax.css") == nullptr) {
    std::string css = syntax_stylesheet(config.highlight_style);
    if (css.empty()) {
      diags.add(make_error({config.source_path, 0, 0}, "unknown highlight.style '" + config.highlight_style + "'",
                           "use \"auto\", \"light\" or \"dark\""));
    } else {
      add_asset("css/syntax.css", "<highlight style " + config.highlight_style + ">", std::move(css), true);
    }
  }
  return theme;
}

}  // namespace bengal::render

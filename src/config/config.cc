#include "config/config.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <toml++/toml.h>

#include "core/data_formats.h"
#include "core/text.h"

extern char** environ;

namespace bengal::config {

namespace {

enum class Type { kString, kInt, kBool, kTable, kAny };

struct KeySpec {
  std::string_view path;
  Type type;
};

// The schema. Tables whose contents are free-form are kAny.
constexpr KeySpec kSchema[] = {
    {"title", Type::kString},         {"description", Type::kString},
    {"base_url", Type::kString},      {"language", Type::kString},
    {"author", Type::kString},        {"copyright", Type::kString},
    {"theme", Type::kString},         {"paginate", Type::kInt},
    {"content_dir", Type::kString},   {"static_dir", Type::kString},
    {"output_dir", Type::kString},    {"templates_dir", Type::kString},
    {"data_dir", Type::kString},      {"themes_dir", Type::kString},
    {"params", Type::kAny},           {"taxonomies", Type::kAny},
    {"menu", Type::kAny},             {"permalinks", Type::kAny},
    {"build", Type::kTable},          {"build.jobs", Type::kInt},
    {"build.drafts", Type::kBool},    {"build.future", Type::kBool},
    {"build.expired", Type::kBool},   {"build.max_page_bytes", Type::kInt},
    {"build.cache_dir", Type::kString},
    {"content", Type::kTable},        {"content.summary_words", Type::kInt},
    {"content.pretty_urls", Type::kBool}, {"content.sort_by", Type::kString},
    {"feeds", Type::kTable},          {"feeds.rss", Type::kBool},
    {"feeds.atom", Type::kBool},      {"feeds.limit", Type::kInt},
    {"outputs", Type::kTable},        {"outputs.sitemap", Type::kBool},
    {"outputs.search_index", Type::kBool}, {"outputs.llms_txt", Type::kBool},
    {"outputs.robots_txt", Type::kBool}, {"outputs.not_found", Type::kBool},
    {"feeds.sections", Type::kBool},  {"feeds.taxonomies", Type::kBool},
    {"markdown", Type::kTable},       {"markdown.typographer", Type::kBool},
    {"markdown.safe", Type::kBool},   {"markdown.heading_ids", Type::kBool},
    {"markdown.toc_min_level", Type::kInt}, {"markdown.toc_max_level", Type::kInt},
    {"templates", Type::kTable},      {"templates.strict", Type::kBool},
    {"templates.trim_blocks", Type::kBool}, {"templates.lstrip_blocks", Type::kBool},
    {"highlight", Type::kTable},      {"highlight.style", Type::kString},
    {"highlight.enabled", Type::kBool}, {"highlight.linenos", Type::kBool},
};

const KeySpec* find_spec(std::string_view path) {
  for (const KeySpec& k : kSchema) {
    if (k.path == path) return &k;
  }
  return nullptr;
}

std::string_view type_name(Type t) {
  switch (t) {
    case Type::kString: return "a string";
    case Type::kInt: return "an integer";
    case Type::kBool: return "true or false";
    case Type::kTable: return "a table";
    case Type::kAny: return "a value";
  }
  return "a value";
}

bool node_has_type(const toml::node& n, Type t) {
  switch (t) {
    case Type::kString: return n.is_string();
    case Type::kInt: return n.is_integer();
    case Type::kBool: return n.is_boolean();
    case Type::kTable: return n.is_table();
    case Type::kAny: return true;
  }
  return false;
}

// Sibling keys the schema knows under `parent` (for "did you mean").
std::vector<std::string> known_children(std::string_view parent) {
  std::vector<std::string> out;
  for (const KeySpec& k : kSchema) {
    std::string_view p = k.path;
    if (parent.empty()) {
      if (p.find('.') == std::string_view::npos) out.emplace_back(p);
    } else if (starts_with(p, parent) && p.size() > parent.size() && p[parent.size()] == '.') {
      std::string_view rest = p.substr(parent.size() + 1);
      if (rest.find('.') == std::string_view::npos) out.emplace_back(rest);
    }
  }
  return out;
}

class Validator {
 public:
  Validator(std::string_view file, std::string_view text, DiagnosticList& diags)
      : file_(file), text_(text), diags_(diags) {}

  // Keys whose value had the wrong type; dropped so the defaults stand.
  const std::vector<std::string>& rejected() const { return rejected_; }

  void table(const toml::table& t, const std::string& prefix) {
    for (const auto& [key, node] : t) {
      std::string k(key.str());
      std::string path = prefix.empty() ? k : prefix + "." + k;
      const KeySpec* spec = find_spec(path);
      if (spec == nullptr) {
        auto known = known_children(prefix);
        std::string_view near = closest_match(k, known);
        Diagnostic d = make_warning(where(node), "unknown config key '" + path + "'",
                                    near.empty() ? "" : "did you mean '" + std::string(near) + "'?");
        d.code = "config-unknown-key";
        attach_excerpt(d, text_);
        diags_.add(std::move(d));
        continue;
      }
      if (!node_has_type(node, spec->type)) {
        Diagnostic d = make_error(where(node), "config key '" + path + "' must be " +
                                                   std::string(type_name(spec->type)));
        d.code = "config-type";
        attach_excerpt(d, text_);
        diags_.add(std::move(d));
        rejected_.push_back(path);
        continue;
      }
      if (spec->type == Type::kTable) table(*node.as_table(), path);
    }
  }

 private:
  SourceLocation where(const toml::node& n) const {
    const auto& src = n.source();
    return {std::string(file_), static_cast<int>(src.begin.line), static_cast<int>(src.begin.column)};
  }

  std::string_view file_;
  std::string_view text_;
  DiagnosticList& diags_;
  std::vector<std::string> rejected_;
};

// Converts an environment value to the schema type of `path`.
bool env_value(Type type, std::string_view text, Data& out) {
  switch (type) {
    case Type::kString: out = Data::string(std::string(text)); return true;
    case Type::kBool: {
      std::string v = to_lower_ascii(text);
      if (v == "true" || v == "1" || v == "yes" || v == "on") out = Data::boolean(true);
      else if (v == "false" || v == "0" || v == "no" || v == "off") out = Data::boolean(false);
      else return false;
      return true;
    }
    case Type::kInt: {
      std::string s(text);
      char* end = nullptr;
      long long v = std::strtoll(s.c_str(), &end, 10);
      if (s.empty() || end == nullptr || *end != '\0') return false;
      out = Data::integer(v);
      return true;
    }
    default: return false;
  }
}

void apply_environment(Data& raw, const Environment& env, DiagnosticList& diags) {
  constexpr std::string_view kPrefix = "BENGAL_";
  for (const std::string& entry : env) {
    if (!starts_with(entry, kPrefix)) continue;
    std::size_t eq = entry.find('=');
    if (eq == std::string::npos) continue;
    std::string name = to_lower_ascii(std::string_view(entry).substr(kPrefix.size(), eq - kPrefix.size()));
    std::string_view value = std::string_view(entry).substr(eq + 1);
    // Top-level key first (BENGAL_BASE_URL -> base_url), then section_key.
    std::string path;
    const KeySpec* spec = find_spec(name);
    if (spec != nullptr && spec->type != Type::kTable && spec->type != Type::kAny) {
      path = name;
    } else {
      spec = nullptr;
      for (std::size_t us = name.find('_'); us != std::string::npos; us = name.find('_', us + 1)) {
        std::string candidate = name.substr(0, us) + "." + name.substr(us + 1);
        const KeySpec* s = find_spec(candidate);
        if (s != nullptr && s->type != Type::kTable && s->type != Type::kAny) {
          spec = s;
          path = candidate;
          break;
        }
      }
    }
    if (spec == nullptr) continue;  // not a config variable (BENGAL_SOURCE_DIR and friends)
    Data v;
    std::string var(entry.substr(0, eq));
    if (!env_value(spec->type, value, v)) {
      diags.add(make_error({var, 0, 0}, "environment variable " + var + " must be " +
                                            std::string(type_name(spec->type)) + " (config key '" + path + "')"));
      continue;
    }
    std::size_t dot = path.find('.');
    if (dot == std::string::npos) {
      raw.set(path, std::move(v));
    } else {
      std::string section = path.substr(0, dot);
      Data* table = raw.find(section);
      if (table == nullptr || !table->is_object()) table = &raw.set(section, Data::object());
      table->set(path.substr(dot + 1), std::move(v));
    }
  }
}

// --- typed extraction ------------------------------------------------------

const Data* at(const Data& raw, std::string_view path) {
  const Data* cur = &raw;
  for (std::string_view part : split(path, '.')) {
    if (cur == nullptr || !cur->is_object()) return nullptr;
    cur = cur->find(part);
  }
  return cur;
}

void get(const Data& raw, std::string_view path, std::string& out) {
  if (const Data* d = at(raw, path); d && d->is_string()) out = d->as_string();
}
void get(const Data& raw, std::string_view path, bool& out) {
  if (const Data* d = at(raw, path); d && d->is_bool()) out = d->as_bool();
}
template <typename Int>
void get_int(const Data& raw, std::string_view path, Int& out) {
  if (const Data* d = at(raw, path); d && d->is_int()) out = static_cast<Int>(d->as_int());
}

void check_range(DiagnosticList& diags, std::string_view file, std::string_view key, std::int64_t v,
                 std::int64_t lo, std::int64_t hi) {
  if (v < lo || v > hi) {
    diags.add(make_error({std::string(file), 0, 0},
                         "config key '" + std::string(key) + "' must be between " + std::to_string(lo) +
                             " and " + std::to_string(hi) + ", got " + std::to_string(v)));
  }
}

std::vector<Taxonomy> read_taxonomies(const Data& taxonomies, std::string_view file, DiagnosticList& diags) {
  const Data* d = &taxonomies;
  std::vector<Taxonomy> out;
  auto singular_of = [](const std::string& plural) {
    if (plural == "series") return plural;
    if (ends_with(plural, "ies")) return plural.substr(0, plural.size() - 3) + "y";
    if (ends_with(plural, "s")) return plural.substr(0, plural.size() - 1);
    return plural;
  };
  if (d->is_array()) {  // taxonomies = ["tags", "series"]
    for (const Data& item : d->items()) {
      if (!item.is_string() || item.as_string().empty()) {
        diags.add(make_error({std::string(file), 0, 0}, "taxonomies must be a list of names"));
        continue;
      }
      out.push_back({item.as_string(), singular_of(item.as_string())});
    }
  } else if (d->is_object()) {  // [taxonomies] tag = "tags" (Hugo style)
    for (std::size_t i = 0; i < d->size(); ++i) {
      const Data& v = d->items()[i];
      if (!v.is_string() || v.as_string().empty()) {
        diags.add(make_error({std::string(file), 0, 0},
                             "taxonomies." + d->keys()[i] + " must be the plural name, e.g. tag = \"tags\""));
        continue;
      }
      out.push_back({v.as_string(), d->keys()[i]});
    }
  } else {
    diags.add(make_error({std::string(file), 0, 0}, "taxonomies must be a list or a table"));
  }
  for (const Taxonomy& t : out) {
    if (url_slug(t.name) != t.name) {
      diags.add(make_error({std::string(file), 0, 0},
                           "taxonomy name '" + t.name + "' must be a URL-safe word (try '" + url_slug(t.name) + "')"));
    }
  }
  return out;
}

void read_menus(const Data& menus, std::string_view file, Config& c, DiagnosticList& diags) {
  if (!menus.is_object()) {
    diags.add(make_error({std::string(file), 0, 0}, "menu must be a table of menus: [[menu.main]]"));
    return;
  }
  for (std::size_t i = 0; i < menus.size(); ++i) {
    const std::string& menu_name = menus.keys()[i];
    const Data& list = menus.items()[i];
    if (!list.is_array()) {
      diags.add(make_error({std::string(file), 0, 0}, "menu." + menu_name + " must be a list: [[menu." + menu_name + "]]"));
      continue;
    }
    auto& entries = c.menus[menu_name];
    for (const Data& item : list.items()) {
      if (!item.is_object()) continue;
      MenuEntry e;
      get(item, "name", e.name);
      get(item, "url", e.url);
      get(item, "page", e.page_ref);
      get(item, "identifier", e.identifier);
      get(item, "parent", e.parent);
      get_int(item, "weight", e.weight);
      if (const Data* p = item.find("params")) e.params = *p;
      if (e.name.empty()) {
        diags.add(make_error({std::string(file), 0, 0}, "an entry of menu." + menu_name + " has no name"));
        continue;
      }
      if (e.url.empty() && e.page_ref.empty()) {
        diags.add(make_error({std::string(file), 0, 0},
                             "menu entry '" + e.name + "' needs url = \"...\" or page = \"path.md\""));
        continue;
      }
      if (e.identifier.empty()) e.identifier = e.name;
      entries.push_back(std::move(e));
    }
  }
}

void extract(Config& c, std::string_view file, DiagnosticList& diags) {
  const Data& raw = c.raw;
  get(raw, "title", c.title);
  get(raw, "description", c.description);
  get(raw, "base_url", c.base_url);
  if (c.base_url.empty() || c.base_url.back() != '/') c.base_url += '/';
  get(raw, "language", c.language);
  get(raw, "author", c.author);
  get(raw, "copyright", c.copyright);
  get(raw, "theme", c.theme);
  get_int(raw, "paginate", c.paginate);
  get(raw, "content_dir", c.content_dir);
  get(raw, "static_dir", c.static_dir);
  get(raw, "output_dir", c.output_dir);
  get(raw, "templates_dir", c.templates_dir);
  get(raw, "data_dir", c.data_dir);
  get(raw, "themes_dir", c.themes_dir);
  get_int(raw, "build.jobs", c.jobs);
  get(raw, "build.drafts", c.drafts);
  get(raw, "build.future", c.future);
  get(raw, "build.expired", c.expired);
  get_int(raw, "build.max_page_bytes", c.max_page_bytes);
  get(raw, "build.cache_dir", c.cache_dir);
  get_int(raw, "content.summary_words", c.summary_words);
  get(raw, "content.pretty_urls", c.pretty_urls);
  get(raw, "content.sort_by", c.sort_by);
  if (c.sort_by != "weight" && c.sort_by != "date" && c.sort_by != "title") {
    diags.add(make_error({std::string(file), 0, 0}, "content.sort_by must be \"weight\", \"date\" or \"title\", got \"" +
                                                      c.sort_by + "\""));
    c.sort_by = "weight";
  }
  get(raw, "feeds.rss", c.output_rss);
  get(raw, "feeds.atom", c.output_atom);
  get_int(raw, "feeds.limit", c.feed_limit);
  get(raw, "outputs.sitemap", c.output_sitemap);
  get(raw, "outputs.search_index", c.output_search_index);
  get(raw, "outputs.llms_txt", c.output_llms_txt);
  get(raw, "outputs.robots_txt", c.output_robots_txt);
  get(raw, "outputs.not_found", c.output_not_found);
  get(raw, "feeds.sections", c.feeds_sections);
  get(raw, "feeds.taxonomies", c.feeds_taxonomies);
  get(raw, "markdown.typographer", c.markdown_typographer);
  get(raw, "markdown.safe", c.markdown_safe);
  get(raw, "markdown.heading_ids", c.markdown_heading_ids);
  get_int(raw, "markdown.toc_min_level", c.toc_min_level);
  get_int(raw, "markdown.toc_max_level", c.toc_max_level);
  get(raw, "templates.strict", c.templates_strict);
  get(raw, "templates.trim_blocks", c.templates_trim_blocks);
  get(raw, "templates.lstrip_blocks", c.templates_lstrip_blocks);
  get(raw, "highlight.style", c.highlight_style);
  get(raw, "highlight.enabled", c.highlight_enabled);
  get(raw, "highlight.linenos", c.highlight_linenos);

  if (const Data* p = raw.find("params")) c.params = *p;
  if (!c.params.is_object()) c.params = Data::object();
  if (const Data* t = raw.find("taxonomies")) c.taxonomies = read_taxonomies(*t, file, diags);
  if (const Data* m = raw.find("menu")) read_menus(*m, file, c, diags);
  if (const Data* p = raw.find("permalinks"); p && p->is_object()) {
    for (std::size_t i = 0; i < p->size(); ++i) {
      if (p->items()[i].is_string()) c.permalinks[p->keys()[i]] = p->items()[i].as_string();
    }
  }

  check_range(diags, file, "build.jobs", c.jobs, 0, 1024);
  check_range(diags, file, "paginate", c.paginate, 0, 100000);
  check_range(diags, file, "content.summary_words", c.summary_words, 0, 100000);
  check_range(diags, file, "feeds.limit", c.feed_limit, 0, 1000000);
  check_range(diags, file, "markdown.toc_min_level", c.toc_min_level, 1, 6);
  check_range(diags, file, "markdown.toc_max_level", c.toc_max_level, 1, 6);
  // Folder names may not climb out of the site.
  for (auto [key, value] : {std::pair<std::string_view, std::string*>{"content_dir", &c.content_dir},
                            {"static_dir", &c.static_dir},
                            {"templates_dir", &c.templates_dir},
                            {"data_dir", &c.data_dir},
                            {"themes_dir", &c.themes_dir}}) {
    std::string norm;
    if (!normalize_relative_path(*value, norm) || norm.empty() || (*value)[0] == '/') {
      diags.add(make_error({std::string(file), 0, 0},
                           "config key '" + std::string(key) + "' must be a folder inside the site, got '" +
                               *value + "'"));
    } else {
      *value = norm;
    }
  }
  c.hash = hash_bytes(raw.to_json());
}

}  // namespace

Environment process_environment() {
  Environment env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) env.emplace_back(*e);
  return env;
}

std::vector<std::string_view> known_keys() {
  std::vector<std::string_view> out;
  for (const KeySpec& k : kSchema) out.push_back(k.path);
  return out;
}

LoadResult load_from_text(std::string_view text, std::string_view file_name, const Environment& env) {
  LoadResult result;
  Config& c = result.config;
  c.source_path = std::string(file_name);
  c.raw = Data::object();
  if (!text.empty()) {
    Validator validator(file_name, text, result.diagnostics);
    try {
      toml::table table = toml::parse(text, file_name);
      validator.table(table, "");
    } catch (const toml::parse_error& e) {
      const auto& src = e.source();
      Diagnostic d = make_error({std::string(file_name), static_cast<int>(src.begin.line),
                                 static_cast<int>(src.begin.column)},
                                "invalid TOML: " + std::string(e.description()));
      d.code = "config-syntax";
      attach_excerpt(d, text);
      result.diagnostics.add(std::move(d));
      return result;
    }
    auto parsed = parse_toml(text);
    if (parsed.ok()) c.raw = std::move(parsed).value();
    // Drop keys the validator rejected for their type, so defaults stand.
    for (const std::string& path : validator.rejected()) {
      std::size_t dot = path.rfind('.');
      if (dot == std::string::npos) {
        c.raw.erase(path);
      } else if (Data* parent = const_cast<Data*>(at(c.raw, path.substr(0, dot)))) {
        parent->erase(path.substr(dot + 1));
      }
    }
  }
  apply_environment(c.raw, env, result.diagnostics);
  extract(c, file_name, result.diagnostics);
  result.diagnostics.sort();  // toml++ tables iterate by key; report in line order
  return result;
}

LoadResult load(const FileSystem& fs, const std::string& site_root, const Environment& env) {
  std::string path = join_path(site_root, "bengal.toml");
  if (!fs.stat(path).exists) return load_from_text("", "", env);
  auto text = fs.read_file(path);
  if (!text.ok()) {
    LoadResult r;
    r.diagnostics.add(std::move(text).error());
    return r;
  }
  return load_from_text(*text, "bengal.toml", env);
}

}  // namespace bengal::config

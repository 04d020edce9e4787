#include "content/front_matter.h"

#include <algorithm>

#include "core/data_formats.h"
#include "core/text.h"

namespace bengal::content {

namespace {

// The line starting at `pos` without its terminator; `next` gets the offset
// of the following line.
std::string_view line_at(std::string_view s, std::size_t pos, std::size_t& next) {
  std::size_t nl = s.find('\n', pos);
  std::size_t end = nl == std::string_view::npos ? s.size() : nl;
  next = nl == std::string_view::npos ? s.size() : nl + 1;
  std::string_view line = s.substr(pos, end - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool is_fence(std::string_view line, std::string_view fence) {
  if (!starts_with(line, fence)) return false;
  return trim(line.substr(fence.size())).empty();
}

// 1-based line of `key` in the front matter text, for error messages.
int key_line(const FrontMatterOrigin& origin, std::string_view key) {
  std::size_t pos = 0;
  int line = origin.split->text_line;
  std::string_view text = origin.split->text(origin.file_text);
  while (pos < text.size()) {
    std::size_t next;
    std::string_view l = line_at(text, pos, next);
    if (starts_with(l, key)) {
      std::string_view rest = trim(l.substr(key.size()));
      if (!rest.empty() && (rest[0] == ':' || rest[0] == '=')) return line;
    }
    pos = next;
    ++line;
  }
  return origin.split->text_line;
}

}  // namespace

Result<FrontMatterSplit> split_front_matter(std::string_view file) {
  FrontMatterSplit out;
  std::size_t start = 0;
  if (starts_with(file, "\xEF\xBB\xBF")) start = 3;  // UTF-8 byte order mark
  std::size_t next;
  std::string_view first = line_at(file, start, next);
  std::string_view fence;
  if (is_fence(first, "---")) {
    out.format = FrontMatterFormat::kYaml;
    fence = "---";
  } else if (is_fence(first, "+++")) {
    out.format = FrontMatterFormat::kToml;
    fence = "+++";
  } else {
    out.body_offset = start;
    return out;
  }
  std::size_t text_start = next;
  std::size_t pos = next;
  int line = 2;
  while (pos < file.size()) {
    std::size_t after;
    std::string_view l = line_at(file, pos, after);
    if (is_fence(l, fence) || (out.format == FrontMatterFormat::kYaml && is_fence(l, "..."))) {
      out.text_offset = text_start;
      out.text_size = pos - text_start;
      out.text_line = 2;
      out.body_offset = after;
      out.body_line = line + 1;
      return out;
    }
    pos = after;
    ++line;
  }
  Diagnostic d = make_error({"", 1, 1}, "front matter opened with '" + std::string(fence) + "' is never closed",
                            "add a line with just '" + std::string(fence) + "' after the front matter");
  d.code = "front-matter";
  attach_excerpt(d, file);
  return d;
}

Result<Data> parse_front_matter(std::string_view file, const FrontMatterSplit& split) {
  if (split.format == FrontMatterFormat::kNone) return Data::object();
  std::string_view text = split.text(file);
  Result<Data> r = split.format == FrontMatterFormat::kYaml ? parse_yaml(text) : parse_toml(text);
  if (!r.ok()) {
    Diagnostic d = std::move(r).error();
    if (d.location.line > 0) d.location.line += split.text_line - 1;
    d.code = "front-matter";
    return d;
  }
  if (!r->is_object()) {
    if (r->is_null()) return Data::object();
    return make_error({"", split.text_line, 1}, "front matter must be a set of key: value pairs",
                      "write 'title: My page' rather than a bare value or a list");
  }
  return r;
}

const std::vector<std::string>* FrontMatter::terms_for(std::string_view taxonomy) const {
  for (const auto& [name, list] : terms) {
    if (name == taxonomy) return &list;
  }
  return nullptr;
}

namespace {

class Extractor {
 public:
  Extractor(const FrontMatterOrigin& origin, DiagnosticList& diags) : origin_(origin), diags_(diags) {}

  void type_error(std::string_view key, std::string_view expected, std::string_view hint = {}) {
    Diagnostic d = make_error({origin_.path, key_line(origin_, key), 1},
                              "front matter field '" + std::string(key) + "' must be " + std::string(expected),
                              std::string(hint));
    d.code = "front-matter";
    attach_excerpt(d, origin_.file_text);
    diags_.add(std::move(d));
  }

  void string(const Data& v, std::string_view key, std::string& out) {
    if (v.is_string() || v.is_number() || v.is_bool()) {
      out = v.to_display_string();
    } else if (!v.is_null()) {
      type_error(key, "text");
    }
  }

  void date(const Data& v, std::string_view key, std::optional<DateTime>& out) {
    if (v.is_null()) return;
    if (v.is_string()) {
      if (auto dt = parse_datetime(v.as_string())) {
        out = dt;
        return;
      }
    }
    type_error(key, "a date", "use 2024-01-31, 2024-01-31 14:05 or 2024-01-31T14:05:00Z (RFC 3339)");
  }

  void boolean(const Data& v, std::string_view key, bool& out) {
    if (v.is_bool()) {
      out = v.as_bool();
    } else if (!v.is_null()) {
      type_error(key, "true or false");
    }
  }

  void integer(const Data& v, std::string_view key, std::int64_t& out) {
    if (v.is_int()) {
      out = v.as_int();
    } else if (v.is_float()) {
      out = static_cast<std::int64_t>(v.as_double());
    } else if (!v.is_null()) {
      type_error(key, "a whole number");
    }
  }

  void string_list(const Data& v, std::string_view key, std::vector<std::string>& out) {
    auto add = [&](const Data& item) {
      if (!(item.is_string() || item.is_number() || item.is_bool())) {
        type_error(key, "a list of text values");
        return;
      }
      std::string s(trim(item.to_display_string()));
      if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
    };
    if (v.is_array()) {
      for (const Data& item : v.items()) add(item);
    } else if (v.is_string()) {
      add(v);  // a single term written without brackets
    } else if (!v.is_null()) {
      type_error(key, "a list of text values", "write tags: [a, b]");
    }
  }

 private:
  const FrontMatterOrigin& origin_;
  DiagnosticList& diags_;
};

}  // namespace

FrontMatter extract_front_matter(const Data& fm, const std::vector<std::string>& taxonomies,
                                 const FrontMatterOrigin& origin, DiagnosticList& diags) {
  FrontMatter out;
  out.params = Data::object();
  Extractor x(origin, diags);
  for (std::size_t i = 0; i < fm.size(); ++i) {
    const std::string& key = fm.keys()[i];
    const Data& v = fm.items()[i];
    if (key == "title") x.string(v, key, out.title);
    else if (key == "date") x.date(v, key, out.date);
    else if (key == "lastmod" || key == "updated") x.date(v, key, out.lastmod);
    else if (key == "publish_date" || key == "publishDate") x.date(v, key, out.publish_date);
    else if (key == "expiry_date" || key == "expiryDate") x.date(v, key, out.expiry_date);
    else if (key == "draft") x.boolean(v, key, out.draft);
    else if (key == "weight") x.integer(v, key, out.weight);
    else if (key == "slug") x.string(v, key, out.slug);
    else if (key == "url") x.string(v, key, out.url);
    else if (key == "aliases") x.string_list(v, key, out.aliases);
    else if (key == "description") x.string(v, key, out.description);
    else if (key == "summary") x.string(v, key, out.summary);
    else if (key == "layout" || key == "template") x.string(v, key, out.layout);
    else if (key == "type") x.string(v, key, out.type);
    else if (key == "toc") x.boolean(v, key, out.toc);
    else if (key == "cascade") {
      if (v.is_object()) out.cascade = v;
      else if (!v.is_null()) x.type_error(key, "a set of key: value pairs");
    } else if (key == "menu" || key == "menus") {
      out.menu = v;
    } else if (std::find(taxonomies.begin(), taxonomies.end(), key) != taxonomies.end()) {
      std::vector<std::string> list;
      x.string_list(v, key, list);
      out.terms.emplace_back(key, std::move(list));
    } else {
      out.params.set(key, v);
    }
  }
  // Every configured taxonomy is present (possibly empty), in config order.
  std::vector<std::pair<std::string, std::vector<std::string>>> ordered;
  ordered.reserve(taxonomies.size());
  for (const std::string& t : taxonomies) {
    auto found = std::find_if(out.terms.begin(), out.terms.end(), [&](const auto& named) { return named.first == t; });
    ordered.emplace_back(t, found != out.terms.end() ? std::move(found->second) : std::vector<std::string>{});
  }
  out.terms = std::move(ordered);
  return out;
}

}  // namespace bengal::content

// Fence option parsing: the spellings Hugo, MkDocs and Docusaurus users write.
#include <charconv>

#include "highlight/highlight.h"

namespace bengal::highlight {
namespace {

bool is_sep(char c) { return c == ' ' || c == '\t' || c == ','; }

int to_int(std::string_view s, int fallback) {
  int v = fallback;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() ? v : fallback;
}

// "3-5 8", "[3,\"5-7\"]", "3-5,8" -> ranges.
void parse_ranges(std::string_view v, std::vector<std::pair<int, int>>& out) {
  std::size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && !(v[i] >= '0' && v[i] <= '9')) ++i;
    std::size_t a = i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
    if (a == i) break;
    int from = to_int(v.substr(a, i - a), 0);
    int to = from;
    if (i < v.size() && v[i] == '-') {
      std::size_t b = ++i;
      while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
      to = to_int(v.substr(b, i - b), from);
    }
    if (from > 0 && to >= from) out.emplace_back(from, to);
  }
}

}  // namespace

void parse_fence_options(std::string_view info, Options& options) {
  std::size_t i = 0;
  while (i < info.size()) {
    while (i < info.size() && (is_sep(info[i]) || info[i] == '{' || info[i] == '}')) ++i;
    if (i >= info.size()) break;
    // Docusaurus-style bare line ranges: {3-5,8}
    if (info[i] >= '0' && info[i] <= '9') {
      std::size_t a = i;
      while (i < info.size() && ((info[i] >= '0' && info[i] <= '9') || info[i] == '-' || info[i] == ',')) ++i;
      parse_ranges(info.substr(a, i - a), options.hl_lines);
      continue;
    }
    std::size_t k = i;
    while (i < info.size() && !is_sep(info[i]) && info[i] != '=' && info[i] != '}') ++i;
    std::string_view key = info.substr(k, i - k);
    std::string_view value;
    bool has_value = false;
    if (i < info.size() && info[i] == '=') {
      has_value = true;
      ++i;
      char q = i < info.size() ? info[i] : '\0';
      if (q == '"' || q == '\'') {
        std::size_t e = info.find(q, i + 1);
        if (e == std::string_view::npos) e = info.size();
        value = info.substr(i + 1, e - i - 1);
        i = e < info.size() ? e + 1 : e;
      } else if (q == '[') {
        std::size_t e = info.find(']', i);
        if (e == std::string_view::npos) e = info.size();
        value = info.substr(i + 1, e - i - 1);
        i = e < info.size() ? e + 1 : e;
      } else {
        std::size_t a = i;
        while (i < info.size() && !is_sep(info[i]) && info[i] != '}') ++i;
        value = info.substr(a, i - a);
      }
    }
    if (key.empty()) {
      ++i;
      continue;
    }
    using LN = Options::LineNumbers;
    if (key == "linenos" || key == "linenums" || key == "showLineNumbers") {
      if (!has_value || value == "true" || value == "table") {
        options.linenos = LN::kTable;  // Hugo's and Pygments' default layout
      } else if (value == "inline") {
        options.linenos = LN::kInline;
      } else if (value == "false" || value == "none") {
        options.linenos = LN::kNone;
      } else if (int start = to_int(value, 0); start > 0) {  // MkDocs: linenums="10"
        options.linenos = LN::kInline;
        options.linenostart = start;
      }
    } else if (key == "hl_lines" || key == "hl" || key == "highlight") {
      parse_ranges(value, options.hl_lines);
    } else if (key == "linenostart" || key == "start") {
      options.linenostart = to_int(value, options.linenostart);
    } else if (key == "title" || key == "filename") {
      options.title = value;
    }
  }
}

}  // namespace bengal::highlight

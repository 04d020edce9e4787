#include "markdown/code_info.h"

#include <charconv>

#include "markdown/syntax.h"

namespace bengal::markdown::detail {
namespace {

int to_int(std::string_view s, int fallback) {
  int v = fallback;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() ? v : fallback;
}

// "1 3-4", "1,3-4" -> ranges.
void parse_ranges(std::string_view s, CodeBlock& block) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
    std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != ',') ++i;
    std::string_view tok = s.substr(start, i - start);
    if (tok.empty()) continue;
    std::size_t dash = tok.find('-');
    int a = to_int(tok.substr(0, dash), 0);
    int b = dash == std::string_view::npos ? a : to_int(tok.substr(dash + 1), 0);
    if (a > 0 && b >= a) block.hl_lines.emplace_back(a, b);
  }
}

bool is_range_token(std::string_view tok) {
  if (tok.empty()) return false;
  for (char c : tok) {
    if (!is_ascii_digit(c) && c != '-' && c != ',') return false;
  }
  return true;
}

void apply_attribute(std::string_view key, std::string_view value, bool has_value,
                     CodeBlock& block) {
  if (key == "title") {
    block.title = value;
  } else if (key == "hl_lines" || key == "hl" || key == "highlight") {
    parse_ranges(value, block);
  } else if (key == "linenos") {
    block.linenos = !has_value || (value != "false" && value != "0" && value != "off");
  } else if (key == "linenostart" || key == "start") {
    block.linenostart = to_int(value, 1);
    block.linenos = true;
  } else if (!has_value && is_range_token(key)) {
    parse_ranges(key, block);
  }
}

// Tokens: key=value, key="quoted value", bare words; braces and commas separate.
void parse_attributes(std::string_view s, CodeBlock& block) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() &&
           (s[i] == ' ' || s[i] == '\t' || s[i] == '{' || s[i] == '}' || s[i] == ','))
      ++i;
    if (i >= s.size()) break;
    std::size_t start = i;
    while (i < s.size() && s[i] != '=' && s[i] != ' ' && s[i] != '\t' && s[i] != '}' && s[i] != '{')
      ++i;
    std::string_view key = s.substr(start, i - start);
    if (i < s.size() && s[i] == '=') {
      ++i;
      std::string_view value;
      if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
        std::size_t close = s.find(s[i], i + 1);
        if (close == std::string_view::npos) close = s.size();
        value = s.substr(i + 1, close - i - 1);
        i = close + 1;
      } else {
        std::size_t v = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '}' && s[i] != ',') ++i;
        value = s.substr(v, i - v);
      }
      apply_attribute(key, value, true, block);
    } else {
      // A bare range list may use commas: {1,3-5}.
      if (is_range_token(key)) {
        std::size_t j = i;
        while (j < s.size() && (is_ascii_digit(s[j]) || s[j] == '-' || s[j] == ',')) ++j;
        key = s.substr(start, j - start);
        i = j;
      }
      apply_attribute(key, {}, false, block);
    }
  }
}

}  // namespace

void parse_code_info(std::string_view info, CodeBlock& block) {
  block.info = info;
  std::size_t i = 0;
  while (i < info.size() && !is_ascii_whitespace(info[i]) && info[i] != '{') ++i;
  block.lang = info.substr(0, i);
  if (block.lang.find('=') != std::string_view::npos) {
    block.lang = {};
    i = 0;
  }
  parse_attributes(info.substr(i), block);
}

}  // namespace bengal::markdown::detail

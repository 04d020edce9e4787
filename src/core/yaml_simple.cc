#include "core/yaml_simple.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "core/text.h"

namespace bengal {

Data yaml_plain_scalar(std::string_view v) {
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return Data();
  if (v == "true" || v == "True" || v == "TRUE") return Data::boolean(true);
  if (v == "false" || v == "False" || v == "FALSE") return Data::boolean(false);
  std::string text(v);
  char c = v[0];
  if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
    char* end = nullptr;
    errno = 0;
    int base = 10;
    const char* start = text.c_str();
    if (starts_with(v, "0x")) {
      base = 16;
      start += 2;
    } else if (starts_with(v, "0o")) {
      base = 8;
      start += 2;
    }
    long long i = std::strtoll(start, &end, base);
    if (errno == 0 && end != start && *end == '\0') return Data::integer(i);
    if (v == ".inf" || v == "+.inf" || v == ".Inf") return Data::number(HUGE_VAL);
    if (v == "-.inf" || v == "-.Inf") return Data::number(-HUGE_VAL);
    if (v == ".nan" || v == ".NaN") return Data::number(NAN);
    bool numeric = true;
    bool has_digit = false;
    for (char ch : v) {
      if (ch >= '0' && ch <= '9') {
        has_digit = true;
      } else if (ch != '.' && ch != 'e' && ch != 'E' && ch != '-' && ch != '+') {
        numeric = false;
        break;
      }
    }
    if (numeric && has_digit) {
      double d = std::strtod(text.c_str(), &end);
      if (end != nullptr && *end == '\0') return Data::number(d);
    }
  }
  return Data::string(std::move(text));
}

namespace {

// Reads one line at a time; every method returns false for "not in the
// subset", never for "invalid YAML": libyaml decides what is invalid.
class SimpleYaml {
 public:
  explicit SimpleYaml(std::string_view text) : s_(text) {}

  std::optional<Data> parse() {
    // Only printable ASCII and newlines: libyaml's rules for other bytes
    // (UTF-8 validation, NEL and LS line breaks, BOMs, tabs) stay libyaml's.
    for (char ch : s_) {
      auto u = static_cast<unsigned char>(ch);
      if ((u < 0x20 && ch != '\n') || u >= 0x7F) return std::nullopt;
    }
    Data root = Data::object();
    bool any_key = false;
    std::string_view line;
    while (next_line(line)) {
      if (skippable(line)) continue;
      std::string key;
      std::string_view rest;
      if (!key_line(line, key, rest)) return std::nullopt;
      any_key = true;
      Data value;
      if (rest.empty()) {
        if (!block_list(value)) return std::nullopt;
      } else if (!inline_value(rest, value)) {
        return std::nullopt;
      }
      root.set(std::move(key), std::move(value));
    }
    if (!any_key) return std::nullopt;
    return root;
  }

 private:
  // The line at pos_, without its newline; false at the end of the text.
  bool peek_line(std::string_view& line) const {
    if (pos_ >= s_.size()) return false;
    std::size_t end = s_.find('\n', pos_);
    if (end == std::string_view::npos) end = s_.size();
    line = s_.substr(pos_, end - pos_);
    return true;
  }

  bool next_line(std::string_view& line) {
    if (!peek_line(line)) return false;
    pos_ += line.size() + 1;
    return true;
  }

  // Blank lines and whole-line comments at column 0.
  static bool skippable(std::string_view line) {
    return line.find_first_not_of(' ') == std::string_view::npos || line[0] == '#';
  }

  static bool key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  // `key: rest` at column 0 with a plain key; rest has its spaces trimmed.
  static bool key_line(std::string_view line, std::string& key, std::string_view& rest) {
    if (line.empty() || !key_char(line[0])) return false;
    std::size_t i = 1;
    while (i < line.size() && (key_char(line[i]) || line[i] == '-' || line[i] == '.')) ++i;
    if (i >= line.size() || line[i] != ':') return false;
    if (i + 1 < line.size() && line[i + 1] != ' ') return false;
    // The key resolves like any plain scalar (the libyaml path does the same).
    Data k = yaml_plain_scalar(line.substr(0, i));
    key = k.is_null() ? std::string() : k.to_display_string();
    rest = trim(line.substr(i + 1));
    return true;
  }

  // A value on the key's line; the next line must not continue it.
  bool inline_value(std::string_view rest, Data& value) {
    std::string_view next;
    if (peek_line(next) && !next.empty() && next[0] == ' ' && !skippable(next)) return false;
    if (rest[0] == '[') return flow_list(rest, value);
    return scalar(rest, value);
  }

  // A whole scalar: quoted, or plain in block context.
  static bool scalar(std::string_view v, Data& value) {
    if (v[0] == '"' || v[0] == '\'') {
      std::size_t used = 0;
      std::string text;
      if (!quoted(v, used, text) || used != v.size()) return false;
      value = Data::string(std::move(text));
      return true;
    }
    if (!plain_ok(v, /*flow=*/false)) return false;
    value = yaml_plain_scalar(v);
    return true;
  }

  // A single-line quoted scalar at the start of `v` without escapes;
  // `used` is its length including the quotes.
  static bool quoted(std::string_view v, std::size_t& used, std::string& text) {
    char q = v[0];
    for (std::size_t i = 1; i < v.size(); ++i) {
      char c = v[i];
      if (q == '"' && c == '\\') return false;
      if (c != q) {
        text += c;
        continue;
      }
      if (q == '\'' && i + 1 < v.size() && v[i + 1] == '\'') {
        text += '\'';
        ++i;
        continue;
      }
      used = i + 1;
      return true;
    }
    return false;
  }

  // Plain scalars that cannot mean anything else: no leading indicator, no
  // `: ` or ` #`, no trailing colon; in flow context no flow indicators.
  static bool plain_ok(std::string_view v, bool flow) {
    if (v.empty()) return false;
    char c = v[0];
    if (c == '-') {
      if (v.size() < 2 || !((v[1] >= '0' && v[1] <= '9') || v[1] == '.')) return false;
    } else if (std::string_view("?:,[]{}#&*!|>'\"%@`").find(c) != std::string_view::npos) {
      return false;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
      char ch = v[i];
      if (ch == ':' && (flow || i + 1 == v.size() || v[i + 1] == ' ')) return false;
      if (ch == '#' && i > 0 && v[i - 1] == ' ') return false;
      if (flow && (ch == ',' || ch == '[' || ch == ']' || ch == '{' || ch == '}')) return false;
    }
    return true;
  }

  // `[a, "b", 'c']` on one line.
  static bool flow_list(std::string_view v, Data& value) {
    value = Data::array();
    std::size_t i = 1;
    auto skip = [&] {
      while (i < v.size() && v[i] == ' ') ++i;
    };
    skip();
    if (i < v.size() && v[i] == ']') return i + 1 == v.size();
    while (true) {
      skip();
      if (i >= v.size()) return false;
      if (v[i] == '"' || v[i] == '\'') {
        std::size_t used = 0;
        std::string text;
        if (!quoted(v.substr(i), used, text)) return false;
        value.push_back(Data::string(std::move(text)));
        i += used;
        skip();
      } else {
        std::size_t end = v.find_first_of(",]", i);
        if (end == std::string_view::npos) return false;
        std::string_view item = trim(v.substr(i, end - i));
        if (!plain_ok(item, /*flow=*/true)) return false;
        value.push_back(yaml_plain_scalar(item));
        i = end;
      }
      if (i >= v.size()) return false;
      if (v[i] == ']') return i + 1 == v.size();
      if (v[i] != ',') return false;
      ++i;
    }
  }

  // The lines after `key:` with nothing after the colon: `- item` lines at
  // one indentation, or nothing (null).
  bool block_list(Data& value) {
    std::size_t indent = std::string_view::npos;
    std::string_view line;
    while (peek_line(line)) {
      if (skippable(line)) {
        next_line(line);
        continue;
      }
      std::size_t n = line.find_first_not_of(' ');
      if (line[n] != '-') {
        if (n != 0) return false;  // an indented line that is not an item
        break;                     // the next key
      }
      if (indent == std::string_view::npos) indent = n;
      if (n != indent || n + 1 >= line.size() || line[n + 1] != ' ') return false;
      std::string_view item = trim(line.substr(n + 2));
      if (item.empty() || item[0] == '[') return false;
      if (value.is_null()) value = Data::array();
      Data d;
      if (!scalar(item, d)) return false;
      value.push_back(std::move(d));
      next_line(line);
    }
    return true;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<Data> parse_simple_yaml(std::string_view text) {
  return SimpleYaml(text).parse();
}

}  // namespace bengal

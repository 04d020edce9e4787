#include "highlight/scan.h"

namespace bengal::highlight::scan {
namespace {

// Length of the escape sequence starting at the backslash s[i].
std::size_t escape_end(std::string_view s, std::size_t i) {
  std::size_t j = i + 1;
  if (j >= s.size()) return j;
  auto take_hex = [&](std::size_t k, std::size_t max) {
    std::size_t e = k;
    while (e < s.size() && e - k < max && is_hex(s[e])) ++e;
    return e;
  };
  switch (s[j]) {
    case 'x': return take_hex(j + 1, 2);
    case 'u': return take_hex(j + 1, 4);
    case 'U': return take_hex(j + 1, 8);
    default: break;
  }
  if (s[j] >= '0' && s[j] <= '7') {
    std::size_t e = j;
    while (e < s.size() && e - j < 3 && s[e] >= '0' && s[e] <= '7') ++e;
    return e;
  }
  return next_char(s, j);
}

}  // namespace

std::size_t quoted(std::string_view s, std::size_t i, char quote, Token body, TokenSink& out, bool multiline,
                   bool escapes) {
  std::size_t j = i + 1;
  while (j < s.size()) {
    char c = s[j];
    if (c == quote) {
      ++j;
      break;
    }
    if (c == '\n' && !multiline) break;
    if (c == '\\') {
      if (escapes) {
        out.push(body, j);
        j = escape_end(s, j);
        out.push(Token::kStringEscape, j);
      } else {
        j = j + 1 < s.size() ? next_char(s, j + 1) : j + 1;
      }
      continue;
    }
    ++j;
  }
  if (j > s.size()) j = s.size();
  out.push(body, j);
  return j;
}

Number c_number(std::string_view s, std::size_t i, std::string_view suffixes) {
  auto is_sep = [](char c) { return c == '_' || c == '\''; };
  auto skip_suffix = [&](std::size_t j) {
    while (j < s.size() && suffixes.find(s[j]) != std::string_view::npos) ++j;
    return j;
  };
  if (s[i] == '0' && i + 1 < s.size()) {
    char p = static_cast<char>(s[i + 1] | 0x20);
    if (p == 'x' || p == 'b' || p == 'o') {
      std::size_t j = i + 2;
      while (j < s.size() && (p == 'x' ? is_hex(s[j]) : is_digit(s[j]) || is_sep(s[j]))) ++j;
      if (j > i + 2) {
        Token t = p == 'x' ? Token::kNumberHex : p == 'b' ? Token::kNumberBin : Token::kNumberOct;
        return {skip_suffix(j), t};
      }
    }
  }
  std::size_t j = i;
  while (j < s.size() && (is_digit(s[j]) || (j > i && is_sep(s[j])))) ++j;
  bool is_float = false;
  if (j < s.size() && s[j] == '.' && (j + 1 >= s.size() || s[j + 1] != '.')) {
    // "1." is a float, but "1.foo" is a member access in most languages.
    if (j + 1 < s.size() && is_ident_start(s[j + 1]) && (s[j + 1] | 0x20) != 'e' && (s[j + 1] | 0x20) != 'f') {
      return {skip_suffix(j), Token::kNumberInteger};
    }
    is_float = true;
    ++j;
    while (j < s.size() && (is_digit(s[j]) || is_sep(s[j]))) ++j;
  }
  if (j < s.size() && (s[j] | 0x20) == 'e') {
    std::size_t k = j + 1;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    if (k < s.size() && is_digit(s[k])) {
      is_float = true;
      j = skip_digits(s, k);
    }
  }
  return {skip_suffix(j), is_float ? Token::kNumberFloat : Token::kNumberInteger};
}

}  // namespace bengal::highlight::scan

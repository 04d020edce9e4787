// R, following Pygments' SLexer: calls are Name.Function (keywords
// included: Pygments' name rule comes before its keyword rule), strings are
// single tokens, %op% operators.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

bool name_rest(char c) { return scan::is_ident_char(c) || c == '.'; }

// valid_name: `quoted` | ([a-zA-Z] | \.[A-Za-z_.]) [\w.]* | \.
std::size_t valid_name(std::string_view s, std::size_t i) {
  auto at = [&](std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  char c = s[i];
  if (c == '`') {
    std::size_t j = i + 1;
    while (j < s.size() && s[j] != '`') j += s[j] == '\\' ? 2 : 1;
    return j < s.size() ? j + 1 : i;
  }
  if (scan::is_alpha(c) || scan::is_high(c) || (c == '.' && (scan::is_alpha(at(i + 1)) || at(i + 1) == '_' || at(i + 1) == '.'))) {
    std::size_t j = i + 1;
    while (j < s.size() && name_rest(s[j])) ++j;
    return j;
  }
  if (c == '.') return i + 1;
  return i;
}

bool constant_word(std::string_view w) {
  static constexpr std::string_view kWords[] = {"NULL", "NA", "NA_integer_", "NA_real_", "NA_complex_",
                                                "NA_character_", "letters", "LETTERS", "Inf", "TRUE", "FALSE",
                                                "NaN", "pi"};
  for (std::string_view k : kWords) {
    if (w == k) return true;
  }
  if (w.size() > 2 && w.substr(0, 2) == "..") {
    if (w == "...") return true;
    for (char c : w.substr(2)) {
      if (!scan::is_digit(c)) return false;
    }
    return true;
  }
  return false;
}

}  // namespace

void lex_r(std::string_view s, TokenSink& out) {
  auto at = [&](std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  std::size_t i = 0;
  scan::Miss percent_miss;
  while (i < s.size()) {
    char c = s[i];
    // Calls: name \s* (?=\()
    if (std::size_t n = valid_name(s, i); n > i) {
      std::size_t k = n;
      while (k < s.size() && scan::is_space(s[k])) ++k;
      if (at(k) == '(') {
        out.push(T::kNameFunction, i = k);
        continue;
      }
    }
    if (c == '#') {
      out.push(T::kCommentSingle, i = scan::line_end(s, i));
      continue;
    }
    if (scan::is_space(c)) {
      out.push(T::kText, i = scan::skip_spaces(s, i));
      continue;
    }
    if (c == '\'' || c == '"') {
      std::size_t j = i + 1;
      while (j < s.size() && s[j] != c) j += s[j] == '\\' ? 2 : 1;
      if (j < s.size()) {
        out.push(T::kString, i = j + 1);
        continue;
      }
      out.push(T::kString, i = s.size());
      continue;
    }
    std::size_t n = valid_name(s, i);
    if (n > i) {
      std::size_t w = i;
      while (w < s.size() && name_rest(s[w])) ++w;
      std::string_view word = s.substr(i, w - i);
      if (constant_word(word)) {
        out.push(T::kKeywordConstant, i = w);
        continue;
      }
      if ((c == 'T' || c == 'F') && !scan::is_ident_char(at(i + 1))) {
        out.push(T::kNameBuiltinPseudo, ++i);
        continue;
      }
      out.push(T::kName, i = n);
      continue;
    }
    if (c == '0' && (at(i + 1) | 0x20) == 'x' && scan::is_hex(at(i + 2))) {
      std::size_t e = i + 2;
      while (scan::is_hex(at(e))) ++e;
      if ((at(e) | 0x20) == 'p' && scan::is_digit(at(e + 1))) {
        e += 1;
        while (scan::is_digit(at(e))) ++e;
      }
      if (at(e) == 'L' || at(e) == 'i') ++e;
      out.push(T::kNumberHex, i = e);
      continue;
    }
    {
      std::size_t j = i;
      if (c == '+' || c == '-') ++j;
      std::size_t e = j;
      if (scan::is_digit(at(e))) {
        while (scan::is_digit(at(e))) ++e;
        if (at(e) == '.' && scan::is_digit(at(e + 1))) {
          ++e;
          while (scan::is_digit(at(e))) ++e;
        }
      } else if (at(e) == '.') {
        ++e;
        while (scan::is_digit(at(e))) ++e;
      }
      if (e > j) {
        if ((at(e) | 0x20) == 'e') {
          std::size_t k = e + 1;
          if (at(k) == '+' || at(k) == '-') ++k;
          if (scan::is_digit(at(k))) {
            while (scan::is_digit(at(k))) ++k;
            e = k;
          }
        }
        if (at(e) == 'L' || at(e) == 'i') ++e;
        out.push(T::kNumber, i = e);
        continue;
      }
    }
    if (c == '[' || c == ']') {
      std::size_t e = at(i + 1) == c ? i + 2 : i + 1;
      out.push(T::kPunctuation, i = e);
      continue;
    }
    if (c == '(' || c == ')' || c == ';' || c == ',' || c == '{' || c == '}') {
      out.push(T::kPunctuation, ++i);
      continue;
    }
    {
      std::size_t e = i;
      if (scan::at(s, i, "<<-")) e = i + 3;
      else if (scan::at(s, i, "<-") || scan::at(s, i, "->") || scan::at(s, i, "==") || scan::at(s, i, "<=") ||
               scan::at(s, i, ">=") || scan::at(s, i, "&&") || scan::at(s, i, "!=") || scan::at(s, i, "||")) {
        e = scan::at(s, i, "->>") ? i + 3 : i + 2;
      } else if (std::string_view("-<>&|?*+^/!=~$@").find(c) != std::string_view::npos) {
        e = i + 1;
      } else if (c == '%') {
        std::size_t close = scan::find(s, "%", i + 1, percent_miss);
        if (close != std::string_view::npos) e = close + 1;
      } else if (c == ':') {
        e = i + 1;
        while (e < s.size() && e - i < 3 && s[e] == ':') ++e;
      }
      if (e > i) {
        out.push(T::kOperator, i = e);
        continue;
      }
    }
    out.push(T::kText, i = scan::next_char(s, i));
  }
}

}  // namespace bengal::highlight

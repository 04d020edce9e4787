// Configuration and patch formats: diff, INI, TOML and nginx, following the
// matching Pygments lexers.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

std::size_t next_line(std::string_view s, std::size_t e) { return e < s.size() ? e + 1 : e; }

}  // namespace

void lex_diff(std::string_view s, TokenSink& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t e = scan::line_end(s, i);
    std::string_view line = s.substr(i, e - i);
    T t = T::kText;
    if (line.empty()) t = T::kText;
    else if (line[0] == '+') t = T::kGenericInserted;
    else if (line[0] == '-') t = T::kGenericDeleted;
    else if (line[0] == '!') t = T::kGenericStrong;
    else if (line[0] == '@') t = T::kGenericSubheading;
    else if (line.starts_with("Index") || line.starts_with("index") || line.starts_with("diff") || line[0] == '=') {
      t = T::kGenericHeading;
    }
    out.push(t, e);
    i = next_line(s, e);
    out.push(T::kText, i);
  }
}

void lex_ini(std::string_view s, TokenSink& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (scan::is_space(s[i])) {
      out.push(T::kText, i = scan::skip_spaces(s, i));
      continue;
    }
    std::size_t e = scan::line_end(s, i);
    std::string_view line = s.substr(i, e - i);
    if (line[0] == ';' || line[0] == '#') {
      out.push(T::kCommentSingle, i = e);
      continue;
    }
    if (line[0] == '[') {
      std::size_t close = line.find(']');
      if (close != std::string_view::npos) {
        std::size_t k = close + 1;
        while (k < line.size() && scan::is_blank(line[k])) ++k;
        if (k == line.size()) {
          out.push(T::kKeyword, i + close + 1);
          out.push(T::kText, i = e);
          continue;
        }
      }
    }
    std::size_t sep = line.find_first_of("=:");
    if (sep != std::string_view::npos) {
      std::size_t key_end = sep;
      while (key_end > 0 && scan::is_blank(line[key_end - 1])) --key_end;
      out.push(T::kNameAttribute, i + key_end);
      out.push(T::kText, i + sep);
      out.push(T::kOperator, i + sep + 1);
      std::size_t v = sep + 1;
      while (v < line.size() && scan::is_blank(line[v])) ++v;
      out.push(T::kText, i + v);
      // [^ ;#\n]*(?: +[^ ;#\n]+)*: words separated by single-space runs.
      std::size_t k = v;
      std::size_t end = v;
      while (k < line.size()) {
        if (line[k] == ';' || line[k] == '#') break;
        if (line[k] == ' ') {
          std::size_t n = k;
          while (n < line.size() && line[n] == ' ') ++n;
          if (n >= line.size() || line[n] == ';' || line[n] == '#') break;
          k = n;
          continue;
        }
        end = ++k;
      }
      out.push(T::kString, i + end);
      i = i + end;
      continue;
    }
    std::size_t end = line.size();
    out.push(T::kNameAttribute, i + end);
    i = e;
  }
}

void lex_toml(std::string_view s, TokenSink& out) {
  auto at = [&](std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  std::size_t i = 0;
  bool line_start = true;
  scan::Miss string_miss;
  while (i < s.size()) {
    char c = s[i];
    if (line_start) {
      line_start = false;
      std::size_t k = scan::skip_blanks(s, i);
      if (at(k) == '[') {
        std::size_t e = scan::line_end(s, k);
        std::size_t r = e;
        while (r > k && s[r - 1] == '\r') --r;
        if (r > k + 1 && s[r - 1] == ']') {
          out.push(T::kText, k);
          out.push(T::kKeyword, i = r);
          continue;
        }
      }
    }
    if (c == '\n') {
      out.push(T::kText, ++i);
      line_start = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      out.push(T::kText, ++i);
      continue;
    }
    if (c == '#') {
      out.push(T::kCommentSingle, i = scan::line_end(s, i));
      continue;
    }
    if (c == '"' && !string_miss.covers(i)) {
      std::size_t j = i + 1;
      while (j < s.size() && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
      if (j < s.size()) {
        out.push(T::kString, i = j + 1);
        continue;
      }
      string_miss.record(i, s.size() + 1);
    }
    if (c == '\'') {
      if (scan::at(s, i, "'''")) {
        std::size_t e = scan::line_end(s, i);
        std::size_t close = s.substr(0, e).rfind("'''");
        if (close != std::string_view::npos && close > i + 2) {
          out.push(T::kString, i = close + 3);
          continue;
        }
      }
      std::size_t close = s.find('\'', i + 1);
      if (close != std::string_view::npos) {
        out.push(T::kString, i = close + 1);
        continue;
      }
    }
    if (scan::is_alpha(c) || c == '_') {
      std::size_t e = i;
      while (e < s.size() && (scan::is_ident_char(s[e]) || s[e] == '-') && !scan::is_high(s[e])) ++e;
      std::string_view w = s.substr(i, e - i);
      bool constant = (w == "true" || w == "false") && (e >= s.size() || s[e] == '\n');
      out.push(constant ? T::kKeywordConstant : T::kName, i = e);
      continue;
    }
    if (scan::is_digit(c) || c == '.' || c == '+' || c == '-') {
      // Dates: dddd-dd-ddTdd:dd:dd(Z|+hh:mm)
      auto digits = [&](std::size_t k, std::size_t n) {
        for (std::size_t m = 0; m < n; ++m) {
          if (!scan::is_digit(at(k + m))) return false;
        }
        return true;
      };
      if (digits(i, 4) && at(i + 4) == '-' && digits(i + 5, 2) && at(i + 7) == '-' && digits(i + 8, 2) &&
          (at(i + 10) == 'T' || at(i + 10) == ' ') && digits(i + 11, 2) && at(i + 13) == ':' && digits(i + 14, 2) &&
          at(i + 16) == ':' && digits(i + 17, 2)) {
        std::size_t k = i + 19;
        if (at(k) == 'Z') {
          out.push(T::kNumberInteger, i = k + 1);
          continue;
        }
        if ((at(k) == '+' || at(k) == '-') && digits(k + 1, 2) && at(k + 3) == ':' && digits(k + 4, 2)) {
          out.push(T::kNumberInteger, i = k + 6);
          continue;
        }
      }
      std::size_t k = i;
      while (scan::is_digit(at(k))) ++k;
      bool is_float = false;
      if (at(k) == '.' && (k > i || scan::is_digit(at(k + 1)))) {
        ++k;
        while (scan::is_digit(at(k))) ++k;
        is_float = true;
      }
      if (k > i && (at(k) | 0x20) == 'e') {
        std::size_t m = k + 1;
        if (at(m) == '+' || at(m) == '-') ++m;
        if (scan::is_digit(at(m))) {
          while (scan::is_digit(at(m))) ++m;
          k = m;
          is_float = true;
        }
      }
      if (is_float) {
        if (at(k) == 'j') ++k;
        out.push(T::kNumberFloat, i = k);
        continue;
      }
      std::size_t sign = (c == '+' || c == '-') ? i + 1 : i;
      if (scan::at(s, sign, "inf") || scan::at(s, sign, "nan")) {
        std::size_t e = sign + 3;
        if (scan::at(s, sign, "infinity")) e = sign + 8;
        out.push(T::kNumberFloat, i = e);
        continue;
      }
      std::size_t d = sign;
      while (scan::is_digit(at(d))) ++d;
      if (d > sign) {
        out.push(T::kNumberInteger, i = d);
        continue;
      }
    }
    if (std::string_view("[]{}:(),;.").find(c) != std::string_view::npos) {
      out.push(T::kPunctuation, ++i);
      continue;
    }
    if (c == '=') {
      out.push(T::kOperator, ++i);
      continue;
    }
    out.push(T::kError, i = scan::next_char(s, i));
  }
}

void lex_nginx(std::string_view s, TokenSink& out) {
  enum class State : std::uint8_t { kRoot, kStatement, kBlock };
  // Statement states nest inside blocks: the stack holds one entry per level.
  State stack[64];
  int depth = 0;
  auto state = [&] { return depth == 0 ? State::kRoot : stack[depth - 1]; };
  auto push = [&](State st) {
    if (depth < 64) stack[depth++] = st;
  };
  auto is_stop = [](char c, std::string_view extra) {
    return scan::is_space(c) || extra.find(c) != std::string_view::npos;
  };
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    State st = state();
    if (st == State::kRoot || st == State::kBlock) {
      if (st == State::kBlock && c == '}') {
        out.push(T::kPunctuation, ++i);
        depth = depth >= 2 ? depth - 2 : 0;
        continue;
      }
      if (st == State::kRoot && scan::at(s, i, "include") && i + 7 < s.size() && scan::is_space(s[i + 7])) {
        std::size_t k = scan::skip_spaces(s, i + 7);
        std::size_t e = k;
        while (e < s.size() && !is_stop(s[e], ";")) ++e;
        if (e > k) {
          out.push(T::kKeyword, i + 7);
          out.push(T::kText, k);
          out.push(T::kName, i = e);
          continue;
        }
      }
      if (!is_stop(c, ";#")) {
        std::size_t e = i;
        while (e < s.size() && !is_stop(s[e], ";#")) ++e;
        out.push(st == State::kRoot ? T::kKeyword : T::kKeywordNamespace, i = e);
        push(State::kStatement);
        continue;
      }
    } else {
      if (c == '{') {
        out.push(T::kPunctuation, ++i);
        push(State::kBlock);
        continue;
      }
      if (c == ';') {
        out.push(T::kPunctuation, ++i);
        --depth;
        continue;
      }
    }
    // base
    if (c == '#') {
      std::size_t e = scan::line_end(s, i);
      out.push(T::kCommentSingle, i = e < s.size() ? e + 1 : e);
      continue;
    }
    if (scan::at(s, i, "on") || scan::at(s, i, "off")) {
      out.push(T::kNameConstant, i += s[i + 1] == 'n' ? 2 : 3);
      continue;
    }
    if (c == '$') {
      std::size_t e = i + 1;
      while (e < s.size() && !is_stop(s[e], ";#()")) ++e;
      if (e > i + 1) {
        out.push(T::kNameVariable, i = e);
        continue;
      }
    }
    auto lower_word = [&](std::size_t k, bool plus) {
      while (k < s.size() && ((s[k] >= 'a' && s[k] <= 'z') || s[k] == '-' || (plus && s[k] == '+'))) ++k;
      return k;
    };
    {
      // host:port
      std::size_t k = i;
      while (k < s.size() && ((s[k] >= 'a' && s[k] <= 'z') || scan::is_digit(s[k]) || s[k] == '.' || s[k] == '-')) ++k;
      if (k > i && k + 1 < s.size() && s[k] == ':' && scan::is_digit(s[k + 1])) {
        std::size_t d = k + 1;
        while (d < s.size() && scan::is_digit(s[d])) ++d;
        out.push(T::kName, k);
        out.push(T::kPunctuation, k + 1);
        out.push(T::kNumberInteger, i = d);
        continue;
      }
      // type/subtype
      std::size_t a = lower_word(i, false);
      if (a > i && a + 1 < s.size() && s[a] == '/') {
        std::size_t b = lower_word(a + 1, true);
        if (b > a + 1) {
          out.push(T::kString, i = b);
          continue;
        }
      }
    }
    if (scan::is_digit(c)) {
      std::size_t k = i;
      while (k < s.size() && scan::is_digit(s[k])) ++k;
      std::size_t m = k < s.size() && (s[k] == 'k' || s[k] == 'm') ? k + 1 : k;
      if (m >= s.size() || !scan::is_ident_char(s[m])) {
        out.push(T::kNumberInteger, i = m);
        continue;
      }
      if (m > k && !scan::is_ident_char(s[k])) {
        out.push(T::kNumberInteger, i = k);
        continue;
      }
    }
    if (c == '~') {
      std::size_t k = scan::skip_spaces(s, i + 1);
      std::size_t e = k;
      while (e < s.size() && !scan::is_space(s[e]) && s[e] != '{') ++e;
      if (e > k) {
        out.push(T::kPunctuation, i + 1);
        out.push(T::kText, k);
        out.push(T::kStringRegex, i = e);
        continue;
      }
    }
    if (c == ':' || c == '=' || c == '~') {
      out.push(T::kPunctuation, ++i);
      continue;
    }
    if (!is_stop(c, ";#{}$")) {
      std::size_t e = i;
      while (e < s.size() && !is_stop(s[e], ";#{}$")) ++e;
      out.push(T::kString, i = e);
      continue;
    }
    if (scan::is_space(c)) {
      out.push(T::kText, i = scan::skip_spaces(s, i));
      continue;
    }
    if (c == '$' || c == ';') {
      out.push(T::kText, ++i);
      continue;
    }
    out.push(T::kError, i = scan::next_char(s, i));
  }
}

}  // namespace bengal::highlight

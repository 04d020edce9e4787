// Zig, following Pygments' ZigLexer.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

// Pygments' type list concatenates 'c_void' 'i8' into "c_voidi8"; kept as is
// so Bengal and Pygments agree.
constexpr scan::KeywordTable<256> kWords = {
    {"break", T::kKeyword}, {"return", T::kKeyword}, {"continue", T::kKeyword}, {"asm", T::kKeyword},
    {"defer", T::kKeyword}, {"errdefer", T::kKeyword}, {"unreachable", T::kKeyword}, {"try", T::kKeyword},
    {"catch", T::kKeyword}, {"async", T::kKeyword}, {"await", T::kKeyword}, {"suspend", T::kKeyword},
    {"resume", T::kKeyword}, {"cancel", T::kKeyword}, {"const", T::kKeywordReserved},
    {"var", T::kKeywordReserved}, {"extern", T::kKeywordReserved}, {"packed", T::kKeywordReserved},
    {"export", T::kKeywordReserved}, {"pub", T::kKeywordReserved}, {"noalias", T::kKeywordReserved},
    {"inline", T::kKeywordReserved}, {"comptime", T::kKeywordReserved}, {"nakedcc", T::kKeywordReserved},
    {"stdcallcc", T::kKeywordReserved}, {"volatile", T::kKeywordReserved}, {"allowzero", T::kKeywordReserved},
    {"align", T::kKeywordReserved}, {"linksection", T::kKeywordReserved}, {"threadlocal", T::kKeywordReserved},
    {"struct", T::kKeyword}, {"enum", T::kKeyword}, {"union", T::kKeyword}, {"error", T::kKeyword},
    {"while", T::kKeyword}, {"for", T::kKeyword}, {"bool", T::kKeywordType}, {"f16", T::kKeywordType},
    {"f32", T::kKeywordType}, {"f64", T::kKeywordType}, {"f128", T::kKeywordType}, {"void", T::kKeywordType},
    {"noreturn", T::kKeywordType}, {"type", T::kKeywordType}, {"anyerror", T::kKeywordType},
    {"promise", T::kKeywordType}, {"i0", T::kKeywordType}, {"u0", T::kKeywordType}, {"isize", T::kKeywordType},
    {"usize", T::kKeywordType}, {"comptime_int", T::kKeywordType}, {"comptime_float", T::kKeywordType},
    {"c_short", T::kKeywordType}, {"c_ushort", T::kKeywordType}, {"c_int", T::kKeywordType},
    {"c_uint", T::kKeywordType}, {"c_long", T::kKeywordType}, {"c_ulong", T::kKeywordType},
    {"c_longlong", T::kKeywordType}, {"c_ulonglong", T::kKeywordType}, {"c_longdouble", T::kKeywordType},
    {"c_voidi8", T::kKeywordType}, {"u8", T::kKeywordType}, {"i16", T::kKeywordType}, {"u16", T::kKeywordType},
    {"i32", T::kKeywordType}, {"u32", T::kKeywordType}, {"i64", T::kKeywordType}, {"u64", T::kKeywordType},
    {"i128", T::kKeywordType}, {"u128", T::kKeywordType}, {"true", T::kKeywordConstant},
    {"false", T::kKeywordConstant}, {"null", T::kKeywordConstant}, {"undefined", T::kKeywordConstant},
    {"if", T::kKeyword}, {"else", T::kKeyword}, {"switch", T::kKeyword}, {"and", T::kKeyword}, {"or", T::kKeyword},
    {"orelse", T::kKeyword}, {"fn", T::kKeyword}, {"usingnamespace", T::kKeyword}, {"test", T::kKeyword},
};

bool name_start(char c) { return scan::is_alpha(c) || c == '_'; }
std::size_t name_end(std::string_view s, std::size_t i) {
  while (i < s.size() && (scan::is_alpha(s[i]) || scan::is_digit(s[i]) || s[i] == '_')) ++i;
  return i;
}

std::size_t zig_number(std::string_view s, std::size_t i, TokenSink& out) {
  auto at = [&](std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  auto run = [&](std::size_t k, auto ok) {
    while (k < s.size() && ok(s[k])) ++k;
    return k;
  };
  auto hex = [](char d) { return scan::is_hex(d); };
  auto dec = [](char d) { return scan::is_digit(d); };
  if (s[i] == '0' && at(i + 1) == 'x') {
    std::size_t a = run(i + 2, hex);
    if (a > i + 2) {
      std::size_t k = a;
      bool dot = at(k) == '.';
      if (dot) ++k;
      std::size_t f = run(k, hex);
      std::size_t e = 0;
      std::size_t pe = (dot && f > k) ? f : k;
      if ((at(pe) | 0x20) == 'p') {
        std::size_t m = pe + 1;
        if (at(m) == '+' || at(m) == '-') ++m;
        std::size_t d = run(m, hex);
        if (d > m) e = d;
      }
      if (dot && f > k) {
        out.push(T::kNumberFloat, e ? e : f);
        return e ? e : f;
      }
      if (e) {
        out.push(T::kNumberFloat, e);
        return e;
      }
      out.push(T::kNumberHex, a);
      return a;
    }
  }
  std::size_t a = run(i, dec);
  auto exponent = [&](std::size_t k) -> std::size_t {
    if ((at(k) | 0x20) != 'e') return 0;
    std::size_t m = k + 1;
    if (at(m) == '+' || at(m) == '-') ++m;
    std::size_t d = run(m, dec);
    return d > m ? d : 0;
  };
  if (at(a) == '.' && dec(at(a + 1))) {
    std::size_t f = run(a + 1, dec);
    std::size_t x = exponent(f);
    out.push(T::kNumberFloat, x ? x : f);
    return x ? x : f;
  }
  if (std::size_t x = exponent(at(a) == '.' ? a + 1 : a)) {
    out.push(T::kNumberFloat, x);
    return x;
  }
  if (s[i] == '0' && (at(i + 1) == 'b' || at(i + 1) == 'o')) {
    char p = at(i + 1);
    std::size_t e = run(i + 2, [p](char d) { return p == 'b' ? (d == '0' || d == '1') : (d >= '0' && d <= '7'); });
    if (e > i + 2) {
      out.push(p == 'b' ? T::kNumberBin : T::kNumberOct, e);
      return e;
    }
  }
  out.push(T::kNumberInteger, a);
  return a;
}

}  // namespace

void lex_zig(std::string_view s, TokenSink& out) {
  auto at = [&](std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (scan::is_space(c)) {
      out.push(T::kText, i = scan::skip_spaces(s, i));
      continue;
    }
    if (c == '/' && at(i + 1) == '/') {
      std::size_t e = scan::line_end(s, i);  // the end of input counts as a newline
      out.push(T::kCommentSingle, i = e < s.size() ? e + 1 : e);
      continue;
    }
    if (name_start(c)) {
      std::size_t e = name_end(s, i);
      // c\\ multiline string lines
      if (c == 'c' && e == i + 1 && at(e) == '\\' && at(e + 1) == '\\') {
        out.push(T::kStringHeredoc, i = scan::line_end(s, i));
        continue;
      }
      if (c == 'c' && e == i + 1 && at(e) == '"') {
        ++i;
        out.push(T::kString, i);
        continue;  // the string itself follows
      }
      T t = kWords.find(s.substr(i, e - i), T::kName);
      out.push(t, i = e);
      continue;
    }
    if (scan::is_digit(c)) {
      i = zig_number(s, i, out);
      continue;
    }
    if (c == '@' && name_start(at(i + 1))) {
      out.push(T::kNameBuiltin, i = name_end(s, i + 1));
      continue;
    }
    if (c == '\'') {
      std::size_t e = 0;
      T t = T::kStringEscape;
      if (at(i + 1) == '\\') {
        char n = at(i + 2);
        std::size_t k = 0;
        auto hex = [&](std::size_t from, std::size_t count) {
          for (std::size_t m = 0; m < count; ++m) {
            if (!scan::is_hex(at(from + m))) return std::size_t{0};
          }
          return from + count;
        };
        if (n == 'x') k = hex(i + 3, 2);
        else if (n == 'u') k = hex(i + 3, 4);
        else if (n == 'U') k = hex(i + 3, 6);
        else if (n != '\0' && std::string_view("nr\\t'\"").find(n) != std::string_view::npos) k = i + 3;
        if (k && at(k) == '\'') e = k + 1;
      } else if (at(i + 1) != '\'' && i + 1 < s.size() && at(scan::next_char(s, i + 1)) == '\'') {
        e = scan::next_char(s, i + 1) + 1;
        t = T::kString;
      }
      if (e) {
        out.push(t, i = e);
        continue;
      }
    }
    if (c == '\\' && at(i + 1) == '\\') {
      out.push(T::kStringHeredoc, i = scan::line_end(s, i));
      continue;
    }
    if (c == '"') {
      std::size_t j = i + 1;
      out.push(T::kString, j);
      while (j < s.size() && s[j] != '\n') {
        if (s[j] == '"') {
          ++j;
          break;
        }
        if (s[j] == '\\') {
          char n = at(j + 1);
          std::size_t k = 0;
          auto hex = [&](std::size_t from, std::size_t count) {
            for (std::size_t m = 0; m < count; ++m) {
              if (!scan::is_hex(at(from + m))) return std::size_t{0};
            }
            return from + count;
          };
          if (n == 'x') k = hex(j + 2, 2);
          else if (n == 'u') k = hex(j + 2, 4);
          else if (n == 'U') k = hex(j + 2, 6);
          else if (n != '\0' && std::string_view("nr\\t'\"").find(n) != std::string_view::npos) k = j + 2;
          if (k) {
            out.push(T::kStringEscape, j = k);
            continue;
          }
          out.push(T::kError, ++j);
          continue;
        }
        out.push(T::kString, ++j);
      }
      out.push(T::kString, i = j);
      continue;
    }
    if (std::string_view("+%=><|^!?/-*&~:").find(c) != std::string_view::npos) {
      out.push(T::kOperator, ++i);
      continue;
    }
    if (std::string_view("{}()[],.;").find(c) != std::string_view::npos) {
      out.push(T::kPunctuation, ++i);
      continue;
    }
    out.push(T::kError, i = scan::next_char(s, i));
  }
}

}  // namespace bengal::highlight

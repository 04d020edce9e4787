// Go, following Pygments' GoLexer: builtins are Name.Builtin only when
// called, identifiers are Name.Other, single-character '<' '>' '=' '!' are
// punctuation.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using scan::KeywordTable;
using T = Token;

constexpr KeywordTable<64> kWords = {
    {"import", T::kKeywordNamespace}, {"package", T::kKeywordNamespace}, {"var", T::kKeywordDeclaration},
    {"func", T::kKeywordDeclaration}, {"struct", T::kKeywordDeclaration}, {"map", T::kKeywordDeclaration},
    {"chan", T::kKeywordDeclaration}, {"type", T::kKeywordDeclaration}, {"interface", T::kKeywordDeclaration},
    {"const", T::kKeywordDeclaration}, {"break", T::kKeyword}, {"default", T::kKeyword}, {"select", T::kKeyword},
    {"case", T::kKeyword}, {"defer", T::kKeyword}, {"go", T::kKeyword}, {"else", T::kKeyword},
    {"goto", T::kKeyword}, {"switch", T::kKeyword}, {"fallthrough", T::kKeyword}, {"if", T::kKeyword},
    {"range", T::kKeyword}, {"continue", T::kKeyword}, {"for", T::kKeyword}, {"return", T::kKeyword},
    {"true", T::kKeywordConstant}, {"false", T::kKeywordConstant}, {"iota", T::kKeywordConstant},
    {"nil", T::kKeywordConstant},
};

// Types are Keyword.Type unless called; the rest are builtins only when called.
constexpr KeywordTable<128> kBuiltins = {
    {"uint", T::kKeywordType}, {"uint8", T::kKeywordType}, {"uint16", T::kKeywordType},
    {"uint32", T::kKeywordType}, {"uint64", T::kKeywordType}, {"int", T::kKeywordType},
    {"int8", T::kKeywordType}, {"int16", T::kKeywordType}, {"int32", T::kKeywordType},
    {"int64", T::kKeywordType}, {"float", T::kKeywordType}, {"float32", T::kKeywordType},
    {"float64", T::kKeywordType}, {"complex64", T::kKeywordType}, {"complex128", T::kKeywordType},
    {"byte", T::kKeywordType}, {"rune", T::kKeywordType}, {"string", T::kKeywordType}, {"bool", T::kKeywordType},
    {"error", T::kKeywordType}, {"uintptr", T::kKeywordType}, {"any", T::kKeywordType},
    {"comparable", T::kKeywordType}, {"print", T::kNameBuiltin}, {"println", T::kNameBuiltin},
    {"panic", T::kNameBuiltin}, {"recover", T::kNameBuiltin}, {"close", T::kNameBuiltin},
    {"complex", T::kNameBuiltin}, {"real", T::kNameBuiltin}, {"imag", T::kNameBuiltin}, {"len", T::kNameBuiltin},
    {"cap", T::kNameBuiltin}, {"append", T::kNameBuiltin}, {"copy", T::kNameBuiltin},
    {"delete", T::kNameBuiltin}, {"new", T::kNameBuiltin}, {"make", T::kNameBuiltin},
};

std::size_t go_number(std::string_view s, std::size_t i, TokenSink& out) {
  auto at = [&](std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  auto digits = [&](std::size_t k) {
    while (scan::is_digit(at(k))) ++k;
    return k;
  };
  auto exponent = [&](std::size_t k, bool sign_required) -> std::size_t {
    if ((at(k) | 0x20) != 'e') return 0;
    std::size_t m = k + 1;
    if (at(m) == '+' || at(m) == '-') ++m;
    else if (sign_required) return 0;
    return scan::is_digit(at(m)) ? digits(m) : 0;
  };
  std::size_t a = digits(i);
  // Imaginary literals.
  if (a > i && at(a) == 'i') {
    out.push(T::kNumber, a + 1);
    return a + 1;
  }
  if (at(a) == '.') {
    std::size_t f = digits(a + 1);
    std::size_t x = exponent(f, true);
    std::size_t end = x ? x : f;
    if (at(end) == 'i') {
      out.push(T::kNumber, end + 1);
      return end + 1;
    }
  }
  if (a > i) {
    if (std::size_t x = exponent(a, true); x && at(x) == 'i') {
      out.push(T::kNumber, x + 1);
      return x + 1;
    }
  }
  // Floats: \d+(\.\d+[eE][+-]?\d+|\.\d*|[eE][+-]?\d+) and \.\d+([eE][+-]?\d+)?
  if (a > i && at(a) == '.') {
    std::size_t f = digits(a + 1);
    if (f > a + 1) {
      if (std::size_t x = exponent(f, false); x) {
        out.push(T::kNumberFloat, x);
        return x;
      }
    }
    out.push(T::kNumberFloat, f);
    return f;
  }
  if (a > i) {
    if (std::size_t x = exponent(a, false); x) {
      out.push(T::kNumberFloat, x);
      return x;
    }
  }
  if (a == i) {  // .5
    std::size_t f = digits(i + 1);
    std::size_t x = exponent(f, false);
    out.push(T::kNumberFloat, x ? x : f);
    return x ? x : f;
  }
  if (s[i] == '0' && at(i + 1) >= '0' && at(i + 1) <= '7') {
    std::size_t k = i + 1;
    while (at(k) >= '0' && at(k) <= '7') ++k;
    out.push(T::kNumberOct, k);
    return k;
  }
  if (s[i] == '0' && (at(i + 1) | 0x20) == 'x' && scan::is_hex(at(i + 2))) {
    std::size_t k = i + 2;
    while (scan::is_hex(at(k))) ++k;
    out.push(T::kNumberHex, k);
    return k;
  }
  std::size_t k = s[i] == '0' ? i + 1 : a;
  out.push(T::kNumberInteger, k);
  return k;
}

}  // namespace

void lex_go(std::string_view s, TokenSink& out) {
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  scan::Miss comment_miss, raw_miss, string_miss;
  while (i < s.size()) {
    char c = s[i];
    if (scan::is_space(c)) {
      i = scan::skip_spaces(s, i);
      out.push(T::kText, i);
      continue;
    }
    if (c == '\\' && at(i + 1) == '\n') {
      out.push(T::kText, i += 2);
      continue;
    }
    if (c == '/' && at(i + 1) == '/') {
      i = scan::line_end(s, i);
      out.push(T::kCommentSingle, i);
      continue;
    }
    if (c == '/' && at(i + 1) == '*') {
      std::size_t close = scan::find(s, "*/", i + 2, comment_miss);
      if (close != std::string_view::npos) {
        out.push(T::kCommentMultiline, i = close + 2);
        continue;
      }
    }
    if (scan::is_ident_start(c)) {
      std::size_t e = scan::skip_ident(s, i);
      std::string_view w = s.substr(i, e - i);
      T t = kWords.find(w, T::kText);
      if (t == T::kText) {
        t = kBuiltins.find(w, T::kNameOther);
        if (t != T::kNameOther && at(e) == '(') {
          out.push(T::kNameBuiltin, e);
          out.push(T::kPunctuation, e + 1);
          i = e + 1;
          continue;
        }
        if (t == T::kNameBuiltin) t = T::kNameOther;
      }
      out.push(t, e);
      i = e;
      continue;
    }
    if (scan::is_digit(c) || (c == '.' && scan::is_digit(at(i + 1)))) {
      i = go_number(s, i, out);
      continue;
    }
    if (c == '\'') {
      std::size_t j = i + 1;
      if (at(j) == '\\') {
        char n = at(j + 1);
        auto hex = [&](std::size_t k, std::size_t count) {
          for (std::size_t m = 0; m < count; ++m) {
            if (!scan::is_hex(at(k + m))) return std::size_t{0};
          }
          return k + count;
        };
        std::size_t e = 0;
        if (n != '\0' && std::string_view("'\"\\abfnrtv").find(n) != std::string_view::npos) e = j + 2;
        else if (n == 'x') e = hex(j + 2, 2);
        else if (n == 'u') e = hex(j + 2, 4);
        else if (n == 'U') e = hex(j + 2, 8);
        else if (n >= '0' && n <= '7') {
          e = j + 1;
          while (e < s.size() && e - j <= 3 && s[e] >= '0' && s[e] <= '7') ++e;
        }
        j = e;
      } else if (j < s.size()) {
        j = scan::next_char(s, j);
      } else {
        j = 0;
      }
      if (j != 0 && at(j) == '\'') {
        out.push(T::kStringChar, i = j + 1);
        continue;
      }
      out.push(T::kError, i += 1);
      continue;
    }
    if (c == '`') {
      std::size_t close = scan::find(s, "`", i + 1, raw_miss);
      if (close != std::string_view::npos) {
        out.push(T::kString, i = close + 1);
        continue;
      }
      out.push(T::kError, i += 1);
      continue;
    }
    if (c == '"') {
      std::size_t j = i + 1;
      if (!string_miss.covers(i)) {
        while (j < s.size() && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
        if (j < s.size()) {
          out.push(T::kString, i = j + 1);
          continue;
        }
        string_miss.record(i, s.size() + 1);
      }
      out.push(T::kError, i += 1);
      continue;
    }
    // Operators: the multi-character ones (<<= >>= &^= ... << >> <= >= &^
    // += -= *= /= %= &= |= && || <- ++ -- == != :=), and + - * / % & ~ | alone.
    std::size_t op = 0;
    const char n = at(i + 1);
    switch (c) {
      case '<': op = n == '<' ? (at(i + 2) == '=' ? 3 : 2) : (n == '=' || n == '-') ? 2 : 0; break;
      case '>': op = n == '>' ? (at(i + 2) == '=' ? 3 : 2) : n == '=' ? 2 : 0; break;
      case '&': op = n == '^' ? (at(i + 2) == '=' ? 3 : 2) : (n == '=' || n == '&') ? 2 : 1; break;
      case '.': op = n == '.' && at(i + 2) == '.' ? 3 : 0; break;
      case '+': op = (n == '=' || n == '+') ? 2 : 1; break;
      case '-': op = (n == '=' || n == '-') ? 2 : 1; break;
      case '|': op = (n == '=' || n == '|') ? 2 : 1; break;
      case '*': case '/': case '%': op = n == '=' ? 2 : 1; break;
      case '~': op = 1; break;
      case '=': case '!': case ':': op = n == '=' ? 2 : 0; break;
      default: break;
    }
    if (op != 0) {
      out.push(T::kOperator, i += op);
      continue;
    }
    if (std::string_view("|^<>=!()[]{}.,;:").find(c) != std::string_view::npos) {
      out.push(T::kPunctuation, i += 1);
      continue;
    }
    out.push(T::kError, i = scan::next_char(s, i));
  }
}

}  // namespace bengal::highlight

// Haskell, following Pygments' HaskellLexer: definitions at line start are
// functions, capitalized names are types, import/module lists, nested
// {- -} comments (pragmas included).
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

constexpr scan::KeywordTable<64> kReserved = {
    {"case", T::kKeywordReserved}, {"class", T::kKeywordReserved}, {"data", T::kKeywordReserved},
    {"default", T::kKeywordReserved}, {"deriving", T::kKeywordReserved}, {"do", T::kKeywordReserved},
    {"else", T::kKeywordReserved}, {"family", T::kKeywordReserved}, {"if", T::kKeywordReserved},
    {"in", T::kKeywordReserved}, {"infix", T::kKeywordReserved}, {"infixl", T::kKeywordReserved},
    {"infixr", T::kKeywordReserved}, {"instance", T::kKeywordReserved}, {"let", T::kKeywordReserved},
    {"newtype", T::kKeywordReserved}, {"of", T::kKeywordReserved}, {"then", T::kKeywordReserved},
    {"type", T::kKeywordReserved}, {"where", T::kKeywordReserved}, {"_", T::kKeywordReserved},
};

bool symbol(char c) { return c != '\0' && std::string_view(":!#$%&*+./<=>?@^|~-\\").find(c) != std::string_view::npos; }
bool lower(char c) { return (c >= 'a' && c <= 'z') || c == '_' || scan::is_high(c); }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool word_char(char c) { return scan::is_ident_char(c) || c == '\''; }

class HaskellLexer {
 public:
  HaskellLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t e = token(i);
      i = e > i ? e : scan::next_char(s_, i);
    }
  }

 private:
  char at(std::size_t k) const { return k < s_.size() ? s_[k] : '\0'; }
  std::size_t word_end(std::size_t i) const {
    while (i < s_.size() && word_char(s_[i])) ++i;
    return i;
  }

  std::size_t comment(std::size_t i) {
    if (scan::at(s_, i, "--")) {
      std::size_t d = i;
      while (at(d) == '-') ++d;
      if (!symbol(at(d)) || at(d) == '-') {
        std::size_t e = scan::line_end(s_, i);
        out_.push(T::kCommentSingle, e);
        return e;
      }
      return 0;
    }
    if (!scan::at(s_, i, "{-")) return 0;
    int depth = 0;
    std::size_t j = i;
    while (j < s_.size()) {
      if (scan::at(s_, j, "{-")) {
        ++depth;
        j += 2;
      } else if (scan::at(s_, j, "-}")) {
        j += 2;
        if (--depth == 0) break;
      } else {
        ++j;
      }
    }
    out_.push(T::kCommentMultiline, j);
    return j;
  }

  std::size_t token(std::size_t i) {
    char c = s_[i];
    if (scan::is_space(c)) {
      std::size_t e = scan::skip_spaces(s_, i);
      out_.push(T::kText, e);
      return e;
    }
    if (std::size_t e = comment(i)) return e;
    const bool boundary = i == 0 || !scan::is_ident_char(s_[i - 1]);
    if (lower(c) || upper(c)) {
      std::size_t w = i;
      while (w < s_.size() && scan::is_ident_char(s_[w])) ++w;
      std::string_view word = s_.substr(i, w - i);
      if (boundary && word == "import") {
        out_.push(T::kKeywordReserved, w);
        return import_list(w, true);
      }
      if (boundary && word == "module") {
        out_.push(T::kKeywordReserved, w);
        return import_list(w, false);
      }
      if (boundary && word == "error") {
        out_.push(T::kNameException, w);
        return w;
      }
      if (boundary && at(w) != '\'' && kReserved.contains(word)) {
        out_.push(T::kKeywordReserved, w);
        return w;
      }
    }
    if (c == '\'' && at(i + 1) != '\\' && at(i + 2) == '\'' && i + 1 < s_.size()) {
      out_.push(T::kStringChar, i + 3);
      return i + 3;
    }
    if (lower(c) && (i == 0 || s_[i - 1] == '\n')) {
      std::size_t e = word_end(i);
      out_.push(T::kNameFunction, e);
      return e;
    }
    if (lower(c) || (c == '\'' && lower(at(i + 1)))) {
      std::size_t e = word_end(c == '\'' ? i + 1 : i);
      out_.push(T::kName, e);
      return e;
    }
    if (upper(c) || (scan::at(s_, i, "''") && upper(at(i + 2)))) {
      std::size_t e = word_end(c == '\'' ? i + 2 : i);
      out_.push(T::kKeywordType, e);
      return e;
    }
    if (c == '\'') {
      if (upper(at(i + 1))) {
        std::size_t e = word_end(i + 1);
        out_.push(T::kKeywordType, e);
        return e;
      }
      if (at(i + 1) == '[' || at(i + 1) == '(') {
        bool square = at(i + 1) == '[';
        std::size_t close = scan::find(s_, square ? "]" : ")", i + 2, square ? square_miss_ : paren_miss_);
        if (close != std::string_view::npos) {
          out_.push(T::kKeywordType, close + 1);
          return close + 1;
        }
      }
      if (symbol(at(i + 1))) {
        std::size_t e = i + 1;
        while (symbol(at(e))) ++e;
        out_.push(T::kKeywordType, e);
        return e;
      }
    }
    if (symbol(c)) {
      std::size_t e = i;
      while (symbol(at(e))) ++e;
      if (c == '\\' && e == i + 1) {
        out_.push(T::kNameFunction, e);
        return e;
      }
      if (c == '\\' && !symbol(at(i + 1))) {
        out_.push(T::kNameFunction, i + 1);
        return i + 1;
      }
      std::string_view op = s_.substr(i, e - i);
      if (op == "<-" || op == "::" || op == "->" || op == "=>" || op == "=") {
        out_.push(T::kOperatorWord, e);
        return e;
      }
      out_.push(c == ':' ? T::kKeywordType : T::kOperator, e);
      return e;
    }
    if (scan::is_digit(c)) return number(i);
    if (c == '\'') {
      out_.push(T::kStringChar, i + 1);
      return character(i + 1);
    }
    if (c == '"') return string(i);
    if (scan::at(s_, i, "[]")) {
      out_.push(T::kKeywordType, i + 2);
      return i + 2;
    }
    if (scan::at(s_, i, "()")) {
      out_.push(T::kNameBuiltin, i + 2);
      return i + 2;
    }
    if (std::string_view("[](),;`{}").find(c) != std::string_view::npos) {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    std::size_t e = scan::next_char(s_, i);
    out_.push(T::kError, e);
    return e;
  }

  std::size_t number(std::size_t i) {
    auto digits = [&](std::size_t k, auto ok) {
      // d(_*d)*
      if (!ok(at(k))) return k;
      ++k;
      for (;;) {
        std::size_t u = k;
        while (at(u) == '_') ++u;
        if (!ok(at(u))) return k;
        k = u + 1;
      }
    };
    auto dec = [](char d) { return scan::is_digit(d); };
    auto hex = [](char d) { return scan::is_hex(d); };
    auto exponent = [&](std::size_t k) -> std::size_t {
      std::size_t u = k;
      while (at(u) == '_') ++u;
      if ((at(u) | 0x20) != 'e') return 0;
      std::size_t m = u + 1;
      if (at(m) == '+' || at(m) == '-') ++m;
      std::size_t d = digits(m, dec);
      return d > m ? d : 0;
    };
    char p = static_cast<char>(at(i + 1) | 0x20);
    if (s_[i] == '0' && (p == 'x' || p == 'b' || p == 'o')) {
      std::size_t k = i + 2;
      while (at(k) == '_') ++k;
      auto ok = [p](char d) { return p == 'x' ? scan::is_hex(d) : p == 'b' ? (d == '0' || d == '1') : (d >= '0' && d <= '7'); };
      std::size_t e = digits(k, ok);
      if (e > k) {
        if (p == 'x') {
          std::size_t f = e;
          if (at(f) == '.' && hex(at(f + 1))) f = digits(f + 1, hex);
          std::size_t u = f;
          while (at(u) == '_') ++u;
          if ((at(u) | 0x20) == 'p') {
            std::size_t m = u + 1;
            if (at(m) == '+' || at(m) == '-') ++m;
            std::size_t d = digits(m, dec);
            if (d > m) {
              out_.push(T::kNumberFloat, d);
              return d;
            }
          }
          if (f > e) {
            out_.push(T::kNumberFloat, f);
            return f;
          }
        }
        out_.push(p == 'x' ? T::kNumberHex : p == 'b' ? T::kNumberBin : T::kNumberOct, e);
        return e;
      }
    }
    std::size_t a = digits(i, dec);
    if (std::size_t x = exponent(a)) {
      out_.push(T::kNumberFloat, x);
      return x;
    }
    if (at(a) == '.' && dec(at(a + 1))) {
      std::size_t f = digits(a + 1, dec);
      std::size_t x = exponent(f);
      out_.push(T::kNumberFloat, x ? x : f);
      return x ? x : f;
    }
    out_.push(T::kNumberInteger, a);
    return a;
  }

  std::size_t escape(std::size_t j) {
    // j is just after the backslash.
    char c = at(j);
    if (c != '\0' && std::string_view("abfnrtv\"'&\\").find(c) != std::string_view::npos) return j + 1;
    if (c == '^' && (upper(at(j + 1)) || std::string_view("[]@^_").find(at(j + 1)) != std::string_view::npos) &&
        at(j + 1) != '\0') {
      return j + 2;
    }
    static constexpr std::string_view kAscii[] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT",
                                                  "LF", "VT", "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3",
                                                  "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS",
                                                  "RS", "US", "SP", "DEL"};
    for (std::string_view a : kAscii) {
      if (scan::at(s_, j, a)) return j + a.size();
    }
    if (c == 'o' && at(j + 1) >= '0' && at(j + 1) <= '7') {
      std::size_t e = j + 1;
      while (at(e) >= '0' && at(e) <= '7') ++e;
      return e;
    }
    if (c == 'x' && scan::is_hex(at(j + 1))) {
      std::size_t e = j + 1;
      while (scan::is_hex(at(e))) ++e;
      return e;
    }
    if (scan::is_digit(c)) {
      std::size_t e = j;
      while (scan::is_digit(at(e))) ++e;
      return e;
    }
    if (scan::is_space(c)) {
      std::size_t e = scan::skip_spaces(s_, j);
      if (at(e) == '\\') {
        out_.push(T::kText, e);
        return e + 1;
      }
    }
    return j;
  }

  std::size_t character(std::size_t j) {
    while (j < s_.size()) {
      if (s_[j] == '\\') {
        out_.push(T::kStringEscape, j + 1);
        std::size_t e = escape(j + 1);
        out_.push(T::kStringEscape, e);
        j = e;
        continue;
      }
      if (s_[j] == '\'') {
        out_.push(T::kStringChar, j + 1);
        return j + 1;
      }
      if (at(j + 1) == '\'') {
        out_.push(T::kStringChar, j + 2);
        return j + 2;
      }
      return j;
    }
    return j;
  }

  std::size_t string(std::size_t i) {
    std::size_t j = i + 1;
    out_.push(T::kString, j);
    while (j < s_.size()) {
      char c = s_[j];
      if (c == '"') {
        out_.push(T::kString, ++j);
        return j;
      }
      if (c == '\\') {
        out_.push(T::kStringEscape, j + 1);
        std::size_t e = escape(j + 1);
        out_.push(T::kStringEscape, e);
        j = e;
        continue;
      }
      out_.push(T::kString, ++j);
    }
    return j;
  }

  // After "import" or "module": names, "qualified", "as", "hiding", and
  // a parenthesized list of exported/imported names.
  std::size_t import_list(std::size_t j, bool import) {
    for (;;) {
      if (j >= s_.size()) return j;
      if (scan::is_space(s_[j])) {
        out_.push(T::kText, j = scan::skip_spaces(s_, j));
        continue;
      }
      if (import && scan::at(s_, j, "qualified") && !word_char(at(j + 9))) {
        out_.push(T::kKeyword, j += 9);
        continue;
      }
      if (import && s_[j] == '"') {
        j = string(j);
        continue;
      }
      if (import && s_[j] == ')') {
        out_.push(T::kPunctuation, j + 1);
        return j + 1;
      }
      if (upper(s_[j])) {
        std::size_t n = j;
        while (n < s_.size() && (scan::is_ident_char(s_[n]) || s_[n] == '.')) ++n;
        std::size_t sp = scan::skip_spaces(s_, n);
        if (import && sp > n && scan::at(s_, sp, "as") && scan::is_space(at(sp + 2))) {
          std::size_t t = scan::skip_spaces(s_, sp + 2);
          if (upper(at(t))) {
            std::size_t e = t;
            while (e < s_.size() && (scan::is_ident_char(s_[e]) || s_[e] == '.')) ++e;
            out_.push(T::kNameNamespace, n);
            out_.push(T::kText, sp);
            out_.push(T::kKeyword, sp + 2);
            out_.push(T::kText, t);
            out_.push(T::kName, e);
            return e;
          }
        }
        if (import && sp > n && scan::at(s_, sp, "hiding") && scan::is_space(at(sp + 6))) {
          std::size_t t = scan::skip_spaces(s_, sp + 6);
          if (at(t) == '(') {
            out_.push(T::kNameNamespace, n);
            out_.push(T::kText, sp);
            out_.push(T::kKeyword, sp + 6);
            out_.push(T::kText, t);
            out_.push(T::kPunctuation, t + 1);
            return names(t + 1);
          }
        }
        if (sp > n && at(sp) == '(') {
          out_.push(T::kNameNamespace, n);
          out_.push(T::kText, sp);
          out_.push(T::kPunctuation, sp + 1);
          return names(sp + 1);
        }
        out_.push(T::kNameNamespace, n);
        return n;
      }
      if (import && (scan::is_ident_char(s_[j]) || s_[j] == '.')) {
        std::size_t n = j;
        while (n < s_.size() && (scan::is_ident_char(s_[n]) || s_[n] == '.')) ++n;
        out_.push(T::kNameNamespace, n);
        return n;
      }
      return j;
    }
  }

  // Pygments' funclist, with its double push on '(' modelled as a count.
  std::size_t names(std::size_t j) {
    int lists = 1;
    while (j < s_.size()) {
      char c = s_[j];
      if (scan::is_space(c)) {
        out_.push(T::kText, j = scan::skip_spaces(s_, j));
      } else if (upper(c)) {
        std::size_t e = j;
        while (e < s_.size() && scan::is_ident_char(s_[e])) ++e;
        out_.push(T::kKeywordType, j = e);
      } else if (lower(c) && !(c == '_' && !word_char(at(j + 1)))) {
        out_.push(T::kNameFunction, j = word_end(j));
      } else if (std::size_t e = comment(j)) {
        j = e;
      } else if (c == ',') {
        out_.push(T::kPunctuation, ++j);
      } else if (symbol(c)) {
        std::size_t e = j;
        while (symbol(at(e))) ++e;
        out_.push(T::kOperator, j = e);
      } else if (c == '(') {
        out_.push(T::kPunctuation, ++j);
        lists += 2;
      } else if (c == ')') {
        out_.push(T::kPunctuation, ++j);
        if (lists < 2) return j;  // pops the list and the import/module state
        lists -= 2;
      } else {
        return j;
      }
    }
    return j;
  }

  std::string_view s_;
  TokenSink& out_;
  scan::Miss square_miss_;
  scan::Miss paren_miss_;
};

}  // namespace

void lex_haskell(std::string_view code, TokenSink& out) { HaskellLexer(code, out).run(); }

}  // namespace bengal::highlight

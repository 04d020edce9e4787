// Java, following Pygments' JavaLexer: method names found from their
// signatures ("Type name("), annotations, member access as attributes.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using scan::KeywordTable;
using T = Token;

constexpr KeywordTable<128> kWords = {
    {"assert", T::kKeyword}, {"break", T::kKeyword}, {"case", T::kKeyword}, {"catch", T::kKeyword},
    {"continue", T::kKeyword}, {"default", T::kKeyword}, {"do", T::kKeyword}, {"else", T::kKeyword},
    {"finally", T::kKeyword}, {"for", T::kKeyword}, {"if", T::kKeyword}, {"goto", T::kKeyword},
    {"instanceof", T::kKeyword}, {"new", T::kKeyword}, {"return", T::kKeyword}, {"switch", T::kKeyword},
    {"this", T::kKeyword}, {"throw", T::kKeyword}, {"try", T::kKeyword}, {"while", T::kKeyword},
};

constexpr KeywordTable<128> kLater = {
    {"abstract", T::kKeywordDeclaration}, {"const", T::kKeywordDeclaration}, {"enum", T::kKeywordDeclaration},
    {"extends", T::kKeywordDeclaration}, {"final", T::kKeywordDeclaration},
    {"implements", T::kKeywordDeclaration}, {"native", T::kKeywordDeclaration},
    {"private", T::kKeywordDeclaration}, {"protected", T::kKeywordDeclaration},
    {"public", T::kKeywordDeclaration}, {"sealed", T::kKeywordDeclaration}, {"static", T::kKeywordDeclaration},
    {"strictfp", T::kKeywordDeclaration}, {"super", T::kKeywordDeclaration},
    {"synchronized", T::kKeywordDeclaration}, {"throws", T::kKeywordDeclaration},
    {"transient", T::kKeywordDeclaration}, {"volatile", T::kKeywordDeclaration},
    {"yield", T::kKeywordDeclaration}, {"boolean", T::kKeywordType}, {"byte", T::kKeywordType},
    {"char", T::kKeywordType}, {"double", T::kKeywordType}, {"float", T::kKeywordType}, {"int", T::kKeywordType},
    {"long", T::kKeywordType}, {"short", T::kKeywordType}, {"void", T::kKeywordType},
    {"true", T::kKeywordConstant}, {"false", T::kKeywordConstant}, {"null", T::kKeywordConstant},
};

bool id_start(char c) { return scan::is_ident_start(c) || c == '$'; }
bool id_char(char c) { return scan::is_ident_char(c) || c == '$'; }
std::size_t id_end(std::string_view s, std::size_t i) {
  while (i < s.size() && id_char(s[i])) ++i;
  return i;
}

// The method-name pattern: (word[\w.\[\]$<>]* \s+)+? name \s* '('. Returns
// the offset of the name, or npos.
std::size_t method_name(std::string_view s, std::size_t i, std::size_t& name_end, scan::Miss& miss) {
  if (miss.covers(i)) return std::string_view::npos;
  std::size_t j = i;
  bool have_type = false;
  // Bounded so that long runs of words stay linear to lex.
  for (int words = 0; words < 16 && j < s.size() && id_start(s[j]) && !scan::is_digit(s[j]); ++words) {
    // Try this word as the method name (lazy: fewest type words first).
    std::size_t n = id_end(s, j);
    if (have_type) {
      std::size_t p = n;
      while (p < s.size() && scan::is_space(s[p])) ++p;
      if (p < s.size() && s[p] == '(') {
        name_end = n;
        return j;
      }
    }
    std::size_t w = j;
    while (w < s.size() && (id_char(s[w]) || s[w] == '.' || s[w] == '[' || s[w] == ']' || s[w] == '<' || s[w] == '>')) ++w;
    std::size_t sp = w;
    while (sp < s.size() && scan::is_space(s[sp])) ++sp;
    if (sp == w) {
      // Any start inside this first word ends at the same place: no match either.
      if (!have_type) miss.record(i, w);
      return std::string_view::npos;
    }
    have_type = true;
    j = sp;
  }
  return std::string_view::npos;
}

class JavaLexer {
 public:
  JavaLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) i = token(i);
  }

 private:
  bool at_line_start(std::size_t i) const { return i == 0 || s_[i - 1] == '\n'; }

  std::size_t token(std::size_t i) {
    char c = s_[i];
    if (scan::is_space(c)) {
      std::size_t e = c == '\n' ? i + 1 : i;
      while (e < s_.size() && scan::is_space(s_[e]) && s_[e] != '\n') ++e;
      out_.push(T::kText, e);
      return e;
    }
    if (c == '/' && i + 1 < s_.size() && s_[i + 1] == '/') {
      std::size_t e = scan::line_end(s_, i);  // the end of input counts as a newline
      out_.push(T::kCommentSingle, e);
      return e;
    }
    if (c == '/' && i + 1 < s_.size() && s_[i + 1] == '*') {
      std::size_t close = scan::find(s_, "*/", i + 2, comment_miss_);
      std::size_t e = close == std::string_view::npos ? i + 1 : close + 2;
      out_.push(close == std::string_view::npos ? T::kOperator : T::kCommentMultiline, e);
      return e;
    }
    if (id_start(c) && !scan::is_digit(c)) return word(i);
    if (c == '@' && i + 1 < s_.size() && id_start(s_[i + 1]) && !scan::is_digit(s_[i + 1])) {
      std::size_t e = i + 1;
      while (e < s_.size() && (scan::is_ident_char(s_[e]) || s_[e] == '.')) ++e;
      out_.push(T::kNameDecorator, e);
      return e;
    }
    if (c == '"') {
      if (scan::at(s_, i, "\"\"\"\n")) {
        std::size_t close = scan::find(s_, "\"\"\"", i + 4, text_block_miss_);
        std::size_t e = close == std::string_view::npos ? s_.size() : close + 3;
        out_.push(T::kString, e);
        return e;
      }
      std::size_t j = i + 1;
      while (j < s_.size() && s_[j] != '"') j += s_[j] == '\\' ? 2 : 1;
      j = j < s_.size() ? j + 1 : s_.size();
      out_.push(T::kString, j);
      return j;
    }
    if (c == '\'') {
      std::size_t e = 0;
      if (i + 2 < s_.size() && s_[i + 1] == '\\' && s_[i + 2] == 'u' && i + 7 < s_.size() && s_[i + 7] == '\'') e = i + 8;
      else if (i + 3 < s_.size() && s_[i + 1] == '\\' && s_[i + 3] == '\'') e = i + 4;
      else if (i + 2 < s_.size() && s_[i + 1] != '\\' && s_[scan::next_char(s_, i + 1)] == '\'') e = scan::next_char(s_, i + 1) + 1;
      if (e != 0) {
        out_.push(T::kStringChar, e);
        return e;
      }
    }
    if (c == '.' && i + 1 < s_.size() && id_start(s_[i + 1]) && !scan::is_digit(s_[i + 1])) {
      out_.push(T::kPunctuation, i + 1);
      std::size_t e = id_end(s_, i + 1);
      out_.push(T::kNameAttribute, e);
      return e;
    }
    if (scan::is_digit(c) || (c == '.' && i + 1 < s_.size() && scan::is_digit(s_[i + 1]))) return number(i);
    if (std::string_view("~^*!%&[]<>|+=/?-").find(c) != std::string_view::npos) {
      out_.push(T::kOperator, i + 1);
      return i + 1;
    }
    if (std::string_view("{}();:.,").find(c) != std::string_view::npos) {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    std::size_t e = scan::next_char(s_, i);
    out_.push(T::kError, e);
    return e;
  }

  std::size_t word(std::size_t i) {
    std::size_t e = id_end(s_, i);
    std::string_view w = s_.substr(i, e - i);
    if (T t = kWords.find(w, T::kText); t != T::kText) {
      out_.push(t, e);
      return e;
    }
    std::size_t name_end = 0;
    std::size_t name = in_signature_ ? std::string_view::npos : method_name(s_, i, name_end, method_miss_);
    if (name != std::string_view::npos) {
      // The return type and modifiers are lexed normally, up to the name.
      in_signature_ = true;
      std::size_t j = i;
      while (j < name) j = token(j);
      in_signature_ = false;
      out_.push(T::kNameFunction, name_end);
      return name_end;
    }
    if (T t = kLater.find(w, T::kText); t != T::kText) {
      out_.push(t, e);
      return e;
    }
    if (w == "package" || w == "import") {
      std::size_t k = e;
      if (w == "import") {
        std::size_t sp = scan::skip_spaces(s_, e);
        if (sp > e && scan::at(s_, sp, "static") && !(sp + 6 < s_.size() && id_char(s_[sp + 6]))) k = sp + 6;
      }
      std::size_t sp = scan::skip_spaces(s_, k);
      if (sp > k) {
        out_.push(T::kKeywordNamespace, k);
        out_.push(T::kText, sp);
        std::size_t n = sp;
        while (n < s_.size() && (scan::is_ident_char(s_[n]) || s_[n] == '.')) ++n;
        if (n < s_.size() && s_[n] == '*') ++n;
        out_.push(T::kNameNamespace, n);
        return n;
      }
    }
    if (w == "class" || w == "interface") {
      out_.push(T::kKeywordDeclaration, e);
      std::size_t sp = scan::skip_spaces(s_, e);
      out_.push(T::kText, sp);
      if (sp < s_.size() && id_start(s_[sp]) && !scan::is_digit(s_[sp])) {
        std::size_t n = id_end(s_, sp);
        out_.push(T::kNameClass, n);
        return n;
      }
      return sp;
    }
    if (w == "var") {
      std::size_t sp = scan::skip_spaces(s_, e);
      if (sp > e) {
        out_.push(T::kKeywordDeclaration, e);
        out_.push(T::kText, sp);
        return sp;
      }
    }
    if (at_line_start(i)) {
      std::size_t k = e;
      if (k < s_.size() && s_[k] == ':') {
        out_.push(w == "default" ? T::kKeyword : T::kNameLabel, e);
        out_.push(T::kPunctuation, e + 1);
        return e + 1;
      }
    }
    out_.push(T::kName, e);
    return e;
  }

  std::size_t number(std::size_t i) {
    auto at = [&](std::size_t k) { return k < s_.size() ? s_[k] : '\0'; };
    auto digits = [&](std::size_t k) {
      while (scan::is_digit(at(k)) || at(k) == '_') ++k;
      return k;
    };
    auto exponent = [&](std::size_t k) -> std::size_t {
      if ((at(k) | 0x20) != 'e') return k;
      std::size_t m = k + 1;
      if (at(m) == '+' || at(m) == '-') ++m;
      return scan::is_digit(at(m)) ? digits(m) : k;
    };
    auto fsuffix = [&](std::size_t k) {
      char f = static_cast<char>(at(k) | 0x20);
      return (f == 'f' || f == 'd') ? k + 1 : k;
    };
    if (s_[i] == '0' && (at(i + 1) | 0x20) == 'x' && scan::is_hex(at(i + 2))) {
      std::size_t k = i + 2;
      while (scan::is_hex(at(k)) || at(k) == '_') ++k;
      if ((at(k) | 0x20) == 'l') ++k;
      out_.push(T::kNumberHex, k);
      return k;
    }
    if (s_[i] == '0' && (at(i + 1) | 0x20) == 'b' && (at(i + 2) == '0' || at(i + 2) == '1')) {
      std::size_t k = i + 2;
      while (at(k) == '0' || at(k) == '1' || at(k) == '_') ++k;
      if ((at(k) | 0x20) == 'l') ++k;
      out_.push(T::kNumberBin, k);
      return k;
    }
    std::size_t a = s_[i] == '.' ? i : digits(i);
    if (at(a) == '.') {
      std::size_t k = fsuffix(exponent(digits(a + 1)));
      out_.push(T::kNumberFloat, k);
      return k;
    }
    if (a == i + 1) {  // [0-9][eE]..., [0-9][fFdD]
      std::size_t x = exponent(a);
      if (x > a || fsuffix(a) > a) {
        out_.push(T::kNumberFloat, fsuffix(x));
        return fsuffix(x);
      }
    }
    if (s_[i] == '0' && a > i + 1) {
      std::size_t k = (at(a) | 0x20) == 'l' ? a + 1 : a;
      out_.push(T::kNumberOct, k);
      return k;
    }
    if (s_[i] == '0') {
      out_.push(T::kNumberInteger, i + 1);
      return i + 1;
    }
    std::size_t k = (at(a) | 0x20) == 'l' ? a + 1 : a;
    out_.push(T::kNumberInteger, k);
    return k;
  }

  std::string_view s_;
  TokenSink& out_;
  bool in_signature_ = false;
  scan::Miss comment_miss_;
  scan::Miss text_block_miss_;
  scan::Miss method_miss_;
};

}  // namespace

void lex_java(std::string_view code, TokenSink& out) { JavaLexer(code, out).run(); }

}  // namespace bengal::highlight

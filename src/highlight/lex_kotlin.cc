// Kotlin, following Pygments' KotlinLexer: declarations with their
// modifiers (class/val/var/fun names), member access as attributes, string
// templates ($name, ${expr}).
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

constexpr scan::KeywordTable<128> kKeywords = {
    {"as", T::kKeyword}, {"break", T::kKeyword}, {"by", T::kKeyword}, {"catch", T::kKeyword},
    {"constructor", T::kKeyword}, {"continue", T::kKeyword}, {"do", T::kKeyword}, {"dynamic", T::kKeyword},
    {"else", T::kKeyword}, {"finally", T::kKeyword}, {"get", T::kKeyword}, {"for", T::kKeyword},
    {"if", T::kKeyword}, {"init", T::kKeyword}, {"in", T::kKeyword}, {"is", T::kKeyword}, {"out", T::kKeyword},
    {"reified", T::kKeyword}, {"return", T::kKeyword}, {"set", T::kKeyword}, {"super", T::kKeyword},
    {"this", T::kKeyword}, {"throw", T::kKeyword}, {"try", T::kKeyword}, {"typealias", T::kKeyword},
    {"typeof", T::kKeyword}, {"vararg", T::kKeyword}, {"when", T::kKeyword}, {"where", T::kKeyword},
    {"while", T::kKeyword}, {"it", T::kNameBuiltin}, {"Boolean", T::kKeywordType}, {"Byte", T::kKeywordType},
    {"Char", T::kKeywordType}, {"Double", T::kKeywordType}, {"Float", T::kKeywordType}, {"Int", T::kKeywordType},
    {"Long", T::kKeywordType}, {"Short", T::kKeywordType}, {"String", T::kKeywordType}, {"Any", T::kKeywordType},
    {"Unit", T::kKeywordType}, {"true", T::kKeywordConstant}, {"false", T::kKeywordConstant},
    {"null", T::kKeywordConstant},
};

constexpr scan::KeywordTable<64> kModifiers = {
    {"actual", T::kKeywordDeclaration}, {"abstract", T::kKeywordDeclaration},
    {"annotation", T::kKeywordDeclaration}, {"companion", T::kKeywordDeclaration},
    {"const", T::kKeywordDeclaration}, {"crossinline", T::kKeywordDeclaration},
    {"data", T::kKeywordDeclaration}, {"enum", T::kKeywordDeclaration}, {"expect", T::kKeywordDeclaration},
    {"external", T::kKeywordDeclaration}, {"final", T::kKeywordDeclaration}, {"infix", T::kKeywordDeclaration},
    {"inline", T::kKeywordDeclaration}, {"inner", T::kKeywordDeclaration}, {"internal", T::kKeywordDeclaration},
    {"lateinit", T::kKeywordDeclaration}, {"noinline", T::kKeywordDeclaration}, {"open", T::kKeywordDeclaration},
    {"operator", T::kKeywordDeclaration}, {"override", T::kKeywordDeclaration},
    {"private", T::kKeywordDeclaration}, {"protected", T::kKeywordDeclaration},
    {"public", T::kKeywordDeclaration}, {"sealed", T::kKeywordDeclaration}, {"suspend", T::kKeywordDeclaration},
    {"tailrec", T::kKeywordDeclaration}, {"value", T::kKeywordDeclaration},
};

bool id_start(char c) { return scan::is_alpha(c) || c == '_' || scan::is_high(c); }

// kt_id: @?name or a `backticked name`; returns the end or i.
std::size_t kt_id(std::string_view s, std::size_t i) {
  std::size_t j = i;
  if (j < s.size() && s[j] == '`') {
    std::size_t close = j + 1;
    while (close < s.size() && s[close] != '`' && s[close] != '\n') ++close;
    return close < s.size() && s[close] == '`' && close > j + 1 ? close + 1 : i;
  }
  if (j < s.size() && s[j] == '@') ++j;
  if (j >= s.size() || !id_start(s[j])) return i;
  return scan::skip_ident(s, j);
}

class KotlinLexer {
 public:
  KotlinLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t e = token(i, 0);
      i = e > i ? e : i + 1;
    }
  }

 private:
  char at(std::size_t k) const { return k < s_.size() ? s_[k] : '\0'; }

  // (modifier\s+)* [fun\s+]* then one of `heads`; returns the offset of the
  // head word, or npos. Modifiers are only words from the list.
  std::size_t after_modifiers(std::size_t i, bool allow_fun, std::initializer_list<std::string_view> heads,
                              std::string_view& head) const {
    std::size_t j = i;
    for (;;) {
      std::size_t e = j;
      while (e < s_.size() && scan::is_ident_char(s_[e])) ++e;
      std::string_view w = s_.substr(j, e - j);
      for (std::string_view h : heads) {
        if (w == h) {
          head = h;
          return j;
        }
      }
      if (w.empty() || !(kModifiers.contains(w) || (allow_fun && w == "fun"))) return std::string_view::npos;
      std::size_t sp = scan::skip_spaces(s_, e);
      if (sp == e) return std::string_view::npos;
      j = sp;
    }
  }

  void modifiers(std::size_t i, std::size_t end) {
    while (i < end) {
      if (scan::is_space(s_[i])) {
        out_.push(T::kText, i = scan::skip_spaces(s_, i));
        continue;
      }
      std::size_t e = i;
      while (e < end && scan::is_ident_char(s_[e])) ++e;
      out_.push(T::kKeywordDeclaration, i = e > i ? e : i + 1);
    }
  }

  // One token; `interp` > 0 inside ${...} (a '}' at depth 0 ends it: returns i).
  std::size_t token(std::size_t i, int interp) {
    char c = s_[i];
    if (scan::is_space(c)) {
      std::size_t e = scan::skip_spaces(s_, i);
      out_.push(T::kText, e);
      return e;
    }
    if (c == '\\' && (i + 1 == s_.size() || s_[i + 1] == '\n')) {
      out_.push(T::kStringEscape, i + 1);
      return i + 1;
    }
    if (c == '/' && at(i + 1) == '/') {
      std::size_t e = scan::line_end(s_, i);  // the end of input counts as a newline
      out_.push(T::kCommentSingle, e);
      return e;
    }
    if (c == '#' && at(i + 1) == '!' && at(i + 2) == '/' && (i == 0 || s_[i - 1] == '\n')) {
      std::size_t e = scan::line_end(s_, i);
      out_.push(T::kCommentSingle, e);
      return e;
    }
    if (c == '/' && at(i + 1) == '*') {
      std::size_t close = scan::find(s_, "*/", i + 2, comment_miss_);
      if (close != std::string_view::npos) {
        out_.push(T::kCommentMultiline, close + 2);
        return close + 2;
      }
    }
    if (id_start(c) || c == '!') {
      std::size_t b = i;
      while (b < s_.size() && s_[b] == '!') ++b;
      std::size_t e = scan::skip_ident(s_, b);
      std::string_view w = s_.substr(b, e - b);
      if (w == "as" && at(e) == '?') {
        out_.push(T::kKeyword, e + 1);
        return e + 1;
      }
      if (b > i && (w == "in" || w == "is")) {
        out_.push(T::kKeyword, e);
        return e;
      }
      if (b == i) {
        T t = kKeywords.find(w, T::kText);
        if (t == T::kKeywordType && at(e) == '?') ++e;
        if (t != T::kText) {
          out_.push(t, e);
          return e;
        }
        if (w == "package" || w == "import") {
          std::size_t sp = scan::skip_spaces(s_, e);
          std::size_t n = sp;
          while (n < s_.size() && !scan::is_space(s_[n])) ++n;
          if (sp > e && n > sp) {
            out_.push(T::kKeyword, e);
            out_.push(T::kText, sp);
            out_.push(T::kNameNamespace, n);
            return n;
          }
        }
        // Labels: name@
        std::size_t l = e;
        while (l < s_.size() && (scan::is_ident_char(s_[l]) || s_[l] == '.')) ++l;
        if (l > i + 1 && at(l) == '@') {
          out_.push(T::kNameDecorator, l + 1);
          return l + 1;
        }
        if (w == "object") {
          std::size_t a = scan::skip_spaces(s_, e);
          if (a > e && at(a) == ':') {
            std::size_t b2 = scan::skip_spaces(s_, a + 1);
            if (b2 > a + 1) {
              out_.push(T::kKeyword, e);
              out_.push(T::kText, a);
              out_.push(T::kPunctuation, a + 1);
              out_.push(T::kText, b2);
              return declared_name(b2, T::kNameClass);
            }
          }
        }
        if (std::size_t d = declaration(i); d != 0) return d;
      }
    }
    if (c == '?' && at(i + 1) == '.' && kt_id(s_, i + 2) > i + 2) {
      out_.push(T::kOperator, i + 2);
      std::size_t e = kt_id(s_, i + 2);
      out_.push(T::kNameAttribute, e);
      return e;
    }
    if (c == '.' && kt_id(s_, i + 1) > i + 1 && at(i + 1) != '@') {
      out_.push(T::kPunctuation, i + 1);
      std::size_t e = kt_id(s_, i + 1);
      out_.push(T::kNameAttribute, e);
      return e;
    }
    if (c == '@' && id_start(at(i + 1))) {
      std::size_t e = i + 1;
      while (e < s_.size() && (scan::is_ident_char(s_[e]) || s_[e] == '.')) ++e;
      out_.push(T::kNameDecorator, e);
      return e;
    }
    if (scan::at(s_, i, "::") || scan::at(s_, i, "!!") || scan::at(s_, i, "?:") || scan::at(s_, i, "?.")) {
      out_.push(T::kOperator, i + 2);
      return i + 2;
    }
    if (std::string_view("~^*!%&[]<>|+=/?-").find(c) != std::string_view::npos) {
      out_.push(T::kOperator, i + 1);
      return i + 1;
    }
    if (c == '{' && interp > 0) {
      out_.push(T::kPunctuation, i + 1);
      ++depth_;
      return i + 1;
    }
    if (c == '}' && interp > 0) {
      if (depth_ == 0) return i;
      --depth_;
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    if (std::string_view("{}();:.,").find(c) != std::string_view::npos) {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    if (c == '"') return string(i);
    if (c == '\'') {
      std::size_t e = 0;
      if (at(i + 1) == '\\' && at(i + 3) == '\'') e = i + 4;
      else if (at(i + 1) != '\\' && i + 1 < s_.size() && at(scan::next_char(s_, i + 1)) == '\'') e = scan::next_char(s_, i + 1) + 1;
      if (e != 0) {
        out_.push(T::kStringChar, e);
        return e;
      }
    }
    if (scan::is_digit(c)) {
      // [0-9](\.[0-9]*)?([eE][+-][0-9]+)?[flFL]? — one digit at a time.
      std::size_t e = i + 1;
      if (at(e) == '.') {
        ++e;
        while (scan::is_digit(at(e))) ++e;
      }
      if ((at(e) | 0x20) == 'e' && (at(e + 1) == '+' || at(e + 1) == '-') && scan::is_digit(at(e + 2))) {
        e += 2;
        while (scan::is_digit(at(e))) ++e;
      }
      if (at(e) != '\0' && std::string_view("flFL").find(at(e)) != std::string_view::npos) ++e;
      out_.push(T::kNumber, e);
      return e;
    }
    if (std::size_t e = kt_id(s_, i); e > i) {
      if (at(e) == '?' && e + 1 < s_.size() && s_[e + 1] != '.') e += 2;
      out_.push(T::kName, e);
      return e;
    }
    std::size_t e = scan::next_char(s_, i);
    out_.push(T::kError, e);
    return e;
  }

  // class/interface/object, var/val and fun, each with its modifiers.
  std::size_t declaration(std::size_t i) {
    std::string_view head;
    std::size_t h = after_modifiers(i, true, {"class", "interface", "object"}, head);
    if (h != std::string_view::npos) {
      std::size_t e = h + head.size();
      std::size_t sp = scan::skip_spaces(s_, e);
      if (sp > e) {
        modifiers(i, h);
        out_.push(T::kKeywordDeclaration, e);
        out_.push(T::kText, sp);
        return declared_name(sp, T::kNameClass);
      }
    }
    if (scan::at(s_, i, "var") || scan::at(s_, i, "val")) {
      std::size_t sp = scan::skip_spaces(s_, i + 3);
      if (sp > i + 3 && at(sp) == '(') {
        out_.push(T::kKeywordDeclaration, i + 3);
        out_.push(T::kText, sp);
        out_.push(T::kPunctuation, sp + 1);
        return destructuring(sp + 1);
      }
    }
    h = after_modifiers(i, false, {"var", "val"}, head);
    if (h != std::string_view::npos) {
      std::size_t sp = scan::skip_spaces(s_, h + 3);
      if (sp > h + 3) {
        modifiers(i, h);
        out_.push(T::kKeywordDeclaration, h + 3);
        out_.push(T::kText, sp);
        return declared_name(sp, T::kNameVariable);
      }
    }
    h = after_modifiers(i, false, {"fun"}, head);
    if (h != std::string_view::npos) {
      std::size_t sp = scan::skip_spaces(s_, h + 3);
      if (sp > h + 3) {
        modifiers(i, h);
        out_.push(T::kKeywordDeclaration, h + 3);
        out_.push(T::kText, sp);
        return function_name(sp);
      }
    }
    return 0;
  }

  std::size_t declared_name(std::size_t i, T t) {
    std::size_t e = kt_id(s_, i);
    if (e > i) out_.push(t, e);
    return e;
  }

  std::size_t function_name(std::size_t i) {
    if (at(i) == '<') {
      out_.push(T::kOperator, i + 1);
      i = generic(i + 1);
    }
    std::size_t a = kt_id(s_, i);
    if (a > i && at(a) == '.') {
      std::size_t b = kt_id(s_, a + 1);
      if (b > a + 1) {
        out_.push(T::kName, a);
        out_.push(T::kPunctuation, a + 1);
        out_.push(T::kNameFunction, b);
        return b;
      }
    }
    if (a > i) out_.push(T::kNameFunction, a);
    return a;
  }

  std::size_t generic(std::size_t i) {
    while (i < s_.size()) {
      char c = s_[i];
      if (c == '>') {
        out_.push(T::kOperator, i + 1);
        std::size_t e = scan::skip_spaces(s_, i + 1);
        out_.push(T::kText, e);
        return e;
      }
      if (c == ':' || c == ',') {
        out_.push(T::kPunctuation, ++i);
      } else if (scan::is_space(c)) {
        out_.push(T::kText, i = scan::skip_spaces(s_, i));
      } else if (std::size_t e = kt_id(s_, i); e > i) {
        std::string_view w = s_.substr(i, e - i);
        out_.push(w == "reified" || w == "out" || w == "in" ? T::kKeyword : T::kName, i = e);
      } else {
        return i;
      }
    }
    return i;
  }

  std::size_t destructuring(std::size_t i) {
    while (i < s_.size()) {
      char c = s_[i];
      if (c == ')') {
        out_.push(T::kPunctuation, i + 1);
        return i + 1;
      }
      if (c == ',') {
        out_.push(T::kPunctuation, ++i);
      } else if (scan::is_space(c)) {
        out_.push(T::kText, i = scan::skip_spaces(s_, i));
      } else if (c == ':') {
        std::size_t sp = scan::skip_spaces(s_, i + 1);
        std::size_t e = kt_id(s_, sp);
        if (sp == i + 1 || e == sp) return i;
        out_.push(T::kPunctuation, i + 1);
        out_.push(T::kText, sp);
        out_.push(T::kName, i = e);
      } else if (c == '<') {
        out_.push(T::kOperator, i + 1);
        i = generic(i + 1);
      } else if (std::size_t e = kt_id(s_, i); e > i) {
        out_.push(T::kNameVariable, i = e);
      } else {
        return i;
      }
    }
    return i;
  }

  std::size_t string(std::size_t i) {
    const bool triple = scan::at(s_, i, "\"\"\"");
    std::size_t j = i + (triple ? 3 : 1);
    out_.push(T::kString, j);
    while (j < s_.size()) {
      char c = s_[j];
      if (triple ? scan::at(s_, j, "\"\"\"") : c == '"') {
        out_.push(T::kString, j += triple ? 3 : 1);
        return j;
      }
      if (c == '\\') {
        out_.push(T::kString, j += (at(j + 1) == '\\' || at(j + 1) == '"') ? 2 : 1);
        continue;
      }
      if (c == '$' && at(j + 1) == '{') {
        out_.push(T::kStringInterpol, j + 2);
        j = interpolation(j + 2);
        continue;
      }
      if (c == '$' && scan::is_ident_char(at(j + 1))) {
        out_.push(T::kStringInterpol, j + 1);
        std::size_t e = scan::skip_ident(s_, j + 1);
        out_.push(T::kName, j = e);
        continue;
      }
      out_.push(T::kString, ++j);
    }
    return j;
  }

  std::size_t interpolation(std::size_t j) {
    int saved = depth_;
    depth_ = 0;
    while (j < s_.size()) {
      if (s_[j] == '}' && depth_ == 0) {
        out_.push(T::kStringInterpol, j + 1);
        depth_ = saved;
        return j + 1;
      }
      if (s_[j] == '"') {
        out_.push(T::kString, ++j);
        continue;
      }
      std::size_t e = token(j, 1);
      if (e == j) break;
      j = e;
    }
    depth_ = saved;
    return j;
  }

  std::string_view s_;
  TokenSink& out_;
  int depth_ = 0;
  scan::Miss comment_miss_;
};

}  // namespace

void lex_kotlin(std::string_view code, TokenSink& out) { KotlinLexer(code, out).run(); }

}  // namespace bengal::highlight

// Scala (2 and 3), following Pygments' ScalaLexer: declarations name their
// definitions, capitalized identifiers are classes, s"" / f"" strings
// interpolate, operators are runs of operator characters.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

constexpr scan::KeywordTable<64> kKeywords = {
    {"new", T::kKeyword}, {"return", T::kKeyword}, {"throw", T::kKeyword}, {"classOf", T::kKeyword},
    {"isInstanceOf", T::kKeyword}, {"asInstanceOf", T::kKeyword}, {"else", T::kKeyword}, {"if", T::kKeyword},
    {"then", T::kKeyword}, {"do", T::kKeyword}, {"while", T::kKeyword}, {"for", T::kKeyword},
    {"yield", T::kKeyword}, {"match", T::kKeyword}, {"case", T::kKeyword}, {"catch", T::kKeyword},
    {"finally", T::kKeyword}, {"try", T::kKeyword}, {"private", T::kKeyword}, {"protected", T::kKeyword},
    {"synchronized", T::kKeyword}, {"abstract", T::kKeyword}, {"final", T::kKeyword}, {"lazy", T::kKeyword},
    {"sealed", T::kKeyword}, {"implicit", T::kKeyword}, {"override", T::kKeyword},
    {"this", T::kNameBuiltinPseudo}, {"super", T::kNameBuiltinPseudo}, {"true", T::kKeywordConstant},
    {"false", T::kKeywordConstant}, {"null", T::kKeywordConstant}, {"val", T::kKeywordDeclaration},
    {"var", T::kKeywordDeclaration},
};

bool letter(char c) { return scan::is_alpha(c) || c == '_' || c == '$' || scan::is_high(c); }
bool opchar(char c) { return c != '\0' && std::string_view("!#%&*-/:?@^+<=>|~\\").find(c) != std::string_view::npos; }

// idrest: letter (letter|digit)* (_ opchar+)?
std::size_t idrest(std::string_view s, std::size_t i) {
  if (i >= s.size() || !letter(s[i])) return i;
  std::size_t e = i + 1;
  while (e < s.size() && (letter(s[e]) || scan::is_digit(s[e]))) ++e;
  if (s[e - 1] == '_') {
    while (e < s.size() && opchar(s[e])) ++e;
  }
  return e;
}

// anyId: idrest | opchar+ | `quoted`
std::size_t any_id(std::string_view s, std::size_t i) {
  if (i >= s.size()) return i;
  if (s[i] == '`') {
    std::size_t close = s.find('`', i + 1);
    return close != std::string_view::npos && close > i + 1 ? close + 1 : i;
  }
  if (letter(s[i])) return idrest(s, i);
  std::size_t e = i;
  while (e < s.size() && opchar(s[e])) ++e;
  return e;
}

bool upper(char c) { return c >= 'A' && c <= 'Z'; }

class ScalaLexer {
 public:
  ScalaLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t e = token(i, false);
      i = e > i ? e : i + 1;
    }
  }

 private:
  char at(std::size_t k) const { return k < s_.size() ? s_[k] : '\0'; }
  bool word_at(std::size_t i, std::string_view w) const {
    return scan::at(s_, i, w) && !scan::is_ident_char(at(i + w.size())) && (i == 0 || !scan::is_ident_char(s_[i - 1]));
  }

  std::size_t comment(std::size_t i) {
    if (scan::at(s_, i, "//")) {
      std::size_t e = scan::line_end(s_, i);
      e = e < s_.size() ? e + 1 : e;  // the end of input counts as a newline
      out_.push(T::kCommentSingle, e);
      return e;
    }
    if (!scan::at(s_, i, "/*")) return 0;
    int depth = 0;
    std::size_t j = i;
    while (j < s_.size()) {
      if (scan::at(s_, j, "/*")) {
        ++depth;
        j += 2;
      } else if (scan::at(s_, j, "*/")) {
        j += 2;
        if (--depth == 0) break;
      } else {
        ++j;
      }
    }
    out_.push(T::kCommentMultiline, j);
    return j;
  }

  // keyword \s* name? with the name in class `t` (not when a comment follows).
  std::size_t named(std::size_t i, std::size_t kw_end, T t) {
    out_.push(T::kKeyword, kw_end);
    std::size_t sp = scan::skip_spaces(s_, kw_end);
    out_.push(T::kText, sp);
    if (scan::at(s_, sp, "//") || scan::at(s_, sp, "/*")) return sp;
    std::size_t e = any_id(s_, sp);
    if (e > sp) out_.push(t, e);
    (void)i;
    return e > sp ? e : sp;
  }

  std::size_t qualified_path(std::size_t i) {
    // import-path: names up to the end of the line (or ';' / ':').
    while (i < s_.size()) {
      char c = s_[i];
      if (c == '\n' || c == ';') return i;
      if (std::size_t e = comment(i)) {
        i = e;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r') {
        out_.push(T::kText, ++i);
        continue;
      }
      if (word_at(i, "given")) {
        out_.push(T::kKeyword, i += 5);
        continue;
      }
      if (c == '{') {
        out_.push(T::kPunctuation, ++i);
        while (i < s_.size() && s_[i] != '}') {
          char d = s_[i];
          if (scan::is_space(d)) {
            out_.push(T::kText, i = scan::skip_spaces(s_, i));
          } else if (scan::at(s_, i, "=>")) {
            out_.push(T::kOperator, i += 2);
          } else if (d == ',' || d == '[' || d == ']') {
            out_.push(T::kPunctuation, ++i);
          } else if (std::size_t e = name_in_path(i); e > i) {
            i = e;
          } else {
            return i;
          }
        }
        if (i < s_.size()) out_.push(T::kPunctuation, ++i);
        continue;
      }
      std::size_t e = name_in_path(i);
      if (e == i) return i;
      i = e;
      if (i > 0 && s_[i - 1] == ':') return i;
    }
    return i;
  }

  std::size_t name_in_path(std::size_t i) {
    if (upper(s_[i])) {
      std::size_t e = idrest(s_, i);
      out_.push(T::kNameClass, e);
      return e;
    }
    std::size_t e = any_id(s_, i);
    if (e > i && at(e) == '.') {
      out_.push(T::kNameNamespace, e);
      out_.push(T::kPunctuation, e + 1);
      return e + 1;
    }
    if (s_[i] == '.') {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    if (e > i) out_.push(T::kName, e);
    return e;
  }

  std::size_t token(std::size_t i, bool in_brace) {
    char c = s_[i];
    if (scan::is_space(c)) {
      std::size_t e = scan::skip_spaces(s_, i);
      out_.push(T::kText, e);
      return e;
    }
    if (std::size_t e = comment(i)) return e;
    if (c == '#' && at(i + 1) == '!' && (i == 0 || s_[i - 1] == '\n')) {
      std::size_t e = scan::line_end(s_, i);
      out_.push(T::kCommentHashbang, e);
      return e;
    }
    if (word_at(i, "import") && scan::is_space(at(i + 6))) {
      out_.push(T::kKeyword, i + 6);
      std::size_t sp = scan::skip_spaces(s_, i + 6);
      out_.push(T::kText, sp);
      return qualified_path(sp);
    }
    if (word_at(i, "export") && scan::is_space(at(i + 6))) {
      out_.push(T::kKeyword, i + 6);
      std::size_t sp = scan::skip_spaces(s_, i + 6);
      out_.push(T::kText, sp);
      return qualified_path(sp);
    }
    if (c == '@' && letter(at(i + 1))) {
      std::size_t e = idrest(s_, i + 1);
      out_.push(T::kNameDecorator, e);
      return e;
    }
    if (c == '(' ) {
      std::size_t sp = scan::skip_spaces(s_, i + 1);
      if (word_at(sp, "using") && scan::is_space(at(sp + 5))) {
        out_.push(T::kPunctuation, i + 1);
        out_.push(T::kText, sp);
        out_.push(T::kKeyword, sp + 5);
        return sp + 5;
      }
    }
    if (letter(c)) {
      std::size_t w = i;
      while (w < s_.size() && scan::is_ident_char(s_[w])) ++w;
      std::string_view word = s_.substr(i, w - i);
      if (i == 0 || !scan::is_ident_char(s_[i - 1])) {
        if (word == "def") return named(i, w, T::kNameFunction);
        if (word == "trait") return named(i, w, T::kNameClass);
        if (word == "class" || word == "object" || word == "enum") return named(i, w, T::kNameClass);
        if (word == "case") {
          std::size_t sp = scan::skip_spaces(s_, w);
          for (std::string_view k : {"class", "object", "enum"}) {
            if (sp > w && word_at(sp, k)) {
              out_.push(T::kKeyword, w);
              out_.push(T::kText, sp);
              return named(sp, sp + k.size(), T::kNameClass);
            }
          }
        }
        if (word == "type" && !(i > 0 && s_[i - 1] == '.')) return named(i, w, T::kNameClass);
        if (word == "package") {
          std::size_t sp = scan::skip_spaces(s_, w);
          if (sp > w) {
            if (word_at(sp, "object")) {
              out_.push(T::kKeyword, w);
              out_.push(T::kText, sp);
              return named(sp, sp + 6, T::kNameNamespace);
            }
            out_.push(T::kKeyword, w);
            out_.push(T::kText, sp);
            return qualified_path(sp);
          }
        }
        if (word == "extends" || word == "with" || word == "derives") {
          out_.push(T::kKeyword, w);
          std::size_t sp = scan::skip_spaces(s_, w);
          out_.push(T::kText, sp);
          if (upper(at(sp))) {
            std::size_t e = idrest(s_, sp);
            out_.push(T::kNameClass, e);
            return e;
          }
          return sp;
        }
        if (word == "end") {
          std::size_t sp = scan::skip_spaces(s_, w);
          for (std::string_view k : {"if", "while", "for", "match", "new", "extension", "val", "var"}) {
            if (sp > w && word_at(sp, k)) {
              out_.push(T::kKeyword, w);
              out_.push(T::kText, sp);
              out_.push(T::kKeyword, sp + k.size());
              return sp + k.size();
            }
          }
        }
        T t = kKeywords.find(word, T::kText);
        if (t != T::kText) {
          out_.push(t, w);
          return w;
        }
      }
    }
    if (std::size_t e = constant(i)) return e;
    if ((c == 's' || c == 'f') && at(i + 1) == '"') {
      out_.push(T::kString, i + 1);
      return interpolated(i + 1);
    }
    if (scan::at(s_, i, "raw\"")) {
      std::size_t j = i + 4;
      while (j < s_.size() && s_[j] != '"') j += s_[j] == '\\' ? 2 : 1;
      if (j < s_.size()) {
        out_.push(T::kString, j + 1);
        return j + 1;
      }
    }
    if (c == '\'' && letter(at(i + 1))) {
      std::size_t e = idrest(s_, i + 1);
      if (at(e) != '\'') {
        out_.push(T::kStringSymbol, e);
        return e;
      }
    }
    if (c == '.' && word_at(i + 1, "type")) {
      out_.push(T::kPunctuation, i + 1);
      out_.push(T::kKeyword, i + 5);
      return i + 5;
    }
    if ((c == '\'' || c == '$') && at(i + 1) == '{' && at(i + 2) != '\'') {
      out_.push(T::kPunctuation, i + 2);
      return i + 2;
    }
    if (in_brace && (c == '}' || c == '{')) return i;
    // Operators.
    if (opchar(c)) {
      // The run of operator characters from here; later starts inside the
      // same run reuse its end (keeps long runs linear).
      if (!(i > op_run_start_ && i < op_run_end_)) {
        op_run_start_ = i;
        op_run_end_ = i;
        while (opchar(at(op_run_end_))) ++op_run_end_;
      }
      std::size_t e = op_run_end_;
      if (e - i >= 2 && scan::is_space(at(e))) {
        out_.push(T::kOperator, e);
        return e;
      }
      if (c == '/' && at(i + 1) != '/' && at(i + 1) != '*') {
        out_.push(T::kOperator, i + 1);
        return i + 1;
      }
      static constexpr std::string_view kOps[] = {"<%<", "=:=", "<:<", "<%", ">:", "<:", "==", "!=", "<=", ">=",
                                                  "<>", "<-", "->", "=>", "=", "<", ">", "?", "@", "|", "-",
                                                  "+", "*", "%", "~", "\\"};
      for (std::string_view o : kOps) {
        if (scan::at(s_, i, o)) {
          out_.push(T::kOperator, i + o.size());
          return i + o.size();
        }
      }
      if ((c == '!' || scan::at(s_, i, "&&") || scan::at(s_, i, "||")) && !(i > 0 && opchar(s_[i - 1]))) {
        std::size_t e2 = c == '!' ? i + 1 : i + 2;
        if (!opchar(at(e2))) {
          out_.push(T::kOperator, e2);
          return e2;
        }
      }
    }
    if (std::string_view("{}()[];,.").find(c) != std::string_view::npos) {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    if (c == ':' && !(i > 0 && s_[i - 1] == ':') && at(i + 1) != ':') {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    if (upper(c)) {
      std::size_t e = idrest(s_, i);
      out_.push(T::kNameClass, e);
      return e;
    }
    if (std::size_t e = any_id(s_, i); e > i) {
      out_.push(T::kName, e);
      return e;
    }
    std::size_t e = scan::next_char(s_, i);
    out_.push(T::kError, e);
    return e;
  }

  std::size_t constant(std::size_t i) {
    char c = s_[i];
    if (c == '0' && (at(i + 1) | 0x20) == 'x') {
      std::size_t e = i + 2;
      while (scan::is_hex(at(e)) || at(e) == '_') ++e;
      out_.push(T::kNumberHex, e);
      return e;
    }
    auto digits_ = [&](std::size_t k) {
      while (scan::is_digit(at(k)) || at(k) == '_') ++k;
      return k;
    };
    auto exponent = [&](std::size_t k) -> std::size_t {
      if ((at(k) | 0x20) != 'e') return k;
      std::size_t m = k + 1;
      if (at(m) == '+' || at(m) == '-') ++m;
      if (!scan::is_digit(at(m))) return k;
      return digits_(m);
    };
    auto fsuffix = [&](std::size_t k) {
      char f = static_cast<char>(at(k) | 0x20);
      return f == 'f' || f == 'd' ? k + 1 : k;
    };
    if (scan::is_digit(c) || (c == '.' && scan::is_digit(at(i + 1)))) {
      std::size_t a = c == '.' ? i : digits_(i);
      if (at(a) == '.' && scan::is_digit(at(a + 1))) {
        std::size_t e = fsuffix(exponent(digits_(a + 1)));
        out_.push(T::kNumberFloat, e);
        return e;
      }
      std::size_t d = i;
      while (scan::is_digit(at(d))) ++d;
      std::size_t x = exponent(d);
      if (fsuffix(x) > x || x > d) {
        out_.push(T::kNumberFloat, fsuffix(x));
        return fsuffix(x);
      }
      if ((at(d) | 0x20) == 'l') {
        out_.push(T::kNumberIntegerLong, d + 1);
        return d + 1;
      }
      out_.push(T::kNumberInteger, d);
      return d;
    }
    if (c == '"') {
      if (scan::at(s_, i, "\"\"\"")) {
        std::size_t close = scan::find(s_, "\"\"\"", i + 3, triple_miss_);
        if (close != std::string_view::npos) {
          std::size_t e = close + 3;
          while (at(e) == '"') ++e;  // """...""""" ends at the last quotes
          out_.push(T::kString, e);
          return e;
        }
      }
      std::size_t j = i + 1;
      if (!string_miss_.covers(i)) {
        while (j < s_.size() && s_[j] != '"') j += s_[j] == '\\' ? 2 : 1;
        if (j < s_.size()) {
          out_.push(T::kString, j + 1);
          return j + 1;
        }
        string_miss_.record(i, s_.size() + 1);
      }
    }
    if (c == '\'') {
      if (at(i + 1) == '\\' && at(i + 3) == '\'') {
        out_.push(T::kStringChar, i + 1);
        out_.push(T::kStringEscape, i + 3);
        out_.push(T::kStringChar, i + 4);
        return i + 4;
      }
      if (at(i + 1) != '\\' && i + 1 < s_.size() && at(scan::next_char(s_, i + 1)) == '\'') {
        std::size_t e = scan::next_char(s_, i + 1) + 1;
        out_.push(T::kStringChar, e);
        return e;
      }
    }
    return 0;
  }

  // s"..." / f"..." (and triple-quoted) from the opening quote.
  std::size_t interpolated(std::size_t q) {
    const bool triple = scan::at(s_, q, "\"\"\"");
    std::size_t j = q + (triple ? 3 : 1);
    out_.push(T::kString, j);
    while (j < s_.size()) {
      char c = s_[j];
      if (c == '"') {
        if (!triple) {
          out_.push(T::kString, ++j);
          return j;
        }
        if (scan::at(s_, j, "\"\"\"") && at(j + 3) != '"') {
          out_.push(T::kString, j += 3);
          return j;
        }
        out_.push(T::kString, ++j);
        continue;
      }
      if (c == '$') {
        if (at(j + 1) == '$') {
          out_.push(T::kStringEscape, j += 2);
          continue;
        }
        if (letter(at(j + 1)) && at(j + 1) != '$') {
          out_.push(T::kStringInterpol, j + 1);
          std::size_t e = j + 2;
          while (e < s_.size() && (scan::is_alpha(s_[e]) || s_[e] == '_' || scan::is_digit(s_[e]) || scan::is_high(s_[e]))) ++e;
          out_.push(T::kName, j = e);
          continue;
        }
        if (at(j + 1) == '{' && nesting_ < kMaxNesting) {
          out_.push(T::kStringInterpol, j + 2);
          ++nesting_;
          j = brace(j + 2);
          --nesting_;
          continue;
        }
      }
      if (c == '\\' && j + 1 < s_.size()) {
        out_.push(T::kString, j = scan::next_char(s_, j + 1));
        continue;
      }
      out_.push(T::kString, ++j);
    }
    return j;
  }

  std::size_t brace(std::size_t j) {
    int depth = 0;
    while (j < s_.size()) {
      char c = s_[j];
      if (c == '}') {
        if (depth == 0) {
          out_.push(T::kStringInterpol, j + 1);
          return j + 1;
        }
        --depth;
        out_.push(T::kPunctuation, ++j);
        continue;
      }
      if (c == '{') {
        ++depth;
        out_.push(T::kPunctuation, ++j);
        continue;
      }
      std::size_t e = token(j, true);
      if (e <= j) e = scan::next_char(s_, j);
      j = e;
    }
    return j;
  }

  // Interpolations nest (s"${s"${...}"}"); deeper ones are left as string
  // text so that hostile input cannot exhaust the stack.
  static constexpr int kMaxNesting = 16;

  std::string_view s_;
  TokenSink& out_;
  int nesting_ = 0;
  scan::Miss triple_miss_;
  scan::Miss string_miss_;
  std::size_t op_run_start_ = 0;
  std::size_t op_run_end_ = 0;
};

}  // namespace

void lex_scala(std::string_view code, TokenSink& out) { ScalaLexer(code, out).run(); }

}  // namespace bengal::highlight

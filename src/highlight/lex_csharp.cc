// C#, following Pygments' CSharpLexer: method names from their signatures
// at line start, [Attributes], verbatim and interpolated strings as one
// token, preprocessor lines.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

constexpr scan::KeywordTable<256> kWords = {
    {"abstract", T::kKeyword}, {"as", T::kKeyword}, {"async", T::kKeyword}, {"await", T::kKeyword},
    {"base", T::kKeyword}, {"break", T::kKeyword}, {"by", T::kKeyword}, {"case", T::kKeyword},
    {"catch", T::kKeyword}, {"checked", T::kKeyword}, {"const", T::kKeyword}, {"continue", T::kKeyword},
    {"default", T::kKeyword}, {"delegate", T::kKeyword}, {"do", T::kKeyword}, {"else", T::kKeyword},
    {"enum", T::kKeyword}, {"event", T::kKeyword}, {"explicit", T::kKeyword}, {"extern", T::kKeyword},
    {"false", T::kKeyword}, {"finally", T::kKeyword}, {"fixed", T::kKeyword}, {"for", T::kKeyword},
    {"foreach", T::kKeyword}, {"goto", T::kKeyword}, {"if", T::kKeyword}, {"implicit", T::kKeyword},
    {"in", T::kKeyword}, {"interface", T::kKeyword}, {"internal", T::kKeyword}, {"is", T::kKeyword},
    {"let", T::kKeyword}, {"lock", T::kKeyword}, {"new", T::kKeyword}, {"null", T::kKeyword}, {"on", T::kKeyword},
    {"operator", T::kKeyword}, {"out", T::kKeyword}, {"override", T::kKeyword}, {"params", T::kKeyword},
    {"private", T::kKeyword}, {"protected", T::kKeyword}, {"public", T::kKeyword}, {"readonly", T::kKeyword},
    {"ref", T::kKeyword}, {"return", T::kKeyword}, {"sealed", T::kKeyword}, {"sizeof", T::kKeyword},
    {"stackalloc", T::kKeyword}, {"static", T::kKeyword}, {"switch", T::kKeyword}, {"this", T::kKeyword},
    {"throw", T::kKeyword}, {"true", T::kKeyword}, {"try", T::kKeyword}, {"typeof", T::kKeyword},
    {"unchecked", T::kKeyword}, {"unsafe", T::kKeyword}, {"virtual", T::kKeyword}, {"void", T::kKeyword},
    {"while", T::kKeyword}, {"get", T::kKeyword}, {"set", T::kKeyword}, {"partial", T::kKeyword},
    {"yield", T::kKeyword}, {"add", T::kKeyword}, {"remove", T::kKeyword}, {"value", T::kKeyword},
    {"alias", T::kKeyword}, {"ascending", T::kKeyword}, {"descending", T::kKeyword}, {"from", T::kKeyword},
    {"group", T::kKeyword}, {"into", T::kKeyword}, {"orderby", T::kKeyword}, {"select", T::kKeyword},
    {"thenby", T::kKeyword}, {"where", T::kKeyword}, {"join", T::kKeyword}, {"equals", T::kKeyword},
    {"bool", T::kKeywordType}, {"byte", T::kKeywordType}, {"char", T::kKeywordType}, {"decimal", T::kKeywordType},
    {"double", T::kKeywordType}, {"dynamic", T::kKeywordType}, {"float", T::kKeywordType},
    {"int", T::kKeywordType}, {"long", T::kKeywordType}, {"object", T::kKeywordType}, {"sbyte", T::kKeywordType},
    {"short", T::kKeywordType}, {"string", T::kKeywordType}, {"uint", T::kKeywordType},
    {"ulong", T::kKeywordType}, {"ushort", T::kKeywordType}, {"var", T::kKeywordType},
};

bool id_start(char c) { return scan::is_alpha(c) || c == '_'; }

// An identifier (@?[_a-zA-Z]\w*) at i; returns its end or i.
std::size_t ident(std::string_view s, std::size_t i) {
  std::size_t j = i;
  if (j < s.size() && s[j] == '@') ++j;
  if (j >= s.size() || !id_start(s[j])) return i;
  return scan::skip_ident(s, j);
}

class CSharpLexer {
 public:
  CSharpLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) i = token(i);
  }

 private:
  bool line_start(std::size_t i) const { return i == 0 || s_[i - 1] == '\n'; }

  // ^[ \t]*((ident(\[\])?\s+)+?)(ident)\s*\( ; returns the name's offset.
  std::size_t method_name(std::size_t i, std::size_t& name_end) const {
    std::size_t j = i;
    while (j < s_.size() && scan::is_blank(s_[j])) ++j;
    bool have_type = false;
    for (int words = 0; words < kMaxSignatureWords; ++words) {
      std::size_t e = ident(s_, j);
      if (e == j) return std::string_view::npos;
      if (have_type) {
        std::size_t p = e;
        while (p < s_.size() && scan::is_space(s_[p])) ++p;
        if (p < s_.size() && s_[p] == '(') {
          name_end = e;
          return j;
        }
      }
      if (scan::at(s_, e, "[]")) e += 2;
      std::size_t sp = e;
      while (sp < s_.size() && scan::is_space(s_[sp])) ++sp;
      if (sp == e) return std::string_view::npos;
      have_type = true;
      j = sp;
    }
    return std::string_view::npos;
  }

  std::size_t token(std::size_t i) {
    char c = s_[i];
    auto at = [&](std::size_t k) { return k < s_.size() ? s_[k] : '\0'; };
    if (line_start(i) && !in_signature_) {
      std::size_t name_end = 0;
      if (std::size_t name = method_name(i, name_end); name != std::string_view::npos) {
        in_signature_ = true;
        std::size_t j = i;
        while (j < name) j = token(j);
        in_signature_ = false;
        out_.push(T::kNameFunction, name_end);
        return name_end;
      }
      std::size_t k = attribute_miss_.covers(i) ? i : scan::skip_spaces(s_, i);
      if (k < s_.size() && s_[k] == '[') {
        std::size_t close = s_.substr(0, scan::line_end(s_, k)).find(']', k);
        if (close != std::string_view::npos) {
          out_.push(T::kText, k);
          out_.push(T::kNameAttribute, close + 1);
          return close + 1;
        }
      } else if (k > i) {
        attribute_miss_.record(i, k);
      }
    }
    if (scan::is_space(c)) {
      // A newline is its own token: the next line's start must stay visible.
      std::size_t e = i + 1;
      while (c != '\n' && e < s_.size() && scan::is_space(s_[e]) && s_[e] != '\n') ++e;
      out_.push(T::kText, e);
      return e;
    }
    if (c == '\\' && at(i + 1) == '\n') {
      out_.push(T::kText, i + 2);
      return i + 2;
    }
    if (c == '/' && at(i + 1) == '/') {
      std::size_t e = scan::line_end(s_, i);
      e = e < s_.size() ? e + 1 : e;  // the end of input counts as a newline
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
    if (std::size_t e = op(i); e > i) {
      out_.push(T::kOperator, e);
      return e;
    }
    if (std::string_view("()[];:,.{}").find(c) != std::string_view::npos) {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    if (c == '@' && at(i + 1) == '"') {
      std::size_t j = i + 2;
      while (j < s_.size()) {
        if (s_[j] == '"') {
          if (at(j + 1) == '"') {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      if (j < s_.size()) {
        out_.push(T::kString, j + 1);
        return j + 1;
      }
    }
    if ((c == '"' || (c == '$' && at(i + 1) == '"')) && !string_miss_.covers(i)) {
      std::size_t j = c == '$' ? i + 2 : i + 1;
      while (j < s_.size() && s_[j] != '"' && s_[j] != '\n') j += s_[j] == '\\' ? 2 : 1;
      if (j < s_.size()) {
        out_.push(T::kString, j + 1);
        return j + 1;
      }
      string_miss_.record(i, s_.size() + 1);
    }
    if (c == '\'') {
      std::size_t e = 0;
      if (at(i + 1) == '\\' && i + 3 < s_.size() && s_[i + 3] == '\'') e = i + 4;
      else if (at(i + 1) != '\\' && i + 1 < s_.size() && at(scan::next_char(s_, i + 1)) == '\'') e = scan::next_char(s_, i + 1) + 1;
      if (e != 0) {
        out_.push(T::kStringChar, e);
        return e;
      }
    }
    if (scan::is_digit(c)) {
      // Decimal first: Pygments' alternation reads "0xFF" as "0" and a name.
      std::size_t e = i;
      {
        while (scan::is_digit(at(e))) ++e;
        if (at(e) == '.') {
          ++e;
          while (scan::is_digit(at(e))) ++e;
        }
        if ((at(e) | 0x20) == 'e' && (at(e + 1) == '+' || at(e + 1) == '-') && scan::is_digit(at(e + 2))) {
          e += 2;
          while (scan::is_digit(at(e))) ++e;
        }
        if (std::string_view("flFLdD").find(at(e)) != std::string_view::npos && at(e) != '\0') ++e;
      }
      out_.push(T::kNumber, e);
      return e;
    }
    if (c == '#') {
      std::size_t k = scan::skip_blanks(s_, i + 1);
      std::size_t w = scan::skip_ident(s_, k);
      std::string_view d = s_.substr(k, w - k);
      static constexpr std::string_view kDirectives[] = {"if", "endif", "else", "elif", "define", "undef", "line",
                                                         "error", "warning", "region", "endregion", "pragma"};
      for (std::string_view dir : kDirectives) {
        if (d != dir) continue;
        std::size_t nl = scan::line_end(s_, w);
        if (nl < s_.size()) {
          out_.push(T::kCommentPreproc, nl);
          return nl;
        }
      }
    }
    std::size_t e = ident(s_, i);
    if (e > i) {
      std::string_view w = s_.substr(i, e - i);
      if (w == "extern") {
        std::size_t k = scan::skip_spaces(s_, e);
        if (k > e && scan::at(s_, k, "alias") && ident(s_, k) == k + 5) {
          out_.push(T::kKeyword, e);
          out_.push(T::kText, k);
          out_.push(T::kKeyword, k + 5);
          return k + 5;
        }
      }
      if (w == "global" && scan::at(s_, e, "::")) {
        out_.push(T::kKeyword, e);
        out_.push(T::kPunctuation, e + 2);
        return e + 2;
      }
      T t = kWords.find(w, T::kName);
      if (t == T::kKeywordType && at(e) == '?') ++e;
      if (t != T::kName) {
        out_.push(t, e);
        return e;
      }
      if (w == "class" || w == "struct" || w == "namespace" || w == "using") {
        std::size_t k = scan::skip_spaces(s_, e);
        if (k > e) {
          out_.push(T::kKeyword, e);
          out_.push(T::kText, k);
          if (w == "class" || w == "struct") {
            std::size_t n = ident(s_, k);
            if (n > k) out_.push(T::kNameClass, n);
            return n;
          }
          if (at(k) == '(') return k;
          std::size_t n = k;
          for (;;) {
            std::size_t m = ident(s_, n);
            if (m > n) {
              n = m;
            } else if (at(n) == '.') {
              ++n;
            } else {
              break;
            }
          }
          if (n > k) out_.push(T::kNameNamespace, n);
          return n;
        }
      }
      out_.push(T::kName, e);
      return e;
    }
    e = scan::next_char(s_, i);
    out_.push(T::kError, e);
    return e;
  }

  std::size_t op(std::size_t i) const {
    static constexpr std::string_view kOps[] = {">>>=", ">>=", "<<=", "?\?=", ">>>", "<=", ">=", "+=", "-=", "*=",
                                                "/=",   "%=",  "&=",  "|=",  "^=",  "=>", "??", "?.", "!=", "==",
                                                "&&",   "||",  ">>",  "<<",  "++",  "--", "=~"};
    for (std::string_view o : kOps) {
      if (scan::at(s_, i, o)) return i + o.size();
    }
    if (std::string_view("+-*/%&|^<>?!~=").find(s_[i]) != std::string_view::npos) return i + 1;
    return i;
  }

  // Return types longer than this are not looked for (keeps lexing linear).
  static constexpr int kMaxSignatureWords = 16;

  std::string_view s_;
  TokenSink& out_;
  bool in_signature_ = false;
  scan::Miss comment_miss_;
  scan::Miss string_miss_;
  scan::Miss attribute_miss_;
};

}  // namespace

void lex_csharp(std::string_view code, TokenSink& out) { CSharpLexer(code, out).run(); }

}  // namespace bengal::highlight

// PHP, following Pygments' PhpLexer: text outside <?php ... ?> is plain,
// and code without "<?" is lexed as PHP from the start (what a documentation
// fence usually holds). Library functions are builtins.
#include <algorithm>

#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

#include "highlight/php_builtins.inc"

constexpr scan::KeywordTable<256> kKeywords = {
    {"and", T::kKeyword}, {"e_parse", T::kKeyword}, {"old_function", T::kKeyword}, {"e_error", T::kKeyword},
    {"or", T::kKeyword}, {"as", T::kKeyword}, {"e_warning", T::kKeyword}, {"parent", T::kKeyword},
    {"eval", T::kKeyword}, {"php_os", T::kKeyword}, {"break", T::kKeyword}, {"exit", T::kKeyword},
    {"case", T::kKeyword}, {"extends", T::kKeyword}, {"php_version", T::kKeyword}, {"cfunction", T::kKeyword},
    {"false", T::kKeyword}, {"print", T::kKeyword}, {"for", T::kKeyword}, {"require", T::kKeyword},
    {"continue", T::kKeyword}, {"foreach", T::kKeyword}, {"require_once", T::kKeyword}, {"declare", T::kKeyword},
    {"return", T::kKeyword}, {"default", T::kKeyword}, {"static", T::kKeyword}, {"do", T::kKeyword},
    {"switch", T::kKeyword}, {"die", T::kKeyword}, {"stdclass", T::kKeyword}, {"echo", T::kKeyword},
    {"else", T::kKeyword}, {"true", T::kKeyword}, {"elseif", T::kKeyword}, {"var", T::kKeyword},
    {"empty", T::kKeyword}, {"if", T::kKeyword}, {"xor", T::kKeyword}, {"enddeclare", T::kKeyword},
    {"include", T::kKeyword}, {"virtual", T::kKeyword}, {"endfor", T::kKeyword}, {"include_once", T::kKeyword},
    {"while", T::kKeyword}, {"endforeach", T::kKeyword}, {"global", T::kKeyword}, {"endif", T::kKeyword},
    {"list", T::kKeyword}, {"endswitch", T::kKeyword}, {"new", T::kKeyword}, {"endwhile", T::kKeyword},
    {"not", T::kKeyword}, {"array", T::kKeyword}, {"e_all", T::kKeyword}, {"null", T::kKeyword},
    {"final", T::kKeyword}, {"php_user_filter", T::kKeyword}, {"interface", T::kKeyword},
    {"implements", T::kKeyword}, {"public", T::kKeyword}, {"private", T::kKeyword}, {"protected", T::kKeyword},
    {"abstract", T::kKeyword}, {"clone", T::kKeyword}, {"try", T::kKeyword}, {"catch", T::kKeyword},
    {"throw", T::kKeyword}, {"this", T::kKeyword}, {"use", T::kKeyword}, {"namespace", T::kKeyword},
    {"trait", T::kKeyword}, {"yield", T::kKeyword}, {"finally", T::kKeyword}, {"match", T::kKeyword},
    {"__line__", T::kNameConstant}, {"__file__", T::kNameConstant}, {"__dir__", T::kNameConstant},
    {"__function__", T::kNameConstant}, {"__class__", T::kNameConstant}, {"__trait__", T::kNameConstant},
    {"__method__", T::kNameConstant}, {"__namespace__", T::kNameConstant},
};

constexpr scan::KeywordTable<64> kMagicFunctions = {
    {"__construct", T::kNameFunctionMagic}, {"__destruct", T::kNameFunctionMagic},
    {"__call", T::kNameFunctionMagic}, {"__callstatic", T::kNameFunctionMagic},
    {"__get", T::kNameFunctionMagic}, {"__set", T::kNameFunctionMagic}, {"__isset", T::kNameFunctionMagic},
    {"__unset", T::kNameFunctionMagic}, {"__sleep", T::kNameFunctionMagic}, {"__wakeup", T::kNameFunctionMagic},
    {"__tostring", T::kNameFunctionMagic}, {"__invoke", T::kNameFunctionMagic},
    {"__set_state", T::kNameFunctionMagic}, {"__clone", T::kNameFunctionMagic},
    {"__debuginfo", T::kNameFunctionMagic},
};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
bool ident_start(char c) { return scan::is_alpha(c) || c == '_' || c == '\\' || scan::is_high(c); }
bool ident_char(char c) { return scan::is_ident_char(c) || c == '\\'; }
bool nons_start(char c) { return scan::is_alpha(c) || c == '_' || scan::is_high(c); }

// Looks the lower-cased s[i, e) up in a table.
template <std::size_t N>
T lookup(const scan::KeywordTable<N>& table, std::string_view s, std::size_t i, std::size_t e) {
  char buf[32];
  if (e - i > sizeof buf) return T::kText;
  for (std::size_t k = i; k < e; ++k) buf[k - i] = lower(s[k]);
  return table.find(std::string_view(buf, e - i), T::kText);
}

bool builtin(std::string_view name) { return std::binary_search(std::begin(kPhpBuiltins), std::end(kPhpBuiltins), name); }

class PhpLexer {
 public:
  PhpLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    bool php = s_.find("<?") == std::string_view::npos;
    while (i < s_.size()) {
      if (!php) {
        std::size_t open = s_.find("<?", i);
        if (open == std::string_view::npos) open = s_.size();
        out_.push(T::kText, open);
        if (open >= s_.size()) return;
        i = scan::at(s_, open, "<?php") ? open + 5 : open + 2;
        out_.push(T::kCommentPreproc, i);
        php = true;
        continue;
      }
      if (scan::at(s_, i, "?>")) {
        out_.push(T::kCommentPreproc, i += 2);
        php = false;
        continue;
      }
      std::size_t e = token(i);
      i = e > i ? e : scan::next_char(s_, i);
    }
  }

 private:
  char at(std::size_t k) const { return k < s_.size() ? s_[k] : '\0'; }
  std::size_t ident_end(std::size_t i) const {
    while (i < s_.size() && (ident_char(s_[i]) || scan::is_high(s_[i]))) ++i;
    return i;
  }
  std::size_t nons_end(std::size_t i) const {
    while (i < s_.size() && (scan::is_ident_char(s_[i]))) ++i;
    return i;
  }

  std::size_t token(std::size_t i) {
    char c = s_[i];
    if (c == '<' && scan::at(s_, i, "<<<")) {
      if (std::size_t e = heredoc(i)) return e;
    }
    if (scan::is_space(c)) {
      std::size_t e = scan::skip_spaces(s_, i);
      out_.push(T::kText, e);
      return e;
    }
    if (c == '#' || (c == '/' && at(i + 1) == '/')) {
      std::size_t e = scan::line_end(s_, i);
      e = e < s_.size() ? e + 1 : e;  // the end of input counts as a newline
      out_.push(T::kCommentSingle, e);
      return e;
    }
    if (c == '/' && at(i + 1) == '*') {
      if (scan::at(s_, i, "/**/")) {
        out_.push(T::kCommentMultiline, i + 4);
        return i + 4;
      }
      std::size_t close = scan::find(s_, "*/", i + 2, comment_miss_);
      if (close != std::string_view::npos) {
        out_.push(at(i + 2) == '*' ? T::kStringDoc : T::kCommentMultiline, close + 2);
        return close + 2;
      }
    }
    if (scan::at(s_, i, "->") || scan::at(s_, i, "::")) {
      std::size_t sp = scan::skip_spaces(s_, i + 2);
      if (nons_start(at(sp))) {
        std::size_t e = nons_end(sp);
        out_.push(T::kOperator, i + 2);
        out_.push(T::kText, sp);
        out_.push(T::kNameAttribute, e);
        return e;
      }
    }
    if (std::string_view("~!%^&*+=|:.<>/@-").find(c) != std::string_view::npos) {
      std::size_t e = i;
      while (e < s_.size() && std::string_view("~!%^&*+=|:.<>/@-").find(s_[e]) != std::string_view::npos) ++e;
      out_.push(T::kOperator, e);
      return e;
    }
    if (c == '?') {
      out_.push(T::kOperator, i + 1);
      return i + 1;
    }
    if (std::string_view("[]{}();,").find(c) != std::string_view::npos) {
      std::size_t e = i;
      while (e < s_.size() && std::string_view("[]{}();,").find(s_[e]) != std::string_view::npos) ++e;
      out_.push(T::kPunctuation, e);
      return e;
    }
    if (ident_start(c)) {
      std::size_t e = ident_end(i);
      std::size_t w = nons_end(i);  // keywords end at a word boundary
      if (w > i) {
        std::size_t sp = scan::skip_spaces(s_, w);
        if (lookup(kClass, s_, i, w) != T::kText && sp > w) {
          out_.push(T::kKeyword, w);
          out_.push(T::kText, sp);
          std::size_t n = ident_end(sp);
          if (n > sp) out_.push(T::kNameClass, n);
          return n;
        }
        if (lookup(kFunction, s_, i, w) != T::kText) {
          if (at(sp) == '(') {
            out_.push(T::kKeyword, w);
            out_.push(T::kText, sp);
            return sp;
          }
          if (sp > w) {
            out_.push(T::kKeyword, w);
            out_.push(T::kText, sp);
            std::size_t k = sp;
            if (at(k) == '&') {
              out_.push(T::kOperator, ++k);
              k = scan::skip_spaces(s_, k);
              out_.push(T::kText, k);
            }
            std::size_t n = ident_end(k);
            if (n > k) {
              T t = lookup(kMagicFunctions, s_, k, nons_end(k));
              if (t != T::kText) n = nons_end(k);
              out_.push(t != T::kText ? t : T::kNameFunction, n);
            }
            return n;
          }
        }
        if (lookup(kConst, s_, i, w) != T::kText && sp > w) {
          std::size_t n = ident_end(sp);
          if (n > sp) {
            out_.push(T::kKeyword, w);
            out_.push(T::kText, sp);
            out_.push(T::kNameConstant, n);
            return n;
          }
        }
        T t = lookup(kKeywords, s_, i, w);
        if (t != T::kText && (w == e || !scan::is_ident_char(at(w)))) {
          out_.push(t, w);
          return w;
        }
      }
      std::string_view name = s_.substr(i, e - i);
      out_.push(builtin(name) ? T::kNameBuiltin : T::kNameOther, e);
      return e;
    }
    if (c == '$') {
      if (at(i + 1) == '{' && at(i + 2) == '$') {
        std::size_t k = i + 2;
        while (at(k) == '$') ++k;
        std::size_t n = ident_end(k);
        if (n > k && at(n) == '}') {
          out_.push(T::kNameVariable, n + 1);
          return n + 1;
        }
      }
      std::size_t k = i;
      while (at(k) == '$') ++k;
      if (ident_start(at(k))) {
        std::size_t n = ident_end(k);
        out_.push(T::kNameVariable, n);
        return n;
      }
    }
    if (scan::is_digit(c) || (c == '.' && scan::is_digit(at(i + 1)))) return number(i);
    if ((c == '\'' || c == '`') && !(c == '\'' ? single_miss_ : backtick_miss_).covers(i)) {
      std::size_t j = i + 1;
      while (j < s_.size() && s_[j] != c) j += s_[j] == '\\' ? 2 : 1;
      if (j < s_.size()) {
        out_.push(c == '\'' ? T::kStringSingle : T::kStringBacktick, j + 1);
        return j + 1;
      }
      (c == '\'' ? single_miss_ : backtick_miss_).record(i, s_.size() + 1);
    }
    if (c == '"') return string(i);
    std::size_t e = scan::next_char(s_, i);
    out_.push(T::kError, e);
    return e;
  }

  std::size_t number(std::size_t i) {
    auto digits = [&](std::size_t k) {
      while (scan::is_digit(at(k))) ++k;
      return k;
    };
    auto exponent = [&](std::size_t k) -> std::size_t {
      if ((at(k) | 0x20) != 'e') return 0;
      std::size_t m = k + 1;
      if (at(m) == '+' || at(m) == '-') ++m;
      std::size_t d = digits(m);
      return d > m ? d : 0;
    };
    std::size_t a = digits(i);
    if (at(a) == '.' && (a > i || scan::is_digit(at(a + 1)))) {
      std::size_t f = digits(a + 1);
      std::size_t x = exponent(f);
      out_.push(T::kNumberFloat, x ? x : f);
      return x ? x : f;
    }
    if (std::size_t x = exponent(a)) {
      out_.push(T::kNumberFloat, x);
      return x;
    }
    if (s_[i] == '0' && at(i + 1) >= '0' && at(i + 1) <= '7') {
      std::size_t e = i + 1;
      while (at(e) >= '0' && at(e) <= '7') ++e;
      out_.push(T::kNumberOct, e);
      return e;
    }
    if (s_[i] == '0' && (at(i + 1) | 0x20) == 'x' && scan::is_hex(at(i + 2))) {
      std::size_t e = i + 2;
      while (scan::is_hex(at(e))) ++e;
      out_.push(T::kNumberHex, e);
      return e;
    }
    out_.push(T::kNumberInteger, a);
    return a;
  }

  std::size_t string(std::size_t i) {
    std::size_t j = i + 1;
    out_.push(T::kStringDouble, j);
    while (j < s_.size()) {
      char c = s_[j];
      if (c == '"') {
        out_.push(T::kStringDouble, ++j);
        return j;
      }
      if (c == '\\') {
        char n = at(j + 1);
        std::size_t e = 0;
        if (n != '\0' && std::string_view("nrt\"$\\").find(n) != std::string_view::npos) e = j + 2;
        else if (n >= '0' && n <= '7') {
          e = j + 1;
          while (e < s_.size() && e - j <= 3 && s_[e] >= '0' && s_[e] <= '7') ++e;
        } else if ((n | 0x20) == 'x' && scan::is_hex(at(j + 2))) {
          e = scan::is_hex(at(j + 3)) ? j + 4 : j + 3;
        }
        if (e) {
          out_.push(T::kStringEscape, j = e);
          continue;
        }
        out_.push(T::kStringDouble, ++j);
        continue;
      }
      if (c == '$' && nons_start(at(j + 1))) {
        std::size_t e = nons_end(j + 1);
        if (at(e) == '[') {
          std::size_t close = e + 1;
          while (close < s_.size() && !scan::is_space(s_[close]) && s_[close] != ']') ++close;
          if (at(close) == ']' && close > e + 1) e = close + 1;
        } else if (scan::at(s_, e, "->") && nons_start(at(e + 2))) {
          e = nons_end(e + 2);
        }
        out_.push(T::kStringInterpol, j = e);
        continue;
      }
      if (c == '{' && at(j + 1) == '$') {
        std::size_t close = scan::find(s_, "}", j + 2, brace_miss_);
        if (close != std::string_view::npos && nesting_ < kMaxNesting) {
          out_.push(T::kStringInterpol, j + 1);
          ++nesting_;
          std::size_t k = j + 1;
          while (k < close) {
            std::size_t e = token(k);
            k = e > k ? e : scan::next_char(s_, k);
          }
          --nesting_;
          out_.push(T::kStringInterpol, close + 1);
          j = close + 1;
          continue;
        }
      }
      if (c == '$' && at(j + 1) == '{' && !dollar_brace_miss_.covers(j)) {
        std::size_t close = j + 2;
        while (close < s_.size() && !scan::is_space(s_[close]) && s_[close] != '}') ++close;
        if (at(close) != '}') dollar_brace_miss_.record(j, close);
        if (at(close) == '}' && close > j + 2) {
          out_.push(T::kStringInterpol, j + 2);
          out_.push(T::kNameVariable, close);
          out_.push(T::kStringInterpol, j = close + 1);
          continue;
        }
      }
      out_.push(T::kStringDouble, ++j);
    }
    return j;
  }

  // <<<ID / <<<"ID" / <<<'ID' ... ID;
  std::size_t heredoc(std::size_t i) {
    std::size_t j = i + 3;
    char q = at(j) == '\'' || at(j) == '"' ? at(j) : '\0';
    if (q) ++j;
    if (!nons_start(at(j))) return 0;
    std::size_t w = nons_end(j);
    std::string_view id = s_.substr(j, w - j);
    std::size_t k = w;
    if (q) {
      if (at(k) != q) return 0;
      ++k;
    }
    if (at(k) != '\n') return 0;
    if (heredoc_miss_.covers(i) && heredoc_id_ == id) return 0;
    // The closing identifier on its own line (after optional blanks).
    std::size_t line = k + 1;
    while (line < s_.size()) {
      std::size_t b = line;
      while (b < s_.size() && scan::is_space(s_[b]) && s_[b] != '\n') ++b;
      if (scan::at(s_, b, id)) {
        std::size_t e = b + id.size();
        std::size_t semi = at(e) == ';' ? e + 1 : e;
        if (at(semi) == '\n') {
          out_.push(T::kString, j);
          out_.push(T::kStringDelimiter, w);
          out_.push(T::kString, b);
          out_.push(T::kStringDelimiter, e);
          out_.push(T::kPunctuation, semi);
          out_.push(T::kText, semi + 1);
          return semi + 1;
        }
      }
      std::size_t le = scan::line_end(s_, line);
      if (le >= s_.size()) break;
      line = le + 1;
    }
    heredoc_miss_.record(i, s_.size() + 1);
    heredoc_id_ = id;
    return 0;
  }

  static constexpr scan::KeywordTable<16> kClass = {{"class", T::kKeyword}};
  static constexpr scan::KeywordTable<16> kFunction = {{"function", T::kKeyword}};
  static constexpr scan::KeywordTable<16> kConst = {{"const", T::kKeyword}};
  static constexpr int kMaxNesting = 16;

  std::string_view s_;
  TokenSink& out_;
  int nesting_ = 0;
  scan::Miss single_miss_, backtick_miss_, brace_miss_, comment_miss_, dollar_brace_miss_;
  scan::Miss heredoc_miss_;      // an unterminated heredoc ...
  std::string_view heredoc_id_;  // ... with this terminator
};

}  // namespace

void lex_php(std::string_view code, TokenSink& out) { PhpLexer(code, out).run(); }

}  // namespace bengal::highlight

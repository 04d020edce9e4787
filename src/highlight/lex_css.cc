// CSS and SCSS, following Pygments' CssLexer and ScssLexer. SCSS has no
// declaration state in Pygments, so SCSS properties and most values inside a
// rule come out as names (Name.Tag); variables, @-rules, mixins, includes and
// #{} interpolation are recognized.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

#include "highlight/css_words.inc"

bool word_char(char c) { return scan::is_ident_char(c); }
bool name_char(char c) { return scan::is_ident_char(c) || c == '-'; }

// Longest word of `table` at s[i] that ends at a word boundary (the regex
// words(..., suffix=r'\b')); returns its end or 0. `fold` lower-cases first.
template <std::size_t N>
std::size_t longest_word(std::string_view s, std::size_t i, const scan::KeywordTable<N>& table, bool fold = false) {
  std::size_t run = i;
  while (run < s.size() && name_char(s[run])) ++run;
  char buf[64];
  for (std::size_t end = run; end > i; --end) {
    if (!word_char(s[end - 1])) continue;
    if (end < s.size() && word_char(s[end])) continue;
    if (end < run && s[end] != '-') continue;
    if (end - i > sizeof buf) continue;
    for (std::size_t k = i; k < end; ++k) {
      char c = s[k];
      buf[k - i] = fold && c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    if (table.contains(std::string_view(buf, end - i))) return end;
  }
  return 0;
}

std::size_t vendor_prefix(std::string_view s, std::size_t i) {
  static constexpr std::string_view kPrefixes[] = {"-ms-", "mso-", "-moz-", "-o-", "-xv-", "-atsc-", "-wap-", "-khtml-",
                                                   "-webkit-", "prince-", "-ah-", "-hp-", "-ro-", "-rim-", "-tc-"};
  for (std::string_view p : kPrefixes) {
    if (scan::at(s, i, p)) return i + p.size();
  }
  return 0;
}


class CssLexer {
 public:
  CssLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t e = step(i);
      if (e <= i) {
        e = scan::next_char(s_, i);
        out_.push(T::kError, e);
      }
      i = e;
    }
  }

 private:
  enum class State : std::uint8_t { kRoot, kAtRule, kAtContent, kContent, kValue, kFunction };
  State state() const { return stack_.top(); }
  void push(State st) { stack_.push(st); }
  void pop(int n = 1) { stack_.pop(n); }

  // A '...' or "..." string at i; 0 when it is not closed.
  std::size_t quoted_string(std::string_view s, std::size_t i) {
    char q = s[i];
    scan::Miss& miss = q == '"' ? double_miss_ : single_miss_;
    if (miss.covers(i)) return 0;
    std::size_t j = i + 1;
    while (j < s.size() && s[j] != q) j += s[j] == '\\' ? 2 : 1;
    if (j < s.size()) return j + 1;
    miss.record(i, s.size() + 1);
    return 0;
  }

  std::size_t comment(std::size_t i) {
    if (!scan::at(s_, i, "/*")) return 0;
    std::size_t close = scan::find(s_, "*/", i + 2, comment_miss_);
    if (close == std::string_view::npos) return 0;
    out_.push(T::kComment, close + 2);
    return close + 2;
  }

  std::size_t spaces(std::size_t i) {
    if (!scan::is_space(s_[i])) return 0;
    std::size_t e = scan::skip_spaces(s_, i);
    out_.push(T::kText, e);
    return e;
  }

  std::size_t step(std::size_t i) {
    switch (state()) {
      case State::kRoot: return basics(i);
      case State::kAtRule:
        if (s_[i] == '{') {
          out_.push(T::kPunctuation, i + 1);
          push(State::kAtContent);
          return i + 1;
        }
        if (s_[i] == ';') {
          out_.push(T::kPunctuation, i + 1);
          pop();
          return i + 1;
        }
        return basics(i);
      case State::kAtContent:
        if (std::size_t e = basics(i); e != 0) return e;
        if (s_[i] == '}') {
          out_.push(T::kPunctuation, i + 1);
          pop(2);
          return i + 1;
        }
        return 0;
      case State::kContent: return content(i);
      case State::kValue: return value(i);
      case State::kFunction: return function(i);
    }
    return 0;
  }

  std::size_t basics(std::size_t i) {
    char c = s_[i];
    if (std::size_t e = spaces(i)) return e;
    if (std::size_t e = comment(i)) return e;
    if (c == '{') {
      out_.push(T::kPunctuation, i + 1);
      push(State::kContent);
      return i + 1;
    }
    auto name_after = [&](std::size_t k) {
      std::size_t e = k;
      while (e < s_.size() && name_char(s_[e])) ++e;
      return e;
    };
    if (c == ':') {
      std::size_t k = i + 1 < s_.size() && s_[i + 1] == ':' ? i + 2 : i + 1;
      if (std::size_t e = name_after(k); e > k) {
        out_.push(T::kPunctuation, k);
        out_.push(T::kNameDecorator, e);
        return e;
      }
    }
    if (c == '.' || c == '#' || c == '@') {
      if (std::size_t e = name_after(i + 1); e > i + 1) {
        out_.push(T::kPunctuation, i + 1);
        out_.push(c == '.' ? T::kNameClass : c == '#' ? T::kNameNamespace : T::kKeyword, e);
        if (c == '@') push(State::kAtRule);
        return e;
      }
    }
    if (name_char(c)) {
      std::size_t e = name_after(i);
      out_.push(T::kNameTag, e);
      return e;
    }
    if (std::string_view("~^*!%&$[]()<>|+=@:;,./?-").find(c) != std::string_view::npos) {
      out_.push(T::kOperator, i + 1);
      return i + 1;
    }
    if (c == '"' || c == '\'') {
      if (std::size_t e = quoted_string(s_, i)) {
        out_.push(c == '"' ? T::kStringDouble : T::kStringSingle, e);
        return e;
      }
    }
    return 0;
  }

  // "name:" with optional spaces before the colon; returns the colon offset.
  std::size_t declaration(std::size_t name_end) const {
    std::size_t k = name_end;
    while (k < s_.size() && scan::is_space(s_[k])) ++k;
    return k < s_.size() && s_[k] == ':' ? k : 0;
  }

  std::size_t content(std::size_t i) {
    char c = s_[i];
    if (std::size_t e = spaces(i)) return e;
    if (c == '}') {
      out_.push(T::kPunctuation, i + 1);
      pop();
      return i + 1;
    }
    if (c == ';') {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    if (c == '@' && (i == 0 || s_[i - 1] == '\n')) {
      std::size_t e = scan::line_end(s_, i);
      out_.push(T::kCommentPreproc, e);
      return e;
    }
    if (std::size_t e = vendor_prefix(s_, i)) {
      out_.push(T::kKeywordPseudo, e);
      return e;
    }
    std::size_t run = i;
    while (run < s_.size() && name_char(s_[run])) ++run;
    if (run > i) {
      if (std::size_t colon = declaration(run); colon != 0) {
        std::string_view name = s_.substr(i, run - i);
        T t = T::kName;
        if (kCssProperties.contains(name)) t = T::kKeyword;
        else if (name[0] == '-') t = T::kNameVariable;
        std::size_t letters = i;
        while (letters < run && s_[letters] == '-') ++letters;
        bool ok = t != T::kName || scan::is_alpha(s_[i]) || s_[i] == '_';
        if (t == T::kNameVariable && !(letters < run && (scan::is_alpha(s_[letters]) || s_[letters] == '_'))) ok = false;
        if (ok) {
          out_.push(t, run);
          out_.push(T::kText, colon);
          out_.push(T::kPunctuation, colon + 1);
          push(State::kValue);
          return colon + 1;
        }
      }
    }
    return comment(i);
  }

  std::size_t url(std::size_t i) {
    if (!scan::at(s_, i, "url(")) return 0;
    std::size_t j = i + 4;
    std::string_view line = s_.substr(0, scan::line_end(s_, j));  // url(...) stays on one line
    std::size_t close = line.find(')', j);
    if (close == std::string_view::npos) return 0;
    T t = T::kStringOther;
    if (j < s_.size() && (s_[j] == '"' || s_[j] == '\'')) {
      std::size_t q = line.find(s_[j], j + 1);
      if (q != std::string_view::npos && q + 1 < line.size() && s_[q + 1] == ')') {
        close = q + 1;
        t = s_[j] == '"' ? T::kStringDouble : T::kStringSingle;
      }
    }
    out_.push(T::kNameBuiltin, i + 3);
    out_.push(T::kPunctuation, i + 4);
    out_.push(t, close);
    out_.push(T::kPunctuation, close + 1);
    return close + 1;
  }

  // Function names: builtins (rgb, calc, var, ...) or any name + '('.
  std::size_t function_call(std::size_t i) {
    if (!(scan::is_alpha(s_[i]) || s_[i] == '_')) return 0;
    std::size_t e = i;
    while (e < s_.size() && name_char(s_[e])) ++e;
    if (e >= s_.size() || s_[e] != '(') return 0;
    std::string_view name = s_.substr(i, e - i);
    if (name.size() < 2 && !kCssFunctions.contains(name)) return 0;
    out_.push(kCssFunctions.contains(name) ? T::kNameBuiltin : T::kNameFunction, e);
    out_.push(T::kPunctuation, e + 1);
    push(State::kFunction);
    return e + 1;
  }

  std::size_t constants(std::size_t i) {
    if (std::size_t e = longest_word(s_, i, kCssValues)) {
      out_.push(T::kKeywordConstant, e);
      return e;
    }
    return 0;
  }

  std::size_t numeric(std::size_t i) {
    char c = s_[i];
    if (c == '#') {
      std::size_t e = i + 1;
      while (e < s_.size() && e - i <= 6 && (scan::is_alpha(s_[e]) || scan::is_digit(s_[e]))) ++e;
      if (e > i + 1) {
        out_.push(T::kNumberHex, e);
        return e;
      }
      return 0;
    }
    std::size_t j = i;
    if (c == '+' || c == '-') ++j;
    std::size_t d = j;
    while (d < s_.size() && scan::is_digit(s_[d])) ++d;
    T t = T::kNumberInteger;
    std::size_t e = d;
    if (d < s_.size() && s_[d] == '.' && d + 1 < s_.size() && scan::is_digit(s_[d + 1])) {
      e = d + 1;
      while (e < s_.size() && scan::is_digit(s_[e])) ++e;
      t = T::kNumberFloat;
    } else if (d == j) {
      return 0;
    }
    out_.push(t, e);
    // Units (\b after) or '%'.
    if (e < s_.size() && s_[e] == '%') {
      out_.push(T::kKeywordType, e + 1);
      return e + 1;
    }
    std::size_t u = e;
    while (u < s_.size() && scan::is_alpha(s_[u])) ++u;
    for (std::size_t end = u; end > e; --end) {
      if (end < s_.size() && word_char(s_[end])) continue;
      if (kCssUnits.contains(s_.substr(e, end - e))) {
        out_.push(T::kKeywordType, end);
        return end;
      }
    }
    return e;
  }

  std::size_t value(std::size_t i) {
    char c = s_[i];
    if (std::size_t e = spaces(i)) return e;
    if (std::size_t e = vendor_prefix(s_, i)) {
      out_.push(T::kNameBuiltinPseudo, e);
      return e;
    }
    if (std::size_t e = url(i)) return e;
    if (std::size_t e = function_call(i)) return e;
    if (std::size_t e = constants(i)) return e;
    if (std::size_t e = longest_word(s_, i, kCssProperties)) {
      out_.push(T::kKeyword, e);
      return e;
    }
    if (scan::at(s_, i, "!important")) {
      out_.push(T::kCommentPreproc, i + 10);
      return i + 10;
    }
    if (std::size_t e = comment(i)) return e;
    if (std::size_t e = numeric(i)) return e;
    if (std::string_view("~^*!%&<>|+=@:./?-").find(c) != std::string_view::npos) {
      std::size_t e = i;
      while (e < s_.size() && std::string_view("~^*!%&<>|+=@:./?-").find(s_[e]) != std::string_view::npos) ++e;
      out_.push(T::kOperator, e);
      return e;
    }
    if (std::string_view("[](),").find(c) != std::string_view::npos) {
      std::size_t e = i;
      while (e < s_.size() && std::string_view("[](),").find(s_[e]) != std::string_view::npos) ++e;
      out_.push(T::kPunctuation, e);
      return e;
    }
    if (c == '"' || c == '\'') {
      if (std::size_t e = quoted_string(s_, i)) {
        out_.push(c == '"' ? T::kStringDouble : T::kStringSingle, e);
        return e;
      }
    }
    if (scan::is_alpha(c) || c == '_') {
      std::size_t e = i;
      while (e < s_.size() && name_char(s_[e])) ++e;
      out_.push(T::kName, e);
      return e;
    }
    if (c == ';') {
      out_.push(T::kPunctuation, i + 1);
      pop();
      return i + 1;
    }
    if (c == '}') {
      out_.push(T::kPunctuation, i + 1);
      pop(2);
      return i + 1;
    }
    return 0;
  }

  std::size_t function(std::size_t i) {
    char c = s_[i];
    if (std::size_t e = spaces(i)) return e;
    if (c == '-') {
      std::size_t d = i;
      while (d < s_.size() && s_[d] == '-') ++d;
      std::size_t e = d;
      while (e < s_.size() && (word_char(s_[e]) || s_[e] == '+' || s_[e] == '-')) ++e;
      if (e > d && (word_char(s_[d]) || s_[d] == '+')) {
        out_.push(T::kNameVariable, e);
        return e;
      }
    }
    if (std::size_t e = url(i)) return e;
    if (std::size_t e = vendor_prefix(s_, i)) {
      out_.push(T::kKeywordPseudo, e);
      return e;
    }
    if (std::size_t e = constants(i)) return e;
    if (std::size_t e = function_call(i)) return e;
    if (std::size_t e = comment(i)) return e;
    if (std::size_t e = numeric(i)) return e;
    if (c == '*' || c == '+' || c == '/' || c == '-') {
      out_.push(T::kOperator, i + 1);
      return i + 1;
    }
    if (c == ',') {
      out_.push(T::kPunctuation, i + 1);
      return i + 1;
    }
    if (c == '"' || c == '\'') {
      if (std::size_t e = quoted_string(s_, i)) {
        out_.push(c == '"' ? T::kStringDouble : T::kStringSingle, e);
        return e;
      }
    }
    if (scan::is_alpha(c) || c == '_' || c == '-') {
      std::size_t e = scan::skip_ident(s_, i + 1);
      out_.push(T::kName, e);
      return e;
    }
    if (c == ')') {
      out_.push(T::kPunctuation, i + 1);
      pop();
      return i + 1;
    }
    return 0;
  }

  std::string_view s_;
  TokenSink& out_;
  scan::StateStack<State> stack_;
  scan::Miss comment_miss_;
  scan::Miss double_miss_;
  scan::Miss single_miss_;
};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool at_ci(std::string_view s, std::size_t i, std::string_view w) {
  if (s.size() - i < w.size() || i > s.size()) return false;
  for (std::size_t k = 0; k < w.size(); ++k) {
    if (lower(s[i + k]) != w[k]) return false;
  }
  return true;
}


class ScssLexer {
 public:
  ScssLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t e = step(i);
      if (e <= i) {
        e = scan::next_char(s_, i);
        out_.push(T::kError, e);
        // Pygments resets to the root state at an unmatched newline.
        if (s_[i] == '\n') stack_.clear();
      }
      i = e;
    }
  }

 private:
  enum class State : std::uint8_t { kRoot, kValue, kFor, kSelector, kInterpolation, kStringDouble, kStringSingle,
                                    kStringUrl, kPseudo, kClass, kId, kComment };
  State state() const { return stack_.top(); }
  void push(State st) { stack_.push(st); }
  void pop() { stack_.pop(); }

  std::size_t step(std::size_t i) {
    switch (state()) {
      case State::kRoot: return root(i);
      case State::kValue: return value(i, true);
      case State::kFor:
        for (std::string_view w : {"from", "to", "through"}) {
          if (at_ci(s_, i, w)) {
            out_.push(T::kOperatorWord, i + w.size());
            return i + w.size();
          }
        }
        return value(i, true);
      case State::kInterpolation:
        if (s_[i] == '}') {
          out_.push(T::kStringInterpol, i + 1);
          pop();
          return i + 1;
        }
        return value(i, false);
      case State::kSelector: return selector(i);
      case State::kStringDouble: return string(i, '"', T::kStringDouble);
      case State::kStringSingle: return string(i, '\'', T::kStringSingle);
      case State::kStringUrl: return string(i, ')', T::kStringOther);
      case State::kPseudo: return name_state(i, T::kNameDecorator);
      case State::kClass: return name_state(i, T::kNameClass);
      case State::kId: return name_state(i, T::kNameNamespace);
      case State::kComment: return comment_body(i);
    }
    return 0;
  }

  std::size_t root(std::size_t i) {
    char c = s_[i];
    if (scan::is_space(c)) {
      std::size_t e = scan::skip_spaces(s_, i);
      out_.push(T::kText, e);
      return e;
    }
    if (c == '/' && i + 1 < s_.size() && s_[i + 1] == '/') {
      std::size_t e = scan::line_end(s_, i);
      e = e < s_.size() ? e + 1 : e;  // the end of input counts as a newline
      out_.push(T::kCommentSingle, e);
      return e;
    }
    if (c == '/' && i + 1 < s_.size() && s_[i + 1] == '*') {
      std::size_t close = scan::find(s_, "*/", i + 2, comment_miss_);
      if (close != std::string_view::npos) {
        out_.push(T::kCommentMultiline, close + 2);
        return close + 2;
      }
    }
    if (c == '@') {
      auto kw = [&](std::size_t end, State next) {
        out_.push(T::kKeyword, end);
        push(next);
        return end;
      };
      if (at_ci(s_, i, "@import")) return kw(i + 7, State::kValue);
      if (at_ci(s_, i, "@for")) return kw(i + 4, State::kFor);
      for (std::string_view w : {"@debug", "@warn", "@if", "@while"}) {
        if (at_ci(s_, i, w)) return kw(i + w.size(), State::kValue);
      }
      for (std::string_view w : {"@mixin", "@include"}) {
        if (at_ci(s_, i, w) && i + w.size() < s_.size() && s_[i + w.size()] == ' ') {
          std::size_t n = i + w.size() + 1;
          std::size_t e = n;
          while (e < s_.size() && name_char(s_[e])) ++e;
          if (e > n) {
            out_.push(T::kKeyword, i + w.size());
            out_.push(w == "@mixin" ? T::kNameFunction : T::kNameDecorator, e);
            push(State::kValue);
            return e;
          }
        }
      }
      if (at_ci(s_, i, "@extend")) return kw(i + 7, State::kSelector);
      if (at_ci(s_, i, "@media") && i + 6 < s_.size() && scan::is_space(s_[i + 6])) {
        std::size_t e = scan::skip_spaces(s_, i + 6);
        out_.push(T::kKeyword, i + 6);
        out_.push(T::kText, e);
        push(State::kValue);
        return e;
      }
      std::size_t e = i + 1;
      while (e < s_.size() && name_char(s_[e])) ++e;
      if (e > i + 1) return kw(e, State::kSelector);
    }
    if (c == '$') {
      std::size_t e = i + 1;
      while (e < s_.size() && name_char(s_[e])) ++e;
      while (e > i + 1 && !word_char(s_[e - 1])) --e;
      if (e > i + 1) {
        std::size_t k = e;
        while (k < s_.size() && scan::is_blank(s_[k])) ++k;
        if (k < s_.size() && s_[k] == ':') {
          out_.push(T::kNameVariable, e);
          out_.push(T::kOperator, k + 1);
          push(State::kValue);
          return k + 1;
        }
      }
    }
    push(State::kSelector);
    return selector(i);
  }

  std::size_t selector(std::size_t i) {
    char c = s_[i];
    if (c == ' ' || c == '\t') {
      std::size_t e = i;
      while (e < s_.size() && (s_[e] == ' ' || s_[e] == '\t')) ++e;
      out_.push(T::kText, e);
      return e;
    }
    if (c == ':') {
      out_.push(T::kNameDecorator, i + 1);
      push(State::kPseudo);
      return i + 1;
    }
    if (c == '.') {
      out_.push(T::kNameClass, i + 1);
      push(State::kClass);
      return i + 1;
    }
    if (c == '#' && !(i + 1 < s_.size() && s_[i + 1] == '{')) {
      out_.push(T::kNameNamespace, i + 1);
      push(State::kId);
      return i + 1;
    }
    if (name_char(c)) {
      std::size_t e = i;
      while (e < s_.size() && name_char(s_[e])) ++e;
      out_.push(T::kNameTag, e);
      return e;
    }
    if (c == '#') {
      out_.push(T::kStringInterpol, i + 2);
      push(State::kInterpolation);
      return i + 2;
    }
    if (c == '&') {
      out_.push(T::kKeyword, i + 1);
      return i + 1;
    }
    if (std::string_view("~^*!&[]()<>|+=@:;,./?-").find(c) != std::string_view::npos) {
      out_.push(T::kOperator, i + 1);
      return i + 1;
    }
    if (c == '"' || c == '\'') {
      out_.push(c == '"' ? T::kStringDouble : T::kStringSingle, i + 1);
      push(c == '"' ? State::kStringDouble : State::kStringSingle);
      return i + 1;
    }
    if (c == '\n') {
      out_.push(T::kText, i + 1);
      return i + 1;
    }
    if (c == '{' || c == '}') {  // ';' was taken as an operator above
      out_.push(T::kPunctuation, i + 1);
      pop();
      return i + 1;
    }
    return 0;
  }

  std::size_t name_state(std::size_t i, T t) {
    if (name_char(s_[i])) {
      std::size_t e = i;
      while (e < s_.size() && name_char(s_[e])) ++e;
      out_.push(t, e);
      return e;
    }
    if (scan::at(s_, i, "#{")) {
      out_.push(T::kStringInterpol, i + 2);
      push(State::kInterpolation);
      return i + 2;
    }
    pop();
    return step(i);
  }

  std::size_t string(std::size_t i, char close, T t) {
    char c = s_[i];
    if (c == close) {
      out_.push(t, i + 1);
      pop();
      return i + 1;
    }
    if (scan::at(s_, i, "#{")) {
      out_.push(T::kStringInterpol, i + 2);
      push(State::kInterpolation);
      return i + 2;
    }
    std::size_t e = i;
    while (e < s_.size() && s_[e] != '\n' && s_[e] != close) {
      if (s_[e] == '\\' && e + 1 < s_.size()) {
        e = scan::next_char(s_, e + 1);
        continue;
      }
      if (s_[e] == '#' && (e + 1 >= s_.size() || s_[e + 1] == '{' || s_[e + 1] == '\n')) break;
      ++e;
    }
    if (e == i) return 0;
    out_.push(t, e);
    return e;
  }

  std::size_t comment_body(std::size_t i) {
    if (scan::at(s_, i, "*/")) {
      out_.push(T::kComment, i + 2);
      pop();
      return i + 2;
    }
    if (scan::at(s_, i, "#{")) {
      out_.push(T::kStringInterpol, i + 2);
      push(State::kInterpolation);
      return i + 2;
    }
    std::size_t e = i;
    while (e < s_.size() && !scan::at(s_, e, "*/") && !scan::at(s_, e, "#{")) ++e;
    out_.push(T::kCommentMultiline, e);
    return e;
  }

  std::size_t value(std::size_t i, bool ends_at_punctuation) {
    char c = s_[i];
    if (c == ' ' || c == '\t') {
      std::size_t e = i;
      while (e < s_.size() && (s_[e] == ' ' || s_[e] == '\t')) ++e;
      out_.push(T::kText, e);
      return e;
    }
    // [!$][\w-]+ comes first in Pygments' list: "!important" is a variable too.
    if ((c == '!' || c == '$') && i + 1 < s_.size() && name_char(s_[i + 1])) {
      std::size_t e = i + 1;
      while (e < s_.size() && name_char(s_[e])) ++e;
      out_.push(T::kNameVariable, e);
      return e;
    }
    if (at_ci(s_, i, "url(")) {
      out_.push(T::kStringOther, i + 4);
      push(State::kStringUrl);
      return i + 4;
    }
    if (scan::is_alpha(c) || c == '_' || c == '-') {
      std::size_t e = i;
      while (e < s_.size() && name_char(s_[e])) ++e;
      if (e < s_.size() && s_[e] == '(') {
        out_.push(T::kNameFunction, e);
        return e;
      }
    }
    if (std::size_t e = longest_word(s_, i, kSassConstants, true)) {
      out_.push(T::kNameConstant, e);
      return e;
    }
    if (std::size_t e = longest_word(s_, i, kCssColors, true)) {
      out_.push(T::kNameEntity, e);
      return e;
    }
    for (std::string_view w : {"true", "false"}) {
      if (at_ci(s_, i, w)) {
        out_.push(T::kName, i + w.size());  // Pygments' Name.Pseudo
        return i + w.size();
      }
    }
    for (std::string_view w : {"and", "or", "not"}) {
      if (at_ci(s_, i, w)) {
        out_.push(T::kOperatorWord, i + w.size());
        return i + w.size();
      }
    }
    if (scan::at(s_, i, "/*")) {
      out_.push(T::kCommentMultiline, i + 2);
      push(State::kComment);
      return i + 2;
    }
    if (scan::at(s_, i, "//")) {
      std::size_t e = scan::line_end(s_, i);
      out_.push(T::kCommentSingle, e);
      return e;
    }
    if (c == '#' && i + 1 < s_.size() && s_[i + 1] != '{') {
      std::size_t e = i + 1;
      while (e < s_.size() && e - i <= 6 && (scan::is_alpha(s_[e]) || scan::is_digit(s_[e]))) ++e;
      if (e > i + 1) {
        out_.push(T::kNumberHex, e);
        return e;
      }
    }
    {
      std::size_t j = i;
      if (c == '-') ++j;
      std::size_t d = j;
      while (d < s_.size() && scan::is_digit(s_[d])) ++d;
      T t = T::kNumberInteger;
      std::size_t e = d;
      if (d < s_.size() && s_[d] == '.' && d + 1 < s_.size() && scan::is_digit(s_[d + 1])) {
        e = d + 1;
        while (e < s_.size() && scan::is_digit(s_[e])) ++e;
        t = T::kNumberFloat;
      }
      if (e > j && (t == T::kNumberFloat || d > j)) {
        out_.push(t, e);
        std::size_t u = e;
        if (u < s_.size() && s_[u] == '%') ++u;
        else while (u < s_.size() && scan::is_alpha(s_[u])) ++u;
        out_.push(T::kKeywordType, u);
        return u;
      }
    }
    if (scan::at(s_, i, "#{")) {
      out_.push(T::kStringInterpol, i + 2);
      push(State::kInterpolation);
      return i + 2;
    }
    if (std::string_view("~^*!&%<>|+=@:,./?-").find(c) != std::string_view::npos) {
      std::size_t e = i;
      while (e < s_.size() && std::string_view("~^*!&%<>|+=@:,./?-").find(s_[e]) != std::string_view::npos) ++e;
      out_.push(T::kOperator, e);
      return e;
    }
    if (c == '[' || c == ']' || c == '(' || c == ')') {
      std::size_t e = i;
      while (e < s_.size() && std::string_view("[]()").find(s_[e]) != std::string_view::npos) ++e;
      out_.push(T::kPunctuation, e);
      return e;
    }
    if (c == '"' || c == '\'') {
      out_.push(c == '"' ? T::kStringDouble : T::kStringSingle, i + 1);
      push(c == '"' ? State::kStringDouble : State::kStringSingle);
      return i + 1;
    }
    if (scan::is_alpha(c) || c == '_' || c == '-') {
      std::size_t e = i;
      while (e < s_.size() && name_char(s_[e])) ++e;
      out_.push(T::kName, e);
      return e;
    }
    if (ends_at_punctuation) {
      if (c == '\n') {
        out_.push(T::kText, i + 1);
        return i + 1;
      }
      if (c == ';' || c == '{' || c == '}') {
        out_.push(T::kPunctuation, i + 1);
        pop();
        return i + 1;
      }
    }
    return 0;
  }

  std::string_view s_;
  TokenSink& out_;
  scan::StateStack<State> stack_;
  scan::Miss comment_miss_;
};

}  // namespace

void lex_css(std::string_view code, TokenSink& out) { CssLexer(code, out).run(); }
void lex_scss(std::string_view code, TokenSink& out) { ScssLexer(code, out).run(); }

}  // namespace bengal::highlight

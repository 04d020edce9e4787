// SCSS, following Pygments' ScssLexer: variables, @-rules, mixins and
// includes, #{} interpolation. Pygments has no declaration state for SCSS,
// so properties and most values inside a rule come out as names (Name.Tag).
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

#include "highlight/css_words.inc"

bool word_char(char c) { return scan::is_ident_char(c); }
bool name_char(char c) { return scan::is_ident_char(c) || c == '-'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool at_ci(std::string_view s, std::size_t i, std::string_view w) {
  if (s.size() - i < w.size() || i > s.size()) return false;
  for (std::size_t k = 0; k < w.size(); ++k) {
    if (lower(s[i + k]) != w[k]) return false;
  }
  return true;
}

// Longest table word at s[i] (case-insensitive) followed by a word boundary.
template <std::size_t N>
std::size_t longest_word(std::string_view s, std::size_t i, const scan::KeywordTable<N>& table) {
  std::size_t run = i;
  while (run < s.size() && name_char(s[run])) ++run;
  char buf[64];
  for (std::size_t end = run; end > i; --end) {
    if (!word_char(s[end - 1])) continue;
    if (end < s.size() && word_char(s[end])) continue;
    if (end - i > sizeof buf) continue;
    for (std::size_t k = i; k < end; ++k) buf[k - i] = lower(s[k]);
    if (table.contains(std::string_view(buf, end - i))) return end;
  }
  return 0;
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
        if (s_[i] == '\n') depth_ = 0;
      }
      i = e;
    }
  }

 private:
  enum class State : std::uint8_t { kRoot, kValue, kFor, kSelector, kInterpolation, kStringDouble, kStringSingle,
                                    kStringUrl, kPseudo, kClass, kId, kComment };
  static constexpr int kMax = 64;

  State state() const { return depth_ == 0 ? State::kRoot : stack_[depth_ - 1]; }
  void push(State st) {
    if (depth_ < kMax) stack_[depth_++] = st;
  }
  void pop() {
    if (depth_ > 0) --depth_;
  }

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
    if (std::size_t e = longest_word(s_, i, kSassConstants)) {
      out_.push(T::kNameConstant, e);
      return e;
    }
    if (std::size_t e = longest_word(s_, i, kCssColors)) {
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
  State stack_[kMax] = {};
  int depth_ = 0;
  scan::Miss comment_miss_;
};

}  // namespace

void lex_scss(std::string_view code, TokenSink& out) { ScssLexer(code, out).run(); }

}  // namespace bengal::highlight

// YAML, line by line, with the token classes Pygments' YamlLexer gives:
// keys Name.Tag, plain scalars Literal, block scalars Name.Constant, flow
// collection items Name.Variable, anchors Name.Label, tags Keyword.Type.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

class YamlLexer {
 public:
  YamlLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t e = scan::line_end(s_, i);
      line(i, e);
      i = e < s_.size() ? e + 1 : e;
      out_.push(T::kText, i);
    }
  }

 private:
  static bool blank_or_end(std::string_view s, std::size_t k, std::size_t e) {
    return k >= e || s[k] == ' ' || s[k] == '\t';
  }

  void line(std::size_t i, std::size_t e) {
    std::size_t k = i;
    while (k < e && s_[k] == ' ') ++k;
    const int indent = static_cast<int>(k - i);
    const bool empty = k >= e || s_[k] == '\r';
    if (block_indent_ >= 0) {
      if (empty || indent > block_indent_) {
        out_.push(T::kText, k);
        out_.push(T::kNameConstant, e);
        return;
      }
      block_indent_ = -1;
    }
    if (flow_depth_ > 0) {
      out_.push(T::kText, k);
      flow(k, e);
      return;
    }
    if (quote_ != '\0') {
      out_.push(T::kText, k);
      quoted_continue(k, e);
      return;
    }
    if (empty) return;
    if (k == i && s_[k] == '%') {
      std::size_t w = k;
      while (w < e && !scan::is_space(s_[w])) ++w;
      out_.push(T::kNameTag, w);
      out_.push(T::kNumber, e);
      return;
    }
    if (k == i && (scan::at(s_, k, "---") || scan::at(s_, k, "...")) && blank_or_end(s_, k + 3, e)) {
      out_.push(T::kNameNamespace, k + 3);
      plain_indent_ = -1;
      value(k + 3, e, 0);
      return;
    }
    if (s_[k] == '#') {
      out_.push(T::kCommentSingle, e);
      return;
    }
    // A more indented line after a plain scalar continues it.
    if (plain_indent_ >= 0 && indent > plain_indent_ && !looks_like_key(k, e) && s_[k] != '-') {
      out_.push(T::kText, k);
      plain(k, e, T::kLiteral);
      return;
    }
    plain_indent_ = -1;
    out_.push(T::kText, k);
    // Block sequence and complex-key indicators.
    int key_indent = indent;
    while (k < e && (s_[k] == '-' || s_[k] == '?' || s_[k] == ':') && blank_or_end(s_, k + 1, e)) {
      out_.push(T::kPunctuation, k + 1);
      std::size_t n = k + 1;
      while (n < e && s_[n] == ' ') ++n;
      out_.push(T::kText, n);
      key_indent = static_cast<int>(n - i);
      k = n;
    }
    if (k >= e) return;
    if (std::size_t v = key(k, e); v != 0) {
      value(v, e, key_indent);
      return;
    }
    value(k, e, key_indent - 1);
  }

  bool looks_like_key(std::size_t k, std::size_t e) const {
    for (std::size_t j = k; j < e; ++j) {
      if (s_[j] == ':' && blank_or_end(s_, j + 1, e)) return true;
      if (s_[j] == '#' && j > k && s_[j - 1] == ' ') return false;
    }
    return false;
  }

  // A "key:" at k; returns the offset after the colon, 0 if none.
  std::size_t key(std::size_t k, std::size_t e) {
    char c = s_[k];
    if (c == '"' || c == '\'') {
      std::size_t close = closing_quote(k, e);
      if (close == std::string_view::npos) return 0;
      std::size_t colon = close + 1;
      while (colon < e && s_[colon] == ' ') ++colon;
      if (colon < e && s_[colon] == ':' && blank_or_end(s_, colon + 1, e)) {
        out_.push(T::kString, close + 1);
        out_.push(T::kText, colon);
        out_.push(T::kPunctuation, colon + 1);
        return colon + 1;
      }
      return 0;
    }
    if (std::string_view("[]{},&*!|>#%@`").find(c) != std::string_view::npos) return 0;
    for (std::size_t j = k; j < e; ++j) {
      if (s_[j] == '#' && j > k && s_[j - 1] == ' ') return 0;
      if (s_[j] == ':' && blank_or_end(s_, j + 1, e)) {
        std::size_t end = j;
        while (end > k && s_[end - 1] == ' ') --end;
        out_.push(T::kNameTag, end);
        out_.push(T::kText, j);
        out_.push(T::kPunctuation, j + 1);
        return j + 1;
      }
    }
    return 0;
  }

  std::size_t closing_quote(std::size_t k, std::size_t e) const {
    char q = s_[k];
    for (std::size_t j = k + 1; j < e; ++j) {
      if (q == '"' && s_[j] == '\\') {
        ++j;
        continue;
      }
      if (s_[j] == q) {
        if (q == '\'' && j + 1 < e && s_[j + 1] == '\'') {
          ++j;
          continue;
        }
        return j;
      }
    }
    return std::string_view::npos;
  }

  void value(std::size_t k, std::size_t e, int key_indent) {
    while (k < e) {
      std::size_t n = k;
      while (n < e && (s_[n] == ' ' || s_[n] == '\t' || s_[n] == '\r')) ++n;
      out_.push(T::kText, n);
      k = n;
      if (k >= e) return;
      char c = s_[k];
      if (c == '#' && (k == 0 || s_[k - 1] == ' ' || s_[k - 1] == '\t')) {
        out_.push(T::kCommentSingle, e);
        return;
      }
      if (c == '&' || c == '*' || c == '!') {
        std::size_t w = k + 1;
        while (w < e && !scan::is_space(s_[w])) ++w;
        out_.push(c == '&' ? T::kNameLabel : c == '*' ? T::kNameVariable : T::kKeywordType, w);
        k = w;
        continue;
      }
      if (c == '|' || c == '>') {
        std::size_t w = k + 1;
        while (w < e && (s_[w] == '-' || s_[w] == '+' || scan::is_digit(s_[w]))) ++w;
        out_.push(T::kPunctuation, w);
        block_indent_ = key_indent;
        k = w;
        continue;
      }
      if (c == '[' || c == '{') {
        flow(k, e);
        return;
      }
      if (c == '"' || c == '\'') {
        std::size_t close = closing_quote(k, e);
        if (close == std::string_view::npos) {
          quote_ = c;
          out_.push(T::kString, e);
          return;
        }
        out_.push(T::kString, close + 1);
        k = close + 1;
        continue;
      }
      plain(k, e, T::kLiteral);
      plain_indent_ = key_indent;
      return;
    }
  }

  // A plain scalar up to a " #" comment or the end of the line.
  void plain(std::size_t k, std::size_t e, T t) {
    std::size_t j = k;
    while (j < e) {
      if (s_[j] == '#' && j > k && (s_[j - 1] == ' ' || s_[j - 1] == '\t')) {
        std::size_t end = j;
        while (end > k && (s_[end - 1] == ' ' || s_[end - 1] == '\t')) --end;
        out_.push(t, end);
        out_.push(T::kText, j);
        out_.push(T::kCommentSingle, e);
        return;
      }
      ++j;
    }
    std::size_t end = e;
    while (end > k && (s_[end - 1] == ' ' || s_[end - 1] == '\t' || s_[end - 1] == '\r')) --end;
    out_.push(t, end);
  }

  void quoted_continue(std::size_t k, std::size_t e) {
    for (std::size_t j = k; j < e; ++j) {
      if (quote_ == '"' && s_[j] == '\\') {
        ++j;
        continue;
      }
      if (s_[j] == quote_) {
        if (quote_ == '\'' && j + 1 < e && s_[j + 1] == '\'') {
          ++j;
          continue;
        }
        quote_ = '\0';
        out_.push(T::kString, j + 1);
        value(j + 1, e, 0);
        return;
      }
    }
    out_.push(T::kString, e);
  }

  // Inside [ ] / { }: indicators, keys, quoted strings and plain items.
  void flow(std::size_t k, std::size_t e) {
    while (k < e) {
      char c = s_[k];
      if (c == ' ' || c == '\t' || c == '\r') {
        out_.push(T::kText, ++k);
        continue;
      }
      if (c == '[' || c == '{') {
        ++flow_depth_;
        out_.push(T::kPunctuation, ++k);
        continue;
      }
      if (c == ']' || c == '}') {
        if (flow_depth_ > 0) --flow_depth_;
        out_.push(T::kPunctuation, ++k);
        if (flow_depth_ == 0) {
          value(k, e, 0);
          return;
        }
        continue;
      }
      if (c == ',' || c == ':') {
        out_.push(T::kPunctuation, ++k);
        continue;
      }
      if (c == '#' && k > 0 && (s_[k - 1] == ' ' || s_[k - 1] == '\t')) {
        out_.push(T::kCommentSingle, e);
        return;
      }
      if (c == '"' || c == '\'') {
        std::size_t close = closing_quote(k, e);
        std::size_t end = close == std::string_view::npos ? e : close + 1;
        out_.push(T::kString, end);
        k = end;
        continue;
      }
      std::size_t j = k;
      while (j < e && std::string_view(",[]{}").find(s_[j]) == std::string_view::npos &&
             !(s_[j] == ':' && (j + 1 >= e || s_[j + 1] == ' ')) && !(s_[j] == '#' && j > k && s_[j - 1] == ' ')) {
        ++j;
      }
      std::size_t end = j;
      while (end > k && s_[end - 1] == ' ') --end;
      out_.push(j < e && s_[j] == ':' ? T::kNameTag : T::kNameVariable, end > k ? end : k + 1);
      k = end > k ? end : k + 1;
    }
  }

  std::string_view s_;
  TokenSink& out_;
  int block_indent_ = -1;  // >= 0 inside a block scalar: lines indented deeper belong to it
  int plain_indent_ = -1;  // >= 0 after a plain scalar that may continue
  int flow_depth_ = 0;
  char quote_ = '\0';  // inside a multi-line quoted scalar
};

}  // namespace

void lex_yaml(std::string_view code, TokenSink& out) { YamlLexer(code, out).run(); }

}  // namespace bengal::highlight

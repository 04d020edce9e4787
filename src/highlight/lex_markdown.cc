// Markdown, following Pygments' MarkdownLexer: headings, list markers,
// quotes, fenced code (lexed with the fence's language when Bengal knows
// it), and inline code, emphasis and links.
#include "highlight/lexer.h"
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

class MarkdownLexer {
 public:
  MarkdownLexer(std::string_view s, TokenSink& out) : s_(s), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < s_.size()) {
      std::size_t e = 0;
      if (i == 0 || s_[i - 1] == '\n') e = block(i);
      if (e == 0) e = inline_token(i);
      i = e;
    }
  }

 private:
  std::size_t eol(std::size_t i) const { return scan::line_end(s_, i); }
  bool has_newline(std::size_t e) const { return e < s_.size(); }

  // Line-start rules; returns 0 when none applies.
  std::size_t block(std::size_t i) {
    std::size_t e = eol(i);
    std::string_view line = s_.substr(i, e - i);
    if (has_newline(e) && line.size() >= 2 && line[0] == '#') {
      std::size_t hashes = 0;
      while (hashes < line.size() && line[hashes] == '#') ++hashes;
      if (hashes <= 6 && hashes < line.size() && line.size() - hashes >= 2) {
        out_.push(hashes == 1 ? T::kGenericHeading : T::kGenericSubheading, e);
        out_.push(T::kText, e + 1);
        return e + 1;
      }
    }
    if (has_newline(e) && !line.empty()) {
      // Setext: the next line is all '=' or all '-'.
      std::size_t n = e + 1;
      std::size_t ne = eol(n);
      if (ne > n && has_newline(ne)) {
        char u = s_[n];
        bool all = u == '=' || u == '-';
        for (std::size_t k = n; all && k < ne; ++k) all = s_[k] == u;
        if (all) {
          T t = u == '=' ? T::kGenericHeading : T::kGenericSubheading;
          out_.push(t, e);
          out_.push(T::kText, n);
          out_.push(t, ne);
          out_.push(T::kText, ne + 1);
          return ne + 1;
        }
      }
    }
    std::size_t k = 0;
    while (k < line.size() && scan::is_space(line[k])) ++k;
    if (has_newline(e) && k + 1 < line.size() && (line[k] == '*' || line[k] == '-') && scan::is_space(line[k + 1])) {
      // Task list item: "- [x] ..."
      if (line[k + 1] == ' ' && k + 5 < line.size() && line[k + 2] == '[' && line[k + 4] == ']' &&
          (line[k + 3] == ' ' || line[k + 3] == 'x' || line[k + 3] == 'X') && line[k + 5] == ' ' && k + 6 < line.size()) {
        out_.push(T::kText, i + k);
        out_.push(T::kKeyword, i + k + 5);
        return inline_until(i + k + 5, e + 1);
      }
      if (k + 2 < line.size()) {
        out_.push(T::kText, i + k);
        out_.push(T::kKeyword, i + k + 1);
        out_.push(T::kText, i + k + 2);
        return inline_until(i + k + 2, e + 1);
      }
    }
    if (has_newline(e) && k < line.size() && scan::is_digit(line[k])) {
      std::size_t d = k;
      while (d < line.size() && scan::is_digit(line[d])) ++d;
      if (d < line.size() && line[d] == '.' && d + 2 < line.size() && line[d + 1] == ' ') {
        out_.push(T::kText, i + k);
        out_.push(T::kKeyword, i + d + 1);
        return inline_until(i + d + 1, e + 1);
      }
    }
    if (has_newline(e) && k < line.size() && line[k] == '>' && k + 2 < line.size() && scan::is_space(line[k + 1])) {
      out_.push(T::kKeyword, i + k + 2);
      out_.push(T::kGenericEmph, e);
      out_.push(T::kText, e + 1);
      return e + 1;
    }
    if (scan::at(line, k, "```")) return fence(i, k, e);
    return 0;
  }

  std::size_t fence(std::size_t i, std::size_t k, std::size_t e) {
    std::size_t lang = i + k + 3;
    std::size_t lang_end = lang;
    while (lang_end < e && scan::is_ident_char(s_[lang_end])) ++lang_end;
    if (lang_end != e || !has_newline(e)) return 0;
    // The closing fence: a line of optional spaces and ``` ending in '\n'.
    if (fence_miss_.covers(i)) return 0;
    std::size_t j = e + 1;
    while (j < s_.size()) {
      std::size_t le = eol(j);
      std::size_t b = j;
      while (b < le && scan::is_space(s_[b])) ++b;
      if (le - b == 3 && scan::at(s_, b, "```") && has_newline(le)) {
        out_.push(T::kStringBacktick, lang_end);
        out_.push(T::kText, e + 1);
        std::string_view name = s_.substr(lang, lang_end - lang);
        const Lexer* lexer = name.empty() ? nullptr : find_builtin_lexer(name);
        if (lexer != nullptr && lexer->lex != &lex_markdown) {
          TokenSink::Embed embed(out_, e + 1);
          lexer->lex(s_.substr(e + 1, j - e - 1), out_);
        } else {
          out_.push(name.empty() ? T::kStringBacktick : T::kString, j);
        }
        out_.push(T::kStringBacktick, le + 1);
        return le + 1;
      }
      j = le + 1;
    }
    fence_miss_.record(i, s_.size() + 1);
    return 0;
  }

  std::size_t inline_until(std::size_t i, std::size_t end) {
    while (i < end && i < s_.size()) i = inline_token(i);
    return i;
  }

  // ([^X]?)(X...X): a delimited span, optionally after one other character.
  std::size_t span(std::size_t i, std::string_view delim, T t) {
    std::size_t j = i;
    if (!scan::at(s_, j, delim)) {
      if (s_[j] == delim[0] || s_[j] == '\n') return 0;
      j = scan::next_char(s_, j);
      if (!scan::at(s_, j, delim)) return 0;
    }
    std::size_t b = j + delim.size();
    if (b >= s_.size() || s_[b] == delim[0] || s_[b] == ' ' || s_[b] == '\n') return 0;
    std::size_t k = b + 1;
    while (k < s_.size() && s_[k] != delim[0] && s_[k] != '\n') ++k;
    if (!scan::at(s_, k, delim)) return 0;
    out_.push(T::kText, j);
    out_.push(t, k + delim.size());
    return k + delim.size();
  }

  std::size_t inline_token(std::size_t i) {
    char c = s_[i];
    if (c == '\\' && i + 1 < s_.size() && s_[i + 1] != '\n') {
      std::size_t e = scan::next_char(s_, i + 1);
      out_.push(T::kText, e);
      return e;
    }
    {
      // ([^`]?)(`[^`\n]+`)
      std::size_t j = c == '`' ? i : (c != '\n' ? scan::next_char(s_, i) : s_.size());
      if (j < s_.size() && s_[j] == '`') {
        std::size_t k = j + 1;
        while (k < s_.size() && s_[k] != '`' && s_[k] != '\n') ++k;
        if (k > j + 1 && k < s_.size() && s_[k] == '`') {
          out_.push(T::kText, j);
          out_.push(T::kStringBacktick, k + 1);
          return k + 1;
        }
      }
    }
    if (std::size_t e = span(i, "**", T::kGenericStrong)) return e;
    if (std::size_t e = span(i, "__", T::kGenericStrong)) return e;
    if (std::size_t e = span(i, "*", T::kGenericEmph)) return e;
    if (std::size_t e = span(i, "_", T::kGenericEmph)) return e;
    if (std::size_t e = span(i, "~~", T::kGenericDeleted)) return e;
    if ((c == '@' || c == '#') && i + 1 < s_.size() &&
        (scan::is_ident_char(s_[i + 1]) || s_[i + 1] == '/' || s_[i + 1] == ':')) {
      std::size_t e = i + 1;
      while (e < s_.size() && (scan::is_ident_char(s_[e]) || s_[e] == '/' || s_[e] == ':')) ++e;
      out_.push(T::kNameEntity, e);
      return e;
    }
    if (c == '[' || (c == '!' && i + 1 < s_.size() && s_[i + 1] == '[')) {
      if (std::size_t e = link(i)) return e;
    }
    if (c == '[' || ((i == 0 || s_[i - 1] == '\n') && scan::is_space(c))) {
      if (std::size_t e = reference_definition(i)) return e;
    }
    if (c != '\\' && !scan::is_space(c)) {
      std::size_t e = i;
      while (e < s_.size() && s_[e] != '\\' && !scan::is_space(s_[e])) ++e;
      out_.push(T::kText, e);
      return e;
    }
    std::size_t e = scan::next_char(s_, i);
    out_.push(T::kText, e);
    return e;
  }

  // [text](url), ![alt](src), [text][ref]
  std::size_t link(std::size_t i) {
    std::size_t open = s_[i] == '!' ? i + 2 : i + 1;
    std::size_t close = next_bracket_.find(s_, open);
    if (close == std::string_view::npos || close == open || close + 1 >= s_.size()) return 0;
    char next = s_[close + 1];
    if (next == '(') {
      std::size_t r = next_paren_.find(s_, close + 2);
      if (r == close + 2 || r == std::string_view::npos) return 0;
      out_.push(T::kText, open);
      out_.push(T::kNameTag, close);
      out_.push(T::kText, close + 2);
      out_.push(T::kNameAttribute, r);
      out_.push(T::kText, r + 1);
      return r + 1;
    }
    if (next == '[' && s_[i] == '[') {
      std::size_t r = close + 2;
      while (r < s_.size() && s_[r] != ']') ++r;
      if (r >= s_.size()) return 0;
      out_.push(T::kText, open);
      out_.push(T::kNameTag, close);
      out_.push(T::kText, close + 2);
      out_.push(T::kNameLabel, r);
      out_.push(T::kText, r + 1);
      return r + 1;
    }
    return 0;
  }

  // ^\s*[label]: url
  std::size_t reference_definition(std::size_t i) {
    if (!(i == 0 || s_[i - 1] == '\n') || blank_miss_.covers(i)) return 0;
    std::size_t k = i;
    while (k < s_.size() && scan::is_space(s_[k])) ++k;
    if (k >= s_.size() || s_[k] != '[') {
      blank_miss_.record(i, k);
      return 0;
    }
    std::size_t close = next_bracket_.find(s_, k + 1);
    if (close == std::string_view::npos || close + 1 >= s_.size() || s_[close + 1] != ':') return 0;
    std::size_t u = scan::skip_spaces(s_, close + 2);
    std::size_t e = eol(u);
    if (e == u) return 0;
    out_.push(T::kText, k + 1);
    out_.push(T::kNameLabel, close);
    out_.push(T::kText, u);
    out_.push(T::kNameAttribute, e);
    return e;
  }

  std::string_view s_;
  TokenSink& out_;
  scan::NextOf next_bracket_{']'};
  scan::NextOf next_paren_{')'};
  scan::Miss blank_miss_;  // blank run at a line start not followed by '['
  scan::Miss fence_miss_;  // a fence without a closing fence after it
};

}  // namespace

void lex_markdown(std::string_view code, TokenSink& out) { MarkdownLexer(code, out).run(); }

}  // namespace bengal::highlight

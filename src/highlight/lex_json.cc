// JSON (with // and /* */ comments tolerated), following Pygments'
// JsonLexer: object keys are Name.Tag, other strings String.Double.
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {

using T = Token;

void lex_json(std::string_view s, TokenSink& out) {
  auto at = [&](std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  std::size_t i = 0;
  scan::Miss comment_miss;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
      out.push(T::kText, i);
      continue;
    }
    if (c == '"') {
      std::size_t j = i + 1;
      while (j < s.size() && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
      if (j >= s.size()) {
        out.push(T::kError, s.size());
        return;
      }
      // A string followed (past blanks and comments) by ':' is a key.
      std::size_t k = j + 1;
      for (;;) {
        while (k < s.size() && (s[k] == ' ' || s[k] == '\n' || s[k] == '\r' || s[k] == '\t')) ++k;
        if (at(k) == '/' && at(k + 1) == '/') {
          k = scan::line_end(s, k);
        } else if (at(k) == '/' && at(k + 1) == '*') {
          std::size_t close = scan::find(s, "*/", k + 2, comment_miss);
          if (close == std::string_view::npos) break;
          k = close + 2;
        } else {
          break;
        }
      }
      out.push(at(k) == ':' ? T::kNameTag : T::kStringDouble, i = j + 1);
      continue;
    }
    if (c == '-' || scan::is_digit(c)) {
      bool is_float = false;
      std::size_t j = i + 1;
      while (j < s.size()) {
        char d = s[j];
        if (d == '-' || scan::is_digit(d)) ++j;
        else if (d == '.' || d == 'e' || d == 'E' || d == '+') is_float = true, ++j;
        else break;
      }
      out.push(is_float ? T::kNumberFloat : T::kNumberInteger, i = j);
      continue;
    }
    if (c == 't' || c == 'f' || c == 'n') {
      std::size_t j = i + 1;
      while (j < s.size() && std::string_view("truefalsn").find(s[j]) != std::string_view::npos) ++j;
      out.push(T::kKeywordConstant, i = j);
      continue;
    }
    if (c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':') {
      out.push(T::kPunctuation, ++i);
      continue;
    }
    if (c == '/' && at(i + 1) == '/') {
      out.push(T::kCommentSingle, i = scan::line_end(s, i));
      continue;
    }
    if (c == '/' && at(i + 1) == '*') {
      std::size_t close = scan::find(s, "*/", i + 2, comment_miss);
      out.push(close == std::string_view::npos ? T::kError : T::kCommentMultiline,
               i = close == std::string_view::npos ? s.size() : close + 2);
      continue;
    }
    out.push(T::kError, i = scan::next_char(s, i));
  }
}

}  // namespace bengal::highlight

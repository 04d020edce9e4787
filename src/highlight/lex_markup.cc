// HTML and XML, following Pygments' HtmlLexer (with CSS in <style> and
// JavaScript in <script>) and XmlLexer.
#include "highlight/lexer.h"
#include "highlight/lexers.h"
#include "highlight/scan.h"

namespace bengal::highlight {
namespace {

using T = Token;

bool tag_char(char c) { return scan::is_ident_char(c) || c == ':' || c == '.' || c == '-'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool at_ci(std::string_view s, std::size_t i, std::string_view w) {
  if (i > s.size() || s.size() - i < w.size()) return false;
  for (std::size_t k = 0; k < w.size(); ++k) {
    if (lower(s[i + k]) != w[k]) return false;
  }
  return true;
}

// Unclosed constructs already seen (see scan::Miss): keeps lexing linear on
// input full of "<!--" or "&" that never close.
struct Misses {
  scan::Miss entity, cdata, comment, instruction, declaration, script, style;
};

// The markup constructs both languages share: entities, CDATA, comments,
// processing instructions, doctypes. Returns the end, or 0.
std::size_t markup_special(std::string_view s, std::size_t i, TokenSink& out, Misses& misses) {
  if (s[i] == '&') {
    if (misses.entity.covers(i)) return 0;
    std::size_t e = i + 1;
    while (e < s.size() && !scan::is_space(s[e]) && s[e] != ';') ++e;
    if (e < s.size() && s[e] == ';') {
      out.push(T::kNameEntity, e + 1);
      return e + 1;
    }
    misses.entity.record(i, e);
    return 0;
  }
  auto until = [&](std::string_view open, std::string_view close, T t, scan::Miss& miss) -> std::size_t {
    if (!scan::at(s, i, open)) return 0;
    std::size_t c = scan::find(s, close, i + open.size(), miss);
    if (c == std::string_view::npos) return 0;
    out.push(t, c + close.size());
    return c + close.size();
  };
  if (std::size_t e = until("<![CDATA[", "]]>", T::kCommentPreproc, misses.cdata)) return e;
  if (std::size_t e = until("<!--", "-->", T::kCommentMultiline, misses.comment)) return e;
  if (std::size_t e = until("<?", "?>", T::kCommentPreproc, misses.instruction)) return e;
  if (std::size_t e = until("<!", ">", T::kCommentPreproc, misses.declaration)) return e;
  return 0;
}

// Text up to the next '<' or '&', or a construct markup_special() knows;
// returns the end, or 0 when a tag (or a stray '<' / '&') starts at i.
std::size_t text_or_special(std::string_view s, std::size_t i, TokenSink& out, Misses& misses) {
  if (s[i] != '<' && s[i] != '&') {
    std::size_t e = i;
    while (e < s.size() && s[e] != '<' && s[e] != '&') ++e;
    out.push(T::kText, e);
    return e;
  }
  return markup_special(s, i, out, misses);
}

// A closing tag "</name>" at i with optional blanks; returns its end or 0.
std::size_t closing_tag(std::string_view s, std::size_t i, std::string_view only = {}) {
  if (i >= s.size() || s[i] != '<') return 0;
  std::size_t k = scan::skip_spaces(s, i + 1);
  if (k >= s.size() || s[k] != '/') return 0;
  k = scan::skip_spaces(s, k + 1);
  std::size_t n = k;
  while (n < s.size() && tag_char(s[n])) ++n;
  if (n == k || (!only.empty() && !(n - k == only.size() && at_ci(s, k, only)))) return 0;
  std::size_t g = scan::skip_spaces(s, n);
  return g < s.size() && s[g] == '>' ? g + 1 : 0;
}

void html_closing_tag(std::string_view s, std::size_t i, std::size_t end, TokenSink& out) {
  std::size_t k = scan::skip_spaces(s, i + 1);
  out.push(T::kPunctuation, i + 1);
  out.push(T::kText, k);
  out.push(T::kPunctuation, k + 1);
  std::size_t n = scan::skip_spaces(s, k + 1);
  out.push(T::kText, n);
  std::size_t e = n;
  while (e < s.size() && tag_char(s[e])) ++e;
  out.push(T::kNameTag, e);
  out.push(T::kText, end - 1);
  out.push(T::kPunctuation, end);
}

// Attributes up to and including the closing "/>" or ">".
std::size_t html_attributes(std::string_view s, std::size_t j, TokenSink& out) {
  while (j < s.size()) {
    char c = s[j];
    if (scan::is_space(c)) {
      out.push(T::kText, j = scan::skip_spaces(s, j));
      continue;
    }
    if (scan::is_ident_char(c) || c == ':' || c == '-') {
      std::size_t e = j;
      while (e < s.size() && (scan::is_ident_char(s[e]) || s[e] == ':' || s[e] == '-')) ++e;
      std::size_t k = scan::skip_spaces(s, e);
      if (k < s.size() && s[k] == '=') {
        out.push(T::kNameAttribute, k);
        out.push(T::kOperator, k + 1);
        std::size_t v = scan::skip_spaces(s, k + 1);
        out.push(T::kText, v);
        if (v < s.size() && (s[v] == '"' || s[v] == '\'')) {
          std::size_t q = s.find(s[v], v + 1);
          if (q != std::string_view::npos) {
            out.push(T::kString, j = q + 1);
            continue;
          }
        }
        std::size_t w = v;
        while (w < s.size() && !scan::is_space(s[w]) && s[w] != '>') ++w;
        out.push(T::kString, j = w);
        continue;
      }
      out.push(T::kNameAttribute, j = e);
      continue;
    }
    std::size_t k = j;
    if (c == '/') k = scan::skip_spaces(s, j + 1);
    if (k < s.size() && s[k] == '>') {
      out.push(T::kPunctuation, j + (c == '/' ? 1 : 0));
      out.push(T::kText, k);
      out.push(T::kPunctuation, k + 1);
      return k + 1;
    }
    out.push(T::kError, j = scan::next_char(s, j));
  }
  return j;
}

// The body of <script>/<style>: up to the closing tag, else to the end of line.
std::size_t embedded(std::string_view s, std::size_t j, std::string_view tag, LexFunction lex, TokenSink& out,
                     scan::Miss& miss) {
  std::size_t end = miss.covers(j) ? s.size() : j;
  while (end < s.size() && !closing_tag(s, end, tag)) ++end;
  if (end >= s.size()) miss.record(j, s.size() + 1);
  if (end >= s.size()) {
    std::size_t nl = s.find('\n', j + 1);
    end = nl == std::string_view::npos ? s.size() : nl + 1;
  }
  {
    TokenSink::Embed embed(out, j);
    lex(s.substr(j, end - j), out);
  }
  if (std::size_t c = closing_tag(s, end, tag)) {
    html_closing_tag(s, end, c, out);
    return c;
  }
  return end;
}

}  // namespace

void lex_html(std::string_view s, TokenSink& out) {
  std::size_t i = 0;
  Misses misses;
  while (i < s.size()) {
    char c = s[i];
    if (std::size_t e = text_or_special(s, i, out, misses)) {
      i = e;
      continue;
    }
    if (c == '<') {
      if (std::size_t e = closing_tag(s, i)) {
        html_closing_tag(s, i, e, out);
        i = e;
        continue;
      }
      std::size_t k = scan::skip_spaces(s, i + 1);
      std::size_t n = k;
      while (n < s.size() && tag_char(s[n])) ++n;
      if (n > k) {
        std::string_view name = s.substr(k, n - k);
        bool script = name.size() == 6 && at_ci(name, 0, "script");
        bool style = name.size() == 5 && at_ci(name, 0, "style");
        out.push(T::kPunctuation, i + 1);
        out.push(T::kText, k);
        out.push(T::kNameTag, n);
        std::size_t j = html_attributes(s, n, out);
        if (script) j = embedded(s, j, "script", &lex_javascript, out, misses.script);
        else if (style) j = embedded(s, j, "style", &lex_css, out, misses.style);
        i = j;
        continue;
      }
    }
    out.push(T::kError, i = i + 1);
  }
}

void lex_xml(std::string_view s, TokenSink& out) {
  std::size_t i = 0;
  Misses misses;
  while (i < s.size()) {
    char c = s[i];
    if (std::size_t e = text_or_special(s, i, out, misses)) {
      i = e;
      continue;
    }
    if (c == '<') {
      if (std::size_t e = closing_tag(s, i)) {
        out.push(T::kNameTag, i = e);
        continue;
      }
      std::size_t k = scan::skip_spaces(s, i + 1);
      std::size_t n = k;
      while (n < s.size() && tag_char(s[n])) ++n;
      if (n > k) {
        out.push(T::kNameTag, n);
        std::size_t j = n;
        while (j < s.size()) {
          char d = s[j];
          if (scan::is_space(d)) {
            out.push(T::kText, j = scan::skip_spaces(s, j));
            continue;
          }
          if (tag_char(d)) {
            std::size_t e = j;
            while (e < s.size() && tag_char(s[e])) ++e;
            std::size_t eq = scan::skip_spaces(s, e);
            if (eq < s.size() && s[eq] == '=') {
              out.push(T::kNameAttribute, eq + 1);
              std::size_t v = scan::skip_spaces(s, eq + 1);
              out.push(T::kText, v);
              if (v < s.size() && (s[v] == '"' || s[v] == '\'')) {
                std::size_t q = s.find(s[v], v + 1);
                if (q != std::string_view::npos) {
                  out.push(T::kString, j = q + 1);
                  continue;
                }
              }
              std::size_t w = v;
              while (w < s.size() && !scan::is_space(s[w]) && s[w] != '>') ++w;
              out.push(T::kString, j = w > v ? w : v);
              if (w == v) break;
              continue;
            }
          }
          std::size_t g = d == '/' ? scan::skip_spaces(s, j + 1) : j;
          if (g < s.size() && s[g] == '>') {
            out.push(T::kNameTag, j = g + 1);
            break;
          }
          out.push(T::kError, j = scan::next_char(s, j));
        }
        i = j;
        continue;
      }
    }
    out.push(T::kError, i = i + 1);
  }
}

}  // namespace bengal::highlight

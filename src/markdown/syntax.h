// Low-level CommonMark scanners shared by the block and inline parsers:
// character classes, entities, backslash escapes, raw HTML, autolinks, link
// destinations/titles/labels, label normalisation and HTML/URL escaping.
//
// Every scanner looks at most at the bytes it consumes plus a bounded
// lookahead, except the raw-HTML scanner, whose searches for "-->", "?>",
// "]]>" and ">" are memoised in HtmlScanMemo so repeated failures stay linear.
//
// Thread-safety: pure functions (HtmlScanMemo belongs to one caller).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bengal::markdown::detail {

inline bool is_space_or_tab(char c) {
  return c == ' ' || c == '\t';
}
inline bool is_line_end(char c) {
  return c == '\n' || c == '\r';
}
inline bool is_ascii_alpha(char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
inline bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_ascii_alnum(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c);
}
inline bool is_ascii_punct(char c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}
// Space, tab, line feed, form feed, carriage return (CommonMark whitespace).
inline bool is_ascii_whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

// Length of an entity or numeric character reference at s[pos] ('&'), or 0.
// Appends its decoded UTF-8 to `out` when `out` is not null.
std::size_t scan_entity(std::string_view s, std::size_t pos, std::string* out);

// Appends `s` with backslash escapes and entities decoded (link destinations,
// titles, info strings).
void append_unescaped(std::string& out, std::string_view s);

// Appends `s` HTML-escaped (& < > ").
void append_html_text(std::string& out, std::string_view s);
// Appends a URL percent-encoded the way cmark does, then HTML-escaped.
void append_url(std::string& out, std::string_view url);

// Remembers how far searches for raw-HTML terminators got, so that a document
// full of "<!--" without "-->" is scanned once, not once per opener.
struct HtmlScanMemo {
  std::size_t no_comment_end_from = std::string_view::npos;  // no "-->" at or after this
  std::size_t no_pi_end_from = std::string_view::npos;       // no "?>"
  std::size_t no_cdata_end_from = std::string_view::npos;    // no "]]>"
  std::size_t no_decl_end_from = std::string_view::npos;     // no ">"
  void reset() { *this = HtmlScanMemo{}; }
};

// Length of the raw HTML (tag, comment, PI, declaration, CDATA) at s[pos]
// ('<'), or 0.
std::size_t scan_raw_html(std::string_view s, std::size_t pos, HtmlScanMemo& memo);
// Length of an open tag or closing tag at s[pos] ('<'), or 0.
std::size_t scan_html_tag(std::string_view s, std::size_t pos);

// HTML block start condition (1-7) for `line` at `pos` ('<'), or 0. Type 7
// is only reported when `allow_type7` (it cannot interrupt a paragraph).
int html_block_start(std::string_view line, std::size_t pos, bool allow_type7);
// True when `line` satisfies the end condition of an HTML block of `type` (1-5).
bool html_block_ends(int type, std::string_view line);

// Autolinks `<scheme:...>` and `<user@host>` at s[pos] ('<'): length or 0.
std::size_t scan_autolink_uri(std::string_view s, std::size_t pos);
std::size_t scan_autolink_email(std::string_view s, std::size_t pos);

// Link label `[...]` at s[pos]: returns the index after ']' or 0; the inner
// text is s[pos+1, end-1). At most 999 characters, not blank.
std::size_t scan_link_label(std::string_view s, std::size_t pos);
// Link destination at s[pos]: `<...>` or a raw destination with balanced
// parentheses (at most 32 deep). On success sets `end` and the destination
// text (without angle brackets) and returns true. An empty raw destination is
// accepted only when `allow_empty`.
bool scan_link_destination(std::string_view s, std::size_t pos, bool allow_empty, std::size_t& end,
                           std::size_t& dest_begin, std::size_t& dest_end);
// Link title ("...", '...' or (...)) at s[pos]: sets `end` and the inner text.
bool scan_link_title(std::string_view s, std::size_t pos, std::size_t& end,
                     std::size_t& title_begin, std::size_t& title_end);

// Link label normalisation: Unicode case fold, internal whitespace collapsed
// to one space, leading and trailing whitespace removed.
void normalize_label(std::string_view label, std::string& out);

// Skips spaces, tabs and at most one line ending; returns the new index.
std::size_t skip_spaces_one_newline(std::string_view s, std::size_t pos);

// Decodes one UTF-8 code point ending just before `pos` / starting at `pos`.
// Returns '\n' at the boundaries (treated as whitespace by flanking rules).
char32_t code_point_before(std::string_view s, std::size_t pos);
char32_t code_point_at(std::string_view s, std::size_t pos);

}  // namespace bengal::markdown::detail

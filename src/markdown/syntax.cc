#include "markdown/syntax.h"

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/text.h"
#include "markdown/unicode.h"

namespace bengal::markdown::detail {
namespace {

char at(std::string_view s, std::size_t i) {
  return i < s.size() ? s[i] : '\0';
}

bool iequals_prefix(std::string_view s, std::size_t pos, std::string_view lower) {
  if (s.size() - pos < lower.size() || pos > s.size()) return false;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    char c = s[pos + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != lower[i]) return false;
  }
  return true;
}

bool contains_ci(std::string_view hay, std::string_view lower) {
  if (hay.size() < lower.size()) return false;
  for (std::size_t i = 0; i + lower.size() <= hay.size(); ++i) {
    if (iequals_prefix(hay, i, lower)) return true;
  }
  return false;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// cmark's href-safe set: characters left as they are in URLs.
constexpr std::array<bool, 256> make_href_safe() {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
  for (char c : std::string_view("-_.+!*'(),%#@?=;:/$~&")) t[static_cast<unsigned char>(c)] = true;
  return t;
}
constexpr std::array<bool, 256> kHrefSafe = make_href_safe();

constexpr std::array<bool, 256> make_html_special() {
  std::array<bool, 256> t{};
  t['&'] = t['<'] = t['>'] = t['"'] = true;
  return t;
}
constexpr std::array<bool, 256> kHtmlSpecial = make_html_special();

bool is_tag_name_char(char c) {
  return is_ascii_alnum(c) || c == '-';
}

std::size_t skip_html_space(std::string_view s, std::size_t i) {
  while (i < s.size() && is_ascii_whitespace(s[i])) ++i;
  return i;
}

// Searches `needle` from `from`; remembers failure in `no_end_from`.
std::size_t find_memo(std::string_view s, std::size_t from, std::string_view needle,
                      std::size_t& no_end_from) {
  if (from >= no_end_from) return std::string_view::npos;
  std::size_t found = s.find(needle, from);
  if (found == std::string_view::npos) no_end_from = from;
  return found;
}

constexpr std::string_view kBlockTags[] = {
    "address",  "article",  "aside",    "base",       "basefont", "blockquote", "body",   "caption",
    "center",   "col",      "colgroup", "dd",         "details",  "dialog",     "dir",    "div",
    "dl",       "dt",       "fieldset", "figcaption", "figure",   "footer",     "form",   "frame",
    "frameset", "h1",       "h2",       "h3",         "h4",       "h5",         "h6",     "head",
    "header",   "hr",       "html",     "iframe",     "legend",   "li",         "link",   "main",
    "menu",     "menuitem", "nav",      "noframes",   "ol",       "optgroup",   "option", "p",
    "param",    "search",   "section",  "summary",    "table",    "tbody",      "td",     "tfoot",
    "th",       "thead",    "title",    "tr",         "track",    "ul"};

}  // namespace

std::size_t scan_entity(std::string_view s, std::size_t pos, std::string* out) {
  std::size_t i = pos + 1;
  if (at(s, i) == '#') {
    ++i;
    std::uint32_t cp = 0;
    std::size_t digits = 0;
    if (at(s, i) == 'x' || at(s, i) == 'X') {
      ++i;
      int v;
      while (i < s.size() && (v = hex_value(s[i])) >= 0 && digits < 7) {
        cp = cp * 16 + static_cast<std::uint32_t>(v);
        ++i;
        ++digits;
      }
      if (digits == 0 || digits > 6) return 0;
    } else {
      while (i < s.size() && is_ascii_digit(s[i]) && digits < 8) {
        cp = cp * 10 + static_cast<std::uint32_t>(s[i] - '0');
        ++i;
        ++digits;
      }
      if (digits == 0 || digits > 7) return 0;
    }
    if (at(s, i) != ';') return 0;
    if (out) {
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
      append_utf8(*out, static_cast<char32_t>(cp));
    }
    return i + 1 - pos;
  }
  std::size_t start = i;
  while (i < s.size() && is_ascii_alnum(s[i]) && i - start < 48) ++i;
  if (i == start || at(s, i) != ';') return 0;
  std::string_view decoded = lookup_entity(s.substr(start, i - start));
  if (decoded.empty()) return 0;
  if (out) out->append(decoded);
  return i + 1 - pos;
}

void append_unescaped(std::string& out, std::string_view s) {
  std::size_t i = 0, run = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size() && is_ascii_punct(s[i + 1])) {
      out.append(s.data() + run, i - run);
      out += s[i + 1];
      i += 2;
      run = i;
    } else if (c == '&') {
      out.append(s.data() + run, i - run);
      std::size_t n = scan_entity(s, i, &out);
      if (n == 0) {
        out += '&';
        n = 1;
      }
      i += n;
      run = i;
    } else {
      ++i;
    }
  }
  out.append(s.data() + run, s.size() - run);
}

void append_html_text(std::string& out, std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  const char* run = p;
  while (p < end) {
#if defined(__SSE2__)
    // 16 bytes at a time: most text has nothing to escape.
    const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'),
                  quot = _mm_set1_epi8('"');
    while (end - p >= 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, lt)),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, quot)));
      int mask = _mm_movemask_epi8(hit);
      if (mask != 0) {
        p += __builtin_ctz(static_cast<unsigned>(mask));
        break;
      }
      p += 16;
    }
    if (p >= end) break;
#endif
    if (!kHtmlSpecial[static_cast<unsigned char>(*p)]) {
      ++p;
      continue;
    }
    out.append(run, static_cast<std::size_t>(p - run));
    switch (*p) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      default:
        out.append("&quot;");
        break;
    }
    run = ++p;
  }
  out.append(run, static_cast<std::size_t>(end - run));
}

void append_url(std::string& out, std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::size_t run = 0;
  for (std::size_t i = 0; i < url.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(url[i]);
    if (kHrefSafe[c] && c != '&' && c != '\'') continue;
    out.append(url.data() + run, i - run);
    run = i + 1;
    if (c == '&') {
      out.append("&amp;");
    } else if (c == '\'') {
      out.append("&#x27;");
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  out.append(url.data() + run, url.size() - run);
}

std::size_t scan_html_tag(std::string_view s, std::size_t pos) {
  std::size_t i = pos + 1;
  if (at(s, i) == '/') {
    ++i;
    if (!is_ascii_alpha(at(s, i))) return 0;
    while (i < s.size() && is_tag_name_char(s[i])) ++i;
    i = skip_html_space(s, i);
    return at(s, i) == '>' ? i + 1 - pos : 0;
  }
  if (!is_ascii_alpha(at(s, i))) return 0;
  while (i < s.size() && is_tag_name_char(s[i])) ++i;
  while (true) {
    std::size_t j = skip_html_space(s, i);
    if (j == i) break;
    char c = at(s, j);
    if (!(is_ascii_alpha(c) || c == '_' || c == ':')) break;
    ++j;
    while (j < s.size() &&
           (is_ascii_alnum(s[j]) || s[j] == '_' || s[j] == '.' || s[j] == ':' || s[j] == '-'))
      ++j;
    i = j;
    std::size_t k = skip_html_space(s, j);
    if (at(s, k) != '=') continue;
    k = skip_html_space(s, k + 1);
    char q = at(s, k);
    if (q == '"' || q == '\'') {
      std::size_t close = s.find(q, k + 1);
      if (close == std::string_view::npos) return 0;
      i = close + 1;
    } else {
      std::size_t v = k;
      while (v < s.size()) {
        char d = s[v];
        if (is_ascii_whitespace(d) || d == '"' || d == '\'' || d == '=' || d == '<' || d == '>' ||
            d == '`')
          break;
        ++v;
      }
      if (v == k) return 0;
      i = v;
    }
  }
  i = skip_html_space(s, i);
  if (at(s, i) == '/') ++i;
  return at(s, i) == '>' ? i + 1 - pos : 0;
}

std::size_t scan_raw_html(std::string_view s, std::size_t pos, HtmlScanMemo& memo) {
  char c = at(s, pos + 1);
  if (c == '/' || is_ascii_alpha(c)) return scan_html_tag(s, pos);
  if (c == '?') {
    std::size_t end = find_memo(s, pos + 2, "?>", memo.no_pi_end_from);
    return end == std::string_view::npos ? 0 : end + 2 - pos;
  }
  if (c != '!') return 0;
  if (s.compare(pos + 2, 2, "--") == 0) {
    std::size_t after = pos + 4;
    if (at(s, after) == '>') return 5;
    if (at(s, after) == '-' && at(s, after + 1) == '>') return 6;
    std::size_t end = find_memo(s, after, "-->", memo.no_comment_end_from);
    return end == std::string_view::npos ? 0 : end + 3 - pos;
  }
  if (s.compare(pos + 2, 7, "[CDATA[") == 0) {
    std::size_t end = find_memo(s, pos + 9, "]]>", memo.no_cdata_end_from);
    return end == std::string_view::npos ? 0 : end + 3 - pos;
  }
  if (is_ascii_alpha(at(s, pos + 2))) {
    std::size_t end = find_memo(s, pos + 3, ">", memo.no_decl_end_from);
    return end == std::string_view::npos ? 0 : end + 1 - pos;
  }
  return 0;
}

int html_block_start(std::string_view line, std::size_t pos, bool allow_type7) {
  std::size_t i = pos + 1;
  for (std::string_view tag : {"script", "pre", "style", "textarea"}) {
    if (iequals_prefix(line, i, tag)) {
      char c = at(line, i + tag.size());
      if (c == '\0' || c == '>' || is_ascii_whitespace(c)) return 1;
    }
  }
  if (line.compare(i, 3, "!--") == 0) return 2;
  if (at(line, i) == '?') return 3;
  if (at(line, i) == '!' && is_ascii_alpha(at(line, i + 1))) return 4;
  if (line.compare(i, 8, "![CDATA[") == 0) return 5;
  std::size_t n = i + (at(line, i) == '/' ? 1 : 0);
  std::size_t name_end = n;
  while (name_end < line.size() && is_ascii_alnum(line[name_end])) ++name_end;
  if (name_end > n && name_end - n <= 10) {
    char lower[16];
    for (std::size_t k = n; k < name_end; ++k) {
      char c = line[k];
      lower[k - n] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    std::string_view name(lower, name_end - n);
    for (std::string_view tag : kBlockTags) {
      if (tag == name) {
        char c = at(line, name_end);
        if (c == '\0' || c == '>' || is_ascii_whitespace(c) ||
            (c == '/' && at(line, name_end + 1) == '>'))
          return 6;
        break;
      }
    }
  }
  if (!allow_type7) return 0;
  std::size_t len = scan_html_tag(line, pos);
  if (len == 0) return 0;
  // Type 7 excludes the type-1 tags even when they did not qualify there.
  std::size_t tn = pos + 1 + (at(line, pos + 1) == '/' ? 1 : 0);
  for (std::string_view tag : {"script", "pre", "style", "textarea"}) {
    if (iequals_prefix(line, tn, tag) && !is_tag_name_char(at(line, tn + tag.size()))) return 0;
  }
  for (std::size_t k = pos + len; k < line.size(); ++k) {
    if (!is_space_or_tab(line[k])) return 0;
  }
  return 7;
}

bool html_block_ends(int type, std::string_view line) {
  switch (type) {
    case 1:
      return contains_ci(line, "</script>") || contains_ci(line, "</pre>") ||
             contains_ci(line, "</style>") || contains_ci(line, "</textarea>");
    case 2:
      return line.find("-->") != std::string_view::npos;
    case 3:
      return line.find("?>") != std::string_view::npos;
    case 4:
      return line.find('>') != std::string_view::npos;
    case 5:
      return line.find("]]>") != std::string_view::npos;
    default:
      return false;
  }
}

std::size_t scan_autolink_uri(std::string_view s, std::size_t pos) {
  std::size_t i = pos + 1;
  if (!is_ascii_alpha(at(s, i))) return 0;
  std::size_t scheme_start = i;
  ++i;
  while (i < s.size() && (is_ascii_alnum(s[i]) || s[i] == '+' || s[i] == '.' || s[i] == '-')) ++i;
  std::size_t scheme_len = i - scheme_start;
  if (scheme_len < 2 || scheme_len > 32 || at(s, i) != ':') return 0;
  ++i;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '>') return i + 1 - pos;
    if (c == '<' || c <= 0x20 || c == 0x7F) return 0;
    ++i;
  }
  return 0;
}

std::size_t scan_autolink_email(std::string_view s, std::size_t pos) {
  static constexpr std::string_view kLocal = ".!#$%&'*+/=?^_`{|}~-";
  std::size_t i = pos + 1;
  std::size_t start = i;
  while (i < s.size() && (is_ascii_alnum(s[i]) || kLocal.find(s[i]) != std::string_view::npos)) ++i;
  if (i == start || at(s, i) != '@') return 0;
  ++i;
  while (true) {
    std::size_t label = i;
    while (i < s.size() && (is_ascii_alnum(s[i]) || s[i] == '-') && i - label < 63) ++i;
    if (i == label || s[label] == '-' || s[i - 1] == '-') return 0;
    if (at(s, i) == '.') {
      ++i;
      continue;
    }
    if (at(s, i) == '>') return i + 1 - pos;
    return 0;
  }
}

std::size_t scan_link_label(std::string_view s, std::size_t pos) {
  std::size_t i = pos + 1;
  bool nonblank = false;
  while (i < s.size()) {
    char c = s[i];
    if (i - pos > 1000) return 0;
    if (c == ']') return nonblank ? i + 1 : 0;
    if (c == '[') return 0;
    if (c == '\\' && i + 1 < s.size() && is_ascii_punct(s[i + 1])) {
      nonblank = true;
      i += 2;
      continue;
    }
    if (!is_ascii_whitespace(c)) nonblank = true;
    ++i;
  }
  return 0;
}

bool scan_link_destination(std::string_view s, std::size_t pos, bool allow_empty, std::size_t& end,
                           std::size_t& dest_begin, std::size_t& dest_end) {
  std::size_t i = pos;
  if (at(s, i) == '<') {
    ++i;
    while (i < s.size()) {
      char c = s[i];
      if (c == '>') {
        dest_begin = pos + 1;
        dest_end = i;
        end = i + 1;
        return true;
      }
      if (c == '\n' || c == '\r' || c == '<') return false;
      if (c == '\\' && i + 1 < s.size() && is_ascii_punct(s[i + 1])) {
        i += 2;
      } else {
        ++i;
      }
    }
    return false;
  }
  int depth = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\\' && i + 1 < s.size() && is_ascii_punct(s[i + 1])) {
      i += 2;
      continue;
    }
    if (c == '(') {
      if (++depth > 32) return false;
    } else if (c == ')') {
      if (depth == 0) break;
      --depth;
    } else if (c <= 0x20 || c == 0x7F) {
      break;
    }
    ++i;
  }
  if (depth != 0 || (i == pos && !allow_empty)) return false;
  dest_begin = pos;
  dest_end = i;
  end = i;
  return true;
}

bool scan_link_title(std::string_view s, std::size_t pos, std::size_t& end,
                     std::size_t& title_begin, std::size_t& title_end) {
  char open = at(s, pos);
  char close;
  if (open == '"' || open == '\'') {
    close = open;
  } else if (open == '(') {
    close = ')';
  } else {
    return false;
  }
  std::size_t i = pos + 1;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size() && is_ascii_punct(s[i + 1])) {
      i += 2;
      continue;
    }
    if (c == close) {
      title_begin = pos + 1;
      title_end = i;
      end = i + 1;
      return true;
    }
    if (open == '(' && c == '(') return false;
    // A blank line ends any title.
    if (c == '\n') {
      std::size_t j = i + 1;
      while (j < s.size() && is_space_or_tab(s[j])) ++j;
      if (j >= s.size() || s[j] == '\n') return false;
    }
    ++i;
  }
  return false;
}

void normalize_label(std::string_view label, std::string& out) {
  out.clear();
  bool pending_space = false;
  std::size_t i = 0;
  while (i < label.size()) {
    unsigned char c = static_cast<unsigned char>(label[i]);
    if (c < 0x80) {
      ++i;
      if (is_ascii_whitespace(static_cast<char>(c))) {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) out += ' ';
      pending_space = false;
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c);
      continue;
    }
    std::size_t start = i;
    char32_t cp = decode_utf8(label, i);
    if (is_unicode_whitespace(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    std::string_view folded = case_fold(cp);
    if (!folded.empty()) {
      out.append(folded);
    } else {
      out.append(label.substr(start, i - start));
    }
  }
}

std::size_t skip_spaces_one_newline(std::string_view s, std::size_t pos) {
  while (pos < s.size() && is_space_or_tab(s[pos])) ++pos;
  if (pos < s.size() && s[pos] == '\n') {
    ++pos;
    while (pos < s.size() && is_space_or_tab(s[pos])) ++pos;
  }
  return pos;
}

char32_t code_point_before(std::string_view s, std::size_t pos) {
  if (pos == 0) return '\n';
  std::size_t start = pos - 1;
  if (static_cast<unsigned char>(s[start]) < 0x80) return static_cast<unsigned char>(s[start]);
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
    --start;
  std::size_t i = start;
  return decode_utf8(s.substr(0, pos), i);
}

char32_t code_point_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return '\n';
  if (static_cast<unsigned char>(s[pos]) < 0x80) return static_cast<unsigned char>(s[pos]);
  return decode_utf8(s, pos);
}

}  // namespace bengal::markdown::detail

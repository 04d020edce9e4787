#include "core/html_text.h"

#include <algorithm>
#include <array>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif


#include "core/text.h"

namespace bengal {

namespace {

bool is_block_end(std::string_view tag) {
  // tag is the text after '<' up to '>' (e.g. "/p", "br /").
  static constexpr std::string_view kBlocks[] = {"/p", "br", "br /", "br/", "/h1", "/h2", "/h3", "/h4", "/h5",
                                                 "/h6", "/li", "/pre", "/blockquote", "/tr", "/div", "/dt", "/dd"};
  for (std::string_view b : kBlocks) {
    if (tag == b) return true;
  }
  return false;
}

}  // namespace

std::string html_to_text(std::string_view html, std::size_t max_bytes) {
  std::string out;
  out.reserve(max_bytes != 0 ? std::min(html.size() / 2, max_bytes + 64) : html.size() / 2);
  std::size_t i = 0;
  while (i < html.size()) {
    if (max_bytes != 0 && out.size() >= max_bytes) break;
    char c = html[i];
    if (c != '<') {
      std::size_t next = html.find('<', i);
      if (next == std::string_view::npos) next = html.size();
      out.append(html.substr(i, next - i));
      i = next;
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      std::size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    std::size_t end = html.find('>', i);
    if (end == std::string_view::npos) break;
    std::string_view tag = html.substr(i + 1, end - i - 1);
    std::size_t sp = tag.find(' ');
    std::string_view name = sp == std::string_view::npos ? tag : tag.substr(0, sp);
    if (is_block_end(name) || is_block_end(tag)) {
      if (!out.empty() && out.back() != '\n') out += '\n';
    }
    i = end + 1;
  }
  if (max_bytes != 0 && out.size() > max_bytes) {
    // Cut at a UTF-8 boundary.
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    out.shrink_to_fit();  // kept for the whole build: do not hold the overshoot
  }
  return out;
}

std::uint32_t count_words(std::string_view text) {
  std::uint32_t words = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::uint32_t reading_minutes(std::uint32_t words) {
  if (words == 0) return 0;
  return (words + 199) / 200;
}

namespace {
// Without -mpopcnt (Debian's x86-64 baseline) __builtin_popcount is a libgcc
// call; the bit-parallel sum is a few inline instructions.
inline std::uint32_t popcount16(unsigned v) {
  v = v - ((v >> 1) & 0x5555u);
  v = (v & 0x3333u) + ((v >> 2) & 0x3333u);
  v = (v + (v >> 4)) & 0x0F0Fu;
  return (v + (v >> 8)) & 0x1Fu;
}
}  // namespace

std::uint32_t count_html_words(std::string_view html) {
  // Byte classes: word byte, whitespace, '<' (start of a tag). A tag
  // neither starts nor ends a word: inline tags (<em>) sit inside words as
  // often as between them, and block tags come with newlines around them.
  // This runs over every page's whole HTML, so text goes 16 bytes at a time:
  // a word starts at each word byte whose previous byte is not one.
  std::uint32_t words = 0;
  bool in_word = false;
  const char* p = html.data();
  const char* end = p + html.size();
  auto skip_tag = [&]() -> bool {  // p at '<'; false when the tag never closes
    const void* close = std::memchr(p, '>', static_cast<std::size_t>(end - p));
    if (close == nullptr) return false;
    p = static_cast<const char*>(close) + 1;
    return true;
  };
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' '), newline = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t'),
                cr = _mm_set1_epi8('\r'), lt = _mm_set1_epi8('<');
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    auto tag = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, lt)));
    __m128i ws = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, newline)),
                              _mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, cr)));
    unsigned word = ~static_cast<unsigned>(_mm_movemask_epi8(ws)) & 0xFFFFu;
    unsigned n = tag != 0 ? static_cast<unsigned>(__builtin_ctz(tag)) : 16;  // bytes before any '<'
    word &= (1u << n) - 1;
    unsigned before = (word << 1) | (in_word ? 1u : 0u);
    words += popcount16(word & ~before & 0xFFFFu);
    if (n > 0) in_word = (word >> (n - 1)) & 1u;
    p += n;
    if (tag != 0 && !skip_tag()) return words;
  }
#endif
  while (p < end) {
    char c = *p;
    if (c == '<') {
      if (!skip_tag()) break;
      continue;
    }
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    words += !space & !in_word;
    in_word = !space;
    ++p;
  }
  return words;
}

std::string auto_summary(std::string_view html, int words, bool& truncated) {
  // The text is built only as far as the summary reaches:
  //   plain = html with "\n" -> " ", "</p>" -> "\n", "<br>" / "<br />" -> "\n",
  //   then tags removed; cut at the first sentence end at or after the
  //   `words`-th whitespace.
  std::string plain;
  int seen = 0;
  bool counting = true;  // false once the words-th whitespace has passed
  std::size_t i = 0;
  auto emit = [&](char c) -> bool {  // returns true when the summary is complete
    plain += c;
    bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (counting) {
      if (ws && ++seen == words) {
        counting = false;
        if (c == '\n') return true;
      }
      return false;
    }
    return c == '.' || c == '?' || c == '!' || c == '"' || c == '\n';
  };
  bool done = false;
  while (i < html.size() && !done) {
    char c = html[i];
    if (c == '<') {
      std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string_view tag = html.substr(i, end - i + 1);
      if (tag == "</p>" || tag == "<br>" || tag == "<br />" || tag == "<br/>") done = emit('\n');
      i = end + 1;
    } else {
      done = emit(c == '\n' ? ' ' : c);
      ++i;
    }
  }
  std::string_view summary = trim(plain);
  // Truncated when any text remains after the cut.
  truncated = false;
  for (std::size_t k = i; k < html.size(); ++k) {
    if (html[k] == '<') {
      std::size_t end = html.find('>', k);
      if (end == std::string_view::npos) break;
      k = end;
      continue;
    }
    char c = html[k];
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
      truncated = true;
      break;
    }
  }
  return std::string(summary);
}

}  // namespace bengal

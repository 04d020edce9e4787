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
  // tag is the text after '<' up to '>' (e.g. "/p", "br /"). Most tags in a
  // page (spans of highlighted code, inline markup) fail the first test.
  if (tag.size() < 2 || (tag[0] != '/' && tag[0] != 'b')) return false;
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
// Without -mpopcnt (Debian's x86-64 baseline) __builtin_popcountll is a
// libgcc call; the bit-parallel sum is a few inline instructions.
inline std::uint32_t popcount64(std::uint64_t v) {
  v = v - ((v >> 1) & 0x5555555555555555ull);
  v = (v & 0x3333333333333333ull) + ((v >> 2) & 0x3333333333333333ull);
  v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return static_cast<std::uint32_t>((v * 0x0101010101010101ull) >> 56);
}

#if defined(__SSE2__)
inline std::uint64_t eq_mask64(const char* p, char c) {
  const __m128i v = _mm_set1_epi8(c);
  std::uint64_t m = 0;
  for (int k = 0; k < 4; ++k) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    m |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, v)))) << (16 * k);
  }
  return m;
}
#endif
}  // namespace

std::uint32_t count_html_words(std::string_view html) {
  // A word starts at a word byte whose previous byte outside tags is not a
  // word byte; a tag runs from '<' to the next '>' and neither starts nor
  // ends a word (inline tags sit inside words as often as between them).
  // An unclosed tag ends the count. This runs over every page's whole HTML,
  // code blocks dense with highlighting spans included, so text goes 64
  // bytes at a time as bit masks, with no call per tag.
  std::uint32_t words = 0;
  bool in_word = false;  // the last byte outside tags was a word byte
  bool in_tag = false;
  const char* p = html.data();
  const char* end = p + html.size();
#if defined(__SSE2__)
  while (end - p >= 64) {
    std::uint64_t lt = eq_mask64(p, '<'), gt = eq_mask64(p, '>');
    std::uint64_t ws = eq_mask64(p, ' ') | eq_mask64(p, '\n') | eq_mask64(p, '\t') | eq_mask64(p, '\r');
    // Bytes inside tags, '<' and '>' included.
    std::uint64_t tag = 0;
    unsigned start = 0;
    while (true) {
      if (!in_tag) {
        if (lt == 0) break;
        start = static_cast<unsigned>(__builtin_ctzll(lt));
        in_tag = true;
      }
      std::uint64_t close = gt & (~0ull << start);
      if (close == 0) {
        tag |= ~0ull << start;
        break;
      }
      unsigned e = static_cast<unsigned>(__builtin_ctzll(close));
      std::uint64_t upto = e == 63 ? ~0ull : (2ull << e) - 1;  // bits 0..e
      tag |= upto & (~0ull << start);
      in_tag = false;
      lt &= ~upto;
    }
    std::uint64_t word = ~ws & ~tag;
    // Tag bytes take the class of the byte before their run: the carry of
    // T + S runs through each tag run that starts after a word byte.
    std::uint64_t seeds = ((word << 1) | (in_word ? 1u : 0u)) & tag;
    std::uint64_t effective = word | (((tag + seeds) ^ tag) & tag);
    std::uint64_t before = (effective << 1) | (in_word ? 1u : 0u);
    words += popcount64(word & ~before);
    in_word = (effective >> 63) != 0;
    p += 64;
  }
#endif
  while (p < end) {
    char c = *p;
    if (in_tag || c == '<') {
      const void* close = std::memchr(p, '>', static_cast<std::size_t>(end - p));
      if (close == nullptr) break;
      p = static_cast<const char*>(close) + 1;
      in_tag = false;
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

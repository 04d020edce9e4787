#include "core/html_text.h"

#include <cstring>

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
  out.reserve(html.size() / 2);
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

std::string auto_summary(std::string_view html, int words, bool& truncated) {
  // plain = html with "\n" -> " ", "</p>" -> "\n", "<br>" / "<br />" -> "\n",
  // then every tag removed.
  std::string plain;
  plain.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '\n') {
      plain += ' ';
      ++i;
    } else if (c == '<') {
      std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string_view tag = html.substr(i, end - i + 1);
      if (tag == "</p>" || tag == "<br>" || tag == "<br />" || tag == "<br/>") plain += '\n';
      i = end + 1;
    } else {
      std::size_t next = html.find_first_of("<\n", i);
      if (next == std::string_view::npos) next = html.size();
      plain.append(html.substr(i, next - i));
      i = next;
    }
  }
  // Count whitespace runes; at the words-th, cut at the next sentence end.
  int seen = 0;
  std::size_t p = std::string::npos;
  for (std::size_t k = 0; k < plain.size(); ++k) {
    char c = plain[k];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (++seen == words) {
        p = k;
        break;
      }
    }
  }
  std::size_t e = plain.size();
  if (p != std::string::npos) {
    std::size_t stop = plain.find_first_of(".?!\"\n", p);
    if (stop != std::string::npos) e = stop + 1;
  }
  std::string_view summary = trim(std::string_view(plain).substr(0, e));
  truncated = !trim(std::string_view(plain).substr(e)).empty();
  return std::string(summary);
}

}  // namespace bengal

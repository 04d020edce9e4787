#include "html_normalize.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "markdown/syntax.h"

namespace bengal::markdown::testing {
namespace {

using detail::is_ascii_alpha;
using detail::is_ascii_whitespace;

bool is_block_tag(std::string_view t) {
  static constexpr std::string_view kTags[] = {
      "article",    "header", "aside",    "hgroup",  "blockquote", "hr",    "iframe", "body",
      "li",         "map",    "button",   "object",  "canvas",     "ol",    "output", "caption",
      "p",          "td",     "dd",       "pre",     "dl",         "table", "dt",     "tfoot",
      "dir",        "ul",     "form",     "tbody",   "div",        "th",    "embed",  "thead",
      "figcaption", "tr",     "fieldset", "figure",  "footer",     "h1",    "h2",     "h3",
      "h4",         "h5",     "h6",       "section", "video"};
  return std::find(std::begin(kTags), std::end(kTags), t) != std::end(kTags);
}

void rstrip(std::string& s) {
  while (!s.empty() && is_ascii_whitespace(s.back())) s.pop_back();
}

void escape_char_into(std::string& out, std::string_view decoded) {
  for (char c : decoded) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
}

// Decodes references in `s` and re-escapes & < > ".
std::string canonical_text(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '&') {
      std::string decoded;
      std::size_t n = detail::scan_entity(s, i, &decoded);
      if (n > 0) {
        escape_char_into(out, decoded);
        i += n;
        continue;
      }
    }
    escape_char_into(out, s.substr(i, 1));
    ++i;
  }
  return out;
}

class Normalizer {
 public:
  std::string run(std::string_view h) {
    std::size_t i = 0;
    std::size_t text_start = 0;
    while (i < h.size()) {
      if (h[i] != '<') {
        ++i;
        continue;
      }
      std::size_t consumed = markup(h, i);
      if (consumed == 0) {
        ++i;
        continue;
      }
      // Data before the markup must be flushed first; markup() only parsed.
      handle_data(h.substr(text_start, i - text_start));
      emit(pending_markup_);
      i += consumed;
      text_start = i;
    }
    handle_data(h.substr(text_start));
    return out_;
  }

 private:
  enum class Last { kStart, kEnd, kData, kOther };
  struct Tag {
    int kind = 0;  // 1 start, 2 end, 3 startend, 4 literal (comment/decl/pi)
    std::string name;
    std::vector<std::pair<std::string, std::string>> attrs;
    std::string literal;
  };

  std::size_t markup(std::string_view h, std::size_t i) {
    pending_markup_ = Tag{};
    Tag& t = pending_markup_;
    if (h.compare(i, 4, "<!--") == 0) {
      std::size_t e = h.find("-->", i + 4);
      if (e == std::string_view::npos) return 0;
      t.kind = 4;
      t.literal = std::string(h.substr(i, e + 3 - i));
      return e + 3 - i;
    }
    if (i + 1 < h.size() && (h[i + 1] == '!' || h[i + 1] == '?')) {
      std::size_t e = h.find('>', i + 2);
      if (e == std::string_view::npos) return 0;
      t.kind = 4;
      t.literal = std::string(h.substr(i, e + 1 - i));
      return e + 1 - i;
    }
    std::size_t j = i + 1;
    bool end = false;
    if (j < h.size() && h[j] == '/') {
      end = true;
      ++j;
    }
    if (j >= h.size() || !is_ascii_alpha(h[j])) return 0;
    std::size_t ns = j;
    while (j < h.size() && !is_ascii_whitespace(h[j]) && h[j] != '>' && h[j] != '/') ++j;
    for (std::size_t k = ns; k < j; ++k)
      t.name += static_cast<char>(std::tolower(static_cast<unsigned char>(h[k])));
    bool self_close = false;
    while (j < h.size()) {
      while (j < h.size() && is_ascii_whitespace(h[j])) ++j;
      if (j >= h.size()) return 0;
      if (h[j] == '>') {
        ++j;
        break;
      }
      if (h[j] == '/' && j + 1 < h.size() && h[j + 1] == '>') {
        self_close = true;
        j += 2;
        break;
      }
      if (h[j] == '/') {
        ++j;
        continue;
      }
      std::size_t as = j;
      while (j < h.size() && !is_ascii_whitespace(h[j]) && h[j] != '=' && h[j] != '>' &&
             !(h[j] == '/' && j + 1 < h.size() && h[j + 1] == '>')) {
        ++j;
      }
      std::string name;
      for (std::size_t k = as; k < j; ++k)
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(h[k])));
      std::string value;
      bool has_value = false;
      std::size_t k = j;
      while (k < h.size() && is_ascii_whitespace(h[k])) ++k;
      if (k < h.size() && h[k] == '=') {
        ++k;
        while (k < h.size() && is_ascii_whitespace(h[k])) ++k;
        has_value = true;
        if (k < h.size() && (h[k] == '"' || h[k] == '\'')) {
          std::size_t close = h.find(h[k], k + 1);
          if (close == std::string_view::npos) return 0;
          value = std::string(h.substr(k + 1, close - k - 1));
          j = close + 1;
        } else {
          std::size_t vs = k;
          while (k < h.size() && !is_ascii_whitespace(h[k]) && h[k] != '>') ++k;
          value = std::string(h.substr(vs, k - vs));
          j = k;
        }
      }
      if (name.empty()) {
        ++j;
        continue;
      }
      t.attrs.emplace_back(name, has_value ? canonical_text(value) : std::string("\x01"));
    }
    t.kind = end ? 2 : (self_close ? 3 : 1);
    return j - i;
  }

  void handle_data(std::string_view raw) {
    if (raw.empty()) return;
    std::string data = canonical_text(raw);
    bool after_tag = last_ == Last::kEnd || last_ == Last::kStart;
    bool after_block = after_tag && is_block_tag(last_tag_);
    if (after_tag && last_tag_ == "br") {
      std::size_t k = 0;
      while (k < data.size() && data[k] == '\n') ++k;
      data.erase(0, k);
    }
    if (!in_pre_) {
      std::string collapsed;
      bool ws = false;
      for (char c : data) {
        if (is_ascii_whitespace(c)) {
          if (!ws) collapsed += ' ';
          ws = true;
        } else {
          collapsed += c;
          ws = false;
        }
      }
      data = collapsed;
    }
    if (after_block && !in_pre_) {
      std::size_t k = 0;
      while (k < data.size() && is_ascii_whitespace(data[k])) ++k;
      data.erase(0, k);
      if (last_ == Last::kEnd) {
        while (!data.empty() && is_ascii_whitespace(data.back())) data.pop_back();
      }
    }
    out_ += data;
    last_ = Last::kData;
  }

  void emit(Tag& t) {
    if (t.kind == 4) {
      out_ += t.literal;
      last_ = Last::kOther;
      return;
    }
    if (t.kind == 2) {
      if (t.name == "pre") {
        in_pre_ = false;
      } else if (is_block_tag(t.name)) {
        rstrip(out_);
      }
      out_ += "</" + t.name + ">";
      last_tag_ = t.name;
      last_ = Last::kEnd;
      return;
    }
    if (t.name == "pre") in_pre_ = true;
    if (is_block_tag(t.name)) rstrip(out_);
    out_ += "<" + t.name;
    std::sort(t.attrs.begin(), t.attrs.end());
    for (auto& [k, v] : t.attrs) {
      out_ += " " + k;
      if (v != "\x01") out_ += "=\"" + v + "\"";
    }
    out_ += ">";
    last_tag_ = t.name;
    last_ = t.kind == 3 ? Last::kEnd : Last::kStart;
  }

  std::string out_;
  Tag pending_markup_;
  Last last_ = Last::kStart;
  std::string last_tag_;
  bool in_pre_ = false;
};

}  // namespace

std::string normalize_html(std::string_view html) {
  Normalizer n;
  std::string out = n.run(html);
  rstrip(out);
  return out;
}

}  // namespace bengal::markdown::testing

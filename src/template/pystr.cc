#include "template/pystr.h"

#include "core/text.h"

namespace bengal::tmpl::pystr {

bool is_space(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool is_digit(char32_t cp) {
  return (cp >= '0' && cp <= '9');
}

namespace {

// Non-ASCII code points that are not letters or digits, for \w. A coarse
// table of the punctuation and symbol blocks text actually contains.
bool is_non_word_unicode(char32_t cp) {
  if (cp < 0xC0)
    return cp != 0xAA && cp != 0xB5 && cp != 0xBA && cp != 0xB2 && cp != 0xB3 && cp != 0xB9 &&
           cp != 0xBC && cp != 0xBD && cp != 0xBE;
  if (cp == 0xD7 || cp == 0xF7) return true;
  if (is_space(cp)) return true;
  return (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
         (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0x1F000 && cp <= 0x1FAFF) ||
         (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFD;
}

// Simple one-to-one case pairs; returns cp when it has no other case.
char32_t to_lower(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x137) return cp | 1;
  if (cp >= 0x139 && cp <= 0x148) return (cp % 2 == 1) ? cp + 1 : cp;
  if (cp >= 0x14A && cp <= 0x177) return cp | 1;
  if (cp == 0x178) return 0xFF;
  if (cp >= 0x179 && cp <= 0x17E) return (cp % 2 == 1) ? cp + 1 : cp;
  if (cp == 0x386) return 0x3AC;
  if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
  if (cp == 0x38C) return 0x3CC;
  if (cp == 0x38E || cp == 0x38F) return cp + 63;
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x460 && cp <= 0x481) return cp | 1;
  if (cp >= 0x48A && cp <= 0x4BF) return cp | 1;
  return cp;
}

char32_t to_upper(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 32;
  if (cp == 0xFF) return 0x178;
  if (cp == 0xB5) return 0x39C;
  if (cp >= 0x100 && cp <= 0x137) return cp & ~char32_t{1};
  if (cp == 0x131) return 'I';
  if (cp >= 0x139 && cp <= 0x148) return (cp % 2 == 0) ? cp - 1 : cp;
  if (cp >= 0x14A && cp <= 0x177) return cp & ~char32_t{1};
  if (cp >= 0x179 && cp <= 0x17E) return (cp % 2 == 0) ? cp - 1 : cp;
  if (cp == 0x17F) return 'S';
  if (cp == 0x3AC) return 0x386;
  if (cp >= 0x3AD && cp <= 0x3AF) return cp - 37;
  if (cp == 0x3CC) return 0x38C;
  if (cp == 0x3CD || cp == 0x3CE) return cp - 63;
  if (cp == 0x3C2) return 0x3A3;
  if (cp >= 0x3B1 && cp <= 0x3CB) return cp - 32;
  if (cp >= 0x430 && cp <= 0x44F) return cp - 32;
  if (cp >= 0x450 && cp <= 0x45F) return cp - 80;
  if (cp >= 0x460 && cp <= 0x481) return cp & ~char32_t{1};
  if (cp >= 0x48A && cp <= 0x4BF) return cp & ~char32_t{1};
  return cp;
}

}  // namespace

bool is_alpha(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return !is_non_word_unicode(cp) && !(cp >= 0xB2 && cp <= 0xBE);
}

bool is_word(char32_t cp) {
  if (cp < 0x80) return is_alpha(cp) || is_digit(cp) || cp == '_';
  return !is_non_word_unicode(cp);
}

bool is_upper(char32_t cp) {
  return to_lower(cp) != cp;
}
bool is_lower(char32_t cp) {
  return to_upper(cp) != cp || cp == 0xDF;
}

void append_upper_cp(std::string& out, char32_t cp) {
  if (cp == 0xDF) {
    out += "SS";
    return;
  }
  append_utf8(out, to_upper(cp));
}

void append_lower_cp(std::string& out, char32_t cp) {
  if (cp == 0x130) {
    out += "i\xCC\x87";  // İ lowers to i + combining dot above
    return;
  }
  append_utf8(out, to_lower(cp));
}

void append_upper(std::string& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
      ++i;
      continue;
    }
    append_upper_cp(out, decode_utf8(s, i));
  }
}

void append_lower(std::string& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      ++i;
      continue;
    }
    append_lower_cp(out, decode_utf8(s, i));
  }
}

void append_capitalize(std::string& out, std::string_view s) {
  std::size_t i = 0;
  if (i < s.size()) append_upper_cp(out, decode_utf8(s, i));
  append_lower(out, s.substr(i));
}

void append_title_method(std::string& out, std::string_view s) {
  bool prev_cased = false;
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = decode_utf8(s, i);
    bool cased = is_upper(cp) || is_lower(cp);
    if (prev_cased) {
      append_lower_cp(out, cp);
    } else {
      append_upper_cp(out, cp);
    }
    prev_cased = cased;
  }
}

bool str_is_upper(std::string_view s) {
  bool cased = false;
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = decode_utf8(s, i);
    if (is_lower(cp)) return false;
    if (is_upper(cp)) cased = true;
  }
  return cased;
}

bool str_is_lower(std::string_view s) {
  bool cased = false;
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = decode_utf8(s, i);
    if (is_upper(cp)) return false;
    if (is_lower(cp)) cased = true;
  }
  return cased;
}

namespace {

// Byte length of the whitespace code point ending at s[end-1], or 0.
std::size_t space_before(std::string_view s, std::size_t end) {
  std::size_t start = end - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  std::size_t i = start;
  char32_t cp = decode_utf8(s, i);
  return is_space(cp) ? end - start : 0;
}

}  // namespace

std::string_view strip(std::string_view s, bool left, bool right) {
  if (left) {
    std::size_t i = 0;
    while (i < s.size()) {
      std::size_t j = i;
      if (!is_space(decode_utf8(s, j))) break;
      i = j;
    }
    s.remove_prefix(i);
  }
  if (right) {
    while (!s.empty()) {
      std::size_t n = space_before(s, s.size());
      if (n == 0) break;
      s.remove_suffix(n);
    }
  }
  return s;
}

std::string_view strip_chars(std::string_view s, std::string_view chars, bool left, bool right) {
  auto in_set = [&](std::string_view cp) { return chars.find(cp) != std::string_view::npos; };
  auto cp_len = [](unsigned char c) -> std::size_t {
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  };
  if (left) {
    while (!s.empty()) {
      std::size_t n = std::min(cp_len(static_cast<unsigned char>(s[0])), s.size());
      if (!in_set(s.substr(0, n))) break;
      s.remove_prefix(n);
    }
  }
  if (right) {
    while (!s.empty()) {
      std::size_t start = s.size() - 1;
      while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
      if (!in_set(s.substr(start))) break;
      s.remove_suffix(s.size() - start);
    }
  }
  return s;
}

std::vector<std::string_view> split_whitespace(std::string_view s, long maxsplit) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size()) {
      std::size_t k = j;
      if (!is_space(decode_utf8(s, k))) break;
      j = k;
    }
    i = j;
    if (i >= s.size()) break;
    if (maxsplit >= 0 && static_cast<long>(parts.size()) == maxsplit) {
      parts.push_back(strip(s.substr(i), false, true));
      break;
    }
    std::size_t start = i;
    while (i < s.size()) {
      std::size_t k = i;
      if (is_space(decode_utf8(s, k))) break;
      i = k;
    }
    parts.push_back(s.substr(start, i - start));
  }
  return parts;
}

std::vector<std::string_view> splitlines(std::string_view s) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t at = i;
    char32_t cp = decode_utf8(s, i);
    bool brk = cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x1C || cp == 0x1D ||
               cp == 0x1E || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
    if (!brk) continue;
    lines.push_back(s.substr(start, at - start));
    if (cp == '\r' && i < s.size() && s[i] == '\n') ++i;
    start = i;
  }
  if (start < s.size()) lines.push_back(s.substr(start));
  return lines;
}

void append_replaced(std::string& out, std::string_view s, std::string_view old_s,
                     std::string_view new_s, std::int64_t count) {
  std::int64_t done = 0;
  if (old_s.empty()) {
    std::size_t i = 0;
    while (count < 0 || done < count) {
      out += new_s;
      ++done;
      if (i >= s.size()) break;
      std::size_t start = i;
      decode_utf8(s, i);
      out.append(s.substr(start, i - start));
    }
    out.append(s.substr(std::min(i, s.size())));
    return;
  }
  std::size_t pos = 0;
  while (count < 0 || done < count) {
    std::size_t hit = s.find(old_s, pos);
    if (hit == std::string_view::npos) break;
    out.append(s.substr(pos, hit - pos));
    out += new_s;
    pos = hit + old_s.size();
    ++done;
  }
  out.append(s.substr(pos));
}

std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::size_t byte_offset(std::string_view s, std::size_t cp) {
  std::size_t i = 0;
  std::size_t n = 0;
  while (i < s.size() && n < cp) {
    auto c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++n;
  }
  return std::min(i, s.size());
}

}  // namespace bengal::tmpl::pystr

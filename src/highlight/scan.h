// Scanning helpers shared by the lexers: character classes, keyword tables,
// and the common shapes (quoted strings, C-style numbers, line ends).
//
// KeywordTable is an open-addressing hash table built at compile time, so a
// word lookup is one hash and one or two comparisons. Everything here is
// constexpr or pure: thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "highlight/token.h"
#include "highlight/token_sink.h"

namespace bengal::highlight::scan {

inline constexpr bool is_alpha(char c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
inline constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline constexpr bool is_hex(char c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
inline constexpr bool is_high(char c) { return static_cast<unsigned char>(c) >= 0x80; }
// Identifier characters: ASCII letters, digits, '_' and any non-ASCII byte
// (so identifiers never split a UTF-8 sequence).
inline constexpr bool is_ident_start(char c) { return is_alpha(c) || c == '_' || is_high(c); }
inline constexpr bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }
inline constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline constexpr bool is_blank(char c) { return c == ' ' || c == '\t'; }

inline std::size_t skip_ident(std::string_view s, std::size_t i) {
  while (i < s.size() && is_ident_char(s[i])) ++i;
  return i;
}
inline std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}
inline std::size_t skip_blanks(std::string_view s, std::size_t i) {
  while (i < s.size() && is_blank(s[i])) ++i;
  return i;
}
inline std::size_t skip_digits(std::string_view s, std::size_t i) {
  while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
  return i;
}
inline std::size_t skip_hex(std::string_view s, std::size_t i) {
  while (i < s.size() && (is_hex(s[i]) || s[i] == '_')) ++i;
  return i;
}
// Offset of the next '\n' at or after i, or s.size().
inline std::size_t line_end(std::string_view s, std::size_t i) {
  std::size_t e = s.find('\n', i);
  return e == std::string_view::npos ? s.size() : e;
}
inline bool at(std::string_view s, std::size_t i, std::string_view word) {
  // The first-character test settles most calls without a memcmp.
  if (i >= s.size() || word.empty() || s[i] != word[0] || s.size() - i < word.size()) return word.empty() && i <= s.size();
  return s.substr(i, word.size()) == word;
}
// One UTF-8 character (or one stray byte) starting at i.
inline std::size_t next_char(std::string_view s, std::size_t i) {
  ++i;
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  return i;
}

struct Word {
  std::string_view word;
  Token token;
};

// Compile-time word -> token map. Slots must be a power of two comfortably
// larger than the number of words (a full table fails to compile).
template <std::size_t Slots>
class KeywordTable {
  static_assert((Slots & (Slots - 1)) == 0, "Slots must be a power of two");

 public:
  constexpr KeywordTable(std::initializer_list<Word> words) {
    std::size_t used = 0;
    for (const Word& w : words) {
      if (++used * 4 > Slots * 3) throw "KeywordTable too small";
      std::size_t h = hash(w.word) & (Slots - 1);
      while (!slots_[h].word.empty()) {
        if (slots_[h].word == w.word) throw "duplicate keyword";
        h = (h + 1) & (Slots - 1);
      }
      slots_[h] = w;
    }
  }

  // The word's token, or `fallback` when it is not in the table.
  constexpr Token find(std::string_view word, Token fallback) const {
    if (word.empty()) return fallback;
    std::size_t h = hash(word) & (Slots - 1);
    while (!slots_[h].word.empty()) {
      const std::string_view w = slots_[h].word;
      // Length and first character reject most probes before a memcmp.
      if (w.size() == word.size() && w[0] == word[0] && w == word) return slots_[h].token;
      h = (h + 1) & (Slots - 1);
    }
    return fallback;
  }
  constexpr bool contains(std::string_view word) const { return find(word, Token::kCount) != Token::kCount; }

 private:
  static constexpr std::size_t hash(std::string_view w) {
    std::size_t n = w.size();
    std::size_t h = n * 0x9E3779B1u;
    h ^= static_cast<unsigned char>(w[0]) * 0x85EBCA77u;
    h ^= static_cast<unsigned char>(w[n - 1]) * 0xC2B2AE3Du;
    if (n > 2) h ^= static_cast<unsigned char>(w[n / 2]) * 0x27D4EB2Fu;
    return h ^ (h >> 15);
  }

  std::array<Word, Slots> slots_{};
};

// Remembers a forward scan that failed: from `from`, nothing closed before
// `to` (where the scan stopped). A lexer that retries the same scan at every
// later opener would be quadratic on input full of unclosed openers ("/*/*/*",
// "\"\\\"\\\""...); with this, a retry inside [from, to) fails at once.
// Valid for scans whose outcome from q in (from, to) equals the outcome from
// `from` (plain substring searches; quote scans restarted at an opener).
class Miss {
 public:
  bool covers(std::size_t q) const { return q >= from_ && q < to_; }
  void record(std::size_t from, std::size_t to) {
    from_ = from;
    to_ = to;
  }

 private:
  std::size_t from_ = 1;
  std::size_t to_ = 0;
};

// s.find(needle, from) that remembers a failure (see Miss).
inline std::size_t find(std::string_view s, std::string_view needle, std::size_t from, Miss& miss) {
  if (miss.covers(from)) return std::string_view::npos;
  std::size_t r = s.find(needle, from);
  if (r == std::string_view::npos) miss.record(from, s.size() + 1);
  return r;
}

// s.find(c, from), remembering the answer: a later call from a position at or
// before that answer gets it at once. For lexers that look for the same
// closing character from many nearby starts ("[[[[...]").
class NextOf {
 public:
  explicit NextOf(char c) : c_(c) {}
  std::size_t find(std::string_view s, std::size_t from) {
    if (from >= from_ && (result_ == std::string_view::npos || from <= result_)) return result_;
    from_ = from;
    result_ = s.find(c_, from);
    return result_;
  }

 private:
  char c_;
  std::size_t from_ = std::string_view::npos;
  std::size_t result_ = 0;
};

// The state stack of a Pygments-style lexer, bounded: pushes past the bound
// are dropped (deeply nested input is then lexed in the innermost state that
// fit), so hostile input cannot grow memory or the call stack. An empty stack
// is the root state.
template <typename State, int Max = 64>
class StateStack {
 public:
  State top() const { return depth_ == 0 ? State{} : states_[depth_ - 1]; }
  void push(State s) {
    if (depth_ < Max) states_[depth_++] = s;
  }
  void pop(int n = 1) { depth_ = depth_ >= n ? depth_ - n : 0; }
  void clear() { depth_ = 0; }

 private:
  State states_[Max] = {};
  int depth_ = 0;
};

// Pushes a quoted string starting at s[i] (the opening quote) as `body`
// tokens with backslash escapes as kStringEscape; stops after the closing
// quote, or at a newline when !multiline, or at the end. Returns the end.
std::size_t quoted(std::string_view s, std::size_t i, char quote, Token body, TokenSink& out,
                   bool multiline = false, bool escapes = true);

// A C-style number at s[i] (a digit, or '.' followed by a digit): 0x/0b/0o
// prefixes, '_' or '\'' separators, fractions, exponents and letter suffixes.
struct Number {
  std::size_t end;
  Token token;  // kNumberHex, kNumberBin, kNumberOct, kNumberFloat or kNumberInteger
};
Number c_number(std::string_view s, std::size_t i, std::string_view suffixes = "uUlLfF");

}  // namespace bengal::highlight::scan

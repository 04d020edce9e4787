// Small text utilities shared by every layer: escaping, UTF-8, slugs,
// "did you mean" suggestions. All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bengal {

// Hash for unordered containers keyed by std::string that are looked up by
// std::string_view without building a string (use with std::equal_to<>).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Appends `s` with & < > " escaped (and ' when `quote_single`).
void append_html_escaped(std::string& out, std::string_view s, bool quote_single = false);
std::string html_escape(std::string_view s);
// XML text/attribute escaping (& < > " ').
void append_xml_escaped(std::string& out, std::string_view s);

// Appends `s` as the body of a JSON string (no surrounding quotes).
void append_json_escaped(std::string& out, std::string_view s);
// Appends the JSON escape of one ASCII byte: \" \\ \n \r \t \b \f, any
// other as \u00xx.
void append_json_escape(std::string& out, unsigned char c);

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF).
bool is_valid_utf8(std::string_view s);
// Byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t find_invalid_utf8(std::string_view s);
// Decodes one code point at s[i], advancing i; returns U+FFFD on bad input.
char32_t decode_utf8(std::string_view s, std::size_t& i);
void append_utf8(std::string& out, char32_t cp);

// GitHub-style slug: lower-case, spaces to '-', punctuation dropped, Unicode
// letters and digits kept. "Hello, World!" -> "hello-world".
std::string slugify(std::string_view text);
// URL-safe slug for path segments (taxonomy terms, section names): like
// slugify but also collapses runs of '-' and trims them at the ends.
std::string url_slug(std::string_view text);

std::string_view trim(std::string_view s);
std::string to_lower_ascii(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
std::vector<std::string_view> split(std::string_view s, char sep);

// Levenshtein distance, capped: returns > `cap` as soon as it is exceeded.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap = 64);
// Closest candidate within a reasonable distance, or empty.
std::string_view closest_match(std::string_view word, std::span<const std::string_view> candidates);
std::string_view closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace bengal

// Python str operations over UTF-8 text, as Jinja's filters and str methods
// use them: case mapping, whitespace, \w, splitlines, strip.
//
// Case mapping covers ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic
// (plus ß -> SS); other scripts are left unchanged. Python's context rule for
// a final sigma in lower() is not applied (docs/templates.md lists this).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bengal::tmpl::pystr {

bool is_space(char32_t cp);
bool is_word(char32_t cp);  // \w: letters, digits, underscore
bool is_alpha(char32_t cp);
bool is_digit(char32_t cp);
bool is_upper(char32_t cp);
bool is_lower(char32_t cp);

void append_upper(std::string& out, std::string_view s);
void append_lower(std::string& out, std::string_view s);
void append_upper_cp(std::string& out, char32_t cp);
void append_lower_cp(std::string& out, char32_t cp);
// str.capitalize(): first character upper, the rest lower.
void append_capitalize(std::string& out, std::string_view s);
// str.title(): upper after any non-letter, lower elsewhere.
void append_title_method(std::string& out, std::string_view s);
// str.isupper()/islower(): at least one cased character, none of the other case.
bool str_is_upper(std::string_view s);
bool str_is_lower(std::string_view s);

// str.strip() (whitespace) or str.strip(chars).
std::string_view strip(std::string_view s, bool left, bool right);
std::string_view strip_chars(std::string_view s, std::string_view chars, bool left, bool right);
// str.split() with no separator: runs of whitespace, no empty parts.
std::vector<std::string_view> split_whitespace(std::string_view s, long maxsplit = -1);
// str.splitlines() (without keepends).
std::vector<std::string_view> splitlines(std::string_view s);

// str.replace(old, new, count): count < 0 replaces all; an empty `old`
// inserts `new` between code points and at both ends, as Python does.
void append_replaced(std::string& out, std::string_view s, std::string_view old_s,
                     std::string_view new_s, std::int64_t count);

std::size_t length(std::string_view s);  // code points
// Byte offset of code point index `cp` (clamped to the end).
std::size_t byte_offset(std::string_view s, std::size_t cp);

}  // namespace bengal::tmpl::pystr

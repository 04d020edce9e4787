// Facts derived from a page's rendered HTML: plain text, word count, reading
// time and the automatic summary. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bengal {

// Removes tags and comments, keeps text and entities as written; block ends
// become newlines. Stops after `max_bytes` of output (0 = no limit).
std::string html_to_text(std::string_view html, std::size_t max_bytes = 0);

std::uint32_t count_words(std::string_view text);

// Words of the text of `html` (tags and comments skipped), without building
// the text.
std::uint32_t count_html_words(std::string_view html);

// Minutes to read at 200 words a minute, at least 1 for a non-empty page.
std::uint32_t reading_minutes(std::uint32_t words);

// Hugo's automatic summary: the text up to the end of the sentence in which
// the `words`-th whitespace falls (Hugo 0.111 TruncateWordsToWholeSentence on
// HTML with </p> and <br> turned into newlines and tags removed). Sets
// `truncated` when the page continues past it.
std::string auto_summary(std::string_view html, int words, bool& truncated);

}  // namespace bengal

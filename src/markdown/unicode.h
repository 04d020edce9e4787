// Unicode and HTML character data the Markdown engine needs: named entities,
// CommonMark's punctuation and whitespace classes, and full case folding for
// link-label matching. Tables are generated (gen_tables.py) and immutable.
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <string_view>

namespace bengal::markdown {

// UTF-8 text of the HTML5 entity `name` (without '&' and ';'), or empty.
std::string_view lookup_entity(std::string_view name);

// CommonMark 0.31.2: Unicode categories P and S, plus all ASCII punctuation.
bool is_unicode_punctuation(char32_t cp);
// Category Zs plus tab, line feed, form feed and carriage return.
bool is_unicode_whitespace(char32_t cp);
// Full case folding of `cp` (UTF-8), or empty when it folds to itself.
// ASCII is not in the table: callers lower-case A-Z themselves.
std::string_view case_fold(char32_t cp);

}  // namespace bengal::markdown

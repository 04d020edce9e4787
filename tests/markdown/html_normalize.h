// HTML normalisation for conformance tests, after the CommonMark spec's own
// test runner (normalize.py): whitespace collapsed and trimmed around block
// tags, attributes sorted, entity and character references decoded and
// re-escaped canonically, "<br />" treated like "<br>".
#pragma once

#include <string>
#include <string_view>

namespace bengal::markdown::testing {

std::string normalize_html(std::string_view html);

}  // namespace bengal::markdown::testing

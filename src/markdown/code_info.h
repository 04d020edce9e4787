// Parses a fenced code block's info string into the fields the highlight hook
// receives: `python title="x.py" {3-5} linenos linenostart=10`, the
// Hugo/Goldmark form `go {hl_lines="1 3-4" linenos=true}`, or MkDocs'
// `hl_lines="2 3"`. Unknown attributes are ignored.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>

#include "markdown/markdown.h"

namespace bengal::markdown::detail {

// Fills lang, info, title, hl_lines, linenos and linenostart of `block`; the
// views point into `info`.
void parse_code_info(std::string_view info, CodeBlock& block);

}  // namespace bengal::markdown::detail

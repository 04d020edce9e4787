// Plain text: one run, escaped by the writer.
#include "highlight/lexers.h"

namespace bengal::highlight {

void lex_text(std::string_view code, TokenSink& out) { out.push(Token::kText, code.size()); }

}  // namespace bengal::highlight

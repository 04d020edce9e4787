// TEMPORARY: lexers not written yet fall back to plain text.
#include "highlight/lexers.h"
namespace bengal::highlight {
void lex_graphql(std::string_view code, TokenSink& out) { out.push(Token::kText, code.size()); }
}

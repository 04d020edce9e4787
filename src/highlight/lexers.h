// The built-in lexers' entry points (internal to the highlight library).
// Each is a LexFunction; see lexer.h for the contract.
#pragma once

#include <string_view>

#include "highlight/token_sink.h"

namespace bengal::highlight {

#define BENGAL_HIGHLIGHT_LEXER(fn) void fn(std::string_view code, TokenSink& out);
BENGAL_HIGHLIGHT_LEXER(lex_bash)
BENGAL_HIGHLIGHT_LEXER(lex_c)
BENGAL_HIGHLIGHT_LEXER(lex_console)
BENGAL_HIGHLIGHT_LEXER(lex_cpp)
BENGAL_HIGHLIGHT_LEXER(lex_csharp)
BENGAL_HIGHLIGHT_LEXER(lex_css)
BENGAL_HIGHLIGHT_LEXER(lex_diff)
BENGAL_HIGHLIGHT_LEXER(lex_dockerfile)
BENGAL_HIGHLIGHT_LEXER(lex_go)
BENGAL_HIGHLIGHT_LEXER(lex_graphql)
BENGAL_HIGHLIGHT_LEXER(lex_haskell)
BENGAL_HIGHLIGHT_LEXER(lex_html)
BENGAL_HIGHLIGHT_LEXER(lex_ini)
BENGAL_HIGHLIGHT_LEXER(lex_java)
BENGAL_HIGHLIGHT_LEXER(lex_javascript)
BENGAL_HIGHLIGHT_LEXER(lex_json)
BENGAL_HIGHLIGHT_LEXER(lex_jsx)
BENGAL_HIGHLIGHT_LEXER(lex_kotlin)
BENGAL_HIGHLIGHT_LEXER(lex_lua)
BENGAL_HIGHLIGHT_LEXER(lex_makefile)
BENGAL_HIGHLIGHT_LEXER(lex_markdown)
BENGAL_HIGHLIGHT_LEXER(lex_nginx)
BENGAL_HIGHLIGHT_LEXER(lex_perl)
BENGAL_HIGHLIGHT_LEXER(lex_php)
BENGAL_HIGHLIGHT_LEXER(lex_powershell)
BENGAL_HIGHLIGHT_LEXER(lex_pycon)
BENGAL_HIGHLIGHT_LEXER(lex_python)
BENGAL_HIGHLIGHT_LEXER(lex_r)
BENGAL_HIGHLIGHT_LEXER(lex_ruby)
BENGAL_HIGHLIGHT_LEXER(lex_rust)
BENGAL_HIGHLIGHT_LEXER(lex_scala)
BENGAL_HIGHLIGHT_LEXER(lex_scss)
BENGAL_HIGHLIGHT_LEXER(lex_sql)
BENGAL_HIGHLIGHT_LEXER(lex_swift)
BENGAL_HIGHLIGHT_LEXER(lex_text)
BENGAL_HIGHLIGHT_LEXER(lex_toml)
BENGAL_HIGHLIGHT_LEXER(lex_tsx)
BENGAL_HIGHLIGHT_LEXER(lex_typescript)
BENGAL_HIGHLIGHT_LEXER(lex_xml)
BENGAL_HIGHLIGHT_LEXER(lex_yaml)
BENGAL_HIGHLIGHT_LEXER(lex_zig)
#undef BENGAL_HIGHLIGHT_LEXER

}  // namespace bengal::highlight

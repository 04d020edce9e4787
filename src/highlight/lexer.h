// Lexer: one language's tokenizer, as an immutable descriptor.
//
// A lexer is a plain function over the whole input that pushes tokens into a
// TokenSink; all its state lives on that call's stack, so every lexer is
// thread-safe by construction and never allocates per token. Lexers must
// make progress on every byte: arbitrary input (unterminated strings, binary
// garbage) is tokenized, never rejected.
#pragma once

#include <span>
#include <string_view>

#include "highlight/token_sink.h"

namespace bengal::highlight {

using LexFunction = void (*)(std::string_view code, TokenSink& out);

struct Lexer {
  std::string_view name;                      // canonical lower-case name ("python")
  std::span<const std::string_view> aliases;  // lower-case, excluding `name`
  LexFunction lex;
};

// Every built-in lexer, in a fixed order (sorted by name).
std::span<const Lexer> builtin_lexers();

// Built-in lexer by name or alias (lower-case, exact); nullptr if none. For
// languages embedded in others (Markdown fences); sites use Registry.
const Lexer* find_builtin_lexer(std::string_view name);

}  // namespace bengal::highlight

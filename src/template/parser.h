// Parser: tokens into the immutable tree of ast.h, following Jinja 3's
// grammar (operator precedence, tuples, tests without parentheses, call
// blocks, assignment targets) plus Bengal's `{% end %}` (closes any block),
// `a ?? b` and `a?.b`.
//
// Names are interned into the symbol table and filters and tests are looked
// up in the registry while parsing, so an unknown filter is a compile error
// with a "did you mean" hint, as in Jinja. Nodes live in `storage`.
//
// Thread-safety: none (mutates the symbol table); compile before freeze.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "template/arena.h"
#include "template/ast.h"
#include "template/lexer.h"
#include "template/registry.h"

namespace bengal::tmpl {

struct ParsedTemplate {
  Body body;
  // Every {% block %} of the template, at any depth, in source order.
  std::vector<const BlockStmt*> blocks;
  // Template names given as string literals to extends/include/import/from,
  // so a loader can compile them up front.
  std::vector<std::string_view> references;
  // The extends/include/import/from statements, whose `resolved` field the
  // Environment fills in before freezing.
  std::vector<Stmt*> linking_stmts;
  bool has_extends = false;
};

// Nesting beyond this (brackets, unary operators, blocks) is a compile error
// rather than a stack overflow.
inline constexpr int kMaxParseDepth = 256;

Result<ParsedTemplate> parse_template(std::string_view source, std::span<const Token> tokens,
                                      SymbolTable& symbols, const Registry& registry,
                                      Arena& storage);

}  // namespace bengal::tmpl

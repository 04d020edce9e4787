// Lexer: template source into tokens, following Jinja 3's lexer rule for rule
// (whitespace control, trim_blocks, lstrip_blocks, raw blocks, newline
// normalisation and the dropped trailing newline), so output whitespace is
// byte-identical to Jinja's.
//
// Token texts are views into the source (or, for string literals with
// escapes, into `strings`), so the source must outlive the tokens.
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "template/arena.h"

namespace bengal::tmpl {

enum class Tok : std::uint8_t {
  kData,        // text outside tags (already whitespace-stripped as requested)
  kVarBegin,    // {{
  kVarEnd,      // }}
  kBlockBegin,  // {%
  kBlockEnd,    // %}
  kName,
  kString,
  kInt,
  kFloat,
  kOp,
  kEof,
};

enum class Op : std::uint8_t {
  kNone,
  kAdd,
  kSub,
  kDiv,
  kFloorDiv,
  kMul,
  kMod,
  kPow,
  kTilde,
  kLBracket,
  kRBracket,
  kLParen,
  kRParen,
  kLBrace,
  kRBrace,
  kEq,
  kNe,
  kGt,
  kGe,
  kLt,
  kLe,
  kAssign,
  kDot,
  kColon,
  kPipe,
  kComma,
  kSemicolon,
  kCoalesce,  // ??  (Bengal)
  kOptDot,    // ?.  (Bengal)
};

struct Token {
  Tok type = Tok::kEof;
  Op op = Op::kNone;
  std::uint32_t offset = 0;  // byte offset in the normalised source
  std::string_view text;     // data, name, decoded string value, or literal text
  std::int64_t int_value = 0;
  double float_value = 0;
};

struct LexOptions {
  bool trim_blocks = false;
  bool lstrip_blocks = false;
  bool keep_trailing_newline = false;
};

// Jinja normalises "\r\n" and "\r" to "\n" and (unless keep_trailing_newline)
// drops one trailing newline before lexing. Returns the text to lex.
std::string normalize_source(std::string_view source, bool keep_trailing_newline);

// Tokenises `source` (already normalised). Decoded string literals that
// differ from their source text are stored in `strings`. Errors carry line
// and column; the caller fills in the file.
Result<std::vector<Token>> tokenize(std::string_view source, const LexOptions& options,
                                    Arena& strings);

std::string_view op_text(Op op);

}  // namespace bengal::tmpl

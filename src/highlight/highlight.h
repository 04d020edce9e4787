// Syntax highlighting: code and a language name in, HTML out.
//
// render_block() writes one code block as
//   <div class="highlight"><pre><code class="language-X" data-lang="X">...</code></pre></div>
// with Pygments' short token classes on <span>s, so any Pygments or Chroma
// stylesheet applies (stylesheet() ships a light and a dark one). Adjacent
// tokens of one class are merged and plain text gets no span. Every byte of
// the input is HTML-escaped and kept, so the output is valid UTF-8 whenever
// the input is.
//
// Thread-safety: render_block() and tokenize() keep all state on the call's
// stack; they may run concurrently on any number of threads with one frozen
// Registry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "highlight/lexer.h"
#include "highlight/registry.h"
#include "highlight/token.h"

namespace bengal::highlight {

struct Options {
  std::string_view title;                    // caption above the block; empty = none
  std::vector<std::pair<int, int>> hl_lines;  // 1-based inclusive ranges, relative to the block
  enum class LineNumbers : std::uint8_t { kNone, kTable, kInline };
  LineNumbers linenos = LineNumbers::kNone;
  int linenostart = 1;  // number shown on the first line
};

// Appends the highlighted block to `out`. Returns false when `lang` is not
// known to `registry`: the block is then escaped plain text in the same
// wrapper (class="language-<lang>"), and the caller may warn once per
// language. An empty `lang` is plain text without a language class (true).
bool render_block(const Registry& registry, std::string_view code, std::string_view lang, const Options& options,
                  std::string& out);

// Parses fence options into `options`: "linenos", "linenos=table|inline",
// "hl_lines=3-5 8" / hl_lines="3-5 8", "{3-5,8}", "linenostart=10",
// title="a.py". Unknown keys are ignored (the caller may warn).
// `title` points into `info`.
void parse_fence_options(std::string_view info, Options& options);

// A run of one token class over code[begin, end).
struct TokenSpan {
  Token token;
  std::uint32_t begin;
  std::uint32_t end;
};
// The merged runs a lexer produces for `code` (tests, tools, agreement checks).
std::vector<TokenSpan> tokenize(const Lexer& lexer, std::string_view code);

// Stylesheet text for a style name ("light", "dark"); empty if unknown.
std::string_view stylesheet(std::string_view style);
// Names accepted by stylesheet().
std::vector<std::string_view> stylesheet_names();

}  // namespace bengal::highlight

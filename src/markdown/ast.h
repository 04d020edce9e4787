// The engine's internal document tree (not part of the public API).
//
// Blocks live in one vector and link by index; every byte a later phase needs
// (paragraph lines, code, directive names and arguments, reference
// definitions) is copied into Tree::text, so the tree never points into the
// caller's input and includes can be parsed into the same tree. Inline nodes
// are built per leaf block, rendered, and their vector reused.
//
// Thread-safety: owned by one Parser; not shared.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "markdown/registry.h"

namespace bengal::markdown::detail {

inline constexpr std::uint32_t kNil = 0xFFFFFFFFu;

struct Span {
  std::uint32_t begin = 0, end = 0;
  std::uint32_t size() const { return end - begin; }
  bool empty() const { return end == begin; }
};

enum class BlockKind : std::uint8_t {
  kDocument,
  kBlockQuote,
  kList,
  kItem,
  kParagraph,
  kHeading,
  kThematicBreak,
  kCodeBlock,
  kHtmlBlock,
  kTable,
  kFootnoteDef,
  kDirective,
  kMathBlock,
  kDefList,
  kDefTerm,
  kDefDesc,
};

struct Block {
  BlockKind kind = BlockKind::kDocument;
  bool open = true;
  bool last_line_blank = false;
  bool fenced = false;  // code: fenced; heading: setext
  bool tight = true;    // lists, definition lists
  bool ordered = false;
  std::uint8_t level = 0;                        // heading level; html block type
  char marker = 0;                               // list bullet or delimiter; fence character
  std::uint32_t fence_len = 0;                   // code/directive fence length
  std::uint32_t fence_offset = 0;                // code fence indentation
  std::uint32_t marker_offset = 0, padding = 0;  // list items, dd
  std::int32_t start = 1;                        // ordered list start
  std::uint32_t parent = kNil, first_child = kNil, last_child = kNil, next = kNil, prev = kNil;
  std::uint32_t src = 0;         // input offset of the first line (diagnostics)
  std::uint32_t start_line = 0;  // 1-based line of the first line
  Span content;                  // leaf content in Tree::text
  Span info;                     // code info; heading {attributes}; directive/footnote name
  Span arg;                      // directive argument
  std::uint32_t extra = kNil;    // directive: index into Tree::directives; table: column count
};

struct DirectiveData {
  const DirectiveSpec* spec = nullptr;               // null when unknown
  std::uint32_t options_begin = 0, options_end = 0;  // into Tree::options
  bool in_options = true;
  bool closed = false;
};

struct OptionSpan {
  Span key, value;
};

struct RefDef {
  Span dest, title;
};

struct Tree {
  std::string text;
  std::vector<Block> blocks;
  std::vector<DirectiveData> directives;
  std::vector<OptionSpan> options;
  std::vector<std::uint8_t>
      table_aligns;  // per table: column count entries starting at Block::arg.begin
  std::unordered_map<std::string, RefDef> refs;  // normalized label -> definition
  std::unordered_map<std::string, std::uint32_t>
      footnotes;  // normalized label -> kFootnoteDef block
  // (Tree::text offset, input offset) at each leaf line start, ascending.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> line_map;

  std::string_view str(Span s) const { return std::string_view(text).substr(s.begin, s.size()); }

  void clear() {
    text.clear();
    blocks.clear();
    directives.clear();
    options.clear();
    table_aligns.clear();
    refs.clear();
    footnotes.clear();
    line_map.clear();
  }

  // Input offset of the text byte at `text_offset` (nearest line start + column).
  std::uint32_t input_offset(std::uint32_t text_offset) const;
};

}  // namespace bengal::markdown::detail

// Inline structure of one leaf block: code spans, emphasis, links, raw HTML,
// entities, autolinks, and the extensions (strikethrough, extended autolinks,
// footnote references, math, roles, [[cross-references]], smart quotes).
//
// CommonMark's delimiter-stack algorithm with cmark's guards against
// quadratic behaviour: openers_bottom for emphasis, a barrier instead of
// walking the bracket stack, memoised backtick and raw-HTML searches, a
// bounded label length and link-destination nesting.
//
// Nodes are offsets into the subject (the leaf's text); the node vector is
// reused from leaf to leaf. Thread-safety: one per Parser; not shared.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "markdown/ast.h"
#include "markdown/syntax.h"

namespace bengal::markdown::detail {

enum class InlineKind : std::uint8_t {
  kRoot,
  kText,
  kSoftBreak,
  kHardBreak,
  kCode,
  kHtml,
  kEntity,
  kEmph,
  kStrong,
  kDel,
  kLink,
  kImage,
  kAutolink,  // flags: kEmail, kWww
  kFootnoteRef,
  kMath,
  kMathDisplay,
  kRole,        // dest = name, span = content
  kXref,        // dest = target, title = text (may be empty)
  kSmartQuote,  // extra: 0 ‘ 1 ’ 2 “ 3 ”
};

struct Inline {
  InlineKind kind = InlineKind::kText;
  std::uint8_t flags = 0;
  std::uint32_t next = kNil, prev = kNil, first_child = kNil, last_child = kNil;
  std::uint32_t begin = 0, end = 0;  // subject offsets
  std::uint32_t dest_begin = 0,
                dest_end = 0;  // link destination (subject, or Tree::text if kRefLink)
  std::uint32_t title_begin = 0, title_end = 0;
  std::uint32_t extra = 0;
};

inline constexpr std::uint8_t kRefLink = 1;  // dest/title point into Tree::text
inline constexpr std::uint8_t kHasTitle = 2;
inline constexpr std::uint8_t kEmail = 4;
inline constexpr std::uint8_t kWww = 8;

struct InlineConfig {
  bool strikethrough = false;
  bool autolinks = false;  // GFM extended autolinks
  bool footnotes = false;
  bool math = false;
  bool roles = false;  // roles and [[cross-references]]
  bool smart = false;  // smart quotes
  bool operator==(const InlineConfig&) const = default;
};

class InlineParser {
 public:
  explicit InlineParser(const Tree& tree) : tree_(tree) {}
  void configure(const InlineConfig& config);

  // Parses `subject`; node 0 is the root whose children are the result.
  void parse(std::string_view subject);
  const std::vector<Inline>& nodes() const { return nodes_; }
  // Elementary steps since construction (bytes scanned, delimiters visited).
  std::uint64_t work() const { return work_; }

 private:
  struct Delimiter {
    std::uint32_t node;
    std::uint32_t prev, next;
    std::uint32_t num;   // delimiters left
    std::uint32_t orig;  // original run length
    char c;
    bool can_open, can_close;
  };
  struct Bracket {
    std::uint32_t node;
    std::uint32_t pos;         // subject offset after '[' (or "![")
    std::uint32_t prev_delim;  // delimiter top when pushed
    bool image;
    bool bracket_after;
  };

  std::uint32_t add(InlineKind kind, std::size_t begin, std::size_t end);
  void append_to_root(std::uint32_t node);
  void unlink_top(std::uint32_t node);
  void flush_text(std::size_t end);
  void pop_bracket();

  void handle_newline();
  void handle_backslash();
  void handle_backticks();
  bool handle_delimiters(char c);
  void handle_close_bracket();
  bool handle_angle();
  bool handle_math();
  bool handle_role();
  bool handle_xref();
  bool handle_gfm_autolink(char c);

  std::size_t find_closing_backticks(std::size_t from, std::size_t n);
  void process_emphasis(std::uint32_t stack_bottom);
  std::uint32_t insert_emph(std::uint32_t opener, std::uint32_t closer);
  void remove_delimiter(std::uint32_t d);
  bool lookup_ref(std::string_view label, RefDef& out);

  const Tree& tree_;
  InlineConfig config_;
  std::array<bool, 256> special_{};
  // The same set as nibble tables for a 16-bytes-at-a-time scan (SSSE3).
  alignas(16) std::uint8_t special_lo_[16] = {};
  alignas(16) std::uint8_t special_hi_[16] = {};
  bool simd_ = false;
  bool configured_ = false;

  std::string_view s_;
  std::size_t pos_ = 0, text_start_ = 0;
  std::vector<Inline> nodes_;
  std::vector<Delimiter> delims_;
  std::uint32_t delim_top_ = kNil;
  std::vector<Bracket> brackets_;
  std::size_t link_barrier_ = 0;  // brackets below this index cannot open links
  HtmlScanMemo html_memo_;
  std::vector<std::uint32_t> backtick_pos_;  // run length -> last seen start
  bool backticks_scanned_ = false;
  bool backticks_init_ = false;
  std::size_t math_closer_from_ = 0, math_closer_at_ = 0;
  bool math_closer_valid_ = false;
  std::string label_;
  std::uint64_t work_ = 0;
};

}  // namespace bengal::markdown::detail

// Block structure: turns input lines into the Tree's blocks (CommonMark's
// container/leaf algorithm, plus tables, footnote definitions, directives,
// math blocks and definition lists). Inline content is left as text in
// Tree::text for the inline parser.
//
// One line at a time, each matched against the open containers once: work is
// linear in the input times the nesting depth of the line's own prefixes.
//
// Thread-safety: one per Parser; not shared.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "markdown/ast.h"
#include "markdown/registry.h"

namespace bengal::markdown {
struct Hooks;
}

namespace bengal::markdown::detail {

struct BlockConfig {
  bool tables = false;
  bool footnotes = false;
  bool directives = false;  // directives and definition lists
  bool math = false;
  bool heading_attributes = false;
  const DirectiveRegistry* registry = nullptr;
  const Hooks* hooks = nullptr;
};

// Splits a GFM table row into cell spans relative to `row`; `\|` does not
// split. Leading and trailing pipes are optional.
void split_table_row(std::string_view row, std::vector<Span>& cells);

class BlockParser {
 public:
  BlockParser(Tree& tree, const BlockConfig& config, std::vector<Diagnostic>& diagnostics,
              int include_depth = 0);

  // Parses `input` into children of block `root`. When `fixed_src` is not kNil
  // every block reports that input offset (text pulled in by an include).
  void parse(std::string_view input, std::uint32_t root, std::uint32_t fixed_src = kNil);

  // Elementary steps taken so far (lines, bytes, containers visited): tests
  // use it to prove linear behaviour without timing anything.
  std::uint64_t work() const { return work_; }

 private:
  struct ListData {
    bool ordered = false;
    char marker = 0;
    std::int32_t start = 1;
    std::uint32_t marker_offset = 0, padding = 0;
  };

  Block& blk(std::uint32_t i) { return tree_.blocks[i]; }
  char peek(std::size_t i) const { return i < line_.size() ? line_[i] : '\n'; }
  bool at_line_end(std::size_t i) const { return i >= line_.size(); }

  void process_line();
  void find_first_nonspace();
  void advance_offset(std::size_t count, bool columns);
  void add_line(std::uint32_t block);
  void add_text(std::uint32_t block, std::string_view text);
  std::uint32_t add_child(std::uint32_t parent, BlockKind kind);
  std::uint32_t finalize(std::uint32_t block);
  void unlink(std::uint32_t block);
  bool is_ancestor(std::uint32_t ancestor, std::uint32_t block) const;

  bool match_container(std::uint32_t block, bool& line_done);
  bool match_indented();
  void open_new_blocks(std::uint32_t& container, bool all_matched);
  std::size_t parse_list_marker(std::size_t pos, bool interrupts_paragraph, ListData& data) const;
  std::size_t scan_thematic_break(std::size_t pos) const;
  int scan_setext_line(std::size_t pos) const;
  bool resolve_reference_definitions(std::uint32_t paragraph);
  void parse_heading_attributes(std::uint32_t heading);

  // Extensions.
  bool try_table(std::uint32_t& container);
  bool try_footnote_definition(std::uint32_t& container);
  bool try_directive_open(std::uint32_t& container, std::size_t fence_len, char fence_char,
                          std::size_t after_fence);
  bool try_directive_option(std::uint32_t container);
  bool try_directive_close(std::uint32_t last_matched);
  bool try_math_block(std::uint32_t& container);
  bool try_definition(std::uint32_t& container, bool all_matched);
  void include_file(std::uint32_t directive);
  void warn(std::uint32_t input_offset, std::string message, std::string hint = {},
            Severity severity = Severity::kWarning);

  Tree& tree_;
  const BlockConfig& config_;
  std::vector<Diagnostic>& diagnostics_;
  int include_depth_;

  std::string_view input_;
  std::string_view line_;
  std::uint32_t line_start_ = 0;
  std::uint32_t line_number_ = 0;
  std::uint32_t fixed_src_ = kNil;
  std::uint32_t root_ = 0;
  std::uint32_t tip_ = 0;
  std::uint32_t last_matched_ = 0;  // deepest container the current line continued
  std::size_t offset_ = 0, column_ = 0;
  std::size_t first_nonspace_ = 0, first_nonspace_column_ = 0, indent_ = 0;
  bool blank_ = false;
  bool fns_valid_ = false;  // first_nonspace_ is current for (fns_offset_, fns_column_)
  std::size_t fns_offset_ = 0, fns_column_ = 0;
  bool partially_consumed_tab_ = false;
  bool line_consumed_ = false;
  std::vector<std::uint32_t> open_directives_;  // innermost last
  std::uint64_t work_ = 0;
  std::string scratch_;
};

}  // namespace bengal::markdown::detail

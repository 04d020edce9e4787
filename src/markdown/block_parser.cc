#include "markdown/block_parser.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/text.h"
#include "markdown/markdown.h"
#include "markdown/syntax.h"

namespace bengal::markdown::detail {
namespace {

constexpr int kTabStop = 4;
constexpr int kMaxIncludeDepth = 8;
// Directives need no prefix on their body lines, so each open one is visited
// on every line; a cap keeps that per-line cost constant.
constexpr std::size_t kMaxDirectiveDepth = 32;
constexpr std::size_t kMaxTableColumns = 256;

// Index of the first '\n' or '\r' at or after `pos`, or input.size(). Lines
// are short, so an inline 16-byte scan beats a call to memchr.
std::size_t find_line_end(std::string_view input, std::size_t pos) {
  const char* p = input.data() + pos;
  const char* end = input.data() + input.size();
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr)));
    if (m != 0)
      return static_cast<std::size_t>(p - input.data()) +
             static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(m)));
    p += 16;
  }
#endif
  while (p < end && *p != '\n' && *p != '\r') ++p;
  return static_cast<std::size_t>(p - input.data());
}

bool accepts_lines(BlockKind k) {
  return k == BlockKind::kParagraph || k == BlockKind::kHeading || k == BlockKind::kCodeBlock ||
         k == BlockKind::kHtmlBlock || k == BlockKind::kTable || k == BlockKind::kMathBlock;
}

bool can_contain(BlockKind parent, BlockKind child) {
  switch (parent) {
    case BlockKind::kDocument:
    case BlockKind::kBlockQuote:
    case BlockKind::kItem:
    case BlockKind::kFootnoteDef:
    case BlockKind::kDirective:
    case BlockKind::kDefDesc:
      return child != BlockKind::kItem && child != BlockKind::kDefTerm &&
             child != BlockKind::kDefDesc;
    case BlockKind::kList:
      return child == BlockKind::kItem;
    case BlockKind::kDefList:
      return child == BlockKind::kDefTerm || child == BlockKind::kDefDesc;
    default:
      return false;
  }
}

std::string_view rtrim(std::string_view s) {
  while (!s.empty() && (is_space_or_tab(s.back()) || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

bool is_directive_name_char(char c) {
  return is_ascii_alnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
}

}  // namespace

// Splits a table row into cell spans (relative to `row`), honouring `\|`.
void split_table_row(std::string_view row, std::vector<Span>& cells) {
  cells.clear();
  std::size_t i = 0;
  while (i < row.size() && is_space_or_tab(row[i])) ++i;
  if (i < row.size() && row[i] == '|') ++i;
  std::size_t start = i;
  bool trailing_pipe = false;
  while (i < row.size()) {
    char c = row[i];
    if (c == '\\' && i + 1 < row.size()) {
      i += 2;
      continue;
    }
    if (c == '|') {
      cells.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)});
      start = ++i;
      trailing_pipe = true;
      continue;
    }
    if (!is_space_or_tab(c)) trailing_pipe = false;
    ++i;
  }
  if (!trailing_pipe || start < row.size()) {
    std::string_view rest = row.substr(start);
    bool blank = std::all_of(rest.begin(), rest.end(), is_space_or_tab);
    if (!(trailing_pipe && blank))
      cells.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(row.size())});
  }
}

BlockParser::BlockParser(Tree& tree, const BlockConfig& config,
                         std::vector<Diagnostic>& diagnostics, int include_depth)
    : tree_(tree), config_(config), diagnostics_(diagnostics), include_depth_(include_depth) {}

void BlockParser::warn(std::uint32_t input_offset, std::string message, std::string hint,
                       Severity severity) {
  Diagnostic d;
  d.severity = severity;
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.code = "markdown";
  std::uint32_t off = fixed_src_ != kNil ? fixed_src_ : input_offset;
  // Offsets are relative to the top-level input; the Parser converts them to
  // line and column once the whole document is known.
  d.location.line = 0;
  d.location.column = static_cast<int>(off);
  diagnostics_.push_back(std::move(d));
}

void BlockParser::parse(std::string_view input, std::uint32_t root, std::uint32_t fixed_src) {
  input_ = input;
  root_ = root;
  tip_ = root;
  fixed_src_ = fixed_src;
  line_number_ = 0;
  std::size_t pos = 0;
  while (pos < input.size()) {
    std::size_t eol = find_line_end(input, pos);
    line_ = input.substr(pos, eol - pos);
    line_start_ = static_cast<std::uint32_t>(pos);
    ++line_number_;
    process_line();
    if (eol < input.size() && input[eol] == '\r' && eol + 1 < input.size() &&
        input[eol + 1] == '\n')
      ++eol;
    pos = eol + 1;
  }
  while (tip_ != root_ && tip_ != kNil) tip_ = finalize(tip_);
  // Containers directly under the root that are still open (the root itself
  // is finalized by the caller).
  for (std::uint32_t c = blk(root_).first_child; c != kNil; c = blk(c).next) {
    if (blk(c).open) finalize(c);
  }
}

void BlockParser::find_first_nonspace() {
  // Called several times per line, mostly without the position moving.
  if (fns_valid_ && fns_offset_ == offset_ && fns_column_ == column_) return;
  fns_valid_ = true;
  fns_offset_ = offset_;
  fns_column_ = column_;
  std::size_t chars_to_tab = kTabStop - (column_ % kTabStop);
  first_nonspace_ = offset_;
  first_nonspace_column_ = column_;
  while (first_nonspace_ < line_.size()) {
    char c = line_[first_nonspace_];
    if (c == ' ') {
      ++first_nonspace_;
      ++first_nonspace_column_;
      if (--chars_to_tab == 0) chars_to_tab = kTabStop;
    } else if (c == '\t') {
      ++first_nonspace_;
      first_nonspace_column_ += chars_to_tab;
      chars_to_tab = kTabStop;
    } else {
      break;
    }
  }
  indent_ = first_nonspace_column_ - column_;
  blank_ = first_nonspace_ >= line_.size();
}

void BlockParser::advance_offset(std::size_t count, bool columns) {
  while (count > 0 && offset_ < line_.size()) {
    if (line_[offset_] == '\t') {
      std::size_t chars_to_tab = kTabStop - (column_ % kTabStop);
      if (columns) {
        partially_consumed_tab_ = chars_to_tab > count;
        std::size_t chars_to_advance = std::min(count, chars_to_tab);
        column_ += chars_to_advance;
        offset_ += partially_consumed_tab_ ? 0 : 1;
        count -= chars_to_advance;
      } else {
        partially_consumed_tab_ = false;
        column_ += chars_to_tab;
        offset_ += 1;
        count -= 1;
      }
    } else {
      partially_consumed_tab_ = false;
      ++offset_;
      ++column_;
      --count;
    }
  }
}

void BlockParser::add_text(std::uint32_t block, std::string_view text) {
  std::string& t = tree_.text;
  Block& b = blk(block);
  if (b.content.empty() && b.content.begin != t.size())
    b.content.begin = static_cast<std::uint32_t>(t.size());
  t.append(text);
  b.content.end = static_cast<std::uint32_t>(t.size());
}

void BlockParser::add_line(std::uint32_t block) {
  std::string& t = tree_.text;
  Block& b = blk(block);
  if (b.content.empty()) b.content.begin = static_cast<std::uint32_t>(t.size());
  tree_.line_map.emplace_back(
      static_cast<std::uint32_t>(t.size()),
      fixed_src_ != kNil ? fixed_src_ : line_start_ + static_cast<std::uint32_t>(offset_));
  if (partially_consumed_tab_) {
    ++offset_;
    std::size_t chars_to_tab = kTabStop - (column_ % kTabStop);
    t.append(chars_to_tab, ' ');
  }
  if (offset_ < line_.size()) t.append(line_.data() + offset_, line_.size() - offset_);
  t += '\n';
  b.content.end = static_cast<std::uint32_t>(t.size());
}

std::uint32_t BlockParser::add_child(std::uint32_t parent, BlockKind kind) {
  while (!can_contain(blk(parent).kind, kind)) parent = finalize(parent);
  auto index = static_cast<std::uint32_t>(tree_.blocks.size());
  Block b;
  b.kind = kind;
  b.parent = parent;
  b.src =
      fixed_src_ != kNil ? fixed_src_ : line_start_ + static_cast<std::uint32_t>(first_nonspace_);
  b.start_line = line_number_;
  b.content.begin = b.content.end = static_cast<std::uint32_t>(tree_.text.size());
  b.prev = blk(parent).last_child;
  tree_.blocks.push_back(b);
  Block& p = blk(parent);
  if (p.last_child != kNil) {
    blk(p.last_child).next = index;
  } else {
    p.first_child = index;
  }
  p.last_child = index;
  return index;
}

void BlockParser::unlink(std::uint32_t block) {
  Block& b = blk(block);
  Block& p = blk(b.parent);
  if (b.prev != kNil) {
    blk(b.prev).next = b.next;
  } else {
    p.first_child = b.next;
  }
  if (b.next != kNil) {
    blk(b.next).prev = b.prev;
  } else {
    p.last_child = b.prev;
  }
  b.next = b.prev = kNil;
}

bool BlockParser::is_ancestor(std::uint32_t ancestor, std::uint32_t block) const {
  for (std::uint32_t b = tree_.blocks[block].parent; b != kNil; b = tree_.blocks[b].parent) {
    if (b == ancestor) return true;
  }
  return false;
}

namespace {

bool ends_with_blank_line(const Tree& t, std::uint32_t b) {
  while (b != kNil) {
    const Block& blk = t.blocks[b];
    if (blk.last_line_blank) return true;
    if (blk.kind == BlockKind::kList || blk.kind == BlockKind::kItem) {
      b = blk.last_child;
    } else {
      break;
    }
  }
  return false;
}

}  // namespace

std::uint32_t BlockParser::finalize(std::uint32_t block) {
  Block& b = blk(block);
  std::uint32_t parent = b.parent;
  if (!b.open) return parent;
  b.open = false;
  std::string& t = tree_.text;
  switch (b.kind) {
    case BlockKind::kParagraph: {
      bool has_content = resolve_reference_definitions(block);
      if (!has_content) unlink(block);
      break;
    }
    case BlockKind::kHeading: {
      std::string_view s = rtrim(tree_.str(b.content));
      b.content.end = b.content.begin + static_cast<std::uint32_t>(s.size());
      std::size_t lead = 0;
      while (lead < s.size() && is_space_or_tab(s[lead])) ++lead;
      b.content.begin += static_cast<std::uint32_t>(lead);
      if (config_.heading_attributes) parse_heading_attributes(block);
      break;
    }
    case BlockKind::kCodeBlock:
      if (!b.fenced) {
        // Trailing blank lines are not part of an indented code block.
        std::uint32_t end = b.content.end;
        std::uint32_t last_nl = end;
        std::uint32_t i = end;
        while (i > b.content.begin) {
          char c = t[i - 1];
          if (c == '\n') {
            last_nl = i;
          } else if (c != ' ' && c != '\t') {
            break;
          }
          --i;
        }
        b.content.end = i == b.content.begin ? b.content.begin : last_nl;
        if (i != b.content.begin) {
          // keep exactly one newline after the last non-blank line
          std::uint32_t j = i;
          while (j < end && t[j] != '\n') ++j;
          b.content.end = j + 1;
        }
      }
      break;
    case BlockKind::kList: {
      bool tight = true;
      for (std::uint32_t item = b.first_child; item != kNil && tight; item = blk(item).next) {
        if (blk(item).last_line_blank && blk(item).next != kNil) {
          tight = false;
          break;
        }
        for (std::uint32_t sub = blk(item).first_child; sub != kNil; sub = blk(sub).next) {
          if (ends_with_blank_line(tree_, sub) &&
              (blk(item).next != kNil || blk(sub).next != kNil)) {
            tight = false;
            break;
          }
        }
      }
      blk(block).tight = tight;
      break;
    }
    case BlockKind::kFootnoteDef: {
      normalize_label(tree_.str(b.info), scratch_);
      tree_.footnotes.emplace(scratch_, block);
      break;
    }
    case BlockKind::kDirective: {
      auto it = std::find(open_directives_.begin(), open_directives_.end(), block);
      if (it != open_directives_.end()) open_directives_.erase(it);
      DirectiveData& d = tree_.directives[b.extra];
      if (!d.closed) {
        warn(b.src, "directive '" + std::string(tree_.str(b.info)) + "' is not closed",
             "close it with a line of " + std::string(b.fence_len, b.marker));
      }
      if (d.spec && d.spec->includes_file) include_file(block);
      break;
    }
    case BlockKind::kDefDesc:
      // Blank lines between a definition's blocks make it loose.
      for (std::uint32_t sub = b.first_child; sub != kNil; sub = blk(sub).next) {
        if (blk(sub).last_line_blank && blk(sub).next != kNil) blk(block).tight = false;
      }
      break;
    default:
      break;
  }
  return parent;
}

void BlockParser::parse_heading_attributes(std::uint32_t heading) {
  Block& b = blk(heading);
  std::string_view s = tree_.str(b.content);
  if (s.empty() || s.back() != '}') return;
  std::size_t open = s.rfind('{');
  if (open == std::string_view::npos || (open > 0 && !is_space_or_tab(s[open - 1]))) return;
  std::string_view attrs = s.substr(open + 1, s.size() - open - 2);
  // Only #id, .class and key=value / key="value" tokens make an attribute block.
  std::size_t i = 0;
  bool any = false;
  while (i < attrs.size()) {
    while (i < attrs.size() && is_space_or_tab(attrs[i])) ++i;
    if (i >= attrs.size()) break;
    char c = attrs[i];
    std::size_t start = i;
    if (c == '#' || c == '.') {
      ++i;
      while (i < attrs.size() && !is_space_or_tab(attrs[i]) && attrs[i] != '{' && attrs[i] != '}')
        ++i;
      if (i == start + 1) return;
    } else if (is_ascii_alpha(c)) {
      while (i < attrs.size() && (is_ascii_alnum(attrs[i]) || attrs[i] == '-' || attrs[i] == '_'))
        ++i;
      if (i >= attrs.size() || attrs[i] != '=') return;
      ++i;
      if (i < attrs.size() && (attrs[i] == '"' || attrs[i] == '\'')) {
        std::size_t close = attrs.find(attrs[i], i + 1);
        if (close == std::string_view::npos) return;
        i = close + 1;
      } else {
        while (i < attrs.size() && !is_space_or_tab(attrs[i]) && attrs[i] != '"' && attrs[i] != '}')
          ++i;
      }
    } else {
      return;
    }
    any = true;
  }
  if (!any) return;
  b.info = {b.content.begin + static_cast<std::uint32_t>(open + 1), b.content.end - 1};
  std::string_view title = rtrim(s.substr(0, open));
  b.content.end = b.content.begin + static_cast<std::uint32_t>(title.size());
}

bool BlockParser::resolve_reference_definitions(std::uint32_t paragraph) {
  Block& b = blk(paragraph);
  std::string_view s = std::string_view(tree_.text).substr(0, b.content.end);
  std::size_t pos = b.content.begin;
  while (pos < s.size() && s[pos] == '[') {
    std::size_t label_end = scan_link_label(s, pos);
    if (label_end == 0 || label_end >= s.size() || s[label_end] != ':') break;
    std::size_t i = skip_spaces_one_newline(s, label_end + 1);
    std::size_t dest_end, db, de;
    if (!scan_link_destination(s, i, false, dest_end, db, de)) break;
    if (s[i] != '<' && db == de) break;
    std::size_t line_end = std::string_view::npos;
    std::size_t tb = 0, te = 0;
    bool has_title = false;
    std::size_t k = skip_spaces_one_newline(s, dest_end);
    std::size_t title_end;
    if (k > dest_end && scan_link_title(s, k, title_end, tb, te)) {
      std::size_t j = title_end;
      while (j < s.size() && is_space_or_tab(s[j])) ++j;
      if (j >= s.size() || s[j] == '\n') {
        has_title = true;
        line_end = j;
      }
    }
    if (!has_title) {
      std::size_t j = dest_end;
      while (j < s.size() && is_space_or_tab(s[j])) ++j;
      if (j < s.size() && s[j] != '\n') break;
      if (j == dest_end && j < s.size() && s[j] != '\n') break;
      line_end = j;
    }
    normalize_label(s.substr(pos + 1, label_end - pos - 2), scratch_);
    RefDef def;
    def.dest = {static_cast<std::uint32_t>(db), static_cast<std::uint32_t>(de)};
    if (has_title) def.title = {static_cast<std::uint32_t>(tb), static_cast<std::uint32_t>(te)};
    tree_.refs.emplace(scratch_, def);
    pos = line_end < s.size() ? line_end + 1 : s.size();
  }
  b.content.begin = static_cast<std::uint32_t>(pos);
  std::string_view rest = rtrim(s.substr(pos));
  b.content.end = b.content.begin + static_cast<std::uint32_t>(rest.size());
  return !rest.empty();
}

std::size_t BlockParser::scan_thematic_break(std::size_t pos) const {
  char c = peek(pos);
  if (c != '*' && c != '-' && c != '_') return 0;
  int count = 0;
  std::size_t i = pos;
  while (i < line_.size()) {
    char d = line_[i];
    if (d == c) {
      ++count;
    } else if (!is_space_or_tab(d)) {
      return 0;
    }
    ++i;
  }
  return count >= 3 ? i - pos : 0;
}

int BlockParser::scan_setext_line(std::size_t pos) const {
  char c = peek(pos);
  if (c != '=' && c != '-') return 0;
  std::size_t i = pos;
  while (i < line_.size() && line_[i] == c) ++i;
  while (i < line_.size() && is_space_or_tab(line_[i])) ++i;
  if (i < line_.size()) return 0;
  return c == '=' ? 1 : 2;
}

std::size_t BlockParser::parse_list_marker(std::size_t pos, bool interrupts_paragraph,
                                           ListData& data) const {
  std::size_t start_pos = pos;
  char c = peek(pos);
  if (c == '*' || c == '-' || c == '+') {
    ++pos;
    data.ordered = false;
    data.marker = c;
    data.start = 1;
  } else if (is_ascii_digit(c)) {
    std::int32_t start = 0;
    int digits = 0;
    do {
      start = 10 * start + (peek(pos) - '0');
      ++pos;
      ++digits;
    } while (digits < 9 && is_ascii_digit(peek(pos)));
    if (interrupts_paragraph && start != 1) return 0;
    c = peek(pos);
    if (c != '.' && c != ')') return 0;
    ++pos;
    data.ordered = true;
    data.marker = c;
    data.start = start;
  } else {
    return 0;
  }
  if (!at_line_end(pos) && !is_space_or_tab(peek(pos))) return 0;
  if (interrupts_paragraph) {
    // An item that interrupts a paragraph cannot start empty.
    std::size_t i = pos;
    while (i < line_.size() && is_space_or_tab(line_[i])) ++i;
    if (at_line_end(i)) return 0;
  }
  return pos - start_pos;
}

// Indented code and footnote bodies continue with 4 columns of indentation
// or a blank line.
bool BlockParser::match_indented() {
  if (indent_ >= 4) {
    advance_offset(4, true);
    return true;
  }
  if (blank_) {
    advance_offset(first_nonspace_ - offset_, false);
    return true;
  }
  return false;
}

bool BlockParser::match_container(std::uint32_t block, bool& line_done) {
  Block& b = blk(block);
  switch (b.kind) {
    case BlockKind::kBlockQuote:
      if (indent_ <= 3 && peek(first_nonspace_) == '>') {
        advance_offset(indent_ + 1, true);
        if (is_space_or_tab(peek(offset_))) advance_offset(1, true);
        return true;
      }
      return false;
    case BlockKind::kItem:
    case BlockKind::kDefDesc:
      if (indent_ >= b.marker_offset + b.padding) {
        advance_offset(b.marker_offset + b.padding, true);
        return true;
      }
      if (blank_ && b.first_child != kNil) {
        advance_offset(first_nonspace_ - offset_, false);
        return true;
      }
      return false;
    case BlockKind::kFootnoteDef:
      return match_indented();
    case BlockKind::kCodeBlock:
      if (b.fenced) {
        if (indent_ <= 3 && peek(first_nonspace_) == b.marker) {
          std::size_t i = first_nonspace_;
          while (i < line_.size() && line_[i] == b.marker) ++i;
          std::size_t n = i - first_nonspace_;
          while (i < line_.size() && is_space_or_tab(line_[i])) ++i;
          if (n >= b.fence_len && at_line_end(i)) {
            line_done = true;
            tip_ = finalize(block);
            return true;
          }
        }
        std::size_t i = b.fence_offset;
        while (i > 0 && is_space_or_tab(peek(offset_))) {
          advance_offset(1, true);
          --i;
        }
        return true;
      }
      return match_indented();
    case BlockKind::kHtmlBlock:
      return !(b.level >= 6 && blank_);
    case BlockKind::kParagraph:
    case BlockKind::kTable:
      return !blank_;
    case BlockKind::kHeading:
    case BlockKind::kDefTerm:
      return false;
    case BlockKind::kMathBlock: {
      std::string_view rest = rtrim(line_.substr(std::min(first_nonspace_, line_.size())));
      if (rest.size() >= 2 && rest.substr(rest.size() - 2) == "$$") {
        advance_offset(first_nonspace_ - offset_, false);
        std::string_view body = rtrim(line_.substr(offset_, line_.size() - offset_));
        body.remove_suffix(2);
        body = rtrim(body);
        if (!body.empty()) {
          add_text(block, body);
          tree_.text += '\n';
          blk(block).content.end = static_cast<std::uint32_t>(tree_.text.size());
        }
        line_done = true;
        tip_ = finalize(block);
      }
      return true;
    }
    case BlockKind::kDefList:
      // A definition list continues over blank lines, indented lines and new
      // definitions; anything else at the margin ends it.
      return blank_ || indent_ > 0 ||
             (peek(first_nonspace_) == ':' && is_space_or_tab(peek(first_nonspace_ + 1)));
    default:
      return true;  // document, list, directive, thematic break
  }
}

void BlockParser::process_line() {
  work_ += 1 + line_.size();
  fns_valid_ = false;
  offset_ = column_ = 0;
  first_nonspace_ = first_nonspace_column_ = indent_ = 0;
  blank_ = false;
  partially_consumed_tab_ = false;
  line_consumed_ = false;

  std::uint32_t container = root_;
  bool all_matched = true;
  while (true) {
    std::uint32_t child = blk(container).last_child;
    if (child == kNil || !blk(child).open) break;
    container = child;
    ++work_;
    find_first_nonspace();
    bool line_done = false;
    if (!match_container(container, line_done)) {
      container = blk(container).parent;
      all_matched = false;
      break;
    }
    if (line_done) return;
  }
  last_matched_ = container;

  if (config_.directives && try_directive_close(last_matched_)) return;

  open_new_blocks(container, all_matched);
  // Extensions may have replaced the matched paragraph (tables, definitions).
  const std::uint32_t last_matched = last_matched_;

  find_first_nonspace();
  bool blank = blank_ && !line_consumed_;
  Block& c = blk(container);
  if (blank && c.last_child != kNil) blk(c.last_child).last_line_blank = true;
  const BlockKind ck = c.kind;
  bool last_line_blank =
      blank && ck != BlockKind::kBlockQuote && ck != BlockKind::kHeading &&
      ck != BlockKind::kThematicBreak && !(ck == BlockKind::kCodeBlock && c.fenced) &&
      ck != BlockKind::kMathBlock &&
      !(ck == BlockKind::kItem && c.first_child == kNil && c.start_line == line_number_);
  c.last_line_blank = last_line_blank;
  for (std::uint32_t p = c.parent; p != kNil; p = blk(p).parent) blk(p).last_line_blank = false;

  if (tip_ != last_matched && container == last_matched && !blank_ &&
      blk(tip_).kind == BlockKind::kParagraph) {
    add_line(tip_);  // lazy continuation
    return;
  }
  while (tip_ != last_matched) tip_ = finalize(tip_);

  Block& cb = blk(container);
  if (line_consumed_) {
    // the opener took the whole line
  } else if (cb.kind == BlockKind::kCodeBlock || cb.kind == BlockKind::kMathBlock) {
    add_line(container);
  } else if (cb.kind == BlockKind::kHtmlBlock) {
    add_line(container);
    int type = blk(container).level;
    if (type >= 1 && type <= 5 &&
        html_block_ends(type, line_.substr(std::min(first_nonspace_, line_.size())))) {
      container = finalize(container);
    }
  } else if (blank_) {
    // nothing
  } else if (accepts_lines(cb.kind)) {
    if (cb.kind == BlockKind::kHeading && !cb.fenced) {
      // ATX closing sequence
      std::string_view s = line_.substr(first_nonspace_);
      while (!s.empty() && is_space_or_tab(s.back())) s.remove_suffix(1);
      std::size_t n = 0;
      while (n < s.size() && s[s.size() - 1 - n] == '#') ++n;
      if (n > 0 && (n == s.size() || is_space_or_tab(s[s.size() - n - 1]))) {
        s.remove_suffix(n);
        while (!s.empty() && is_space_or_tab(s.back())) s.remove_suffix(1);
      }
      line_ = line_.substr(0, first_nonspace_ + s.size());
      fns_valid_ = false;
    }
    advance_offset(first_nonspace_ - offset_, false);
    add_line(container);
  } else {
    container = add_child(container, BlockKind::kParagraph);
    advance_offset(first_nonspace_ - offset_, false);
    add_line(container);
  }
  tip_ = container;
}

void BlockParser::open_new_blocks(std::uint32_t& container, bool all_matched) {
  bool maybe_lazy = blk(tip_).kind == BlockKind::kParagraph;
  while (true) {
    BlockKind ck = blk(container).kind;
    if (ck == BlockKind::kCodeBlock || ck == BlockKind::kHtmlBlock || ck == BlockKind::kMathBlock)
      break;
    find_first_nonspace();
    if (ck == BlockKind::kDirective && try_directive_option(container)) break;
    bool indented = indent_ >= 4;
    char c = peek(first_nonspace_);
    ListData list;
    std::size_t matched = 0;
    if (!indented && c == '>') {
      advance_offset(first_nonspace_ + 1 - offset_, false);
      if (is_space_or_tab(peek(offset_))) advance_offset(1, true);
      container = add_child(container, BlockKind::kBlockQuote);
    } else if (!indented && c == '#') {
      std::size_t i = first_nonspace_;
      while (i < line_.size() && line_[i] == '#' && i - first_nonspace_ < 7) ++i;
      std::size_t level = i - first_nonspace_;
      if (level > 6 || !(at_line_end(i) || is_space_or_tab(line_[i]))) break;
      while (i < line_.size() && is_space_or_tab(line_[i])) ++i;
      advance_offset(i - offset_, false);
      container = add_child(container, BlockKind::kHeading);
      blk(container).level = static_cast<std::uint8_t>(level);
    } else if (!indented && (c == '`' || c == '~')) {
      std::size_t i = first_nonspace_;
      while (i < line_.size() && line_[i] == c) ++i;
      std::size_t n = i - first_nonspace_;
      std::string_view info = line_.substr(i);
      if (n < 3 || (c == '`' && info.find('`') != std::string_view::npos)) break;
      if (config_.directives && try_directive_open(container, n, c, i)) {
        line_consumed_ = true;
        advance_offset(line_.size() - offset_, false);
        continue;
      }
      std::size_t fence_offset = first_nonspace_column_ - column_;
      container = add_child(container, BlockKind::kCodeBlock);
      Block& b = blk(container);
      b.fenced = true;
      b.marker = c;
      b.fence_len = static_cast<std::uint32_t>(n);
      b.fence_offset = static_cast<std::uint32_t>(fence_offset);
      std::string_view trimmed = trim(info);
      b.info.begin = static_cast<std::uint32_t>(tree_.text.size());
      tree_.text.append(trimmed);
      b.info.end = static_cast<std::uint32_t>(tree_.text.size());
      b.content.begin = b.content.end = b.info.end;
      line_consumed_ = true;
      advance_offset(line_.size() - offset_, false);
    } else if (!indented && c == '<' &&
               (matched = static_cast<std::size_t>(html_block_start(
                    line_, first_nonspace_, ck != BlockKind::kParagraph && !maybe_lazy))) != 0) {
      container = add_child(container, BlockKind::kHtmlBlock);
      blk(container).level = static_cast<std::uint8_t>(matched);
    } else if (!indented && ck == BlockKind::kParagraph && (c == '=' || c == '-') &&
               (matched = static_cast<std::size_t>(scan_setext_line(first_nonspace_))) != 0) {
      if (resolve_reference_definitions(container)) {
        Block& b = blk(container);
        b.kind = BlockKind::kHeading;
        b.level = static_cast<std::uint8_t>(matched);
        b.fenced = true;  // setext
        advance_offset(line_.size() - offset_, false);
        line_consumed_ = true;
      } else {
        // Only reference definitions: the underline is ordinary text.
        blk(container).content.begin = blk(container).content.end =
            static_cast<std::uint32_t>(tree_.text.size());
      }
    } else if (!indented && !(ck == BlockKind::kParagraph && !all_matched) &&
               scan_thematic_break(first_nonspace_)) {
      container = add_child(container, BlockKind::kThematicBreak);
      advance_offset(line_.size() - offset_, false);
    } else if (config_.tables && !indented && ck == BlockKind::kParagraph && all_matched &&
               try_table(container)) {
      line_consumed_ = true;
    } else if ((!indented || ck == BlockKind::kList) && indent_ < 4 &&
               (matched = parse_list_marker(first_nonspace_, ck == BlockKind::kParagraph, list)) !=
                   0) {
      advance_offset(first_nonspace_ + matched - offset_, false);
      bool save_partial = partially_consumed_tab_;
      std::size_t save_offset = offset_, save_column = column_;
      while (column_ - save_column <= 5 && is_space_or_tab(peek(offset_))) advance_offset(1, true);
      std::size_t spaces = column_ - save_column;
      if (spaces >= 5 || spaces < 1 || at_line_end(offset_)) {
        list.padding = static_cast<std::uint32_t>(matched + 1);
        offset_ = save_offset;
        column_ = save_column;
        partially_consumed_tab_ = save_partial;
        if (spaces > 0) advance_offset(1, true);
      } else {
        list.padding = static_cast<std::uint32_t>(matched + spaces);
      }
      list.marker_offset = static_cast<std::uint32_t>(indent_);
      const Block& cb = blk(container);
      if (cb.kind != BlockKind::kList || cb.ordered != list.ordered || cb.marker != list.marker) {
        container = add_child(container, BlockKind::kList);
        Block& l = blk(container);
        l.ordered = list.ordered;
        l.marker = list.marker;
        l.start = list.start;
      }
      container = add_child(container, BlockKind::kItem);
      Block& item = blk(container);
      item.marker_offset = list.marker_offset;
      item.padding = list.padding;
      item.ordered = list.ordered;
      item.marker = list.marker;
    } else if (indented && !maybe_lazy && !blank_ && ck != BlockKind::kTable) {
      advance_offset(4, true);
      container = add_child(container, BlockKind::kCodeBlock);
    } else if (config_.footnotes && !indented && c == '[' && peek(first_nonspace_ + 1) == '^' &&
               try_footnote_definition(container)) {
      // container is the new footnote definition
    } else if (config_.directives && !indented && c == ':' && peek(first_nonspace_ + 1) == ':' &&
               peek(first_nonspace_ + 2) == ':') {
      std::size_t i = first_nonspace_;
      while (i < line_.size() && line_[i] == ':') ++i;
      if (!try_directive_open(container, i - first_nonspace_, ':', i)) break;
      line_consumed_ = true;
      advance_offset(line_.size() - offset_, false);
      continue;
    } else if (config_.math && !indented && c == '$' && peek(first_nonspace_ + 1) == '$' &&
               try_math_block(container)) {
      break;
    } else if (config_.directives && !indented && c == ':' &&
               try_definition(container, all_matched)) {
      // container is the new definition
    } else {
      break;
    }
    if (accepts_lines(blk(container).kind)) break;
    maybe_lazy = false;
  }
}

// ---- extensions -------------------------------------------------------------

bool BlockParser::try_table(std::uint32_t& container) {
  // Delimiter row: cells of -, optional leading/trailing ':'.
  std::string_view row = line_.substr(first_nonspace_);
  // Cheap rejection first: this runs for every paragraph continuation line.
  if (row.empty() || (row[0] != '|' && row[0] != ':' && row[0] != '-')) return false;
  bool dash = false;
  for (char c : row) {
    if (c == '-') {
      dash = true;
    } else if (c != '|' && c != ':' && c != ' ' && c != '\t') {
      return false;
    }
  }
  if (!dash) return false;
  std::vector<Span> cells;
  split_table_row(row, cells);
  // Short rows are padded to the header's width; a column cap keeps the
  // padding (and so the output) linear in the input.
  if (cells.empty() || cells.size() > kMaxTableColumns) return false;
  std::vector<std::uint8_t> aligns;
  for (Span cell : cells) {
    std::string_view s = trim(row.substr(cell.begin, cell.size()));
    if (s.empty()) return false;
    bool left = s.front() == ':', right = s.back() == ':';
    std::string_view dashes = s.substr(left ? 1 : 0);
    if (right && !dashes.empty()) dashes.remove_suffix(1);
    if (dashes.empty() || dashes.find_first_not_of('-') != std::string_view::npos) return false;
    aligns.push_back(static_cast<std::uint8_t>((left ? 1 : 0) | (right ? 2 : 0)));
  }
  // A single column needs a pipe somewhere in the delimiter row.
  if (cells.size() == 1 && row.find('|') == std::string_view::npos) return false;
  // The header is the paragraph's last line.
  if (!resolve_reference_definitions(container)) {
    Block& p = blk(container);
    p.content.begin = p.content.end = static_cast<std::uint32_t>(tree_.text.size());
    return false;
  }
  Block& p = blk(container);
  std::string_view para = tree_.str(p.content);
  std::size_t nl = para.rfind('\n');
  std::size_t header_start = nl == std::string_view::npos ? 0 : nl + 1;
  std::string_view header = para.substr(header_start);
  std::vector<Span> header_cells;
  split_table_row(header, header_cells);
  if (header_cells.size() != cells.size()) return false;
  std::uint32_t header_begin = p.content.begin + static_cast<std::uint32_t>(header_start);
  std::uint32_t header_end = p.content.end;
  std::uint32_t table;
  if (header_start == 0) {
    table = container;
    Block& t = blk(table);
    t.kind = BlockKind::kTable;
  } else {
    std::string_view kept = rtrim(para.substr(0, header_start));
    p.content.end = p.content.begin + static_cast<std::uint32_t>(kept.size());
    std::uint32_t parent = p.parent;
    p.open = false;
    tip_ = parent;
    if (last_matched_ == container) last_matched_ = parent;
    table = add_child(parent, BlockKind::kTable);
  }
  // Re-terminate the header row with a newline so rows are uniform.
  Block& t = blk(table);
  t.content.begin = header_begin;
  t.content.end = header_end;
  if (tree_.text.size() == header_end + 1 && tree_.text[header_end] == '\n') {
    t.content.end = header_end + 1;
  } else if (tree_.text.size() == header_end) {
    tree_.text += '\n';
    t.content.end = header_end + 1;
  } else {
    // The header row is followed by other text; copy it so the table's rows
    // stay contiguous.
    std::string copy(tree_.text, header_begin, header_end - header_begin);
    t.content.begin = static_cast<std::uint32_t>(tree_.text.size());
    tree_.text += copy;
    tree_.text += '\n';
    t.content.end = static_cast<std::uint32_t>(tree_.text.size());
  }
  t.arg.begin = static_cast<std::uint32_t>(tree_.table_aligns.size());
  t.extra = static_cast<std::uint32_t>(cells.size());
  tree_.table_aligns.insert(tree_.table_aligns.end(), aligns.begin(), aligns.end());
  advance_offset(line_.size() - offset_, false);
  container = table;
  return true;
}

bool BlockParser::try_footnote_definition(std::uint32_t& container) {
  std::size_t i = first_nonspace_ + 2;
  std::size_t start = i;
  while (i < line_.size() && line_[i] != ']' && line_[i] != '[' && !is_ascii_whitespace(line_[i])) {
    if (line_[i] == '\\' && i + 1 < line_.size()) ++i;
    ++i;
  }
  if (i == start || peek(i) != ']' || peek(i + 1) != ':') return false;
  std::string_view label = line_.substr(start, i - start);
  advance_offset(i + 2 - offset_, false);
  container = add_child(container, BlockKind::kFootnoteDef);
  Block& b = blk(container);
  b.info.begin = static_cast<std::uint32_t>(tree_.text.size());
  tree_.text.append(label);
  b.info.end = static_cast<std::uint32_t>(tree_.text.size());
  b.content.begin = b.content.end = b.info.end;
  // The rest of the line is the definition's first line.
  find_first_nonspace();
  advance_offset(first_nonspace_ - offset_, false);
  return true;
}

bool BlockParser::try_directive_open(std::uint32_t& container, std::size_t fence_len,
                                     char fence_char, std::size_t after_fence) {
  std::size_t i = after_fence;
  while (i < line_.size() && is_space_or_tab(line_[i])) ++i;
  if (peek(i) != '{') return false;
  std::size_t name_start = ++i;
  while (i < line_.size() && is_directive_name_char(line_[i])) ++i;
  if (i == name_start || peek(i) != '}') return false;
  std::string_view name = line_.substr(name_start, i - name_start);
  std::string_view arg = trim(line_.substr(i + 1));
  if (open_directives_.size() >= kMaxDirectiveDepth) {
    warn(line_start_ + static_cast<std::uint32_t>(first_nonspace_),
         "directives nested more than " + std::to_string(kMaxDirectiveDepth) +
             " deep; this one is text");
    return false;
  }
  const DirectiveSpec* spec = config_.registry ? config_.registry->find(name) : nullptr;
  std::uint32_t src =
      fixed_src_ != kNil ? fixed_src_ : line_start_ + static_cast<std::uint32_t>(first_nonspace_);
  if (!spec) {
    std::string_view suggestion =
        config_.registry ? closest_match(name, config_.registry->names()) : std::string_view();
    warn(src, "unknown directive '" + std::string(name) + "'",
         suggestion.empty() ? std::string() : "did you mean '" + std::string(suggestion) + "'?");
  }
  container = add_child(container, BlockKind::kDirective);
  Block& b = blk(container);
  b.marker = fence_char;
  b.fence_len = static_cast<std::uint32_t>(fence_len);
  b.info.begin = static_cast<std::uint32_t>(tree_.text.size());
  tree_.text.append(name);
  b.info.end = static_cast<std::uint32_t>(tree_.text.size());
  b.arg.begin = b.info.end;
  tree_.text.append(arg);
  b.arg.end = static_cast<std::uint32_t>(tree_.text.size());
  b.content.begin = b.content.end = b.arg.end;
  b.extra = static_cast<std::uint32_t>(tree_.directives.size());
  DirectiveData d;
  d.spec = spec;
  d.options_begin = d.options_end = static_cast<std::uint32_t>(tree_.options.size());
  tree_.directives.push_back(d);
  open_directives_.push_back(container);
  return true;
}

bool BlockParser::try_directive_option(std::uint32_t container) {
  Block& b = blk(container);
  DirectiveData& d = tree_.directives[b.extra];
  if (!d.in_options || line_consumed_) return false;
  if (b.first_child != kNil || blank_ || indent_ >= 4 || peek(first_nonspace_) != ':') {
    d.in_options = false;
    return false;
  }
  std::size_t i = first_nonspace_ + 1;
  std::size_t key_start = i;
  while (i < line_.size() && (is_ascii_alnum(line_[i]) || line_[i] == '-' || line_[i] == '_')) ++i;
  if (i == key_start || peek(i) != ':' || (!at_line_end(i + 1) && !is_space_or_tab(peek(i + 1)))) {
    d.in_options = false;
    return false;
  }
  std::string_view key = line_.substr(key_start, i - key_start);
  std::string_view value = trim(line_.substr(i + 1));
  OptionSpan o;
  o.key.begin = static_cast<std::uint32_t>(tree_.text.size());
  tree_.text.append(key);
  o.key.end = o.value.begin = static_cast<std::uint32_t>(tree_.text.size());
  tree_.text.append(value);
  o.value.end = static_cast<std::uint32_t>(tree_.text.size());
  b.content.begin = b.content.end = o.value.end;
  // Options of one directive are contiguous: nothing else opens in between.
  tree_.options.push_back(o);
  d.options_end = static_cast<std::uint32_t>(tree_.options.size());
  if (d.spec &&
      std::find(d.spec->options.begin(), d.spec->options.end(), key) == d.spec->options.end()) {
    std::string_view suggestion = closest_match(key, d.spec->options);
    warn(line_start_ + static_cast<std::uint32_t>(first_nonspace_),
         "unknown option '" + std::string(key) + "' for directive '" + d.spec->name + "'",
         suggestion.empty() ? std::string() : "did you mean '" + std::string(suggestion) + "'?");
  }
  line_consumed_ = true;
  advance_offset(line_.size() - offset_, false);
  return true;
}

bool BlockParser::try_directive_close(std::uint32_t last_matched) {
  const Block& tip = blk(tip_);
  if (tip_ == last_matched &&
      ((tip.kind == BlockKind::kCodeBlock && tip.fenced) || tip.kind == BlockKind::kHtmlBlock ||
       tip.kind == BlockKind::kMathBlock)) {
    return false;
  }
  find_first_nonspace();
  if (indent_ >= 4) return false;
  char c = peek(first_nonspace_);
  if (c != ':' && c != '`' && c != '~') return false;
  std::size_t i = first_nonspace_;
  while (i < line_.size() && line_[i] == c) ++i;
  std::size_t n = i - first_nonspace_;
  if (n < 3) return false;
  std::string_view name;
  if (peek(i) == '{' && peek(i + 1) == '/') {
    std::size_t s = i + 2;
    std::size_t e = s;
    while (e < line_.size() && is_directive_name_char(line_[e])) ++e;
    if (e == s || peek(e) != '}') return false;
    name = line_.substr(s, e - s);
    i = e + 1;
  }
  while (i < line_.size() && is_space_or_tab(line_[i])) ++i;
  if (!at_line_end(i)) return false;
  // Innermost open directive this closer closes: by name, else the innermost
  // with the same fence length, else the innermost with a shorter one.
  std::uint32_t exact = kNil, shorter = kNil;
  for (auto it = open_directives_.rbegin(); it != open_directives_.rend(); ++it) {
    const Block& d = blk(*it);
    ++work_;
    if (!name.empty()) {
      if (tree_.str(d.info) == name) {
        exact = *it;
        break;
      }
      continue;
    }
    if (d.marker != c) continue;
    if (d.fence_len == n) {
      exact = *it;
      break;
    }
    if (d.fence_len < n && shorter == kNil) shorter = *it;
  }
  std::uint32_t target = exact != kNil ? exact : shorter;
  if (target == kNil) {
    if (!name.empty()) {
      warn(line_start_ + static_cast<std::uint32_t>(first_nonspace_),
           "closing ':::{/" + std::string(name) + "}' does not match an open directive");
    }
    return false;
  }
  tree_.directives[blk(target).extra].closed = true;
  while (true) {
    std::uint32_t b = tip_;
    if (b != target && blk(b).kind == BlockKind::kDirective) {
      tree_.directives[blk(b).extra].closed = true;  // closed by an outer closer, as MyST does
    }
    tip_ = finalize(b);
    if (b == target) break;
  }
  if (last_matched != target && is_ancestor(last_matched, tip_)) {
    while (tip_ != last_matched) tip_ = finalize(tip_);
  }
  return true;
}

bool BlockParser::try_math_block(std::uint32_t& container) {
  std::string_view rest = rtrim(line_.substr(first_nonspace_));
  std::string_view body;
  bool single = false;
  if (rest == "$$") {
    single = false;
  } else if (rest.size() > 4 && rest.substr(rest.size() - 2) == "$$") {
    body = trim(rest.substr(2, rest.size() - 4));
    if (body.find("$$") != std::string_view::npos) return false;
    single = true;
  } else {
    return false;
  }
  container = add_child(container, BlockKind::kMathBlock);
  if (single) {
    add_text(container, body);
    tree_.text += '\n';
    blk(container).content.end = static_cast<std::uint32_t>(tree_.text.size());
  }
  line_consumed_ = true;
  advance_offset(line_.size() - offset_, false);
  if (single) container = finalize(container);
  return true;
}

bool BlockParser::try_definition(std::uint32_t& container, bool all_matched) {
  if (!is_space_or_tab(peek(first_nonspace_ + 1))) return false;
  Block& cb = blk(container);
  std::uint32_t list = kNil;
  std::uint32_t para = kNil;
  bool loose = false;
  if (cb.kind == BlockKind::kParagraph && all_matched) {
    para = container;  // "Term\n: definition"
  } else if (cb.last_child != kNil && blk(cb.last_child).kind == BlockKind::kParagraph &&
             !blk(cb.last_child).open && blk(cb.last_child).last_line_blank) {
    para = cb.last_child;  // "Term\n\n: definition" (loose)
    loose = true;
  }
  if (para != kNil) {
    // The paragraph's lines become the terms.
    if (blk(para).open && !resolve_reference_definitions(para)) return false;
    std::uint32_t parent = blk(para).parent;
    Span content = blk(para).content;
    std::uint32_t prev = blk(para).prev;
    blk(para).open = false;
    unlink(para);
    if (tip_ == para) tip_ = parent;
    if (last_matched_ == para) last_matched_ = parent;
    if (prev != kNil && blk(prev).kind == BlockKind::kDefList && blk(prev).last_child != kNil) {
      list = prev;
      blk(list).open = true;
    } else {
      list = add_child(parent, BlockKind::kDefList);
    }
    std::string_view s = tree_.str(content);
    std::size_t pos = 0;
    while (pos <= s.size()) {
      std::size_t nl = s.find('\n', pos);
      if (nl == std::string_view::npos) nl = s.size();
      std::string_view line = s.substr(pos, nl - pos);
      std::string_view term = trim(line);
      if (!term.empty()) {
        std::uint32_t t = add_child(list, BlockKind::kDefTerm);
        blk(t).content.begin = content.begin + static_cast<std::uint32_t>(pos + line.find(term));
        blk(t).content.end = blk(t).content.begin + static_cast<std::uint32_t>(term.size());
        blk(t).open = false;
      }
      pos = nl + 1;
    }
  } else if (cb.kind == BlockKind::kDefList) {
    list = container;
    loose = blk(list).last_child != kNil && blk(blk(list).last_child).last_line_blank;
  } else if (cb.last_child != kNil && blk(cb.last_child).kind == BlockKind::kDefList &&
             blk(cb.last_child).open) {
    list = cb.last_child;
  } else {
    return false;
  }
  std::size_t marker_offset = indent_;
  advance_offset(first_nonspace_ + 1 - offset_, false);
  std::size_t save_column = column_;
  while (column_ - save_column <= 4 && is_space_or_tab(peek(offset_))) advance_offset(1, true);
  std::size_t spaces = column_ - save_column;
  container = add_child(list, BlockKind::kDefDesc);
  Block& dd = blk(container);
  dd.marker_offset = static_cast<std::uint32_t>(marker_offset);
  dd.padding =
      static_cast<std::uint32_t>(1 + std::max<std::size_t>(1, std::min<std::size_t>(spaces, 4)));
  dd.tight = !loose;
  return true;
}

void BlockParser::include_file(std::uint32_t directive) {
  std::string path(tree_.str(blk(directive).arg));
  std::uint32_t src = blk(directive).src;
  if (path.empty()) {
    warn(src, "include directive needs a file path", {}, Severity::kError);
    return;
  }
  if (!config_.hooks || !config_.hooks->include_file) {
    warn(src, "cannot include '" + path + "': includes are not available here", {},
         Severity::kError);
    return;
  }
  if (include_depth_ >= kMaxIncludeDepth) {
    warn(src, "cannot include '" + path + "': includes nested too deeply (a cycle?)", {},
         Severity::kError);
    return;
  }
  std::optional<std::string> text = config_.hooks->include_file(path);
  if (!text) {
    warn(src, "cannot include '" + path + "': file not found", {}, Severity::kError);
    return;
  }
  BlockParser nested(tree_, config_, diagnostics_, include_depth_ + 1);
  nested.parse(*text, directive, src);
}

}  // namespace bengal::markdown::detail

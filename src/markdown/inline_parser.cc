#include "markdown/inline_parser.h"

#include <algorithm>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define BENGAL_MD_SSSE3 1
#endif

#include "markdown/unicode.h"

namespace bengal::markdown::detail {
namespace {

constexpr std::size_t kMaxBackticks = 1000;

#ifdef BENGAL_MD_SSSE3
// Index of the first byte in [p, end) that is in the set described by the
// nibble tables, or end; the set holds ASCII bytes only. Compiled for SSSE3
// and used only when the CPU has it (checked once in configure()).
__attribute__((target("ssse3"))) const char* find_special_ssse3(const char* p, const char* end,
                                                                const std::uint8_t* lo_table,
                                                                const std::uint8_t* hi_table) {
  const __m128i lo_t = _mm_load_si128(reinterpret_cast<const __m128i*>(lo_table));
  const __m128i hi_t = _mm_load_si128(reinterpret_cast<const __m128i*>(hi_table));
  const __m128i mask = _mm_set1_epi8(0x0F);
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i lo = _mm_and_si128(v, mask);
    __m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), mask);
    __m128i hit = _mm_and_si128(_mm_shuffle_epi8(lo_t, lo), _mm_shuffle_epi8(hi_t, hi));
    int m = _mm_movemask_epi8(_mm_cmpeq_epi8(hit, _mm_setzero_si128())) ^ 0xFFFF;
    if (m != 0) return p + __builtin_ctz(static_cast<unsigned>(m));
    p += 16;
  }
  return p;
}
#endif

bool is_ws_cp(char32_t cp) {
  return cp < 0x80 ? is_ascii_whitespace(static_cast<char>(cp)) : is_unicode_whitespace(cp);
}
bool is_punct_cp(char32_t cp) {
  return cp < 0x80 ? is_ascii_punct(static_cast<char>(cp)) : is_unicode_punctuation(cp);
}

}  // namespace

void InlineParser::configure(const InlineConfig& config) {
  if (configured_ && config == config_) return;
  configured_ = true;
  config_ = config;
  special_.fill(false);
  for (char c : std::string_view("\n\\`*_[]!<&")) special_[static_cast<unsigned char>(c)] = true;
  if (config.strikethrough) special_['~'] = true;
  if (config.autolinks) special_[':'] = special_['@'] = special_['.'] = true;
  if (config.math) special_['$'] = true;
  if (config.roles) special_['{'] = true;
  if (config.smart) special_['\''] = special_['"'] = true;
  std::fill(std::begin(special_lo_), std::end(special_lo_), 0);
  std::fill(std::begin(special_hi_), std::end(special_hi_), 0);
  for (int c = 0; c < 128; ++c) {
    if (special_[static_cast<std::size_t>(c)])
      special_lo_[c & 15] |= static_cast<std::uint8_t>(1u << (c >> 4));
  }
  for (int h = 0; h < 8; ++h) special_hi_[h] = static_cast<std::uint8_t>(1u << h);
#ifdef BENGAL_MD_SSSE3
  simd_ = __builtin_cpu_supports("ssse3");
#endif
}

std::uint32_t InlineParser::add(InlineKind kind, std::size_t begin, std::size_t end) {
  Inline n;
  n.kind = kind;
  n.begin = static_cast<std::uint32_t>(begin);
  n.end = static_cast<std::uint32_t>(end);
  nodes_.push_back(n);
  return static_cast<std::uint32_t>(nodes_.size() - 1);
}

void InlineParser::append_to_root(std::uint32_t node) {
  Inline& root = nodes_[0];
  nodes_[node].prev = root.last_child;
  nodes_[node].next = kNil;
  if (root.last_child != kNil) {
    nodes_[root.last_child].next = node;
  } else {
    root.first_child = node;
  }
  root.last_child = node;
}

void InlineParser::unlink_top(std::uint32_t node) {
  Inline& n = nodes_[node];
  Inline& root = nodes_[0];
  if (n.prev != kNil) {
    nodes_[n.prev].next = n.next;
  } else {
    root.first_child = n.next;
  }
  if (n.next != kNil) {
    nodes_[n.next].prev = n.prev;
  } else {
    root.last_child = n.prev;
  }
  n.prev = n.next = kNil;
}

void InlineParser::pop_bracket() {
  brackets_.pop_back();
  link_barrier_ = std::min(link_barrier_, brackets_.size());
}

void InlineParser::flush_text(std::size_t end) {
  if (end > text_start_) append_to_root(add(InlineKind::kText, text_start_, end));
}

void InlineParser::parse(std::string_view subject) {
  s_ = subject;
  pos_ = text_start_ = 0;
  nodes_.clear();
  delims_.clear();
  brackets_.clear();
  delim_top_ = kNil;
  link_barrier_ = 0;
  html_memo_.reset();
  backticks_scanned_ = false;
  backticks_init_ = false;
  math_closer_valid_ = false;
  add(InlineKind::kRoot, 0, 0);
  work_ += subject.size();

  const std::size_t n = s_.size();
  const bool* special = special_.data();
  const char* base = s_.data();
  while (pos_ < n) {
    unsigned char c = static_cast<unsigned char>(base[pos_]);
    if (!special[c]) {
      // Plain text: scan with locals (a member store per byte is measurable).
      const char* p = base + pos_ + 1;
      const char* end = base + n;
#ifdef BENGAL_MD_SSSE3
      if (simd_) p = find_special_ssse3(p, end, special_lo_, special_hi_);
#endif
      while (end - p >= 4 && !special[static_cast<unsigned char>(p[0])] &&
             !special[static_cast<unsigned char>(p[1])] &&
             !special[static_cast<unsigned char>(p[2])] &&
             !special[static_cast<unsigned char>(p[3])]) {
        p += 4;
      }
      while (p < end && !special[static_cast<unsigned char>(*p)]) ++p;
      pos_ = static_cast<std::size_t>(p - base);
      continue;
    }
    ++work_;
    switch (c) {
      case '\n':
        handle_newline();
        break;
      case '\\':
        handle_backslash();
        break;
      case '`':
        handle_backticks();
        break;
      case '*':
      case '_':
      case '~':
      case '\'':
      case '"':
        if (!handle_delimiters(static_cast<char>(c))) ++pos_;
        break;
      case '[':
        if (config_.roles && pos_ + 1 < n && s_[pos_ + 1] == '[' && handle_xref()) break;
        flush_text(pos_);
        {
          std::uint32_t node = add(InlineKind::kText, pos_, pos_ + 1);
          append_to_root(node);
          if (!brackets_.empty()) brackets_.back().bracket_after = true;
          brackets_.push_back(
              {node, static_cast<std::uint32_t>(pos_ + 1), delim_top_, false, false});
        }
        ++pos_;
        text_start_ = pos_;
        break;
      case '!':
        if (pos_ + 1 < n && s_[pos_ + 1] == '[') {
          flush_text(pos_);
          std::uint32_t node = add(InlineKind::kText, pos_, pos_ + 2);
          append_to_root(node);
          if (!brackets_.empty()) brackets_.back().bracket_after = true;
          brackets_.push_back(
              {node, static_cast<std::uint32_t>(pos_ + 2), delim_top_, true, false});
          pos_ += 2;
          text_start_ = pos_;
        } else {
          ++pos_;
        }
        break;
      case ']':
        handle_close_bracket();
        break;
      case '<':
        if (!handle_angle()) ++pos_;
        break;
      case '&': {
        std::size_t len = scan_entity(s_, pos_, nullptr);
        if (len > 0) {
          flush_text(pos_);
          append_to_root(add(InlineKind::kEntity, pos_, pos_ + len));
          pos_ += len;
          text_start_ = pos_;
        } else {
          ++pos_;
        }
        break;
      }
      case '$':
        if (!handle_math()) ++pos_;
        break;
      case '{':
        if (!handle_role()) ++pos_;
        break;
      case ':':
      case '@':
      case '.':
        if (!handle_gfm_autolink(static_cast<char>(c))) ++pos_;
        break;
      default:
        ++pos_;
        break;
    }
  }
  flush_text(n);
  process_emphasis(kNil);
}

void InlineParser::handle_newline() {
  std::size_t end = pos_;
  std::size_t spaces = 0;
  while (end > text_start_ && s_[end - 1] == ' ') {
    --end;
    ++spaces;
  }
  bool hard = spaces >= 2;
  while (end > text_start_ && (s_[end - 1] == '\t' || s_[end - 1] == ' ')) --end;
  flush_text(end);
  append_to_root(add(hard ? InlineKind::kHardBreak : InlineKind::kSoftBreak, pos_, pos_ + 1));
  ++pos_;
  while (pos_ < s_.size() && is_space_or_tab(s_[pos_])) ++pos_;
  text_start_ = pos_;
}

void InlineParser::handle_backslash() {
  char next = pos_ + 1 < s_.size() ? s_[pos_ + 1] : '\0';
  if (next == '\n') {
    flush_text(pos_);
    append_to_root(add(InlineKind::kHardBreak, pos_, pos_ + 2));
    pos_ += 2;
    while (pos_ < s_.size() && is_space_or_tab(s_[pos_])) ++pos_;
    text_start_ = pos_;
  } else if (is_ascii_punct(next)) {
    flush_text(pos_);
    append_to_root(add(InlineKind::kText, pos_ + 1, pos_ + 2));
    pos_ += 2;
    text_start_ = pos_;
  } else {
    ++pos_;
  }
}

std::size_t InlineParser::find_closing_backticks(std::size_t from, std::size_t n) {
  if (n > kMaxBackticks) return std::string_view::npos;
  if (!backticks_init_) {
    backtick_pos_.assign(kMaxBackticks + 1, 0);
    backticks_init_ = true;
  }
  if (backticks_scanned_ && backtick_pos_[n] < from) return std::string_view::npos;
  std::size_t i = from;
  struct Count {
    std::uint64_t& work;
    std::size_t from;
    const std::size_t& i;
    ~Count() { work += i - from; }
  } count{work_, from, i};
  while (true) {
    while (i < s_.size() && s_[i] != '`') ++i;
    if (i >= s_.size()) break;
    std::size_t start = i;
    while (i < s_.size() && s_[i] == '`') ++i;
    std::size_t len = i - start;
    if (len <= kMaxBackticks) backtick_pos_[len] = static_cast<std::uint32_t>(start);
    if (len == n) return start;
  }
  if (!backticks_scanned_) {
    // Everything after `from` is now recorded; earlier entries stay zero,
    // which is below any later `from`.
    backticks_scanned_ = true;
  }
  return std::string_view::npos;
}

void InlineParser::handle_backticks() {
  std::size_t start = pos_;
  std::size_t i = pos_;
  while (i < s_.size() && s_[i] == '`') ++i;
  std::size_t n = i - start;
  std::size_t close = find_closing_backticks(i, n);
  if (close == std::string_view::npos) {
    pos_ = i;  // literal backticks
    return;
  }
  flush_text(start);
  append_to_root(add(InlineKind::kCode, i, close));
  pos_ = close + n;
  text_start_ = pos_;
}

bool InlineParser::handle_delimiters(char c) {
  std::size_t start = pos_;
  std::size_t i = pos_;
  if (c == '\'' || c == '"') {
    i = pos_ + 1;
  } else {
    while (i < s_.size() && s_[i] == c) ++i;
  }
  std::size_t n = i - start;
  char32_t before = code_point_before(s_, start);
  char32_t after = code_point_at(s_, i);
  bool before_ws = is_ws_cp(before), after_ws = is_ws_cp(after);
  bool before_p = is_punct_cp(before), after_p = is_punct_cp(after);
  bool left = !after_ws && (!after_p || before_ws || before_p);
  bool right = !before_ws && (!before_p || after_ws || after_p);
  bool can_open, can_close;
  if (c == '_') {
    can_open = left && (!right || before_p);
    can_close = right && (!left || after_p);
  } else if (c == '\'' || c == '"') {
    can_open = left && !right && before != ']' && before != ')';
    can_close = right;
  } else {
    can_open = left;
    can_close = right;
  }
  if (c == '~' && n > 2) {
    pos_ = i;
    return true;
  }
  if (c == '\'' || c == '"') {
    flush_text(start);
    std::uint32_t node = add(InlineKind::kSmartQuote, start, i);
    nodes_[node].extra = c == '\'' ? 1 : (can_close ? 3 : 2);
    append_to_root(node);
    pos_ = i;
    text_start_ = pos_;
    if (!can_open && !can_close) return true;
    delims_.push_back({node, delim_top_, kNil, 1, 1, c, can_open, can_close});
  } else {
    if (!can_open && !can_close) {
      pos_ = i;
      return true;
    }
    flush_text(start);
    std::uint32_t node = add(InlineKind::kText, start, i);
    append_to_root(node);
    pos_ = i;
    text_start_ = pos_;
    delims_.push_back({node, delim_top_, kNil, static_cast<std::uint32_t>(n),
                       static_cast<std::uint32_t>(n), c, can_open, can_close});
  }
  auto d = static_cast<std::uint32_t>(delims_.size() - 1);
  if (delim_top_ != kNil) delims_[delim_top_].next = d;
  delim_top_ = d;
  return true;
}

void InlineParser::remove_delimiter(std::uint32_t d) {
  Delimiter& x = delims_[d];
  if (x.next != kNil) {
    delims_[x.next].prev = x.prev;
  } else {
    delim_top_ = x.prev;
  }
  if (x.prev != kNil) delims_[x.prev].next = x.next;
}

std::uint32_t InlineParser::insert_emph(std::uint32_t opener, std::uint32_t closer) {
  Delimiter& o = delims_[opener];
  Delimiter& cl = delims_[closer];
  std::uint32_t use;
  InlineKind kind;
  if (o.c == '~') {
    use = cl.num;
    kind = InlineKind::kDel;
  } else {
    use = (cl.num >= 2 && o.num >= 2) ? 2 : 1;
    kind = use == 2 ? InlineKind::kStrong : InlineKind::kEmph;
  }
  std::uint32_t opener_node = o.node, closer_node = cl.node;
  o.num -= use;
  cl.num -= use;
  nodes_[opener_node].end -= use;
  nodes_[closer_node].begin += use;
  // Delimiters between opener and closer can no longer match.
  for (std::uint32_t d = delims_[closer].prev; d != opener && d != kNil;) {
    std::uint32_t prev = delims_[d].prev;
    remove_delimiter(d);
    d = prev;
  }
  std::uint32_t emph = add(kind, nodes_[opener_node].end, nodes_[closer_node].begin);
  std::uint32_t first = nodes_[opener_node].next;
  if (first != closer_node) {
    std::uint32_t last = nodes_[closer_node].prev;
    nodes_[emph].first_child = first;
    nodes_[emph].last_child = last;
    nodes_[first].prev = kNil;
    nodes_[last].next = kNil;
  }
  nodes_[opener_node].next = emph;
  nodes_[emph].prev = opener_node;
  nodes_[emph].next = closer_node;
  nodes_[closer_node].prev = emph;
  if (delims_[opener].num == 0) {
    unlink_top(opener_node);
    remove_delimiter(opener);
  }
  if (delims_[closer].num == 0) {
    std::uint32_t next = delims_[closer].next;
    unlink_top(closer_node);
    remove_delimiter(closer);
    return next;
  }
  return closer;
}

void InlineParser::process_emphasis(std::uint32_t stack_bottom) {
  // openers_bottom per (delimiter char, closer can_open, closer length % 3).
  std::uint32_t openers_bottom[5][2][3];
  for (auto& a : openers_bottom) {
    for (auto& b : a) {
      for (auto& c : b) c = stack_bottom;
    }
  }
  auto char_index = [](char c) {
    switch (c) {
      case '*':
        return 0;
      case '_':
        return 1;
      case '~':
        return 2;
      case '\'':
        return 3;
      default:
        return 4;
    }
  };
  if (delim_top_ == stack_bottom) return;
  std::uint32_t closer = delim_top_;
  // Find the first delimiter above stack_bottom.
  while (closer != kNil && delims_[closer].prev != stack_bottom) closer = delims_[closer].prev;
  if (closer == kNil) return;
  while (closer != kNil) {
    Delimiter& cl = delims_[closer];
    if (!cl.can_close) {
      closer = cl.next;
      continue;
    }
    std::uint32_t& bottom = openers_bottom[char_index(cl.c)][cl.can_open ? 1 : 0][cl.orig % 3];
    std::uint32_t opener = cl.prev;
    bool found = false;
    while (opener != kNil && opener != stack_bottom && opener != bottom) {
      ++work_;
      const Delimiter& op = delims_[opener];
      if (op.can_open && op.c == cl.c) {
        bool odd_match = (cl.can_open || op.can_close) && op.c != '~' && cl.orig % 3 != 0 &&
                         (op.orig + cl.orig) % 3 == 0;
        bool tilde_ok = op.c != '~' || op.num == cl.num;
        if (!odd_match && tilde_ok) {
          found = true;
          break;
        }
      }
      opener = op.prev;
    }
    std::uint32_t old_closer = closer;
    char c = cl.c;
    if (c == '*' || c == '_' || c == '~') {
      closer = found ? insert_emph(opener, closer) : delims_[closer].next;
    } else {
      // Smart quotes: a matched pair becomes left/right quotes.
      if (found) nodes_[delims_[opener].node].extra = c == '\'' ? 0 : 2;
      nodes_[delims_[closer].node].extra = c == '\'' ? 1 : 3;
      if (found) {
        remove_delimiter(opener);
        std::uint32_t next = delims_[closer].next;
        remove_delimiter(closer);
        closer = next;
      } else {
        closer = delims_[closer].next;
      }
    }
    if (!found) {
      bottom = delims_[old_closer].prev;
      if (!delims_[old_closer].can_open) remove_delimiter(old_closer);
    }
  }
  while (delim_top_ != kNil && delim_top_ != stack_bottom) remove_delimiter(delim_top_);
}

bool InlineParser::lookup_ref(std::string_view label, RefDef& out) {
  if (label.size() > 999) return false;
  work_ += label.size();
  normalize_label(label, label_);
  if (label_.empty()) return false;
  auto it = tree_.refs.find(label_);
  if (it == tree_.refs.end()) return false;
  out = it->second;
  return true;
}

void InlineParser::handle_close_bracket() {
  std::size_t close_pos = pos_;
  flush_text(close_pos);
  pos_ = close_pos + 1;
  text_start_ = close_pos;  // ']' stays literal unless a link forms
  if (brackets_.empty()) return;
  Bracket opener = brackets_.back();
  if (!opener.image && brackets_.size() - 1 < link_barrier_) {
    pop_bracket();
    return;
  }
  std::size_t after = pos_;
  bool matched = false;
  std::size_t end = after;
  std::uint32_t db = 0, de = 0, tb = 0, te = 0;
  bool has_title = false, from_ref = false;

  // Footnote reference [^label].
  if (config_.footnotes && !opener.image && opener.pos < close_pos && s_[opener.pos] == '^' &&
      close_pos - opener.pos > 1 && close_pos - opener.pos <= 1000 &&
      !(after < s_.size() && s_[after] == '(')) {
    work_ += close_pos - opener.pos;
    normalize_label(s_.substr(opener.pos + 1, close_pos - opener.pos - 1), label_);
    if (tree_.footnotes.count(label_) != 0) {
      // The bracket's content becomes the reference label.
      for (std::uint32_t x = nodes_[opener.node].next; x != kNil;) {
        std::uint32_t next = nodes_[x].next;
        unlink_top(x);
        x = next;
      }
      Inline& node = nodes_[opener.node];
      node.kind = InlineKind::kFootnoteRef;
      node.begin = opener.pos + 1;
      node.end = static_cast<std::uint32_t>(close_pos);
      process_emphasis(opener.prev_delim);
      pop_bracket();
      text_start_ = pos_;
      return;
    }
  }

  if (after < s_.size() && s_[after] == '(') {
    std::size_t i = after + 1;
    while (i < s_.size() && is_ascii_whitespace(s_[i])) ++i;
    std::size_t dest_end, b, e;
    if (scan_link_destination(s_, i, true, dest_end, b, e)) {
      std::size_t j = dest_end;
      std::size_t k = j;
      while (k < s_.size() && is_ascii_whitespace(s_[k])) ++k;
      std::size_t title_end, t0, t1;
      std::size_t m = k;
      bool title = false;
      if (k > j && scan_link_title(s_, k, title_end, t0, t1)) {
        title = true;
        m = title_end;
        while (m < s_.size() && is_ascii_whitespace(s_[m])) ++m;
      }
      if (m < s_.size() && s_[m] == ')') {
        matched = true;
        end = m + 1;
        db = static_cast<std::uint32_t>(b);
        de = static_cast<std::uint32_t>(e);
        if (title) {
          has_title = true;
          tb = static_cast<std::uint32_t>(t0);
          te = static_cast<std::uint32_t>(t1);
        }
      }
    }
  }
  if (!matched) {
    std::string_view label;
    bool found_label = false;
    std::size_t label_end = 0;
    if (after < s_.size() && s_[after] == '[') {
      if (after + 1 < s_.size() && s_[after + 1] == ']') {
        label_end = after + 2;
        found_label = true;  // collapsed: label is the link text
      } else {
        label_end = scan_link_label(s_, after);
        if (label_end != 0) {
          found_label = true;
          label = s_.substr(after + 1, label_end - after - 2);
        }
      }
    }
    if (label.empty() && !opener.bracket_after) {
      label = s_.substr(opener.pos, close_pos - opener.pos);
      if (!found_label) label_end = after;
      found_label = true;
    }
    RefDef ref;
    if (found_label && !label.empty() && lookup_ref(label, ref)) {
      matched = true;
      from_ref = true;
      end = label_end;
      db = ref.dest.begin;
      de = ref.dest.end;
      tb = ref.title.begin;
      te = ref.title.end;
      has_title = !ref.title.empty() || ref.title.begin != 0;
    }
  }
  if (!matched) {
    pop_bracket();
    return;
  }
  std::uint32_t link =
      add(opener.image ? InlineKind::kImage : InlineKind::kLink, opener.pos, close_pos);
  Inline& l = nodes_[link];
  l.dest_begin = db;
  l.dest_end = de;
  l.title_begin = tb;
  l.title_end = te;
  l.flags = static_cast<std::uint8_t>((from_ref ? kRefLink : 0) | (has_title ? kHasTitle : 0));
  process_emphasis(opener.prev_delim);
  std::uint32_t first = nodes_[opener.node].next;
  if (first != kNil) {
    std::uint32_t last = nodes_[0].last_child;
    nodes_[0].last_child = opener.node;
    nodes_[opener.node].next = kNil;
    nodes_[first].prev = kNil;
    nodes_[link].first_child = first;
    nodes_[link].last_child = last;
  }
  // Replace the opener's text node (now the last top-level node) by the link.
  unlink_top(opener.node);
  append_to_root(link);
  pop_bracket();
  if (!opener.image) link_barrier_ = brackets_.size();
  pos_ = end;
  text_start_ = pos_;
}

bool InlineParser::handle_angle() {
  std::size_t len = scan_autolink_uri(s_, pos_);
  InlineKind kind = InlineKind::kAutolink;
  std::uint8_t flags = 0;
  if (len == 0) {
    len = scan_autolink_email(s_, pos_);
    flags = kEmail;
  }
  if (len == 0) {
    len = scan_raw_html(s_, pos_, html_memo_);
    if (len == 0) return false;
    kind = InlineKind::kHtml;
    flush_text(pos_);
    append_to_root(add(kind, pos_, pos_ + len));
  } else {
    flush_text(pos_);
    std::uint32_t node = add(kind, pos_ + 1, pos_ + len - 1);
    nodes_[node].flags = flags;
    append_to_root(node);
  }
  pos_ += len;
  text_start_ = pos_;
  return true;
}

bool InlineParser::handle_math() {
  std::size_t start = pos_;
  const std::size_t n = s_.size();
  if (start + 1 < n && s_[start + 1] == '$') {
    std::size_t close = s_.find("$$", start + 2);
    if (close == std::string_view::npos || close == start + 2) {
      pos_ = start + 2;
      return true;
    }
    flush_text(start);
    append_to_root(add(InlineKind::kMathDisplay, start + 2, close));
    pos_ = close + 2;
    text_start_ = pos_;
    return true;
  }
  if (start + 1 >= n || is_ascii_whitespace(s_[start + 1]) || s_[start + 1] == '$') return false;
  // The first valid closer after `from` does not depend on the opener, so it
  // is remembered: "$5 and $6 and $7 ..." stays linear.
  std::size_t from = start + 2;
  std::size_t close;
  if (math_closer_valid_ && from >= math_closer_from_ && from <= math_closer_at_) {
    close = math_closer_at_;
  } else {
    close = std::string_view::npos;
    for (std::size_t i = from; i < n; ++i) {
      ++work_;
      if (s_[i] != '$') continue;
      char prev = s_[i - 1];
      if (is_ascii_whitespace(prev) || prev == '\\') continue;
      if (i + 1 < n && (is_ascii_digit(s_[i + 1]) || s_[i + 1] == '$')) continue;
      close = i;
      break;
    }
    math_closer_valid_ = true;
    math_closer_from_ = from;
    math_closer_at_ = close;
  }
  if (close == std::string_view::npos) return false;
  flush_text(start);
  append_to_root(add(InlineKind::kMath, start + 1, close));
  pos_ = close + 1;
  text_start_ = pos_;
  return true;
}

bool InlineParser::handle_role() {
  std::size_t i = pos_ + 1;
  const std::size_t n = s_.size();
  while (i < n &&
         (is_ascii_alnum(s_[i]) || s_[i] == '-' || s_[i] == '_' || s_[i] == ':' || s_[i] == '.'))
    ++i;
  if (i == pos_ + 1 || i + 1 >= n || s_[i] != '}' || s_[i + 1] != '`') return false;
  std::size_t ticks_start = i + 1;
  std::size_t j = ticks_start;
  while (j < n && s_[j] == '`') ++j;
  std::size_t count = j - ticks_start;
  std::size_t close = find_closing_backticks(j, count);
  if (close == std::string_view::npos) return false;
  flush_text(pos_);
  std::uint32_t node = add(InlineKind::kRole, j, close);
  nodes_[node].dest_begin = static_cast<std::uint32_t>(pos_ + 1);
  nodes_[node].dest_end = static_cast<std::uint32_t>(i);
  append_to_root(node);
  pos_ = close + count;
  text_start_ = pos_;
  return true;
}

bool InlineParser::handle_xref() {
  std::size_t start = pos_ + 2;
  std::size_t i = start;
  const std::size_t n = s_.size();
  std::size_t bar = std::string_view::npos;
  while (i < n && s_[i] != ']' && s_[i] != '[' && s_[i] != '\n') {
    if (s_[i] == '|' && bar == std::string_view::npos) bar = i;
    ++i;
  }
  if (i + 1 >= n || s_[i] != ']' || s_[i + 1] != ']' || i == start) return false;
  std::size_t target_end = bar == std::string_view::npos ? i : bar;
  if (target_end == start) return false;
  flush_text(pos_);
  std::uint32_t node = add(InlineKind::kXref, pos_, i + 2);
  Inline& x = nodes_[node];
  x.dest_begin = static_cast<std::uint32_t>(start);
  x.dest_end = static_cast<std::uint32_t>(target_end);
  if (bar != std::string_view::npos) {
    x.title_begin = static_cast<std::uint32_t>(bar + 1);
    x.title_end = static_cast<std::uint32_t>(i);
  }
  append_to_root(node);
  pos_ = i + 2;
  text_start_ = pos_;
  return true;
}

namespace {

bool is_boundary_before(std::string_view s, std::size_t i) {
  if (i == 0) return true;
  char c = s[i - 1];
  return is_ascii_whitespace(c) || c == '*' || c == '_' || c == '~' || c == '(';
}

// GFM "valid domain": segments of alphanumerics, '-' and '_' separated by
// periods; no '_' in the last two segments. Returns its length or 0.
std::size_t scan_domain(std::string_view s, std::size_t i, bool need_period) {
  std::size_t start = i;
  std::size_t periods = 0;
  bool underscore_last = false, underscore_prev = false;
  std::size_t seg_len = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '.') {
      if (seg_len == 0) break;
      ++periods;
      underscore_prev = underscore_last;
      underscore_last = false;
      seg_len = 0;
    } else if (is_ascii_alnum(c) || c == '-' || c == '_' || static_cast<unsigned char>(c) >= 0x80) {
      if (c == '_') underscore_last = true;
      ++seg_len;
    } else {
      break;
    }
    ++i;
  }
  // A trailing period is punctuation, not part of the domain.
  if (i > start && s[i - 1] == '.') {
    --i;
    --periods;
    underscore_last = underscore_prev;
    underscore_prev = false;
  }
  if (i == start || (need_period && periods == 0) || underscore_last || underscore_prev) return 0;
  return i - start;
}

// Extends past the domain to the end of the link and trims trailing
// punctuation, unbalanced ')' and entity-like "&name;" the way cmark-gfm does.
std::size_t autolink_end(std::string_view s, std::size_t link_start, std::size_t i) {
  while (i < s.size() && !is_ascii_whitespace(s[i]) && s[i] != '<') ++i;
  std::size_t end = i;
  std::size_t open = 0, close = 0;  // parentheses in [link_start, end)
  for (std::size_t k = link_start; k < end; ++k) {
    open += s[k] == '(';
    close += s[k] == ')';
  }
  while (end > link_start) {
    char c = s[end - 1];
    if (std::string_view("?!.,:*_~'\"").find(c) != std::string_view::npos) {
      --end;
    } else if (c == ';') {
      std::size_t j = end - 1;
      while (j > link_start && is_ascii_alpha(s[j - 1])) --j;
      if (j < end - 1 && j > link_start && s[j - 1] == '&') {
        end = j - 1;
      } else {
        --end;
      }
    } else if (c == ')') {
      if (close <= open) break;
      --close;
      --end;
    } else {
      break;
    }
  }
  return end;
}

}  // namespace

bool InlineParser::handle_gfm_autolink(char c) {
  // Inside a possible link text an autolink would nest links (cmark-gfm
  // makes the same check).
  if (!brackets_.empty()) return false;
  const std::size_t n = s_.size();
  std::size_t link_start, domain_start;
  std::uint8_t flags = 0;
  if (c == ':') {
    // scheme "://" where the scheme is in the pending text.
    if (pos_ + 2 >= n || s_[pos_ + 1] != '/' || s_[pos_ + 2] != '/') return false;
    std::size_t scheme_len = 0;
    for (std::string_view scheme : {"https", "http", "ftp"}) {
      if (pos_ >= text_start_ + scheme.size() &&
          s_.substr(pos_ - scheme.size(), scheme.size()) == scheme &&
          is_boundary_before(s_, pos_ - scheme.size())) {
        scheme_len = scheme.size();
        break;
      }
    }
    if (scheme_len == 0) return false;
    link_start = pos_ - scheme_len;
    domain_start = pos_ + 3;
  } else if (c == '.') {
    // '.' is everywhere in prose: compare bytes directly, no memcmp call.
    if (pos_ < text_start_ + 3 || s_[pos_ - 1] != 'w' || s_[pos_ - 2] != 'w' ||
        s_[pos_ - 3] != 'w' || !is_boundary_before(s_, pos_ - 3)) {
      return false;
    }
    link_start = pos_ - 3;
    domain_start = link_start;
    flags = kWww;
  } else {
    // '@': the local part is in the pending text.
    std::size_t i = pos_;
    while (i > text_start_ && (is_ascii_alnum(s_[i - 1]) || s_[i - 1] == '.' || s_[i - 1] == '-' ||
                               s_[i - 1] == '_' || s_[i - 1] == '+')) {
      --i;
    }
    if (i == pos_) return false;
    std::size_t j = pos_ + 1;
    std::size_t periods = 0;
    while (j < n && (is_ascii_alnum(s_[j]) || s_[j] == '.' || s_[j] == '-' || s_[j] == '_')) {
      if (s_[j] == '.') ++periods;
      ++j;
    }
    std::size_t end = j;
    if (end > pos_ + 1 && s_[end - 1] == '.') {
      --end;
      --periods;
    }
    if (periods == 0 || end == pos_ + 1) return false;
    char last = s_[end - 1];
    if (last == '-' || last == '_') return false;
    flush_text(i);
    std::uint32_t node = add(InlineKind::kAutolink, i, end);
    nodes_[node].flags = kEmail;
    append_to_root(node);
    pos_ = end;
    text_start_ = pos_;
    return true;
  }
  std::size_t domain_len = scan_domain(s_, domain_start, c == '.');
  if (domain_len == 0) return false;
  std::size_t end = autolink_end(s_, link_start, domain_start + domain_len);
  work_ += end - link_start;
  if (end <= domain_start) return false;
  flush_text(link_start);
  std::uint32_t node = add(InlineKind::kAutolink, link_start, end);
  nodes_[node].flags = flags;
  append_to_root(node);
  pos_ = end;
  text_start_ = pos_;
  return true;
}

}  // namespace bengal::markdown::detail

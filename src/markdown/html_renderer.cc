#include "markdown/html_renderer.h"

#include <algorithm>
#include <charconv>

#include "core/text.h"
#include "markdown/block_parser.h"
#include "markdown/code_info.h"
#include "markdown/syntax.h"

namespace bengal::markdown::detail {
namespace {

constexpr std::string_view kQuotes[] = {"\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C",
                                        "\xE2\x80\x9D"};

bool is_dangerous_url(std::string_view url) {
  std::string lower = to_lower_ascii(url.substr(0, 16));
  if (starts_with(lower, "javascript:") || starts_with(lower, "vbscript:") ||
      starts_with(lower, "file:"))
    return true;
  if (starts_with(lower, "data:")) {
    return !(starts_with(lower, "data:image/png") || starts_with(lower, "data:image/gif") ||
             starts_with(lower, "data:image/jpeg") || starts_with(lower, "data:image/webp"));
  }
  return false;
}

// GFM's tag filter: these tags are neutralised by escaping their '<'.
bool is_filtered_tag(std::string_view s, std::size_t lt) {
  static constexpr std::string_view kTags[] = {
      "title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"};
  std::size_t i = lt + 1;
  if (i < s.size() && s[i] == '/') ++i;
  for (std::string_view tag : kTags) {
    if (s.size() - i < tag.size()) continue;
    bool eq = true;
    for (std::size_t k = 0; k < tag.size(); ++k) {
      char c = s[i + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      if (c != tag[k]) {
        eq = false;
        break;
      }
    }
    if (!eq) continue;
    std::size_t e = i + tag.size();
    if (e >= s.size() || s[e] == '>' || is_ascii_whitespace(s[e]) ||
        (s[e] == '/' && e + 1 < s.size() && s[e + 1] == '>')) {
      return true;
    }
  }
  return false;
}

void append_int(std::string& out, long long v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

// The text of a code span: line endings become spaces, and one leading and
// trailing space is stripped when both exist and the content is not all spaces.
std::string_view code_span_text(std::string_view s, std::string& buf) {
  bool has_nl = s.find('\n') != std::string_view::npos;
  if (has_nl) {
    buf.assign(s);
    std::replace(buf.begin(), buf.end(), '\n', ' ');
    s = buf;
  }
  if (s.size() >= 2 && s.front() == ' ' && s.back() == ' ' &&
      s.find_first_not_of(' ') != std::string_view::npos) {
    s = s.substr(1, s.size() - 2);
  }
  return s;
}

}  // namespace

HtmlRenderer::HtmlRenderer(const DirectiveRegistry& directives, const RoleRegistry& roles)
    : directives_(directives), roles_(roles) {}

HtmlRenderer::InlineSlot& HtmlRenderer::inline_slot() {
  while (inline_slots_.size() <= inline_depth_) {
    inline_slots_.push_back(std::make_unique<InlineSlot>(*tree_));
    inline_slots_.back()->parser.configure(inline_config_);
  }
  return *inline_slots_[inline_depth_];
}

std::uint64_t HtmlRenderer::work() const {
  std::uint64_t w = 0;
  for (const auto& slot : inline_slots_) w += slot->parser.work();
  return w;
}

void HtmlRenderer::cr() {
  if (!out_->empty() && out_->back() != '\n') *out_ += '\n';
}

void HtmlRenderer::warn_at(std::uint32_t input_offset, std::string message, std::string hint) {
  Diagnostic d;
  d.severity = Severity::kWarning;
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.code = "markdown";
  d.location.column = static_cast<int>(input_offset);
  doc_->diagnostics.push_back(std::move(d));
}

void HtmlRenderer::warn(std::string message) {
  warn_at(current_input_, std::move(message));
}

std::optional<std::pair<std::string, std::string>> HtmlRenderer::resolve_link(
    std::string_view target) {
  if (hooks_ && hooks_->resolve_link) return hooks_->resolve_link(target);
  return std::nullopt;
}

void HtmlRenderer::append_inline(std::string_view markdown, std::string& out) {
  ++inline_depth_;
  std::uint32_t saved = current_input_;
  render_leaf_inlines(markdown, kNil, out, nullptr);
  current_input_ = saved;
  --inline_depth_;
}

void HtmlRenderer::render(const Tree& tree, const Options& options, const Hooks& hooks,
                          Document& out) {
  if (tree_ != &tree) inline_slots_.clear();
  tree_ = &tree;
  options_ = &options;
  hooks_ = &hooks;
  doc_ = &out;
  out_ = &out.html;
  inline_depth_ = 0;
  bool ext = !options.commonmark_only;
  inline_config_ = InlineConfig{};
  inline_config_.strikethrough = ext && options.gfm;
  inline_config_.autolinks = ext && options.gfm;
  inline_config_.footnotes = ext && options.footnotes;
  inline_config_.math = ext && options.math;
  inline_config_.roles = ext && options.directives;
  inline_config_.smart = ext && options.typographer;
  for (auto& slot : inline_slots_) slot->parser.configure(inline_config_);
  heading_count_ = 0;
  heading_of_block_.assign(tree.blocks.size(), kNil);
  used_ids_.clear();
  next_suffix_.clear();
  footnote_uses_.clear();
  footnote_order_.clear();
  directive_serials_.clear();
  directive_stack_.clear();
  backref_paragraph_ = backref_footnote_ = kNil;
  alerts_.clear();
  alert_paragraph_ = kNil;

  prepare_headings(0);
  render_blocks(0);
  if (!footnote_order_.empty()) render_footnotes();
}

// ---- headings ---------------------------------------------------------------

namespace {
constexpr std::size_t kLinearIdLimit = 64;
}

bool HtmlRenderer::claim_id(const std::string& id) {
  if (used_ids_.empty() && heading_count_ <= kLinearIdLimit) {
    // headings_[heading_count_ - 1] is the heading being named.
    for (std::size_t i = 0; i + 1 < heading_count_; ++i) {
      if (headings_[i].id == id) return false;
    }
    return true;
  }
  if (used_ids_.empty()) {
    for (std::size_t i = 0; i + 1 < heading_count_; ++i) used_ids_.insert(headings_[i].id);
  }
  return used_ids_.insert(id).second;
}

std::string HtmlRenderer::unique_id(std::string base) {
  if (base.empty()) base = "section";
  if (claim_id(base)) return base;
  // GitHub's scheme: foo, foo-1, foo-2; the next suffix is remembered so a
  // thousand equal headings stay linear.
  int& k = next_suffix_[base];
  while (true) {
    std::string candidate = base + "-" + std::to_string(++k);
    if (claim_id(candidate)) return candidate;
  }
}

void HtmlRenderer::prepare_headings(std::uint32_t root) {
  // Document order, including headings inside directives and footnotes.
  const auto& blocks = tree_->blocks;
  std::uint32_t b = blocks[root].first_child;
  while (b != kNil) {
    const Block& blk = blocks[b];
    if (blk.kind == BlockKind::kHeading) {
      if (heading_count_ == headings_.size()) headings_.emplace_back();
      heading_of_block_[b] = static_cast<std::uint32_t>(heading_count_);
      HeadingInfo& info = headings_[heading_count_++];
      info.html.clear();
      info.text.clear();
      info.id.clear();
      render_leaf_inlines(tree_->str(blk.content), blk.content.begin, info.html, &info.text);
      std::string_view attrs = tree_->str(blk.info);
      std::string_view explicit_id;
      while (!attrs.empty()) {
        std::size_t sp = attrs.find(' ');
        std::string_view tok = attrs.substr(0, sp);
        if (tok.size() > 1 && tok[0] == '#') explicit_id = tok.substr(1);
        attrs = sp == std::string_view::npos ? std::string_view() : attrs.substr(sp + 1);
      }
      std::string id;
      if (!explicit_id.empty()) {
        id = std::string(explicit_id);
        if (!claim_id(id)) warn_at(blk.src, "duplicate heading id '" + id + "'");
      } else {
        id = unique_id(slugify(info.text));
      }
      HeadingInfo& named = headings_[heading_of_block_[b]];
      named.id = std::move(id);
      if (blk.level >= options_->toc_min_level && blk.level <= options_->toc_max_level) {
        doc_->outline.push_back(Heading{blk.level, named.id, named.text});
      }
    }
    if (blk.first_child != kNil) {
      b = blk.first_child;
      continue;
    }
    while (b != kNil && blocks[b].next == kNil) {
      b = blocks[b].parent;
      if (b == root) b = kNil;
    }
    if (b != kNil) b = blocks[b].next;
  }
}

// ---- blocks -----------------------------------------------------------------

void HtmlRenderer::render_blocks(std::uint32_t parent) {
  const auto& blocks = tree_->blocks;
  std::uint32_t b = blocks[parent].first_child;
  while (b != kNil) {
    bool descend = enter_block(b);
    if (descend && blocks[b].first_child != kNil) {
      b = blocks[b].first_child;
      continue;
    }
    if (descend) exit_block(b);
    while (b != kNil) {
      if (blocks[b].next != kNil) {
        b = blocks[b].next;
        break;
      }
      b = blocks[b].parent;
      if (b == parent) {
        b = kNil;
        break;
      }
      exit_block(b);
    }
  }
}

namespace {

bool in_tight_container(const Tree& t, const Block& b) {
  if (b.parent == kNil) return false;
  const Block& p = t.blocks[b.parent];
  if (p.kind == BlockKind::kItem) return p.parent != kNil && t.blocks[p.parent].tight;
  if (p.kind == BlockKind::kDefDesc) return p.tight;
  return false;
}

// "[ ] ", "[x] " at the start of a list item's first paragraph.
int task_marker(const Tree& t, const Block& item) {
  if (item.first_child == kNil) return 0;
  const Block& p = t.blocks[item.first_child];
  if (p.kind != BlockKind::kParagraph) return 0;
  std::string_view s = t.str(p.content);
  if (s.size() < 4 || s[0] != '[' || s[2] != ']' || !is_ascii_whitespace(s[3])) return 0;
  if (s[1] == ' ') return 1;
  if (s[1] == 'x' || s[1] == 'X') return 2;
  return 0;
}

}  // namespace

bool HtmlRenderer::enter_block(std::uint32_t index) {
  const Block& b = tree_->blocks[index];
  std::string& out = *out_;
  switch (b.kind) {
    case BlockKind::kDocument:
      return true;
    case BlockKind::kBlockQuote:
      cr();
      if (inline_config_.roles && open_alert(index)) return true;
      out += "<blockquote>\n";
      return true;
    case BlockKind::kList:
      cr();
      if (b.ordered) {
        if (b.start != 1) {
          out += "<ol start=\"";
          append_int(out, b.start);
          out += "\">\n";
        } else {
          out += "<ol>\n";
        }
      } else {
        out += "<ul>\n";
      }
      return true;
    case BlockKind::kItem:
      cr();
      out += "<li>";
      return true;
    case BlockKind::kParagraph: {
      std::string_view content = tree_->str(b.content);
      std::uint32_t base = b.content.begin;
      if (index == alert_paragraph_) {
        // The "[!NOTE]" line of a GitHub alert is the admonition's title.
        std::size_t skip = std::min<std::size_t>(alert_skip_, content.size());
        content.remove_prefix(skip);
        base += static_cast<std::uint32_t>(skip);
        alert_paragraph_ = kNil;
        if (content.empty()) return false;
      }
      bool tight = in_tight_container(*tree_, b);
      if (!tight) {
        cr();
        out += "<p>";
      }
      const Block* parent = b.parent != kNil ? &tree_->blocks[b.parent] : nullptr;
      if (inline_config_.strikethrough && parent && parent->kind == BlockKind::kItem &&
          parent->first_child == index) {
        int task = task_marker(*tree_, *parent);
        if (task) {
          out += task == 2 ? "<input checked=\"\" disabled=\"\" type=\"checkbox\" /> "
                           : "<input disabled=\"\" type=\"checkbox\" /> ";
          std::size_t skip = 4;
          while (skip < content.size() && is_space_or_tab(content[skip])) ++skip;
          content.remove_prefix(skip);
          base += static_cast<std::uint32_t>(skip);
        }
      }
      render_leaf_inlines(content, base, out, nullptr);
      // Footnote back-references go inside the note's last paragraph.
      if (index == backref_paragraph_) append_backrefs(backref_footnote_, out);
      if (!tight) out += "</p>\n";
      return false;
    }
    case BlockKind::kHeading:
      render_heading_open(index);
      return false;
    case BlockKind::kThematicBreak:
      cr();
      out += "<hr />\n";
      return false;
    case BlockKind::kCodeBlock:
      render_code_block(b);
      return false;
    case BlockKind::kHtmlBlock:
      cr();
      append_raw_html(out, tree_->str(b.content));
      cr();
      return false;
    case BlockKind::kTable:
      render_table(b);
      return false;
    case BlockKind::kFootnoteDef:
      return false;  // rendered at the end
    case BlockKind::kDirective:
      render_directive(index, DirectivePhase::kOpen);
      return true;
    case BlockKind::kMathBlock:
      cr();
      out += "<div class=\"math\">\\[";
      {
        std::string_view m = tree_->str(b.content);
        if (!m.empty() && m.back() == '\n') m.remove_suffix(1);
        append_html_text(out, m);
      }
      out += "\\]</div>\n";
      return false;
    case BlockKind::kDefList:
      cr();
      out += "<dl>\n";
      return true;
    case BlockKind::kDefTerm:
      cr();
      out += "<dt>";
      render_leaf_inlines(tree_->str(b.content), b.content.begin, out, nullptr);
      out += "</dt>\n";
      return false;
    case BlockKind::kDefDesc:
      cr();
      out += "<dd>";
      return true;
  }
  return false;
}

void HtmlRenderer::exit_block(std::uint32_t index) {
  const Block& b = tree_->blocks[index];
  std::string& out = *out_;
  switch (b.kind) {
    case BlockKind::kBlockQuote:
      cr();
      if (!alerts_.empty() && alerts_.back().first == index) {
        render_alert(index, alerts_.back().second, DirectivePhase::kClose);
        alerts_.pop_back();
        break;
      }
      out += "</blockquote>\n";
      break;
    case BlockKind::kList:
      cr();
      out += b.ordered ? "</ol>\n" : "</ul>\n";
      break;
    case BlockKind::kItem:
      out += "</li>\n";
      break;
    case BlockKind::kDirective:
      render_directive(index, DirectivePhase::kClose);
      break;
    case BlockKind::kDefList:
      cr();
      out += "</dl>\n";
      break;
    case BlockKind::kDefDesc:
      out += "</dd>\n";
      break;
    default:
      break;
  }
}

bool HtmlRenderer::open_alert(std::uint32_t quote) {
  // GitHub alerts: "> [!NOTE]" alone on the quote's first line.
  const Block& q = tree_->blocks[quote];
  if (q.first_child == kNil || tree_->blocks[q.first_child].kind != BlockKind::kParagraph) {
    return false;
  }
  std::string_view s = tree_->str(tree_->blocks[q.first_child].content);
  if (s.size() < 4 || s[0] != '[' || s[1] != '!') return false;
  std::size_t close = s.find(']');
  if (close == std::string_view::npos || close > 12 ||
      (close + 1 < s.size() && s[close + 1] != '\n')) {
    return false;
  }
  std::string name = to_lower_ascii(s.substr(2, close - 2));
  if (name != "note" && name != "tip" && name != "important" && name != "warning" &&
      name != "caution") {
    return false;
  }
  const DirectiveSpec* spec = directives_.find(name);
  if (!spec || !spec->render) return false;
  alerts_.emplace_back(quote, spec);
  alert_paragraph_ = q.first_child;
  alert_skip_ = static_cast<std::uint32_t>(close + 2);
  render_alert(quote, spec, DirectivePhase::kOpen);
  return true;
}

void HtmlRenderer::render_alert(std::uint32_t quote, const DirectiveSpec* spec,
                                DirectivePhase phase) {
  DirectiveContext ctx;
  ctx.name = spec->name;
  ctx.has_body = true;
  ctx.depth = static_cast<int>(directive_stack_.size());
  ctx.services = this;
  current_input_ = tree_->blocks[quote].src;
  int& serial = directive_serials_[spec->name];
  if (phase == DirectivePhase::kOpen) ++serial;
  ctx.serial = serial;
  spec->render(ctx, phase, *out_);
}

void HtmlRenderer::render_heading_open(std::uint32_t index) {
  const Block& b = tree_->blocks[index];
  std::string& out = *out_;
  const HeadingInfo& info = headings_[heading_of_block_[index]];
  cr();
  out += "<h";
  out += static_cast<char>('0' + b.level);
  bool ext = !options_->commonmark_only;
  if (ext && options_->heading_ids) {
    out += " id=\"";
    append_html_text(out, info.id);
    out += '"';
  }
  if (ext && !b.info.empty()) {
    std::string classes;
    for (std::string_view tok : split(tree_->str(b.info), ' ')) {
      if (tok.size() > 1 && tok[0] == '.') {
        if (!classes.empty()) classes += ' ';
        classes.append(tok.substr(1));
      }
    }
    if (!classes.empty()) {
      out += " class=\"";
      append_html_text(out, classes);
      out += '"';
    }
    // key=value pairs (values may be quoted and contain spaces)
    std::string_view attrs = tree_->str(b.info);
    std::size_t i = 0;
    while (i < attrs.size()) {
      while (i < attrs.size() && attrs[i] == ' ') ++i;
      std::size_t start = i;
      if (i < attrs.size() && (attrs[i] == '#' || attrs[i] == '.')) {
        while (i < attrs.size() && attrs[i] != ' ') ++i;
        continue;
      }
      while (i < attrs.size() && attrs[i] != '=' && attrs[i] != ' ') ++i;
      if (i >= attrs.size() || attrs[i] != '=') {
        ++i;
        continue;
      }
      std::string_view key = attrs.substr(start, i - start);
      ++i;
      std::string_view value;
      if (i < attrs.size() && (attrs[i] == '"' || attrs[i] == '\'')) {
        std::size_t close = attrs.find(attrs[i], i + 1);
        value = attrs.substr(i + 1, close - i - 1);
        i = close + 1;
      } else {
        std::size_t v = i;
        while (i < attrs.size() && attrs[i] != ' ') ++i;
        value = attrs.substr(v, i - v);
      }
      out += ' ';
      append_html_text(out, key);
      out += "=\"";
      append_html_text(out, value);
      out += '"';
    }
  }
  out += '>';
  out += info.html;
  out += "</h";
  out += static_cast<char>('0' + b.level);
  out += ">\n";
}

void HtmlRenderer::render_code_block(const Block& b) {
  std::string& out = *out_;
  cr();
  scratch_.clear();
  append_unescaped(scratch_, tree_->str(b.info));
  std::string info = scratch_;
  std::string_view code = tree_->str(b.content);
  bool ext = !options_->commonmark_only;
  if (ext && hooks_->code_block) {
    CodeBlock block;
    parse_code_info(info, block);
    block.code = code;
    std::size_t before = out.size();
    hooks_->code_block(block, out);
    if (out.size() != before) {
      cr();
      return;
    }
  }
  std::string_view lang =
      std::string_view(info).substr(0, std::min(info.size(), info.find_first_of(" \t")));
  if (ext && !lang.empty() && lang.front() == '{') lang = {};  // only attributes
  out += "<pre><code";
  if (!lang.empty()) {
    out += " class=\"language-";
    append_html_text(out, lang);
    out += '"';
  }
  out += '>';
  append_html_text(out, code);
  out += "</code></pre>\n";
}

void HtmlRenderer::render_table(const Block& b) {
  std::string& out = *out_;
  std::string_view rows = tree_->str(b.content);
  const std::uint32_t columns = b.extra;
  const std::uint8_t* aligns = tree_->table_aligns.data() + b.arg.begin;
  static constexpr std::string_view kAlign[] = {"", " align=\"left\"", " align=\"right\"",
                                                " align=\"center\""};
  cr();
  out += "<table>\n<thead>\n<tr>\n";
  std::size_t pos = 0;
  bool header = true;
  while (pos < rows.size()) {
    std::size_t nl = rows.find('\n', pos);
    if (nl == std::string_view::npos) nl = rows.size();
    std::string_view row = rows.substr(pos, nl - pos);
    std::uint32_t row_base = b.content.begin + static_cast<std::uint32_t>(pos);
    if (!header) out += "<tr>\n";
    split_table_row(row, cells_);
    for (std::uint32_t c = 0; c < columns; ++c) {
      out += header ? "<th" : "<td";
      out += kAlign[aligns[c] & 3];
      out += '>';
      if (c < cells_.size()) {
        std::string_view cell = trim(row.substr(cells_[c].begin, cells_[c].size()));
        cell_.clear();
        for (std::size_t i = 0; i < cell.size(); ++i) {
          if (cell[i] == '\\' && i + 1 < cell.size() && cell[i + 1] == '|') continue;
          cell_ += cell[i];
        }
        // Nested inline rendering (roles) uses other slots, never cell_.
        render_leaf_inlines(cell_, row_base + cells_[c].begin, out, nullptr);
      }
      out += header ? "</th>\n" : "</td>\n";
    }
    out += "</tr>\n";
    if (header) {
      out += "</thead>\n";
      if (nl + 1 < rows.size()) out += "<tbody>\n";
    }
    header = false;
    pos = nl + 1;
  }
  if (rows.find('\n') + 1 < rows.size()) out += "</tbody>\n";
  out += "</table>\n";
}

void HtmlRenderer::render_directive(std::uint32_t index, DirectivePhase phase) {
  const Block& b = tree_->blocks[index];
  const DirectiveData& d = tree_->directives[b.extra];
  std::string& out = *out_;
  std::string_view name = tree_->str(b.info);
  if (phase == DirectivePhase::kClose) directive_stack_.pop_back();
  if (!d.spec) {
    if (phase == DirectivePhase::kOpen) {
      cr();
      out += "<div class=\"directive-unknown\" data-directive=\"";
      append_html_text(out, name);
      out += "\">\n";
      directive_stack_.push_back(index);
    } else {
      cr();
      out += "</div>\n";
    }
    return;
  }
  options_buf_.clear();
  for (std::uint32_t i = d.options_begin; i < d.options_end; ++i) {
    const OptionSpan& o = tree_->options[i];
    options_buf_.push_back(DirectiveOption{tree_->str(o.key), tree_->str(o.value)});
  }
  DirectiveContext ctx;
  ctx.name = name;
  ctx.argument = tree_->str(b.arg);
  ctx.options = options_buf_;
  ctx.has_body = b.first_child != kNil;
  ctx.depth = static_cast<int>(directive_stack_.size());  // enclosing directives
  if (!directive_stack_.empty())
    ctx.parent = tree_->str(tree_->blocks[directive_stack_.back()].info);
  ctx.services = this;
  current_input_ = b.src;
  if (phase == DirectivePhase::kOpen) {
    int& serial = directive_serials_[std::string(name)];
    ctx.serial = ++serial;
    if (ctx.has_body && !d.spec->allows_body && !d.spec->includes_file) {
      warn_at(b.src, "directive '" + std::string(name) + "' takes no body");
    }
    directive_stack_.push_back(index);
  } else {
    ctx.serial = directive_serials_[std::string(name)];
  }
  cr();
  if (d.spec->render) d.spec->render(ctx, phase, out);
}

void HtmlRenderer::append_backrefs(std::uint32_t def, std::string& out) {
  const FootnoteUse& use = footnote_uses_[def];
  std::string_view label = tree_->str(tree_->blocks[def].info);
  for (int r = 1; r <= use.refs; ++r) {
    if (out.empty() || out.back() != '\n') out += ' ';
    out += "<a href=\"#fnref-";
    append_url(out, label);
    if (r > 1) {
      out += '-';
      append_int(out, r);
    }
    out += "\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Back to reference ";
    append_int(out, use.number);
    if (r > 1) {
      out += '-';
      append_int(out, r);
    }
    out += "\">\xE2\x86\xA9</a>";
  }
}

void HtmlRenderer::render_footnotes() {
  std::string& out = *out_;
  cr();
  out += "<section class=\"footnotes\" data-footnotes>\n<ol>\n";
  for (std::size_t i = 0; i < footnote_order_.size(); ++i) {  // grows while rendering
    std::uint32_t def = footnote_order_[i];
    const Block& b = tree_->blocks[def];
    std::string_view label = tree_->str(b.info);
    out += "<li id=\"fn-";
    append_url(out, label);
    out += "\">\n";
    std::uint32_t last = b.last_child;
    backref_footnote_ = def;
    backref_paragraph_ =
        (last != kNil && tree_->blocks[last].kind == BlockKind::kParagraph) ? last : kNil;
    // Notes render as loose content: a paragraph keeps its <p>.
    render_blocks(def);
    if (backref_paragraph_ == kNil) {
      cr();
      append_backrefs(def, out);
    }
    backref_paragraph_ = backref_footnote_ = kNil;
    cr();
    out += "</li>\n";
  }
  out += "</ol>\n</section>\n";
}

// ---- inlines ----------------------------------------------------------------

void HtmlRenderer::render_leaf_inlines(std::string_view subject, std::uint32_t text_base,
                                       std::string& out, std::string* plain) {
  InlineSlot& slot = inline_slot();
  slot.parser.parse(subject);
  render_inlines(slot, subject, text_base, out, plain);
}

void HtmlRenderer::append_text(std::string& out, std::string_view text) {
  if (!inline_config_.smart) {
    append_html_text(out, text);
    return;
  }
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      append_html_text(out, text.substr(run, i - run));
      std::size_t j = i;
      while (j < text.size() && text[j] == '-') ++j;
      std::size_t n = j - i;
      // cmark's smart dashes: prefer em dashes, then en dashes, never a lone hyphen.
      std::size_t em = 0, en = 0;
      if (n % 3 == 0) {
        em = n / 3;
      } else if (n % 2 == 0) {
        en = n / 2;
      } else if (n % 3 == 2) {
        em = (n - 2) / 3;
        en = 1;
      } else {
        em = (n - 4) / 3;
        en = 2;
      }
      for (std::size_t k = 0; k < em; ++k) out += "\xE2\x80\x94";
      for (std::size_t k = 0; k < en; ++k) out += "\xE2\x80\x93";
      i = run = j;
    } else if (c == '.' && i + 2 < text.size() && text[i + 1] == '.' && text[i + 2] == '.') {
      append_html_text(out, text.substr(run, i - run));
      out += "\xE2\x80\xA6";
      i = run = i + 3;
    } else {
      ++i;
    }
  }
  append_html_text(out, text.substr(run));
}

void HtmlRenderer::append_raw_html(std::string& out, std::string_view html) {
  if (options_->safe_mode) {
    append_html_text(out, html);
    return;
  }
  if (!options_->gfm_tagfilter || options_->commonmark_only) {
    out.append(html);
    return;
  }
  std::size_t run = 0;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<' && is_filtered_tag(html, i)) {
      out.append(html.substr(run, i - run));
      out += "&lt;";
      run = i + 1;
    }
  }
  out.append(html.substr(run));
}

void HtmlRenderer::append_link_dest(std::string& out, std::string_view raw) {
  scratch_.clear();
  append_unescaped(scratch_, raw);
  if (options_->safe_mode && is_dangerous_url(scratch_)) return;
  append_url(out, scratch_);
}

void HtmlRenderer::render_inlines(InlineSlot& slot, std::string_view s, std::uint32_t text_base,
                                  std::string& out, std::string* plain) {
  const std::vector<Inline>& nodes = slot.parser.nodes();
  auto& stack = slot.stack;
  stack.clear();
  int alt = 0;  // > 0 inside an image description: text only
  std::string local;
  auto span = [&](std::uint32_t b, std::uint32_t e) { return s.substr(b, e - b); };
  std::uint32_t n = nodes[0].first_child;
  while (true) {
    if (n == kNil) {
      if (stack.empty()) break;
      n = stack.back().first;
      stack.pop_back();
      const Inline& x = nodes[n];
      switch (x.kind) {
        case InlineKind::kEmph:
          if (!alt) out += "</em>";
          break;
        case InlineKind::kStrong:
          if (!alt) out += "</strong>";
          break;
        case InlineKind::kDel:
          if (!alt) out += "</del>";
          break;
        case InlineKind::kLink:
          if (!alt) out += "</a>";
          break;
        case InlineKind::kImage:
          if (--alt == 0) {
            out += '"';
            if (x.flags & kHasTitle) {
              out += " title=\"";
              std::string_view title = (x.flags & kRefLink)
                                           ? std::string_view(tree_->text)
                                                 .substr(x.title_begin, x.title_end - x.title_begin)
                                           : span(x.title_begin, x.title_end);
              local.clear();
              append_unescaped(local, title);
              append_html_text(out, local);
              out += '"';
            }
            out += " />";
          }
          break;
        default:
          break;
      }
      n = x.next;
      continue;
    }
    const Inline& x = nodes[n];
    bool descend = false;
    switch (x.kind) {
      case InlineKind::kText: {
        std::string_view t = span(x.begin, x.end);
        append_text(out, t);
        if (plain) plain->append(t);
        break;
      }
      case InlineKind::kSmartQuote:
        out += kQuotes[x.extra & 3];
        if (plain) plain->append(kQuotes[x.extra & 3]);
        break;
      case InlineKind::kSoftBreak:
        out += alt ? ' ' : '\n';
        if (plain) *plain += ' ';
        break;
      case InlineKind::kHardBreak:
        out += alt ? " " : "<br />\n";
        if (plain) *plain += ' ';
        break;
      case InlineKind::kCode: {
        std::string_view code = code_span_text(span(x.begin, x.end), local);
        if (!alt) out += "<code>";
        append_html_text(out, code);
        if (!alt) out += "</code>";
        if (plain) plain->append(code);
        break;
      }
      case InlineKind::kHtml:
        if (alt) {
          append_html_text(out, span(x.begin, x.end));
        } else {
          append_raw_html(out, span(x.begin, x.end));
        }
        break;
      case InlineKind::kEntity: {
        local.clear();
        scan_entity(s, x.begin, &local);
        append_html_text(out, local);
        if (plain) plain->append(local);
        break;
      }
      case InlineKind::kEmph:
        if (!alt) out += "<em>";
        descend = true;
        break;
      case InlineKind::kStrong:
        if (!alt) out += "<strong>";
        descend = true;
        break;
      case InlineKind::kDel:
        if (!alt) out += "<del>";
        descend = true;
        break;
      case InlineKind::kLink:
      case InlineKind::kImage: {
        std::string_view dest =
            (x.flags & kRefLink)
                ? std::string_view(tree_->text).substr(x.dest_begin, x.dest_end - x.dest_begin)
                : span(x.dest_begin, x.dest_end);
        if (x.kind == InlineKind::kImage) {
          if (alt++ == 0) {
            out += "<img src=\"";
            append_link_dest(out, dest);
            out += "\" alt=\"";
          }
        } else if (!alt) {
          out += "<a href=\"";
          append_link_dest(out, dest);
          out += '"';
          if (x.flags & kHasTitle) {
            std::string_view title = (x.flags & kRefLink)
                                         ? std::string_view(tree_->text)
                                               .substr(x.title_begin, x.title_end - x.title_begin)
                                         : span(x.title_begin, x.title_end);
            out += " title=\"";
            local.clear();
            append_unescaped(local, title);
            append_html_text(out, local);
            out += '"';
          }
          out += '>';
        }
        descend = true;
        break;
      }
      case InlineKind::kAutolink: {
        std::string_view url = span(x.begin, x.end);
        if (!alt) {
          out += "<a href=\"";
          if (x.flags & kEmail) {
            out += "mailto:";
          } else if (x.flags & kWww) {
            out += "http://";
          }
          if (!(options_->safe_mode && is_dangerous_url(url))) append_url(out, url);
          out += "\">";
        }
        append_html_text(out, url);
        if (!alt) out += "</a>";
        if (plain) plain->append(url);
        break;
      }
      case InlineKind::kFootnoteRef:
        if (!alt) render_footnote_ref(span(x.begin, x.end), out);
        break;
      case InlineKind::kMath:
      case InlineKind::kMathDisplay: {
        std::string_view m = span(x.begin, x.end);
        bool display = x.kind == InlineKind::kMathDisplay;
        if (!alt) out += display ? "<span class=\"math display\">\\[" : "<span class=\"math\">\\(";
        append_html_text(out, m);
        if (!alt) out += display ? "\\]</span>" : "\\)</span>";
        if (plain) plain->append(m);
        break;
      }
      case InlineKind::kRole: {
        std::string_view text = span(x.begin, x.end);
        if (alt) {
          append_html_text(out, text);
        } else {
          render_role(span(x.dest_begin, x.dest_end), text,
                      text_base == kNil ? current_input_
                                        : tree_->input_offset(text_base + x.dest_begin - 1),
                      out);
        }
        if (plain) plain->append(text);
        break;
      }
      case InlineKind::kXref: {
        std::string_view target = span(x.dest_begin, x.dest_end);
        std::string_view label = span(x.title_begin, x.title_end);
        if (alt) {
          append_html_text(out, label.empty() ? target : label);
        } else {
          render_xref(target, label,
                      text_base == kNil ? current_input_ : tree_->input_offset(text_base + x.begin),
                      out);
        }
        if (plain) plain->append(label.empty() ? target : label);
        break;
      }
      case InlineKind::kRoot:
        break;
    }
    if (descend && x.first_child != kNil) {
      stack.emplace_back(n, true);
      n = x.first_child;
      continue;
    }
    if (descend) {
      // Empty container: close it now.
      stack.emplace_back(n, true);
      n = kNil;
      continue;
    }
    n = x.next;
  }
}

void HtmlRenderer::render_footnote_ref(std::string_view label, std::string& out) {
  normalize_label(label, label_);
  auto it = tree_->footnotes.find(label_);
  if (it == tree_->footnotes.end()) return;
  std::uint32_t def = it->second;
  FootnoteUse& use = footnote_uses_[def];
  if (use.number == 0) {
    footnote_order_.push_back(def);
    use.number = static_cast<int>(footnote_order_.size());
  }
  ++use.refs;
  std::string_view def_label = tree_->str(tree_->blocks[def].info);
  out += "<sup class=\"footnote-ref\"><a href=\"#fn-";
  append_url(out, def_label);
  out += "\" id=\"fnref-";
  append_url(out, def_label);
  if (use.refs > 1) {
    out += '-';
    append_int(out, use.refs);
  }
  out += "\" data-footnote-ref>";
  append_int(out, use.number);
  out += "</a></sup>";
}

void HtmlRenderer::render_role(std::string_view name, std::string_view text,
                               std::uint32_t input_offset, std::string& out) {
  const RoleSpec* spec = roles_.find(name);
  if (!spec) {
    std::string_view suggestion = closest_match(name, roles_.names());
    warn_at(input_offset, "unknown role '" + std::string(name) + "'",
            suggestion.empty() ? std::string() : "did you mean '" + std::string(suggestion) + "'?");
    out += "<code class=\"role-unknown\">{";
    append_html_text(out, name);
    out += "}`";
    append_html_text(out, text);
    out += "`</code>";
    return;
  }
  RoleContext ctx;
  ctx.name = name;
  ctx.text = text;
  ctx.services = this;
  std::uint32_t saved = current_input_;
  current_input_ = input_offset;
  if (spec->render) spec->render(ctx, out);
  current_input_ = saved;
}

void HtmlRenderer::render_xref(std::string_view target, std::string_view label,
                               std::uint32_t input_offset, std::string& out) {
  std::uint32_t saved = current_input_;
  current_input_ = input_offset;
  append_cross_reference(target, label, out);
  current_input_ = saved;
}

void HtmlRenderer::append_cross_reference(std::string_view target, std::string_view label,
                                          std::string& out) {
  std::string_view t = trim(target);
  label = trim(label);
  std::optional<std::pair<std::string, std::string>> resolved;
  if (!t.empty() && t.front() == '#') {
    for (std::size_t i = 0; i < heading_count_; ++i) {
      if (headings_[i].id == t.substr(1)) {
        resolved.emplace(std::string(t), headings_[i].text);
        break;
      }
    }
  }
  if (!resolved) resolved = resolve_link(t);
  if (!resolved) {
    warn("unresolved cross-reference '" + std::string(t) + "'");
    out += "<span class=\"xref-broken\" title=\"unresolved: ";
    append_html_text(out, t);
    out += "\">";
    append_html_text(out, label.empty() ? t : label);
    out += "</span>";
    return;
  }
  out += "<a href=\"";
  append_url(out, resolved->first);
  out += "\">";
  append_html_text(out, !label.empty()              ? label
                        : !resolved->second.empty() ? std::string_view(resolved->second)
                                                    : t);
  out += "</a>";
}

}  // namespace bengal::markdown::detail

// Turns a parsed Tree into HTML, the outline and render-time diagnostics:
// heading ids, code-block hook, directives and roles through the registries,
// cross-references through Hooks::resolve_link, GitHub alerts ("> [!NOTE]")
// as admonitions, footnotes at the end.
//
// Walks blocks and inlines iteratively, so nesting depth (10,000 quotes,
// lists or emphasis levels) never grows the call stack.
//
// Thread-safety: one per Parser; not shared.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "markdown/ast.h"
#include "markdown/inline_parser.h"
#include "markdown/markdown.h"

namespace bengal::markdown::detail {

class HtmlRenderer final : public RenderServices {
 public:
  HtmlRenderer(const DirectiveRegistry& directives, const RoleRegistry& roles);

  void render(const Tree& tree, const Options& options, const Hooks& hooks, Document& out);

  // Steps taken by the inline parsers since construction (see BlockParser::work).
  std::uint64_t work() const;

  // RenderServices
  void append_inline(std::string_view markdown, std::string& out) override;
  std::optional<std::pair<std::string, std::string>> resolve_link(std::string_view target) override;
  void warn(std::string message) override;
  void append_cross_reference(std::string_view target, std::string_view label,
                              std::string& out) override;

 private:
  struct HeadingInfo {
    std::string id;
    std::string html;
    std::string text;
  };
  // Registers `id` for this document; false when it is already taken.
  bool claim_id(const std::string& id);
  struct FootnoteUse {
    int number = 0;
    int refs = 0;
  };

  struct InlineSlot {
    explicit InlineSlot(const Tree& tree) : parser(tree) {}
    InlineParser parser;
    std::vector<std::pair<std::uint32_t, bool>> stack;
  };
  InlineSlot& inline_slot();  // one per nesting depth of append_inline
  void render_blocks(std::uint32_t parent);
  bool enter_block(std::uint32_t b);
  void exit_block(std::uint32_t b);
  // `text_base`: Tree::text offset of subject[0], or kNil when the subject is
  // not from the tree (diagnostics then use current_input_).
  void render_leaf_inlines(std::string_view subject, std::uint32_t text_base, std::string& out,
                           std::string* plain);
  void render_inlines(InlineSlot& slot, std::string_view subject, std::uint32_t text_base,
                      std::string& out, std::string* plain);
  void render_code_block(const Block& b);
  void render_table(const Block& b);
  void render_heading_open(std::uint32_t b);
  void render_directive(std::uint32_t b, DirectivePhase phase);
  bool open_alert(std::uint32_t quote);
  void render_alert(std::uint32_t quote, const DirectiveSpec* spec, DirectivePhase phase);
  void render_footnotes();
  void append_backrefs(std::uint32_t footnote, std::string& out);
  void render_role(std::string_view name, std::string_view text, std::uint32_t input_offset,
                   std::string& out);
  void render_xref(std::string_view target, std::string_view label, std::uint32_t input_offset,
                   std::string& out);
  void render_footnote_ref(std::string_view label, std::string& out);
  void append_text(std::string& out, std::string_view text);
  void append_raw_html(std::string& out, std::string_view html);
  void append_link_dest(std::string& out, std::string_view raw);
  void prepare_headings(std::uint32_t root);
  std::string unique_id(std::string base);
  void warn_at(std::uint32_t input_offset, std::string message, std::string hint = {});
  void cr();

  const DirectiveRegistry& directives_;
  const RoleRegistry& roles_;
  const Tree* tree_ = nullptr;
  const Options* options_ = nullptr;
  const Hooks* hooks_ = nullptr;
  Document* doc_ = nullptr;
  std::string* out_ = nullptr;
  std::uint32_t current_input_ = 0;  // input offset for services' warnings

  std::vector<std::unique_ptr<InlineSlot>> inline_slots_;
  std::size_t inline_depth_ = 0;
  InlineConfig inline_config_;
  // Headings of the current document in order; entries are reused across
  // documents so their strings keep their capacity.
  std::vector<HeadingInfo> headings_;
  std::size_t heading_count_ = 0;
  std::vector<std::uint32_t> heading_of_block_;  // block index -> headings_ index
  // Ids are checked by a linear scan in small documents and through this set
  // (filled on demand) in large ones.
  std::unordered_set<std::string> used_ids_;
  std::unordered_map<std::string, int> next_suffix_;
  std::unordered_map<std::uint32_t, FootnoteUse> footnote_uses_;
  std::vector<std::uint32_t> footnote_order_;
  std::unordered_map<std::string, int> directive_serials_;
  std::vector<std::uint32_t> directive_stack_;
  std::vector<std::pair<std::uint32_t, const DirectiveSpec*>> alerts_;  // open GitHub alerts
  std::uint32_t alert_paragraph_ = kNil;  // paragraph whose first alert_skip_ bytes are the marker
  std::uint32_t alert_skip_ = 0;
  std::uint32_t backref_paragraph_ = kNil;
  std::uint32_t backref_footnote_ = kNil;
  std::string scratch_, cell_, label_;
  std::vector<Span> cells_;
  std::vector<DirectiveOption> options_buf_;
};

}  // namespace bengal::markdown::detail

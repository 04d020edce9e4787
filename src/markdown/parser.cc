#include <algorithm>
#include <cassert>

#include "markdown/ast.h"
#include "markdown/block_parser.h"
#include "markdown/html_renderer.h"
#include "markdown/markdown.h"

namespace bengal::markdown {

namespace detail {

std::uint32_t Tree::input_offset(std::uint32_t text_offset) const {
  auto it = std::upper_bound(line_map.begin(), line_map.end(), text_offset,
                             [](std::uint32_t v, const std::pair<std::uint32_t, std::uint32_t>& e) {
                               return v < e.first;
                             });
  if (it == line_map.begin()) return 0;
  --it;
  return it->second + (text_offset - it->first);
}

}  // namespace detail

class Parser::Impl {
 public:
  Impl(const DirectiveRegistry& directives, const RoleRegistry& roles)
      : directives_(directives), renderer_(directives, roles) {
    assert(directives.frozen() && roles.frozen() && "freeze() registries before parsing");
  }

  void render(std::string_view input, const Options& options, const Hooks& hooks, Document& out) {
    out.clear();
    tree_.clear();
    if (input.find('\0') != std::string_view::npos) {
      // NUL is replaced by U+FFFD (CommonMark's security rule).
      clean_.clear();
      for (char c : input) {
        if (c == '\0') {
          clean_ += "\xEF\xBF\xBD";
        } else {
          clean_ += c;
        }
      }
      input = clean_;
    }
    bool ext = !options.commonmark_only;
    config_.tables = ext && options.gfm;
    config_.footnotes = ext && options.footnotes;
    config_.directives = ext && options.directives;
    config_.math = ext && options.math;
    config_.heading_attributes = ext && options.heading_ids;
    config_.registry = &directives_;
    config_.hooks = &hooks;
    tree_.text.reserve(input.size() + 64);
    detail::Block root;
    root.kind = detail::BlockKind::kDocument;
    tree_.blocks.push_back(root);
    detail::BlockParser blocks(tree_, config_, out.diagnostics);
    blocks.parse(input, 0);
    tree_.blocks[0].open = false;
    out.html.reserve(input.size() + input.size() / 4);
    std::uint64_t before = renderer_.work();
    renderer_.render(tree_, options, hooks, out);
    work_ = blocks.work() + (renderer_.work() - before) + out.html.size();
    // Diagnostics carry input offsets until here; convert them in one pass.
    std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                       return a.location.column < b.location.column;
                     });
    std::size_t line_start = 0;
    int line = 1;
    for (Diagnostic& d : out.diagnostics) {
      std::size_t offset =
          std::min<std::size_t>(static_cast<std::size_t>(d.location.column), input.size());
      while (true) {
        std::size_t nl = input.find('\n', line_start);
        if (nl == std::string_view::npos || nl >= offset) break;
        line_start = nl + 1;
        ++line;
      }
      d.location.line = line;
      d.location.column = static_cast<int>(offset - line_start) + 1;
      std::size_t end = input.find('\n', line_start);
      std::string_view excerpt =
          input.substr(line_start, end == std::string_view::npos ? end : end - line_start);
      if (!excerpt.empty() && excerpt.back() == '\r') excerpt.remove_suffix(1);
      d.excerpt = std::string(excerpt);
    }
  }

 private:
  const DirectiveRegistry& directives_;
  detail::Tree tree_;
  detail::BlockConfig config_;
  detail::HtmlRenderer renderer_;
  std::string clean_;

 public:
  std::uint64_t work_ = 0;
};

Parser::Parser(const DirectiveRegistry& directives, const RoleRegistry& roles)
    : impl_(std::make_unique<Impl>(directives, roles)) {}

Parser::Parser() : Parser(builtin_directives(), builtin_roles()) {}

Parser::~Parser() = default;

void Parser::render(std::string_view input, const Options& options, const Hooks& hooks,
                    Document& out) {
  impl_->render(input, options, hooks, out);
}

std::uint64_t Parser::work() const {
  return impl_->work_;
}

std::string Parser::render_html(std::string_view input, const Options& options) {
  Document doc;
  impl_->render(input, options, Hooks{}, doc);
  return std::move(doc.html);
}

}  // namespace bengal::markdown

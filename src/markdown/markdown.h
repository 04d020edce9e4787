// Bengal's Markdown engine: bytes in, HTML and a document outline out.
//
// CommonMark 0.31.2 exactly, plus (unless Options::commonmark_only) GFM tables,
// strikethrough, task lists and extended autolinks, footnotes, heading ids and
// `{#id .class}` attributes, math, MyST-style directives and roles, `[[target]]`
// cross-references, definition lists and an optional typographer. The engine
// knows nothing about sites: everything site-specific (highlighting, includes,
// link resolution, extra directives) comes in through Hooks and the registries.
//
// Usage, one Parser per worker thread, reused for every page:
//   const auto& directives = bengal::markdown::builtin_directives();
//   const auto& roles = bengal::markdown::builtin_roles();
//   bengal::markdown::Parser parser(directives, roles);
//   bengal::markdown::Document doc;
//   parser.render(text, options, hooks, doc);   // doc.html, doc.outline, doc.diagnostics
//
// Invariants: the parse is a single pass over the input with no backtracking
// that can go quadratic; output is valid UTF-8 when the input is (invalid input
// bytes pass through unchanged, NUL becomes U+FFFD).
// Thread-safety: a Parser is not thread-safe; separate Parsers over the same
// frozen registries run concurrently without sharing mutable state.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "markdown/registry.h"

namespace bengal::markdown {

// A fenced or indented code block, handed to Hooks::code_block.
struct CodeBlock {
  std::string_view lang;   // first word of the info string ("python"); empty if none
  std::string_view info;   // the whole info string, entities and escapes decoded
  std::string_view code;   // the literal code (entities are not decoded in code)
  std::string_view title;  // from title="..."
  std::vector<std::pair<int, int>> hl_lines;  // from {3-5} or hl_lines="1 3-4", inclusive
  bool linenos = false;
  int linenostart = 1;
};

// One entry of the outline; `text` is the heading's plain text.
struct Heading {
  int level = 0;
  std::string id;
  std::string text;
};

struct Options {
  bool commonmark_only = false;  // all extensions off: plain CommonMark 0.31.2
  bool heading_ids = true;
  bool gfm = true;  // tables, strikethrough, task lists, extended autolinks
  bool footnotes = true;
  bool directives = true;  // directives, roles, [[cross-references]], definition lists
  bool math = true;
  bool typographer = false;    // smart quotes, dashes, ellipses
  bool safe_mode = false;      // escape raw HTML and drop javascript:/vbscript:/data: URLs
  bool gfm_tagfilter = false;  // GFM's disallowed raw HTML (<script>, <iframe>, ...) escaped
  int toc_min_level = 2, toc_max_level = 3;  // which headings go to the outline
};

struct Hooks {  // all optional; called synchronously on the parsing thread
  // Appends the HTML for a code block; if unset, the engine writes
  // <pre><code class="language-x">.
  std::function<void(const CodeBlock&, std::string& out)> code_block;
  // For the include directive: the file's contents, or nullopt (a diagnostic).
  std::function<std::optional<std::string>(std::string_view path)> include_file;
  // For [[target]] and the ref/doc roles: {url, title}, or nullopt (a warning,
  // and the reference is rendered visibly broken).
  std::function<std::optional<std::pair<std::string, std::string>>(std::string_view target)>
      resolve_link;
};

struct Document {
  std::string html;
  std::vector<Heading> outline;
  std::vector<Diagnostic> diagnostics;  // line/column relative to the input text

  void clear() {
    html.clear();
    outline.clear();
    diagnostics.clear();
  }
};

class Parser {
 public:
  // The registries must be frozen and outlive the parser.
  Parser(const DirectiveRegistry& directives, const RoleRegistry& roles);
  // Built-in directives and roles.
  Parser();
  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // Renders `input` into `out`, replacing its contents but keeping its buffers.
  void render(std::string_view input, const Options& options, const Hooks& hooks, Document& out);

  // Elementary steps the last render() took (lines, bytes scanned, delimiter
  // and container visits, output bytes). Tests use it to prove that work
  // grows linearly with the input, without timing anything.
  std::uint64_t work() const;

  // Convenience for tests and tools: HTML only.
  std::string render_html(std::string_view input, const Options& options = {});

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace bengal::markdown

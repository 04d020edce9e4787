// Feeds arbitrary bytes to the Markdown engine with the options chosen by the
// first byte. Checks: no crash or sanitizer report, and valid UTF-8 in gives
// valid UTF-8 out. One Parser is reused across inputs, as workers do.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/text.h"
#include "markdown/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static bengal::markdown::Parser parser;
  static bengal::markdown::Document doc;
  if (size == 0) return 0;
  std::uint8_t flags = data[0];
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  bengal::markdown::Options options;
  options.commonmark_only = flags & 1;
  options.typographer = flags & 2;
  options.safe_mode = flags & 4;
  options.gfm_tagfilter = flags & 8;
  options.heading_ids = !(flags & 16);
  bengal::markdown::Hooks hooks;
  if (flags & 32) {
    hooks.include_file = [](std::string_view path) -> std::optional<std::string> {
      if (path.size() % 2) return std::nullopt;
      return std::string(":::{note}\n") + std::string(path) + "\n:::\n";
    };
    hooks.resolve_link =
        [](std::string_view t) -> std::optional<std::pair<std::string, std::string>> {
      if (t.empty() || t[0] == 'x') return std::nullopt;
      return std::make_pair(std::string("/") + std::string(t), std::string(t));
    };
    hooks.code_block = [](const bengal::markdown::CodeBlock& b, std::string& out) {
      out += "<pre>";
      out.append(b.lang);
      out += "</pre>\n";
    };
  }
  parser.render(input, options, hooks, doc);
  if (bengal::is_valid_utf8(input) && !bengal::is_valid_utf8(doc.html)) std::abort();
  for (const auto& h : doc.outline) {
    if (bengal::is_valid_utf8(input) && !bengal::is_valid_utf8(h.text)) std::abort();
  }
  return 0;
}

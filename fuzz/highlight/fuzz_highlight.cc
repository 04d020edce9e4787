// libFuzzer target for the highlighter. The first byte picks the lexer and the
// options; the rest is the code. Checks, beyond "no crash, no hang":
//  - the tokens cover the input exactly, in order;
//  - the HTML, with tags removed and entities decoded, gives back the input;
//  - the HTML is valid UTF-8 when the input is.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/text.h"
#include "highlight/highlight.h"

namespace {

using namespace bengal::highlight;

// Text content of our HTML: drops tags, decodes the entities we emit.
std::string text_of(std::string_view html) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      std::size_t e = html.find('>', i);
      if (e == std::string_view::npos) abort();
      i = e + 1;
      continue;
    }
    if (html[i] == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}};
      bool found = false;
      for (auto [entity, c] : kEntities) {
        if (html.substr(i, entity.size()) == entity) {
          out.push_back(c);
          i += entity.size();
          found = true;
          break;
        }
      }
      if (!found) abort();
      continue;
    }
    out.push_back(html[i++]);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Registry registry = [] {
    Registry r = Registry::with_builtins();
    r.freeze();
    return r;
  }();
  if (size == 0) return 0;
  auto lexers = builtin_lexers();
  const Lexer& lexer = lexers[data[0] % lexers.size()];
  std::string_view code(reinterpret_cast<const char*>(data + 1), size - 1);

  auto spans = tokenize(lexer, code);
  std::size_t pos = 0;
  for (const TokenSpan& s : spans) {
    if (s.begin != pos || s.end <= s.begin) abort();
    pos = s.end;
  }
  if (pos != code.size()) abort();

  Options options;
  if (data[0] & 0x40) options.linenos = (data[0] & 0x80) ? Options::LineNumbers::kTable : Options::LineNumbers::kInline;
  if (data[0] & 0x20) options.hl_lines = {{1, 2}, {4, 4}};
  std::string html;
  render_block(registry, code, lexer.name, options, html);
  if (bengal::is_valid_utf8(code) && !bengal::is_valid_utf8(html)) abort();
  if (options.linenos == Options::LineNumbers::kNone) {
    // The code is everything between the opening <code ...> and </code>.
    std::size_t open = html.find("<code");
    std::size_t start = html.find('>', open) + 1;
    std::size_t end = html.rfind("</code>");
    if (text_of(std::string_view(html).substr(start, end - start)) != code) abort();
  }
  return 0;
}

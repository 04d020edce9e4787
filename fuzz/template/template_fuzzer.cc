// libFuzzer target for the template engine: lexer, parser and renderer.
//
// The input is split on "\n----\n" into up to three templates (main.html,
// part.txt, base.html) that can include, import and extend each other. The
// main template is rendered strictly and leniently with a fixed context and
// tight limits, so runaway loops and recursion end as errors quickly; any
// crash, sanitizer report or hang is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/data_formats.h"
#include "template/data_value.h"
#include "template/environment.h"
#include "template/renderer.h"

namespace {

using namespace bengal;

const Data& context_data() {
  static const Data d =
      parse_json(R"({"page": {"title": "T <b>", "tags": ["a", "b", "c"], "n": 3, "f": 1.5,
                     "date": "2024-01-02", "none": null, "nested": {"k": [1, {"x": "y"}]}},
                     "items": [1, 2, 3], "s": "str", "empty": []})")
          .value();
  return d;
}

void render_once(const std::vector<std::string_view>& parts, bool strict) {
  static const char* kNames[] = {"main.html", "part.txt", "base.html"};
  tmpl::MemoryLoader loader;
  for (std::size_t i = 0; i < parts.size(); ++i) loader.add(kNames[i], std::string(parts[i]));
  tmpl::Options options;
  options.strict_undefined = strict;
  options.limits.max_depth = 40;
  options.limits.max_loop_iterations = 20000;
  options.limits.max_output_bytes = 1 << 20;
  options.limits.max_memory_bytes = 32 << 20;
  tmpl::Environment env(&loader, options);
  (void)env.load_all();
  env.freeze();
  const Data& d = context_data();
  std::vector<tmpl::NamedValue> ctx;
  for (std::size_t i = 0; i < d.keys().size(); ++i) {
    ctx.push_back({d.keys()[i], tmpl::data_value(d.items()[i])});
  }
  tmpl::Renderer renderer(env);
  std::string out;
  (void)renderer.render("main.html", ctx, out);
  // A second render on the same renderer exercises state reuse.
  out.clear();
  (void)renderer.render("main.html", ctx, out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> parts;
  while (parts.size() < 2) {
    std::size_t cut = input.find("\n----\n");
    if (cut == std::string_view::npos) break;
    parts.push_back(input.substr(0, cut));
    input.remove_prefix(cut + 6);
  }
  parts.push_back(input);
  render_once(parts, true);
  render_once(parts, false);
  return 0;
}

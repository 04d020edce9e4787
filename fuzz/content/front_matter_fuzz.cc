// Fuzzes the content-file front door: front-matter splitting, YAML/TOML
// parsing, typed extraction, and the JSON data parser. Any input must give a
// value or a diagnostic, never a crash, hang or sanitizer report; and the
// YAML subset reader must agree with libyaml on every input it accepts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "content/front_matter.h"
#include "core/data_formats.h"
#include "core/yaml_simple.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto split = bengal::content::split_front_matter(text);
  if (split.ok()) {
    auto fm = bengal::content::parse_front_matter(text, *split);
    if (fm.ok()) {
      bengal::DiagnosticList diags;
      bengal::content::extract_front_matter(*fm, {"tags", "categories"}, {text, &*split, "x.md"}, diags);
      (void)fm->to_json();
    }
  }
  (void)bengal::parse_json(text);
  if (auto simple = bengal::parse_simple_yaml(text)) {
    auto full = bengal::parse_yaml_general(text);
    if (!full.ok() || simple->to_json() != full->to_json()) std::abort();
  }
  return 0;
}

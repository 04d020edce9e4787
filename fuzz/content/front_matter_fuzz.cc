// Fuzzes the content-file front door: front-matter splitting, YAML/TOML
// parsing, typed extraction, and the JSON data parser. Any input must give a
// value or a diagnostic, never a crash, hang or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "content/front_matter.h"
#include "core/data_formats.h"

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
  return 0;
}

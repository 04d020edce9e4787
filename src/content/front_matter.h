// Front matter: the metadata block at the top of a content file.
//
//   ---            YAML between '---' lines
//   title: Hello
//   ---
//   +++            TOML between '+++' lines
//   title = "Hello"
//   +++
//
// split_front_matter() finds the block; parse_front_matter() turns it into a
// Data tree (the parse is the expensive part and runs on discovery workers);
// extract_front_matter() reads the typed fields from a Data tree (after
// cascade has been merged in) and keeps everything else as params.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/data.h"
#include "core/date.h"
#include "core/diagnostic.h"
#include "core/result.h"

namespace bengal::content {

enum class FrontMatterFormat : std::uint8_t { kNone, kYaml, kToml };

// Offsets into the file, so the split stays valid when the file's string moves.
struct FrontMatterSplit {
  FrontMatterFormat format = FrontMatterFormat::kNone;
  std::size_t text_offset = 0;  // the block between the fences
  std::size_t text_size = 0;
  int text_line = 1;            // line of the block's first line in the file
  std::size_t body_offset = 0;
  int body_line = 1;            // line of the body's first line in the file

  // Empty when `file` is not the file this split was made from (e.g. not loaded).
  std::string_view text(std::string_view file) const {
    return text_offset <= file.size() ? file.substr(text_offset, text_size) : std::string_view();
  }
  std::string_view body(std::string_view file) const {
    return body_offset <= file.size() ? file.substr(body_offset) : std::string_view();
  }
};

// Locates the front matter. A file that opens a fence but never closes it is
// an error (the whole file would otherwise be taken as front matter).
Result<FrontMatterSplit> split_front_matter(std::string_view file);

// Parses the block to a Data object. Errors carry file-relative lines.
Result<Data> parse_front_matter(std::string_view file, const FrontMatterSplit& split);

struct FrontMatter {
  std::string title;
  std::optional<DateTime> date;
  std::optional<DateTime> lastmod;
  std::optional<DateTime> publish_date;
  std::optional<DateTime> expiry_date;
  bool draft = false;
  std::int64_t weight = 0;
  std::string slug;
  std::string url;
  std::vector<std::string> aliases;
  std::string description;
  std::string summary;
  std::string layout;  // "template" is accepted as a synonym
  std::string type;
  bool toc = true;
  // Taxonomy name -> terms as written, in front-matter order, duplicates removed.
  std::vector<std::pair<std::string, std::vector<std::string>>> terms;
  Data cascade;  // object or null
  Data menu;     // string, list of strings or object, or null
  Data params;   // every other key, as written

  const std::vector<std::string>* terms_for(std::string_view taxonomy) const;
};

// Where a front matter came from, for error messages.
struct FrontMatterOrigin {
  std::string_view file_text;  // the whole file
  const FrontMatterSplit* split;
  std::string path;            // "content/blog/a.md"
};

// Reads typed fields from `fm`. `taxonomies` are the configured plural names.
// Type errors name the key's line and the field keeps its default.
FrontMatter extract_front_matter(const Data& fm, const std::vector<std::string>& taxonomies,
                                 const FrontMatterOrigin& origin, DiagnosticList& diags);

}  // namespace bengal::content

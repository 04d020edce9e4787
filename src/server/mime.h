// MIME types for served files, by file extension (case-insensitive).
//
// Text types carry "; charset=utf-8" because Bengal writes UTF-8. Unknown
// extensions are application/octet-stream. The kind tells live reload what a
// change to such a file means for open pages.
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <string_view>

namespace bengal::server {

enum class AssetKind : unsigned char {
  kPage,        // HTML: reloaded when its own URL changes
  kStylesheet,  // CSS: swapped in place, no reload
  kDocument,    // feeds, JSON, text: viewed directly, reloaded like a page
  kSubresource  // scripts, images, fonts, media: used by pages we cannot name
};

struct MimeInfo {
  std::string_view type;
  AssetKind kind;
};

MimeInfo mime_for_path(std::string_view path);

}  // namespace bengal::server

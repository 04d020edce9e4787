#include "server/mime.h"

#include <array>

#include "core/fs.h"
#include "core/text.h"

namespace bengal::server {

namespace {

struct Entry {
  std::string_view ext;  // without the dot, lower case
  MimeInfo info;
};

constexpr AssetKind kPage = AssetKind::kPage;
constexpr AssetKind kCss = AssetKind::kStylesheet;
constexpr AssetKind kDoc = AssetKind::kDocument;
constexpr AssetKind kSub = AssetKind::kSubresource;

// Sorted by extension for binary search.
constexpr std::array kTable = {
    Entry{"atom", {"application/atom+xml; charset=utf-8", kDoc}},
    Entry{"avif", {"image/avif", kSub}},
    Entry{"bmp", {"image/bmp", kSub}},
    Entry{"css", {"text/css; charset=utf-8", kCss}},
    Entry{"csv", {"text/csv; charset=utf-8", kDoc}},
    Entry{"eot", {"application/vnd.ms-fontobject", kSub}},
    Entry{"gif", {"image/gif", kSub}},
    Entry{"htm", {"text/html; charset=utf-8", kPage}},
    Entry{"html", {"text/html; charset=utf-8", kPage}},
    Entry{"ico", {"image/x-icon", kSub}},
    Entry{"jpeg", {"image/jpeg", kSub}},
    Entry{"jpg", {"image/jpeg", kSub}},
    Entry{"js", {"text/javascript; charset=utf-8", kSub}},
    Entry{"json", {"application/json; charset=utf-8", kDoc}},
    Entry{"jsonld", {"application/ld+json; charset=utf-8", kDoc}},
    Entry{"map", {"application/json; charset=utf-8", kSub}},
    Entry{"md", {"text/markdown; charset=utf-8", kDoc}},
    Entry{"mjs", {"text/javascript; charset=utf-8", kSub}},
    Entry{"mp3", {"audio/mpeg", kSub}},
    Entry{"mp4", {"video/mp4", kSub}},
    Entry{"oga", {"audio/ogg", kSub}},
    Entry{"ogg", {"audio/ogg", kSub}},
    Entry{"ogv", {"video/ogg", kSub}},
    Entry{"otf", {"font/otf", kSub}},
    Entry{"pdf", {"application/pdf", kDoc}},
    Entry{"png", {"image/png", kSub}},
    Entry{"rss", {"application/rss+xml; charset=utf-8", kDoc}},
    Entry{"svg", {"image/svg+xml", kSub}},
    Entry{"tif", {"image/tiff", kSub}},
    Entry{"tiff", {"image/tiff", kSub}},
    Entry{"ttf", {"font/ttf", kSub}},
    Entry{"txt", {"text/plain; charset=utf-8", kDoc}},
    Entry{"wasm", {"application/wasm", kSub}},
    Entry{"wav", {"audio/wav", kSub}},
    Entry{"webm", {"video/webm", kSub}},
    Entry{"webmanifest", {"application/manifest+json; charset=utf-8", kSub}},
    Entry{"webp", {"image/webp", kSub}},
    Entry{"woff", {"font/woff", kSub}},
    Entry{"woff2", {"font/woff2", kSub}},
    Entry{"xml", {"application/xml; charset=utf-8", kDoc}},
    Entry{"xsl", {"application/xslt+xml; charset=utf-8", kSub}},
    Entry{"yaml", {"application/yaml; charset=utf-8", kDoc}},
    Entry{"zip", {"application/zip", kDoc}},
};

constexpr bool is_sorted_table() {
  for (std::size_t i = 1; i < kTable.size(); ++i) {
    if (!(kTable[i - 1].ext < kTable[i].ext)) return false;
  }
  return true;
}
static_assert(is_sorted_table(), "kTable must stay sorted by extension");

}  // namespace

MimeInfo mime_for_path(std::string_view path) {
  std::string_view ext = file_extension(path);
  if (ext.size() < 2 || ext.size() > 16) return {"application/octet-stream", kSub};
  std::string lower = to_lower_ascii(ext.substr(1));
  std::size_t lo = 0, hi = kTable.size();
  while (lo < hi) {
    std::size_t mid = (lo + hi) / 2;
    if (kTable[mid].ext < lower) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo < kTable.size() && kTable[lo].ext == lower) return kTable[lo].info;
  return {"application/octet-stream", kSub};
}

}  // namespace bengal::server

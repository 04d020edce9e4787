// URL and output-path rules shared by assemble() and the postprocess stage.
#include "content/site.h"
#include "core/fs.h"
#include "core/text.h"

namespace bengal::content {

bool normalize_url(std::string_view url, std::string& out) {
  if (url.find("://") != std::string_view::npos || starts_with(url, "//")) return false;
  std::string_view path = url;
  std::size_t cut = path.find_first_of("?#");
  if (cut != std::string_view::npos) path = path.substr(0, cut);
  std::string norm;
  if (!normalize_relative_path(path, norm)) return false;
  // A path whose last segment has an extension names a file ("/feed.xml");
  // anything else is a directory URL and gets its trailing slash.
  std::string_view last = file_name(norm);
  bool is_file = !last.empty() && last.find('.') != std::string_view::npos && !ends_with(path, "/");
  out = "/" + norm;
  if (!is_file && out.back() != '/') out += '/';
  return true;
}

bool output_path_for_url(std::string_view url, std::string& out) {
  std::string norm;
  if (!normalize_url(url, norm)) return false;
  std::string rel = norm.substr(1);
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  // Names the output dir itself or a hidden path: refuse rather than write
  // somewhere surprising.
  for (std::string_view seg : split(rel, '/')) {
    if (seg.empty() || seg[0] == '.') return false;
  }
  out = std::move(rel);
  return true;
}

}  // namespace bengal::content

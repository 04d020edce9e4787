#include "server/live_reload.h"

#include "core/embedded.h"
#include "core/text.h"

namespace bengal::embedded {
std::span<const EmbeddedFile> server_assets();
}

namespace bengal::server {

std::string_view live_reload_script() {
  static const EmbeddedFile* file = find_embedded(embedded::server_assets(), "live_reload.js");
  return file ? file->bytes : std::string_view();
}

std::string live_reload_tag(std::uint64_t generation, std::string_view instance,
                            std::string_view page_url) {
  std::string out = "<script src=\"";
  out += kReloadScriptPath;
  out += "\" data-gen=\"" + std::to_string(generation) + "\" data-instance=\"";
  append_html_escaped(out, instance);
  out += "\" data-page=\"";
  append_html_escaped(out, page_url);
  out += "\"></script>\n";
  return out;
}

std::string inject_at(std::string_view html, std::size_t at, std::string_view tag) {
  if (at > html.size()) at = html.size();
  std::string out;
  out.reserve(html.size() + tag.size());
  out.append(html.substr(0, at));
  out.append(tag);
  out.append(html.substr(at));
  return out;
}

}  // namespace bengal::server

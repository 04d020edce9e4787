// The browser side of live reload: the script `bengal serve` serves and the
// tag it adds to every HTML page it serves (files written by `bengal build`
// never contain it).
//
// The tag carries the generation the page was served at, the server's
// instance id and the page's own URL, so the script can ask the reload
// channel (reload_hub.h) for exactly the changes it missed.
//
// Thread-safety: pure functions over constant data.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bengal::server {

inline constexpr std::string_view kReloadEventsPath = "/__bengal_reload__";
inline constexpr std::string_view kReloadScriptPath = "/__bengal_reload__.js";

// The script served at kReloadScriptPath.
std::string_view live_reload_script();

// "<script src=… data-gen=… data-instance=… data-page=…></script>"
std::string live_reload_tag(std::uint64_t generation, std::string_view instance,
                            std::string_view page_url);

// `html` with `tag` inserted at byte offset `at` (clamped to the end).
std::string inject_at(std::string_view html, std::size_t at, std::string_view tag);

}  // namespace bengal::server

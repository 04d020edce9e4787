// respond(): what `bengal serve` answers to one HTTP request, independent of
// the HTTP library (http_server_*.cc only moves these values to a socket).
//
//   - GET and HEAD only (405 otherwise); malformed targets 400, attempts to
//     leave the output 403 (request_target.h).
//   - "/dir/" serves dir/index.html; "/dir" redirects (301) to "/dir/" when
//     that exists, keeping the query.
//   - HTML is never cached (Cache-Control: no-store) and, with live reload
//     on, carries the reload tag before </body>. Other files carry an ETag
//     and Last-Modified with Cache-Control: no-cache, so browsers revalidate
//     every time and get 304 Not Modified while nothing changed.
//   - A missing file gets the site's 404.html with status 404 (a built-in
//     page when the site has none); both carry the reload tag, so a tab
//     waiting for a new page reloads when it appears.
//
// The live-reload stream itself (kReloadEventsPath) is not answered here:
// the transport recognises it with is_reload_stream().
//
// Thread-safety: pure function of its arguments.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/published_site.h"

namespace bengal::server {

struct HttpRequest {
  std::string_view method;
  std::string_view target;             // raw request target, "/a%20b/?x=1"
  std::string_view if_none_match;      // header value or empty
  std::string_view if_modified_since;  // header value or empty
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
  // The body is either a shared file (no copy) or text made for this response.
  SharedBytes shared;
  std::string owned;
  // Keeps the generation the body came from alive while the response is sent.
  std::shared_ptr<const PublishedSite> site;

  std::string_view body() const {
    return shared ? std::string_view(*shared) : std::string_view(owned);
  }
  std::string_view header(std::string_view name) const;
};

struct RespondOptions {
  bool live_reload = true;
  std::string_view instance;  // the reload hub's instance id
  std::int64_t now_unix = 0;  // wall clock, seconds
};

HttpResponse respond(const std::shared_ptr<const PublishedSite>& site, const HttpRequest& request,
                     const RespondOptions& options);

// True when `target` asks for the live-reload event stream.
bool is_reload_stream(std::string_view target);

// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") and back; parse returns -1
// on anything else.
std::string http_date(std::int64_t unix_seconds);
std::int64_t parse_http_date(std::string_view text);

}  // namespace bengal::server

#include "server/respond.h"

#include <cstdio>
#include <ctime>

#include "core/text.h"
#include "server/live_reload.h"

namespace bengal::server {

namespace {

constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kText = "text/plain; charset=utf-8";

void plain(HttpResponse& r, int status, std::string_view message) {
  r.status = status;
  r.content_type = kText;
  r.owned = std::string(message) + "\n";
  r.headers.emplace_back("Cache-Control", "no-store");
}

bool etag_matches(std::string_view header, std::string_view etag) {
  for (std::string_view item : split(header, ',')) {
    item = trim(item);
    if (item == "*") return true;
    if (starts_with(item, "W/"))
      item.remove_prefix(2);  // weak comparison, as RFC 9110 asks for GET
    if (item == etag) return true;
  }
  return false;
}

// A page with the live-reload tag (when on), for status `status`.
void page(HttpResponse& r, int status, const Asset& asset, std::uint64_t gen,
          const RespondOptions& options) {
  r.status = status;
  r.content_type = asset.mime.type;
  r.headers.emplace_back("Cache-Control", "no-store");
  if (options.live_reload) {
    r.owned = inject_at(*asset.bytes, asset.inject_at,
                        live_reload_tag(gen, options.instance, url_for_output(asset.path)));
  } else {
    r.shared = asset.bytes;
  }
}

void builtin_not_found(HttpResponse& r, const RequestTarget& target, std::uint64_t gen,
                       const RespondOptions& options) {
  r.status = 404;
  r.content_type = kHtml;
  r.headers.emplace_back("Cache-Control", "no-store");
  std::string& out = r.owned;
  out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Not "
      "found</title></head>\n<body>\n"
      "<h1>404 Not Found</h1>\n<p><code>/";
  append_html_escaped(out, target.path);
  out += "</code> is not part of this site (it has no 404.html either).</p>\n";
  if (options.live_reload) out += live_reload_tag(gen, options.instance, "/404.html");
  out += "</body>\n</html>\n";
}

}  // namespace

std::string_view HttpResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (to_lower_ascii(k) == to_lower_ascii(name)) return v;
  }
  return {};
}

bool is_reload_stream(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  return path == kReloadEventsPath;
}

std::string http_date(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

std::int64_t parse_http_date(std::string_view text) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // "Sun, 06 Nov 1994 08:49:37 GMT"
  if (text.size() != 29 || text.substr(3, 2) != ", " || text.substr(25) != " GMT") return -1;
  char month[4] = {};
  int day = 0, year = 0, h = 0, m = 0, s = 0;
  std::string copy(text);
  if (std::sscanf(copy.c_str() + 5, "%2d %3s %4d %2d:%2d:%2d", &day, month, &year, &h, &m, &s) != 6)
    return -1;
  int mon = -1;
  for (int i = 0; i < 12; ++i) {
    if (kMonths[i] == month) mon = i;
  }
  if (mon < 0 || day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return -1;
  struct tm tm = {};
  tm.tm_year = year - 1900;
  tm.tm_mon = mon;
  tm.tm_mday = day;
  tm.tm_hour = h;
  tm.tm_min = m;
  tm.tm_sec = s;
  return static_cast<std::int64_t>(timegm(&tm));
}

HttpResponse respond(const std::shared_ptr<const PublishedSite>& site, const HttpRequest& request,
                     const RespondOptions& options) {
  HttpResponse r;
  r.site = site;
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (request.method != "GET" && request.method != "HEAD") {
    plain(r, 405, "method not allowed");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  RequestTarget target = parse_request_target(request.target);
  if (target.verdict == TargetVerdict::kBadRequest) {
    plain(r, 400, "bad request");
    return r;
  }
  if (target.verdict == TargetVerdict::kForbidden) {
    plain(r, 403, "forbidden: the path leaves the site");
    return r;
  }
  std::uint64_t gen = site ? site->generation() : 0;
  if ("/" + target.path == kReloadScriptPath) {
    r.content_type = "text/javascript; charset=utf-8";
    r.headers.emplace_back("Cache-Control", "no-cache");
    r.owned = std::string(live_reload_script());
    return r;
  }
  if (!site) {
    plain(r, 503, "the first build has not finished yet");
    r.headers.emplace_back("Retry-After", "1");
    return r;
  }

  Lookup found = site->resolve(target);
  if (found.kind == Lookup::kRedirect) {
    r.status = 301;
    r.content_type = kText;
    r.headers.emplace_back("Location", found.location);
    r.headers.emplace_back("Cache-Control", "no-store");
    r.owned = "moved to " + found.location + "\n";
    return r;
  }
  if (found.kind == Lookup::kNotFound) {
    if (const Asset* custom = site->not_found_page()) {
      page(r, 404, *custom, gen, options);
    } else {
      builtin_not_found(r, target, gen, options);
    }
    return r;
  }

  const Asset& asset = *found.asset;
  if (asset.mime.kind == AssetKind::kPage) {
    page(r, 200, asset, gen, options);
    return r;
  }
  r.content_type = asset.mime.type;
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.headers.emplace_back("ETag", asset.etag);
  r.headers.emplace_back("Last-Modified", http_date(asset.modified_unix));
  bool not_modified = false;
  if (!request.if_none_match.empty()) {
    not_modified = etag_matches(request.if_none_match, asset.etag);
  } else if (!request.if_modified_since.empty()) {
    // Seconds are coarse: a file published in the current second may change
    // again within it, so its date only validates once that second is over.
    std::int64_t since = parse_http_date(request.if_modified_since);
    not_modified =
        since >= 0 && asset.modified_unix <= since && asset.modified_unix < options.now_unix;
  }
  if (not_modified) {
    r.status = 304;
    return r;
  }
  r.shared = asset.bytes;
  return r;
}

}  // namespace bengal::server

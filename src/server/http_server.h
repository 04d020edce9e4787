// HttpServer: puts respond() and the live-reload stream on a socket.
//
// Built on cpp-httplib (http_server_httplib.cc) with the settings measured
// in research/deps.md §8: TCP_NODELAY (without it every keep-alive response
// stalls ~40 ms), a worker pool sized for the reload streams on top of the
// request workers (each open stream holds a worker), SO_REUSEADDR but not
// SO_REUSEPORT (so a second server on the same port fails instead of
// silently sharing it), and no response compression (files are served from
// memory through a content provider, which also keeps each response's
// generation alive until it is written). Without cpp-httplib the server
// still builds (http_server_unavailable.cc) and bind() explains.
//
// Thread-safety: bind(), start() and stop() from the owning thread; requests
// run on the pool and only read the site through `site_source`.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "server/published_site.h"
#include "server/reload_hub.h"

namespace bengal::server {

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 0;                   // 0: any free port
  unsigned request_threads = 32;  // workers for ordinary requests (reload streams get their own)
  bool live_reload = true;
};

class HttpServer {
 public:
  using SiteSource = std::function<std::shared_ptr<const PublishedSite>()>;

  HttpServer(SiteSource site_source, ReloadHub& hub, HttpOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens. A port already in use fails with a Diagnostic whose
  // code is "port-in-use".
  Status bind();
  int port() const { return port_; }

  // Serves on a background thread until stop().
  void start();
  // Stops accepting, lets running responses finish, joins. Reload streams
  // end only when the hub stops: stop the hub first.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

// True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost).
bool is_loopback_host(std::string_view host);

// Binds (and closes) a probe socket on host:port with SO_REUSEADDR: 0 when
// the port is free, else the errno (EADDRINUSE: taken), or -1 when `host`
// does not resolve (then `resolve_error` says why).
int probe_bind(const std::string& host, int port, std::string* resolve_error = nullptr);

}  // namespace bengal::server

// HttpServer on cpp-httplib (Debian libcpp-httplib-dev 0.11).
#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <thread>

#include "server/http_server.h"
#include "server/live_reload.h"
#include "server/respond.h"

namespace bengal::server {

namespace {

std::uint64_t parse_u64(const std::string& s) {
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

}  // namespace

struct HttpServer::Impl {
  SiteSource site_source;
  ReloadHub& hub;
  HttpOptions options;
  httplib::Server svr;
  std::thread thread;

  Impl(SiteSource s, ReloadHub& h, HttpOptions o)
      : site_source(std::move(s)), hub(h), options(std::move(o)) {}

  void serve_stream(const httplib::Request& req, httplib::Response& res) {
    if (req.method != "GET") {
      res.status = 405;
      res.set_header("Allow", "GET");
      return;
    }
    auto client =
        hub.connect(parse_u64(req.get_param_value("since")), req.get_param_value("instance"));
    if (!client) {
      res.status = 503;
      res.set_header("Retry-After", "2");
      res.set_content("too many live-reload connections\n", "text/plain; charset=utf-8");
      return;
    }
    res.set_header("Cache-Control", "no-store");
    res.set_chunked_content_provider(
        "text/event-stream",
        [this, client](std::size_t, httplib::DataSink& sink) {
          std::string out;
          bool more = hub.next(*client, out);
          if (!out.empty() && !sink.write(out.data(), out.size()))
            return false;  // the tab went away
          return more;
        },
        [this, client](bool) { hub.disconnect(*client); });
  }

  void serve(const httplib::Request& req, httplib::Response& res) {
    if (is_reload_stream(req.target)) {
      serve_stream(req, res);
      return;
    }
    std::string inm = req.get_header_value("If-None-Match");
    std::string ims = req.get_header_value("If-Modified-Since");
    HttpRequest request{req.method, req.target, inm, ims};
    RespondOptions ro{options.live_reload, hub.instance(),
                      static_cast<std::int64_t>(std::time(nullptr))};
    auto r = std::make_shared<HttpResponse>(respond(site_source(), request, ro));
    res.status = r->status;
    for (const auto& [k, v] : r->headers) res.set_header(k, v);
    std::string_view body = r->body();
    if (r->status == 304) return;
    // A content provider with a known length is never compressed by httplib
    // (it would brotli at quality 11 otherwise) and holds the shared_ptr to
    // the site generation until the last byte is out.
    if (body.empty()) {
      res.set_header("Content-Type", r->content_type);
      return;
    }
    res.set_content_provider(body.size(), r->content_type,
                             [r](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                               std::string_view b = r->body();
                               return sink.write(b.data() + offset,
                                                 std::min(length, b.size() - offset));
                             });
  }
};

HttpServer::HttpServer(SiteSource site_source, ReloadHub& hub, HttpOptions options)
    : impl_(std::make_unique<Impl>(std::move(site_source), hub, std::move(options))) {}

HttpServer::~HttpServer() {
  stop();
}

Status HttpServer::bind() {
  Impl& m = *impl_;
  const std::string& host = m.options.host;
  std::string where = host + ":" + std::to_string(m.options.port);
  std::string resolve_error;
  int err = probe_bind(host, m.options.port, &resolve_error);
  if (err == EADDRINUSE) {
    Diagnostic d = make_error(
        {}, "port " + std::to_string(m.options.port) + " on " + host + " is already in use");
    d.code = "port-in-use";
    return d;
  }
  if (err == -1) {
    return make_error({}, "cannot bind to " + host + ": " + resolve_error,
                      "--bind takes an address of this machine, e.g. 127.0.0.1 or 0.0.0.0");
  }
  if (err != 0) return make_error({}, "cannot listen on " + where + ": " + std::strerror(err));

  unsigned threads = m.options.request_threads + (m.options.live_reload ? 64u : 0u);
  m.svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Replace httplib's default (SO_REUSEPORT), which would let two servers
  // share one port and split the requests between them.
  m.svr.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  m.svr.set_tcp_nodelay(true);
  m.svr.set_keep_alive_max_count(100000);
  m.svr.set_keep_alive_timeout(
      2);  // an idle keep-alive connection holds a worker; also bounds stop()
  m.svr.set_read_timeout(5, 0);
  m.svr.set_write_timeout(5, 0);
  m.svr.set_payload_max_length(1 << 20);
  m.svr.set_pre_routing_handler([&m](const httplib::Request& req, httplib::Response& res) {
    m.serve(req, res);
    return httplib::Server::HandlerResponse::Handled;
  });

  if (m.options.port == 0) {
    int port = m.svr.bind_to_any_port(host);
    if (port <= 0) return make_error({}, "cannot listen on " + host + ": no free port");
    port_ = port;
  } else {
    if (!m.svr.bind_to_port(host, m.options.port)) {
      Diagnostic d = make_error({}, "cannot listen on " + where + " (is another server using it?)");
      d.code = "port-in-use";
      return d;
    }
    port_ = m.options.port;
  }
  return Ok{};
}

void HttpServer::start() {
  Impl& m = *impl_;
  m.thread = std::thread([&m] { m.svr.listen_after_bind(); });
  // httplib's stop() does nothing until the listen loop runs; wait for it so
  // an early stop() cannot leave the loop running forever.
  for (int i = 0; i < 5000 && !m.svr.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void HttpServer::stop() {
  if (!impl_) return;
  impl_->svr.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace bengal::server

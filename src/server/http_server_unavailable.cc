// HttpServer when bengal is built without cpp-httplib: everything else of
// `bengal serve` still compiles, and bind() says what is missing.
#include "server/http_server.h"

namespace bengal::server {

struct HttpServer::Impl {};

HttpServer::HttpServer(SiteSource, ReloadHub&, HttpOptions) {}
HttpServer::~HttpServer() = default;

Status HttpServer::bind() {
  return make_error({}, "this bengal was built without an HTTP server",
                    "install libcpp-httplib-dev (scripts/deps.sh build) and rebuild");
}

void HttpServer::start() {}
void HttpServer::stop() {}

}  // namespace bengal::server

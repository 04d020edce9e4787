// A deliberately small HTTP/1.1 client for the server tests: raw sockets to
// 127.0.0.1, the request target sent byte for byte (so traversal attempts
// reach the server unaltered), every read bounded by a timeout.
//
// Thread-safety: functions are independent; an SseStream belongs to one thread.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bengal::testing {

struct HttpReply {
  int status = 0;                              // 0: no (complete) response
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string error;  // why status is 0

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// Sends one request (Connection: close) and reads the whole response.
HttpReply http_request(int port, const std::string& method, const std::string& target,
                       const std::vector<std::string>& extra_headers = {},
                       std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));
inline HttpReply http_get(int port, const std::string& target,
                          const std::vector<std::string>& extra_headers = {}) {
  return http_request(port, "GET", target, extra_headers);
}

// A socket listening on 127.0.0.1 at a port the kernel chose, as another
// server would hold it; closed on destruction.
class LoopbackListener {
 public:
  LoopbackListener();
  ~LoopbackListener();
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A port nothing listens on right now (the kernel's pick, released at once).
int free_port();

struct SseEvent {
  std::string name;  // "message" when the frame has no event: line
  std::string data;
};

// A Server-Sent Events stream, read incrementally.
class SseStream {
 public:
  SseStream(int port, const std::string& target);
  ~SseStream();
  SseStream(const SseStream&) = delete;
  SseStream& operator=(const SseStream&) = delete;

  int status() const { return status_; }  // HTTP status of the stream (0: failed)
  // The next event (pings are skipped), or nullopt on timeout or end of stream.
  std::optional<SseEvent> next(std::chrono::milliseconds timeout);
  // Reads events until one named `name` whose data contains `needle`.
  std::optional<SseEvent> wait_for(const std::string& name, const std::string& needle,
                                   std::chrono::milliseconds timeout);
  void close();

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  int status_ = 0;
  std::string raw_;      // bytes read, headers removed
  std::string decoded_;  // de-chunked body not yet parsed into events
  bool chunked_ = false;
};

}  // namespace bengal::testing

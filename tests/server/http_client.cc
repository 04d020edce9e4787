#include "http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace bengal::testing {

namespace {

using Clock = std::chrono::steady_clock;

int connect_local(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  int yes = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  return fd;
}

bool send_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads what is available before `deadline`; false on timeout, EOF or error.
bool read_some(int fd, std::string& into, Clock::time_point deadline) {
  auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return false;
  struct pollfd p = {fd, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(left)) <= 0) return false;
  char buf[16384];
  ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  if (n <= 0) return false;
  into.append(buf, static_cast<std::size_t>(n));
  return true;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Parses "HTTP/1.1 200 OK\r\nName: value\r\n...\r\n\r\n"; returns the header length.
std::size_t parse_head(const std::string& raw, int& status,
                       std::map<std::string, std::string>& headers) {
  std::size_t end = raw.find("\r\n\r\n");
  if (end == std::string::npos) return 0;
  std::size_t line_end = raw.find("\r\n");
  std::string status_line = raw.substr(0, line_end);
  std::size_t sp = status_line.find(' ');
  status = sp == std::string::npos ? 0 : std::atoi(status_line.c_str() + sp + 1);
  std::size_t pos = line_end + 2;
  while (pos < end) {
    std::size_t eol = raw.find("\r\n", pos);
    std::string line = raw.substr(pos, eol - pos);
    std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      headers[lower(line.substr(0, colon))] = value;
    }
    pos = eol + 2;
  }
  return end + 4;
}

// Moves complete chunks from `raw` to `out`; true once the last chunk arrived.
bool dechunk(std::string& raw, std::string& out) {
  while (true) {
    std::size_t eol = raw.find("\r\n");
    if (eol == std::string::npos) return false;
    std::size_t size = std::strtoul(raw.c_str(), nullptr, 16);
    if (raw.size() < eol + 2 + size + 2) return false;
    out.append(raw, eol + 2, size);
    raw.erase(0, eol + 2 + size + 2);
    if (size == 0) return true;
  }
}

}  // namespace

LoopbackListener::LoopbackListener() {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(fd_, 1) != 0)
    return;
  socklen_t len = sizeof addr;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
}

LoopbackListener::~LoopbackListener() {
  if (fd_ >= 0) ::close(fd_);
}

int free_port() {
  return LoopbackListener().port();
}

HttpReply http_request(int port, const std::string& method, const std::string& target,
                       const std::vector<std::string>& extra_headers,
                       std::chrono::milliseconds timeout) {
  HttpReply reply;
  int fd = connect_local(port);
  if (fd < 0) {
    reply.error = "connect failed";
    return reply;
  }
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                    "\r\nConnection: close\r\n";
  for (const std::string& h : extra_headers) req += h + "\r\n";
  req += "\r\n";
  auto deadline = Clock::now() + timeout;
  std::string raw;
  if (!send_all(fd, req)) reply.error = "send failed";
  while (reply.error.empty() && read_some(fd, raw, deadline)) {
  }
  ::close(fd);
  int status = 0;
  std::size_t head = parse_head(raw, status, reply.headers);
  if (head == 0) {
    if (reply.error.empty())
      reply.error = "no complete header (" + std::to_string(raw.size()) + " bytes)";
    return reply;
  }
  std::string rest = raw.substr(head);
  if (lower(reply.header("transfer-encoding")) == "chunked") {
    if (!dechunk(rest, reply.body)) {
      reply.error = "truncated chunked body";
      return reply;
    }
  } else if (!reply.header("content-length").empty()) {
    std::size_t len = std::stoul(reply.header("content-length"));
    if (method == "HEAD" || status == 304) len = 0;
    if (rest.size() < len) {
      reply.error = "truncated body: " + std::to_string(rest.size()) + " of " + std::to_string(len);
      return reply;
    }
    reply.body = rest.substr(0, len);
  } else {
    reply.body = rest;
  }
  reply.status = status;
  return reply;
}

SseStream::SseStream(int port, const std::string& target) {
  fd_ = connect_local(port);
  if (fd_ < 0) return;
  std::string req =
      "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
  if (!send_all(fd_, req)) return;
  auto deadline = Clock::now() + std::chrono::seconds(10);
  std::string head;
  while (head.find("\r\n\r\n") == std::string::npos) {
    if (!read_some(fd_, head, deadline)) return;
  }
  std::map<std::string, std::string> headers;
  std::size_t len = parse_head(head, status_, headers);
  chunked_ = lower(headers["transfer-encoding"]) == "chunked";
  raw_ = head.substr(len);
}

SseStream::~SseStream() {
  close();
}

void SseStream::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool SseStream::fill(Clock::time_point deadline) {
  if (fd_ < 0 || !read_some(fd_, raw_, deadline)) return false;
  return true;
}

std::optional<SseEvent> SseStream::next(std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (true) {
    if (chunked_) {
      dechunk(raw_, decoded_);
    } else {
      decoded_ += raw_;
      raw_.clear();
    }
    std::size_t end;
    while ((end = decoded_.find("\n\n")) != std::string::npos) {
      std::string frame = decoded_.substr(0, end);
      decoded_.erase(0, end + 2);
      SseEvent ev{"message", ""};
      bool has_data = false;
      std::size_t pos = 0;
      while (pos <= frame.size()) {
        std::size_t eol = frame.find('\n', pos);
        if (eol == std::string::npos) eol = frame.size();
        std::string line = frame.substr(pos, eol - pos);
        pos = eol + 1;
        if (line.rfind("event: ", 0) == 0) ev.name = line.substr(7);
        if (line.rfind("data: ", 0) == 0) {
          if (has_data) ev.data += "\n";
          ev.data += line.substr(6);
          has_data = true;
        }
      }
      if (has_data) return ev;  // comments (pings) and retry: lines carry no data
    }
    if (!fill(deadline)) return std::nullopt;
  }
}

std::optional<SseEvent> SseStream::wait_for(const std::string& name, const std::string& needle,
                                            std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    auto ev = next(left);
    if (!ev) return std::nullopt;
    if (ev->name == name && ev->data.find(needle) != std::string::npos) return ev;
  }
  return std::nullopt;
}

}  // namespace bengal::testing

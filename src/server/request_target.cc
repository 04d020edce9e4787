#include "server/request_target.h"

namespace bengal::server {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

RequestTarget parse_request_target(std::string_view target) {
  RequestTarget out;
  std::size_t q = target.find('?');
  if (q != std::string_view::npos) {
    out.query = std::string(target.substr(q + 1));
    target = target.substr(0, q);
  }
  std::size_t hash = target.find('#');  // clients should not send fragments; drop them if they do
  if (hash != std::string_view::npos) target = target.substr(0, hash);
  if (target.empty() || target.front() != '/') return out;

  std::string decoded;
  decoded.reserve(target.size());
  for (std::size_t i = 0; i < target.size(); ++i) {
    char c = target[i];
    if (c == '%') {
      int hi = i + 2 < target.size() ? hex_value(target[i + 1]) : -1;
      int lo = hi >= 0 ? hex_value(target[i + 2]) : -1;
      if (lo < 0) return out;
      decoded += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      decoded += c;
    }
  }

  out.verdict = TargetVerdict::kForbidden;
  std::string path;
  std::size_t start = 0;
  while (start <= decoded.size()) {
    std::size_t end = decoded.find('/', start);
    if (end == std::string::npos) end = decoded.size();
    std::string_view seg(decoded.data() + start, end - start);
    start = end + 1;
    if (seg.empty()) continue;
    if (seg == "." || seg == "..") return out;
    for (char c : seg) {
      if (c == '\0' || c == '\\') return out;
    }
    if (!path.empty()) path += '/';
    path += seg;
  }
  out.trailing_slash = decoded.back() == '/';
  out.path = std::move(path);
  out.verdict = TargetVerdict::kOk;
  return out;
}

}  // namespace bengal::server

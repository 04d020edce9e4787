// From an HTTP request target to a path inside the published output.
//
// The target is taken raw ("/a%20b/?x=1"), split from its query,
// percent-decoded once and checked segment by segment. Anything that could
// name a file outside the output is refused before a lookup happens:
// "." or ".." segments (also when percent-encoded, "%2e%2e", or hidden in an
// encoded slash, "..%2f"), NUL bytes, backslashes, malformed escapes and
// targets that do not start with '/' (absolute-form URLs, "*"). Empty
// segments ("//") collapse, so "//etc/passwd" can only ever mean the output
// file "etc/passwd".
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace bengal::server {

enum class TargetVerdict : unsigned char {
  kOk,
  kBadRequest,  // malformed: bad escape, not origin-form
  kForbidden    // well-formed but tries to leave the output (dot segments, NUL, '\')
};

struct RequestTarget {
  TargetVerdict verdict = TargetVerdict::kBadRequest;
  std::string path;             // decoded, relative to the output root, no leading '/': "blog/a"
  bool trailing_slash = false;  // the request named a folder ("/blog/")
  std::string query;            // raw, without '?', kept for redirects
};

RequestTarget parse_request_target(std::string_view target);

}  // namespace bengal::server

#include "server/request_target.h"

#include <gtest/gtest.h>

namespace bengal::server {
namespace {

TEST(RequestTarget, DecodesPercentEscapesAndSplitsTheQuery) {
  RequestTarget t = parse_request_target("/a%20b/c.html?x=1&y=%2F");
  ASSERT_EQ(t.verdict, TargetVerdict::kOk);
  EXPECT_EQ(t.path, "a b/c.html");
  EXPECT_FALSE(t.trailing_slash);
  EXPECT_EQ(t.query, "x=1&y=%2F");
}

TEST(RequestTarget, RootAndFoldersKeepTheirTrailingSlash) {
  RequestTarget root = parse_request_target("/");
  ASSERT_EQ(root.verdict, TargetVerdict::kOk);
  EXPECT_EQ(root.path, "");
  EXPECT_TRUE(root.trailing_slash);
  RequestTarget dir = parse_request_target("/blog/post/");
  EXPECT_EQ(dir.path, "blog/post");
  EXPECT_TRUE(dir.trailing_slash);
}

TEST(RequestTarget, EmptySegmentsCollapseSoAbsolutePathsStayInside) {
  RequestTarget t = parse_request_target("//etc//passwd");
  ASSERT_EQ(t.verdict, TargetVerdict::kOk);
  EXPECT_EQ(t.path, "etc/passwd");
}

TEST(RequestTarget, DotSegmentsAreForbiddenInEveryEncoding) {
  for (const char* target : {"/../etc/passwd", "/a/../../etc/passwd", "/%2e%2e/etc/passwd",
                             "/%2E%2E/x", "/..%2f..%2fetc/passwd", "/a/%2e%2e%2f%2e%2e%2fetc",
                             "/./a", "/a/.", "/a/..", "/a%2f..%2f..%2fb"}) {
    EXPECT_EQ(parse_request_target(target).verdict, TargetVerdict::kForbidden) << target;
  }
}

TEST(RequestTarget, NulAndBackslashAreForbidden) {
  EXPECT_EQ(parse_request_target("/a%00.html").verdict, TargetVerdict::kForbidden);
  EXPECT_EQ(parse_request_target("/..%5c..%5cwindows").verdict, TargetVerdict::kForbidden);
  EXPECT_EQ(parse_request_target("/a\\b").verdict, TargetVerdict::kForbidden);
}

TEST(RequestTarget, MalformedTargetsAreBadRequests) {
  for (const char* target :
       {"", "*", "etc/passwd", "http://evil.test/etc/passwd", "/a%2", "/a%zz", "/%"}) {
    EXPECT_EQ(parse_request_target(target).verdict, TargetVerdict::kBadRequest) << target;
  }
}

TEST(RequestTarget, DotsInsideNamesAreFine) {
  RequestTarget t = parse_request_target("/a..b/.well-known/x...y");
  ASSERT_EQ(t.verdict, TargetVerdict::kOk);
  EXPECT_EQ(t.path, "a..b/.well-known/x...y");
}

}  // namespace
}  // namespace bengal::server

#include "server/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace bengal::server {
namespace {

TEST(Loopback, OnlyAddressesOfThisMachine) {
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("127.1.2.3"));
  EXPECT_TRUE(is_loopback_host("localhost"));
  EXPECT_TRUE(is_loopback_host("::1"));
  EXPECT_FALSE(is_loopback_host("0.0.0.0"));
  EXPECT_FALSE(is_loopback_host("::"));
  EXPECT_FALSE(is_loopback_host("192.168.1.10"));
  EXPECT_FALSE(is_loopback_host("1270.0.0.1"));
}

TEST(ProbeBind, TellsATakenPortFromAFreeOneAndABadHost) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(fd, 1), 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  EXPECT_EQ(probe_bind("127.0.0.1", port), EADDRINUSE);
  ::close(fd);
  EXPECT_EQ(probe_bind("127.0.0.1", 0), 0);
  std::string why;
  EXPECT_EQ(probe_bind("no-such-host.invalid", 0, &why), -1);
  EXPECT_FALSE(why.empty());
}

}  // namespace
}  // namespace bengal::server

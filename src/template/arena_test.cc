#include "template/arena.h"

#include <gtest/gtest.h>

#include "template/out_buffer.h"

namespace bengal::tmpl {
namespace {

TEST(Arena, ResetReusesChunksWithoutGrowing) {
  Arena a(1024);
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 1000; ++i) ASSERT_NE(a.allocate(40, 8), nullptr);
    a.reset();
  }
  std::size_t reserved = a.reserved();
  for (int i = 0; i < 1000; ++i) ASSERT_NE(a.allocate(40, 8), nullptr);
  EXPECT_EQ(a.reserved(), reserved);
}

TEST(Arena, AlignsAndCopies) {
  Arena a;
  a.allocate(1, 1);
  auto* p = a.allocate(8, 8);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 8, 0u);
  std::string_view s = a.copy("hello");
  EXPECT_EQ(s, "hello");
  EXPECT_TRUE(a.copy("").empty());
}

TEST(Arena, LimitMakesAllocationFail) {
  Arena a(1024);
  a.set_limit(4096);
  EXPECT_NE(a.allocate(1000, 8), nullptr);
  EXPECT_EQ(a.allocate(10000, 8), nullptr);
}

TEST(OutBuffer, AppendsEverySizeAndKeepsCapacity) {
  OutBuffer b;
  std::string want;
  for (std::size_t n = 0; n < 70; ++n) {
    std::string piece(n, static_cast<char>('a' + n % 26));
    b.append(piece);
    want += piece;
  }
  b.push_back('!');
  want += '!';
  EXPECT_EQ(b.view(), want);
  b.clear();
  EXPECT_TRUE(b.empty());
  b += "x";
  EXPECT_EQ(b.view(), "x");
}

}  // namespace
}  // namespace bengal::tmpl

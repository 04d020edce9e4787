#include "core/hash.h"

#include <gtest/gtest.h>

namespace bengal {
namespace {

TEST(Hash, DifferentInputsDifferAndEqualInputsAgree) {
  EXPECT_EQ(hash_bytes("abc"), hash_bytes("abc"));
  EXPECT_NE(hash_bytes("abc"), hash_bytes("abd"));
  EXPECT_EQ(hash_bytes("").hex().size(), 32u);
}

TEST(Hasher, FieldsAreLengthPrefixed) {
  Hasher a, b;
  a.add("ab").add("c");
  b.add("a").add("bc");
  EXPECT_NE(a.digest(), b.digest());
  Hasher c;
  c.add("ab").add("c");
  EXPECT_EQ(a.digest(), c.digest());
}

TEST(Hasher, LongInputsThatSpillGiveTheSameDigestAsOneShot) {
  std::string big(5000, 'x');
  Hasher a;
  a.add(std::uint64_t{7}).add(big).add(std::uint64_t{9});
  std::string flat;
  std::uint64_t seven = 7, len = big.size(), nine = 9;
  flat.append(reinterpret_cast<const char*>(&seven), 8);
  flat.append(reinterpret_cast<const char*>(&len), 8);
  flat += big;
  flat.append(reinterpret_cast<const char*>(&nine), 8);
  EXPECT_EQ(a.digest(), hash_bytes(flat));
  EXPECT_EQ(a.digest(), a.digest());  // digest does not consume the state
}

}  // namespace
}  // namespace bengal

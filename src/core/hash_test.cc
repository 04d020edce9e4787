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

}  // namespace
}  // namespace bengal

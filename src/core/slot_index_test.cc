#include "core/slot_index.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "core/hash.h"

namespace bengal {
namespace {

// Keys are plain integers here; the index finds each by its hash.
std::uint32_t find(const SlotIndex& index, const std::vector<std::uint64_t>& keys, std::uint64_t key,
                   std::uint32_t hash) {
  return index.find(hash, [&](std::uint32_t i) { return keys[i] == key; });
}

TEST(SlotIndex, AssignFindsEveryItemAsInsertWould) {
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{31}, std::size_t{1000}, std::size_t{70000}}) {
    std::vector<std::uint64_t> keys(n);
    std::vector<std::uint32_t> hashes(n);
    for (std::size_t i = 0; i < n; ++i) {
      keys[i] = i * 7919 + 3;
      hashes[i] = static_cast<std::uint32_t>(mix64(keys[i]));
    }
    SlotIndex bulk;
    ASSERT_TRUE(bulk.assign(hashes, [&](std::uint32_t a, std::uint32_t b) { return keys[a] == keys[b]; }));
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(find(bulk, keys, keys[i], hashes[i]), i) << n;
    EXPECT_EQ(find(bulk, keys, 2, static_cast<std::uint32_t>(mix64(2))), SlotIndex::kNone);
    // It keeps working as an ordinary index afterwards.
    keys.push_back(1);
    hashes.push_back(static_cast<std::uint32_t>(mix64(1)));
    bulk.insert(hashes.back(), static_cast<std::uint32_t>(n));
    EXPECT_EQ(find(bulk, keys, 1, hashes.back()), n);
  }
}

// Many items whose home is the last slot run past the end of the table and
// wrap around to the front, where other items already sit.
TEST(SlotIndex, AssignWrapsItemsPastTheEnd) {
  const std::size_t n = 20;
  std::vector<std::uint64_t> keys(n);
  std::vector<std::uint32_t> hashes(n);
  for (std::size_t i = 0; i < n; ++i) {
    keys[i] = i;
    hashes[i] = i < 10 ? 63 : static_cast<std::uint32_t>(i % 3);  // 64 slots: 63 is the last
  }
  SlotIndex index;
  ASSERT_TRUE(index.assign(hashes, [&](std::uint32_t a, std::uint32_t b) { return keys[a] == keys[b]; }));
  for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(find(index, keys, keys[i], hashes[i]), i);
}

TEST(SlotIndex, AssignRefusesARepeatedKey) {
  std::vector<std::uint64_t> keys = {5, 9, 5};
  std::vector<std::uint32_t> hashes = {1, 2, 1};
  SlotIndex index;
  EXPECT_FALSE(index.assign(hashes, [&](std::uint32_t a, std::uint32_t b) { return keys[a] == keys[b]; }));
  EXPECT_EQ(find(index, keys, 9, 2), SlotIndex::kNone);
  // Equal hashes of different keys are not repeats.
  keys = {5, 6, 7};
  hashes = {4, 4, 4};
  ASSERT_TRUE(index.assign(hashes, [&](std::uint32_t a, std::uint32_t b) { return keys[a] == keys[b]; }));
  EXPECT_EQ(find(index, keys, 7, 4), 2u);
}

}  // namespace
}  // namespace bengal

// SlotIndex: the lookup structure behind StringTable, FactTable and each
// worker's FactRecorder. An open-addressing hash set of indices into the
// owner's own array (strings, facts, reads), found by a 32-bit hash and
// confirmed by the owner's equality test.
// One probe is usually one cache miss; a node-based std::unordered_map costs
// two or three and an allocation per insert, and fact tables hold 150,000
// entries at 10,000 pages, built on every cache load.
//
// Invariant: at most half the slots are used; the index never stores keys,
// so the owner's array is the single copy.
//
// Thread-safety: none for inserts; const lookups may run concurrently.
#pragma once

#include <cstdint>
#include <algorithm>
#include <utility>
#include <vector>

namespace bengal {

class SlotIndex {
 public:
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};

  // The index whose item `eq` accepts, or kNone.
  template <typename Eq>
  std::uint32_t find(std::uint32_t hash, Eq eq) const {
    if (slots_.empty()) return kNone;
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.index == kNone) return kNone;
      if (s.hash == hash && eq(s.index)) return s.index;
    }
  }

  // Records `index` (not present yet) under `hash`.
  void insert(std::uint32_t hash, std::uint32_t index) {
    if (2 * (used_ + 1) > slots_.size()) grow();
    place(Slot{index, hash});
    ++used_;
  }

  void reserve(std::size_t n) {
    std::size_t size = slots_.empty() ? 64 : slots_.size();
    while (2 * n > size) size *= 2;
    if (size != slots_.size()) rehash(size);
  }

  // Replaces the index with items 0..n-1, item i under hashes[i]; false
  // (and an empty index) if `same(a, b)` holds for two of them. Items are
  // placed in the order of their home slots, so the table is written front
  // to back rather than at random: a cache load indexes 150,000 facts.
  template <typename Same>
  bool assign(const std::vector<std::uint32_t>& hashes, Same same) {
    const std::size_t n = hashes.size();
    std::size_t size = 64;
    while (2 * n > size) size *= 2;
    slots_.assign(size, Slot{});
    used_ = 0;
    const std::size_t mask = size - 1;
    // Items by home slot: a radix sort of (home, item) pairs, 11 bits a
    // pass, whose scattered writes go to at most 2048 places at a time
    // (a counting sort over every slot would write all over a table-sized
    // array: one cache miss per item, the cost this avoids).
    std::vector<std::uint64_t> items(n), spare(n);
    for (std::uint32_t i = 0; i < n; ++i) items[i] = (std::uint64_t{hashes[i] & mask} << 32) | i;
    constexpr unsigned kBits = 11;
    std::vector<std::uint32_t> count(std::size_t{1} << kBits);
    for (unsigned shift = 32; (std::uint64_t{1} << (shift - 32)) < size; shift += kBits) {
      std::fill(count.begin(), count.end(), 0);
      for (std::uint64_t it : items) ++count[(it >> shift) & ((1u << kBits) - 1)];
      std::uint32_t sum = 0;
      for (std::uint32_t& c : count) sum += std::exchange(c, sum);
      for (std::uint64_t it : items) spare[count[(it >> shift) & ((1u << kBits) - 1)]++] = it;
      items.swap(spare);
    }
    std::vector<Slot> wrapped;  // past the end: placed from the front afterwards
    std::size_t next = 0;       // first slot not yet taken by the front-to-back pass
    for (std::size_t a = 0; a < n; ++a) {
      const std::size_t home = static_cast<std::size_t>(items[a] >> 32);
      const auto item = static_cast<std::uint32_t>(items[a]);
      // A repeated key has the same hash, hence the same home slot: it sits
      // just before this item.
      for (std::size_t b = a; b > 0 && (items[b - 1] >> 32) == home; --b) {
        const auto other = static_cast<std::uint32_t>(items[b - 1]);
        if (hashes[other] == hashes[item] && same(item, other)) {
          slots_.assign(slots_.size(), Slot{});
          return false;
        }
      }
      const std::size_t pos = std::max(home, next);
      if (pos < size) {
        slots_[pos] = Slot{item, hashes[item]};
        next = pos + 1;
      } else {
        wrapped.push_back(Slot{item, hashes[item]});
      }
    }
    for (const Slot& s : wrapped) place(s);
    used_ = n;
    return true;
  }

 private:
  struct Slot {
    std::uint32_t index = kNone;
    std::uint32_t hash = 0;
  };
  void place(Slot s) {
    std::size_t mask = slots_.size() - 1;
    std::size_t i = s.hash & mask;
    while (slots_[i].index != kNone) i = (i + 1) & mask;
    slots_[i] = s;
  }
  void grow() { rehash(slots_.empty() ? 64 : slots_.size() * 2); }
  void rehash(std::size_t size) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(size, Slot{});
    for (const Slot& s : old) {
      if (s.index != kNone) place(s);
    }
  }

  std::vector<Slot> slots_;  // size is zero or a power of two
  std::size_t used_ = 0;
};

}  // namespace bengal

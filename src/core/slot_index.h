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
    while (2 * n > slots_.size()) grow();
  }

  // Replaces the index with items 0..n-1, item i under hashes[i]; false
  // (and an empty index) if `same(a, b)` holds for two of them. Items are
  // placed in the order of their home slots, so the table is written front
  // to back rather than at random: a cache load indexes 150,000 facts.
  template <typename Same>
  bool assign(const std::vector<std::uint32_t>& hashes, Same same) {
    const std::size_t n = hashes.size();
    slots_.clear();
    used_ = 0;
    reserve(n);
    if (slots_.empty()) slots_.assign(64, Slot{});
    const std::size_t size = slots_.size(), mask = size - 1;
    // Items by home slot (a counting sort: stable, two sequential passes).
    std::vector<std::uint32_t> start(size + 1, 0), order(n);
    for (std::uint32_t h : hashes) ++start[(h & mask) + 1];
    for (std::size_t i = 0; i < size; ++i) start[i + 1] += start[i];
    {
      std::vector<std::uint32_t> at(start.begin(), start.end() - 1);
      for (std::uint32_t i = 0; i < n; ++i) order[at[hashes[i] & mask]++] = i;
    }
    std::vector<Slot> wrapped;  // past the end: placed from the front afterwards
    std::size_t next = 0;       // first slot not yet taken by the front-to-back pass
    for (std::size_t home = 0; home < size; ++home) {
      // A repeated key has the same hash, hence the same home slot.
      for (std::uint32_t a = start[home]; a < start[home + 1]; ++a) {
        for (std::uint32_t b = start[home]; b < a; ++b) {
          if (hashes[order[a]] == hashes[order[b]] && same(order[a], order[b])) {
            slots_.assign(slots_.size(), Slot{});
            return false;
          }
        }
        const std::size_t pos = std::max(home, next);
        if (pos < size) {
          slots_[pos] = Slot{order[a], hashes[order[a]]};
          next = pos + 1;
        } else {
          wrapped.push_back(Slot{order[a], hashes[order[a]]});
        }
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
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    for (const Slot& s : old) {
      if (s.index != kNone) place(s);
    }
  }

  std::vector<Slot> slots_;  // size is zero or a power of two
  std::size_t used_ = 0;
};

}  // namespace bengal

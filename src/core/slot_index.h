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

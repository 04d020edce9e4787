// Content hashing: XXH3-128 over bytes, used for provenance and change checks.
//
// Hash128 is a value; Hasher streams several fields into one digest (each
// field is length-prefixed so ("ab","c") and ("a","bc") differ).
// Thread-safety: free functions are pure; a Hasher is owned by one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bengal {

struct Hash128 {
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;

  bool operator==(const Hash128&) const = default;
  auto operator<=>(const Hash128&) const = default;
  bool is_zero() const { return lo == 0 && hi == 0; }
  std::string hex() const;                  // 32 lowercase hex digits
  std::string short_hex(int digits) const;  // first `digits` hex digits
};

Hash128 hash_bytes(std::string_view bytes);
// A 32-bit hash of a string, for open-addressing tables (SlotIndex).
std::uint32_t hash32(std::string_view bytes);

// Most digests cover a few short fields, so bytes collect in an inline
// buffer and are hashed in one shot; only long inputs spill into XXH3's
// streaming state. Both paths give the same digest as hashing the
// concatenated bytes.
class Hasher {
 public:
  Hasher() = default;
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  Hasher& add(std::string_view bytes);  // length-prefixed
  Hasher& add(std::uint64_t v);
  Hasher& add(const Hash128& h);
  Hash128 digest() const;

 private:
  void append(const void* data, std::size_t n);

  static constexpr std::size_t kInline = 512;
  unsigned char buf_[kInline];
  std::size_t used_ = 0;
  void* state_ = nullptr;  // XXH3_state_t once the input outgrows buf_
};

// A 64-bit finalizer (MurmurHash3's fmix64): spreads every input bit over
// the result, for open-addressing tables keyed by ids and addresses.
inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDull;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ull;
  x ^= x >> 33;
  return x;
}

struct Hash128Hasher {
  std::size_t operator()(const Hash128& h) const { return static_cast<std::size_t>(h.lo); }
};

}  // namespace bengal

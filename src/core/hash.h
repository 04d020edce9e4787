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

class Hasher {
 public:
  Hasher();
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  Hasher& add(std::string_view bytes);  // length-prefixed
  Hasher& add(std::uint64_t v);
  Hasher& add(const Hash128& h);
  Hash128 digest() const;

 private:
  void* state_;  // XXH3_state_t, kept opaque so xxhash.h stays out of headers
};

struct Hash128Hasher {
  std::size_t operator()(const Hash128& h) const { return static_cast<std::size_t>(h.lo); }
};

}  // namespace bengal

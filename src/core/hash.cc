#include "core/hash.h"

// The dispatch header selects AVX2/AVX-512 at run time: about 10 GB/s against
// 6 GB/s for the SSE2 default (research/deps.md).
#include <xxh_x86dispatch.h>
#include <xxhash.h>

namespace bengal {

namespace {
constexpr char kHex[] = "0123456789abcdef";

void append_hex64(std::string& out, std::uint64_t v) {
  for (int shift = 60; shift >= 0; shift -= 4) out += kHex[(v >> shift) & 0xF];
}
}  // namespace

std::string Hash128::hex() const {
  std::string out;
  out.reserve(32);
  append_hex64(out, hi);
  append_hex64(out, lo);
  return out;
}

std::string Hash128::short_hex(int digits) const { return hex().substr(0, digits); }

Hash128 hash_bytes(std::string_view bytes) {
  XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  return Hash128{h.low64, h.high64};
}

Hasher::Hasher() : state_(XXH3_createState()) { XXH3_128bits_reset(static_cast<XXH3_state_t*>(state_)); }

Hasher::~Hasher() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }

Hasher& Hasher::add(std::string_view bytes) {
  add(static_cast<std::uint64_t>(bytes.size()));
  XXH3_128bits_update(static_cast<XXH3_state_t*>(state_), bytes.data(), bytes.size());
  return *this;
}

Hasher& Hasher::add(std::uint64_t v) {
  XXH3_128bits_update(static_cast<XXH3_state_t*>(state_), &v, sizeof v);
  return *this;
}

Hasher& Hasher::add(const Hash128& h) {
  add(h.lo);
  return add(h.hi);
}

Hash128 Hasher::digest() const {
  XXH128_hash_t h = XXH3_128bits_digest(static_cast<XXH3_state_t*>(state_));
  return Hash128{h.low64, h.high64};
}

}  // namespace bengal

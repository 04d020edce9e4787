#include "incremental/serial.h"

#include <cstring>

namespace bengal::incremental {

void Writer::u64(std::uint64_t v) {
  while (v >= 0x80) {
    out_ += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out_ += static_cast<char>(v);
}

void Writer::str(std::string_view s) {
  u64(s.size());
  out_.append(s);
}

void Writer::hash(const Hash128& h) {
  char buf[16];
  std::memcpy(buf, &h.lo, 8);
  std::memcpy(buf + 8, &h.hi, 8);
  out_.append(buf, 16);
}

std::uint64_t Reader::u64() {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= in_.size()) {
      failed_ = true;
      return 0;
    }
    auto byte = static_cast<unsigned char>(in_[pos_++]);
    v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return v;
  }
  failed_ = true;
  return 0;
}

std::string_view Reader::str() {
  std::uint64_t n = u64();
  if (failed_ || n > in_.size() - pos_) {
    failed_ = true;
    return {};
  }
  std::string_view s = in_.substr(pos_, n);
  pos_ += n;
  return s;
}

Hash128 Reader::hash() {
  if (in_.size() - pos_ < 16) {
    failed_ = true;
    return {};
  }
  Hash128 h;
  std::memcpy(&h.lo, in_.data() + pos_, 8);
  std::memcpy(&h.hi, in_.data() + pos_ + 8, 8);
  pos_ += 16;
  return h;
}

}  // namespace bengal::incremental

// Byte-level encoding for the build cache: little-endian varints,
// length-prefixed strings and 128-bit hashes. The reader never reads past
// its buffer; any malformed input sets failed() and returns zeros, so a
// corrupt cache can only ever mean "no cache", never a crash.
//
// Thread-safety: each Writer/Reader is owned by one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/data.h"
#include "core/diagnostic.h"
#include "core/hash.h"

namespace bengal::incremental {

class Writer {
 public:
  // Most values (ids, lengths, counts) are below 128: one byte, inline.
  void u64(std::uint64_t v) {
    if (v < 0x80) {
      out_.push_back(static_cast<char>(v));
      return;
    }
    u64_long(v);
  }
  void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
  void str(std::string_view s);
  void hash(const Hash128& h);
  // A list of small integers (fact ids, page ids): the count, then each.
  void ids(const std::vector<std::uint32_t>& ids);
  // A list of strings: the count, then each.
  void strings(const std::vector<std::string>& list);
  void data(const Data& d);
  void diagnostic(const Diagnostic& d);
  const std::string& bytes() const { return out_; }
  std::string& bytes() { return out_; }

 private:
  void u64_long(std::uint64_t v);
  std::string out_;
};

// Files written with Writer (the build cache, the build memo, the frame
// store) share one envelope: a magic string, a varint format version, the
// payload, then the XXH3-128 of the payload (the build cache's own checksum
// combines its parts' hashes instead). begin_envelope() writes the head and
// returns where the payload starts; end_envelope() appends the payload's
// checksum. open_envelope() checks all three and views the payload;
// anything but kOk means the file must be ignored.
std::size_t begin_envelope(Writer& w, std::string_view magic, std::uint64_t version);
void end_envelope(Writer& w, std::size_t payload_at);
enum class Envelope : std::uint8_t { kOk, kForeign, kOtherVersion, kDamaged };
Envelope open_envelope(std::string_view bytes, std::string_view magic, std::uint64_t version,
                       std::string_view& payload);
// open_envelope() without hashing the payload: views it and the checksum
// recorded after it, so a large payload can be hashed while it is decoded.
// kOk here says nothing about the payload; the caller must compare
// hash_bytes(payload) with `checksum` before trusting what it decoded.
Envelope open_envelope_unchecked(std::string_view bytes, std::string_view magic,
                                 std::uint64_t version, std::string_view& payload,
                                 Hash128& checksum);

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::uint64_t u64() {
    if (pos_ < in_.size() && static_cast<unsigned char>(in_[pos_]) < 0x80) {
      return static_cast<unsigned char>(in_[pos_++]);
    }
    return u64_long();
  }
  std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
  std::string_view str();
  // The next `n` raw bytes (a block of fixed-size values); empty and failed
  // when fewer remain.
  std::string_view bytes(std::size_t n) {
    if (n > in_.size() - pos_) {
      failed_ = true;
      return {};
    }
    pos_ += n;
    return in_.substr(pos_ - n, n);
  }
  Hash128 hash();
  // What Writer::ids() wrote; fails (and returns nothing) when the count or
  // an id is not below `limit`, or the count exceeds the bytes left.
  std::vector<std::uint32_t> ids(std::uint64_t limit);
  // What Writer::strings() wrote; fails when the count exceeds the bytes left.
  std::vector<std::string> strings();
  Data data(int depth = 0);
  Diagnostic diagnostic();
  bool failed() const { return failed_; }
  void fail() { failed_ = true; }
  bool at_end() const { return pos_ == in_.size(); }
  std::size_t remaining() const { return in_.size() - pos_; }
  // The bytes read since position `from` (a position() taken earlier).
  std::size_t position() const { return pos_; }
  std::string_view since(std::size_t from) const { return in_.substr(from, pos_ - from); }

 private:
  std::uint64_t u64_long();
  std::string_view in_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace bengal::incremental

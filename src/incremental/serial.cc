#include "incremental/serial.h"

#include <cstring>

namespace bengal::incremental {

void Writer::u64_long(std::uint64_t v) {
  char buf[10];
  std::size_t n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out_.append(buf, n);
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

void Writer::ids(const std::vector<std::uint32_t>& ids) {
  u64(ids.size());
  for (std::uint32_t id : ids) u64(id);
}

void Writer::strings(const std::vector<std::string>& list) {
  u64(list.size());
  for (const std::string& s : list) str(s);
}

std::vector<std::string> Reader::strings() {
  const std::uint64_t n = u64();
  if (failed_ || n > in_.size() - pos_) {  // a string takes at least a byte
    failed_ = true;
    return {};
  }
  std::vector<std::string> out(n);
  for (std::string& s : out) s = str();
  return out;
}

std::size_t begin_envelope(Writer& w, std::string_view magic, std::uint64_t version) {
  w.bytes().append(magic);
  w.u64(version);
  return w.bytes().size();
}

void end_envelope(Writer& w, std::size_t payload_at) {
  w.hash(hash_bytes(std::string_view(w.bytes()).substr(payload_at)));
}

std::vector<std::uint32_t> Reader::ids(std::uint64_t limit) {
  const std::uint64_t n = u64();
  if (failed_ || n > limit || n > in_.size() - pos_) {  // a corrupt count would otherwise allocate wildly
    failed_ = true;
    return {};
  }
  std::vector<std::uint32_t> out;
  out.reserve(n);
  for (std::uint64_t i = 0; i < n && !failed_; ++i) {
    const std::uint64_t id = u64();
    if (id >= limit) {
      failed_ = true;
      return {};
    }
    out.push_back(static_cast<std::uint32_t>(id));
  }
  return out;
}

std::uint64_t Reader::u64_long() {
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

void Writer::data(const Data& d) {
  u64(static_cast<std::uint64_t>(d.kind()));
  switch (d.kind()) {
    case Data::Kind::kNull: break;
    case Data::Kind::kBool: u64(d.as_bool() ? 1 : 0); break;
    case Data::Kind::kInt: i64(d.as_int()); break;
    case Data::Kind::kFloat: {
      double v = d.as_double();
      std::uint64_t bits;
      std::memcpy(&bits, &v, sizeof bits);
      u64(bits);
      break;
    }
    case Data::Kind::kString: str(d.as_string()); break;
    case Data::Kind::kArray:
      u64(d.size());
      for (const Data& item : d.items()) data(item);
      break;
    case Data::Kind::kObject:
      u64(d.size());
      for (std::size_t i = 0; i < d.size(); ++i) {
        str(d.keys()[i]);
        data(d.items()[i]);
      }
      break;
  }
}

Data Reader::data(int depth) {
  constexpr int kMaxDepth = 200;
  std::uint64_t kind = u64();
  if (failed_ || depth > kMaxDepth) {
    failed_ = true;
    return {};
  }
  switch (static_cast<Data::Kind>(kind)) {
    case Data::Kind::kNull: return {};
    case Data::Kind::kBool: return Data::boolean(u64() != 0);
    case Data::Kind::kInt: return Data::integer(i64());
    case Data::Kind::kFloat: {
      std::uint64_t bits = u64();
      double v;
      std::memcpy(&v, &bits, sizeof v);
      return Data::number(v);
    }
    case Data::Kind::kString: return Data::string(std::string(str()));
    case Data::Kind::kArray: {
      Data a = Data::array();
      std::uint64_t n = u64();
      for (std::uint64_t i = 0; i < n && !failed_; ++i) a.push_back(data(depth + 1));
      return a;
    }
    case Data::Kind::kObject: {
      Data o = Data::object();
      std::uint64_t n = u64();
      for (std::uint64_t i = 0; i < n && !failed_; ++i) {
        std::string key(str());
        o.set(std::move(key), data(depth + 1));
      }
      return o;
    }
  }
  failed_ = true;
  return {};
}

void Writer::diagnostic(const Diagnostic& d) {
  u64(d.is_error() ? 1 : 0);
  str(d.location.file);
  i64(d.location.line);
  i64(d.location.column);
  str(d.message);
  str(d.hint);
  str(d.excerpt);
  str(d.code);
}

Diagnostic Reader::diagnostic() {
  Diagnostic d;
  d.severity = u64() != 0 ? Severity::kError : Severity::kWarning;
  d.location.file = std::string(str());
  d.location.line = static_cast<int>(i64());
  d.location.column = static_cast<int>(i64());
  d.message = std::string(str());
  d.hint = std::string(str());
  d.excerpt = std::string(str());
  d.code = std::string(str());
  return d;
}

Envelope open_envelope_unchecked(std::string_view bytes, std::string_view magic,
                                 std::uint64_t version, std::string_view& payload,
                                 Hash128& checksum) {
  constexpr std::size_t kChecksumSize = 16;
  if (bytes.substr(0, magic.size()) != magic) return Envelope::kForeign;
  Reader file(bytes.substr(magic.size()));
  if (file.u64() != version || file.failed()) return Envelope::kOtherVersion;
  std::string_view rest = bytes.substr(bytes.size() - file.remaining());
  if (rest.size() < kChecksumSize) return Envelope::kDamaged;
  payload = rest.substr(0, rest.size() - kChecksumSize);
  checksum = Reader(rest.substr(payload.size())).hash();
  return Envelope::kOk;
}

Envelope open_envelope(std::string_view bytes, std::string_view magic, std::uint64_t version,
                       std::string_view& payload) {
  Hash128 checksum;
  Envelope e = open_envelope_unchecked(bytes, magic, version, payload, checksum);
  if (e == Envelope::kOk && checksum != hash_bytes(payload)) return Envelope::kDamaged;
  return e;
}

}  // namespace bengal::incremental

// Python semantics over Values: truthiness, ==, ordering, len(), indexing,
// attribute lookup and iteration, for engine values and host objects alike.
//
// These functions never fail loudly: lookups report "not found" and
// comparisons report "not comparable" so the renderer can turn that into a
// diagnostic with a source location. Every host callback gets `host`.
// Thread-safety: pure functions over immutable data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "template/value.h"

namespace bengal::tmpl {

// String equality for the short strings templates compare (keys, URLs):
// inline word compares instead of a library memcmp call.
inline bool bytes_equal(std::string_view a, std::string_view b) {
  std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n >= 8) {
    // Whole words, the last one overlapping.
    std::uint64_t x, y;
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      __builtin_memcpy(&x, p + i, 8);
      __builtin_memcpy(&y, q + i, 8);
      if (x != y) return false;
    }
    __builtin_memcpy(&x, p + n - 8, 8);
    __builtin_memcpy(&y, q + n - 8, 8);
    return x == y;
  }
  if (n >= 4) {
    std::uint32_t x0, y0, x1, y1;
    __builtin_memcpy(&x0, p, 4);
    __builtin_memcpy(&y0, q, 4);
    __builtin_memcpy(&x1, p + n - 4, 4);
    __builtin_memcpy(&y1, q + n - 4, 4);
    return x0 == y0 && x1 == y1;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i] != q[i]) return false;
  }
  return true;
}

bool truthy(const Value& v, void* host);
// Python ==: 1 == 1.0 == True, strings by bytes (safe or not), lists and
// dicts structurally, host sequences and mappings like lists and dicts.
bool equal(const Value& a, const Value& b, void* host);
// Python ordering for numbers, strings and sequences. Sets `ok` to false
// (and returns 0) when the two are not comparable ("'<' not supported").
int compare(const Value& a, const Value& b, void* host, bool& ok);

bool is_mapping(const Value& v);   // dict or host mapping
bool is_sequence(const Value& v);  // list, tuple or host sequence
bool is_iterable(const Value& v);  // sequences, mappings and strings

// Number of code points in a string, items in a container; false when v has
// no length.
bool length_of(const Value& v, void* host, std::size_t& n);

// obj.name as Jinja's getattr does for data: dict keys and host attributes.
// Built-in methods (str.upper, dict.items, ...) are the renderer's business.
bool get_attribute(const Value& obj, std::string_view name, Value& out, void* host);
// obj[key]: list/str index (negative from the end), dict key, host item.
bool get_item(const Value& obj, const Value& key, Value& out, void* host);
const Value* map_find(std::span<const MapEntry> map, std::string_view key);
// The same, trying position `hint` first and leaving the match's position
// there. Exact because a dict's string keys are unique (literals keep the
// last duplicate); dicts of one shape share positions, so a call site that
// reads one field of many such dicts rarely scans.
const Value* map_find(std::span<const MapEntry> map, std::string_view key, std::uint32_t& hint);

std::string_view callable_name(const Value& v);

// Random access over anything iterable: list items, map keys (value_at gives
// the values), string characters (as views into the string) and host
// sequences and mappings. Sequential access over non-ASCII strings is O(1)
// per step.
class Sequence {
 public:
  Sequence(const Value& v, void* host);
  bool ok() const { return kind_ != Kind::kNone; }
  std::size_t size() const { return size_; }
  Value at(std::size_t i) const;
  Value value_at(std::size_t i) const;  // mappings only

 private:
  enum class Kind : std::uint8_t { kNone, kList, kMap, kAsciiString, kString, kObject };
  Kind kind_ = Kind::kNone;
  Value v_;
  void* host_;
  std::size_t size_ = 0;
  mutable std::size_t cursor_index_ = 0;  // string: code point index of cursor_byte_
  mutable std::size_t cursor_byte_ = 0;
};

}  // namespace bengal::tmpl

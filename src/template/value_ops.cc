#include "template/value_ops.h"

#include <cmath>

#include "core/text.h"

namespace bengal::tmpl {

namespace {

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Bytes of the UTF-8 sequence starting with lead byte `c`.
std::size_t utf8_step(unsigned char c) {
  if (c < 0xC0) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  return 4;
}

}  // namespace

bool is_mapping(const Value& v) {
  return v.is_map() || (v.is_object() && v.vtable()->value_at != nullptr && v.vtable()->length);
}

bool is_sequence(const Value& v) {
  if (v.is_list()) return true;
  if (!v.is_object()) return false;
  const ObjectVTable* vt = v.vtable();
  return vt->length && vt->item_at && !vt->value_at;
}

bool is_iterable(const Value& v) {
  if (v.is_list() || v.is_map() || v.is_string()) return true;
  return v.is_object() && v.vtable()->length && v.vtable()->item_at;
}

bool truthy(const Value& v, void* host) {
  switch (v.kind()) {
    case ValueKind::kUndefined:
    case ValueKind::kNone:
      return false;
    case ValueKind::kBool:
    case ValueKind::kInt:
      return v.as_int() != 0;
    case ValueKind::kFloat:
      return v.as_float() != 0.0;
    case ValueKind::kString:
      return !v.as_string().empty();
    case ValueKind::kList:
      return !v.as_list().empty();
    case ValueKind::kMap:
      return !v.as_map().empty();
    case ValueKind::kCallable:
      return true;
    case ValueKind::kObject: {
      const ObjectVTable* vt = v.vtable();
      if (vt->truthy) return vt->truthy(v.object_ptr(), host);
      if (vt->length) return vt->length(v.object_ptr(), host) != 0;
      return true;
    }
  }
  return false;
}

bool length_of(const Value& v, void* host, std::size_t& n) {
  switch (v.kind()) {
    case ValueKind::kString:
      n = utf8_length(v.as_string());
      return true;
    case ValueKind::kList:
      n = v.as_list().size();
      return true;
    case ValueKind::kMap:
      n = v.as_map().size();
      return true;
    case ValueKind::kObject:
      if (!v.vtable()->length) return false;
      n = v.vtable()->length(v.object_ptr(), host);
      return true;
    default:
      return false;
  }
}

namespace {

bool sequences_equal(const Value& a, const Value& b, void* host) {
  Sequence sa(a, host), sb(b, host);
  if (sa.size() != sb.size()) return false;
  for (std::size_t i = 0; i < sa.size(); ++i) {
    if (!equal(sa.at(i), sb.at(i), host)) return false;
  }
  return true;
}

bool mappings_equal(const Value& a, const Value& b, void* host) {
  Sequence sa(a, host), sb(b, host);
  if (sa.size() != sb.size()) return false;
  for (std::size_t i = 0; i < sa.size(); ++i) {
    Value other;
    if (!get_item(b, sa.at(i), other, host)) return false;
    if (!equal(sa.value_at(i), other, host)) return false;
  }
  return true;
}

}  // namespace

bool equal(const Value& a, const Value& b, void* host) {
  if (a.is_number() && b.is_number()) {
    if (a.is_float() || b.is_float()) return a.to_double() == b.to_double();
    return a.as_int() == b.as_int();
  }
  if (a.is_string() && b.is_string()) return bytes_equal(a.as_string(), b.as_string());
  if (a.kind() <= ValueKind::kNone || b.kind() <= ValueKind::kNone) return a.kind() == b.kind();
  if (a.is_object() && b.is_object() && a.vtable() == b.vtable() &&
      a.object_ptr() == b.object_ptr()) {
    return true;
  }
  if (is_mapping(a) && is_mapping(b)) return mappings_equal(a, b, host);
  if (is_sequence(a) && is_sequence(b)) {
    if (a.is_list() && b.is_list() && a.is_tuple() != b.is_tuple()) return false;
    return sequences_equal(a, b, host);
  }
  if (a.is_callable() && b.is_callable()) {
    return a.ptr() == b.ptr() && a.sub() == b.sub();
  }
  return false;
}

int compare(const Value& a, const Value& b, void* host, bool& ok) {
  ok = true;
  if (a.is_number() && b.is_number()) {
    if (a.is_float() || b.is_float()) {
      double x = a.to_double(), y = b.to_double();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    return a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
  }
  if (a.is_string() && b.is_string()) {
    // UTF-8 byte order is code point order, which is what Python compares.
    int c = a.as_string().compare(b.as_string());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (is_sequence(a) && is_sequence(b)) {
    Sequence sa(a, host), sb(b, host);
    std::size_t n = std::min(sa.size(), sb.size());
    for (std::size_t i = 0; i < n; ++i) {
      Value x = sa.at(i), y = sb.at(i);
      if (equal(x, y, host)) continue;
      return compare(x, y, host, ok);
    }
    return sa.size() < sb.size() ? -1 : (sa.size() > sb.size() ? 1 : 0);
  }
  ok = false;
  return 0;
}

const Value* map_find(std::span<const MapEntry> map, std::string_view key) {
  std::uint32_t hint = 0;
  return map_find(map, key, hint);
}

const Value* map_find(std::span<const MapEntry> map, std::string_view key, std::uint32_t& hint) {
  auto matches = [&](const MapEntry& e) { return e.key.is_string() && bytes_equal(e.key.as_string(), key); };
  if (hint < map.size() && matches(map[hint])) return &map[hint].value;
  for (std::size_t i = 0; i < map.size(); ++i) {
    if (matches(map[i])) {
      hint = static_cast<std::uint32_t>(i);
      return &map[i].value;
    }
  }
  return nullptr;
}

bool get_attribute(const Value& obj, std::string_view name, Value& out, void* host) {
  if (obj.is_map()) {
    const Value* v = map_find(obj.as_map(), name);
    if (v == nullptr) return false;
    out = *v;
    return true;
  }
  if (obj.is_object()) {
    const ObjectVTable* vt = obj.vtable();
    if (vt->get_attr && vt->get_attr(obj.object_ptr(), name, out, host)) return true;
    if (vt->get_item && vt->get_item(obj.object_ptr(), Value::string(name), out, host)) return true;
    return false;
  }
  return false;
}

namespace {

// Python index semantics: negative counts from the end; false when out of range.
bool normalize_index(const Value& key, std::size_t size, std::size_t& index) {
  if (!key.is_int() && !key.is_bool()) return false;
  std::int64_t i = key.as_int();
  if (i < 0) i += static_cast<std::int64_t>(size);
  if (i < 0 || static_cast<std::uint64_t>(i) >= size) return false;
  index = static_cast<std::size_t>(i);
  return true;
}

}  // namespace

bool get_item(const Value& obj, const Value& key, Value& out, void* host) {
  switch (obj.kind()) {
    case ValueKind::kList: {
      std::size_t i;
      if (!normalize_index(key, obj.as_list().size(), i)) return false;
      out = obj.as_list()[i];
      return true;
    }
    case ValueKind::kMap:
      for (const auto& e : obj.as_map()) {
        if (equal(e.key, key, host)) {
          out = e.value;
          return true;
        }
      }
      return false;
    case ValueKind::kString: {
      Sequence s(obj, host);
      std::size_t i;
      if (!normalize_index(key, s.size(), i)) return false;
      out = s.at(i);
      return true;
    }
    case ValueKind::kObject: {
      const ObjectVTable* vt = obj.vtable();
      if (vt->get_item) return vt->get_item(obj.object_ptr(), key, out, host);
      if (key.is_string()) {
        if (vt->get_attr) return vt->get_attr(obj.object_ptr(), key.as_string(), out, host);
        return false;
      }
      if (vt->length && vt->item_at && !vt->value_at) {
        std::size_t i;
        if (!normalize_index(key, vt->length(obj.object_ptr(), host), i)) return false;
        out = vt->item_at(obj.object_ptr(), i, host);
        return true;
      }
      return false;
    }
    default:
      return false;
  }
}

std::string_view callable_name(const Value& v) {
  if (!v.is_callable()) return {};
  if (v.sub() == 0) return v.as_function()->name;
  // Engine callables (macros, block references) begin with their name.
  const auto* name = static_cast<const std::string_view*>(v.ptr());
  return name ? *name : std::string_view("callable");
}

Sequence::Sequence(const Value& v, void* host) : v_(v), host_(host) {
  switch (v.kind()) {
    case ValueKind::kList:
      kind_ = Kind::kList;
      size_ = v.as_list().size();
      break;
    case ValueKind::kMap:
      kind_ = Kind::kMap;
      size_ = v.as_map().size();
      break;
    case ValueKind::kString:
      if (is_ascii(v.as_string())) {
        kind_ = Kind::kAsciiString;
        size_ = v.as_string().size();
      } else {
        kind_ = Kind::kString;
        size_ = utf8_length(v.as_string());
      }
      break;
    case ValueKind::kObject:
      if (v.vtable()->length && v.vtable()->item_at) {
        kind_ = Kind::kObject;
        size_ = v.vtable()->length(v.object_ptr(), host);
      }
      break;
    default:
      break;
  }
}

Value Sequence::at(std::size_t i) const {
  switch (kind_) {
    case Kind::kList:
      return v_.as_list()[i];
    case Kind::kMap:
      return v_.as_map()[i].key;
    case Kind::kAsciiString:
      return Value::string(v_.as_string().substr(i, 1));
    case Kind::kString: {
      std::string_view s = v_.as_string();
      if (i < cursor_index_) {
        cursor_index_ = 0;
        cursor_byte_ = 0;
      }
      while (cursor_index_ < i && cursor_byte_ < s.size()) {
        cursor_byte_ += utf8_step(static_cast<unsigned char>(s[cursor_byte_]));
        ++cursor_index_;
      }
      std::size_t len = utf8_step(static_cast<unsigned char>(s[cursor_byte_]));
      return Value::string(s.substr(cursor_byte_, len));
    }
    case Kind::kObject:
      return v_.vtable()->item_at(v_.object_ptr(), i, host_);
    case Kind::kNone:
      break;
  }
  return Value();
}

Value Sequence::value_at(std::size_t i) const {
  if (kind_ == Kind::kMap) return v_.as_map()[i].value;
  if (kind_ == Kind::kObject && v_.vtable()->value_at) {
    return v_.vtable()->value_at(v_.object_ptr(), i, host_);
  }
  return at(i);
}

}  // namespace bengal::tmpl

// Value: what a template expression evaluates to, and how the host hands the
// engine its data without copying it.
//
// A Value is 16 bytes and trivially copyable (returned in registers). It never owns memory:
// strings, lists and maps point at bytes that must outlive the render (host data, the compiled
// template's literals, or the renderer's arena). Host objects (a page, a section) are an
// ObjectVTable plus a pointer, so the engine reads `page.title` by calling back into the host
// instead of copying the page into a map. Every vtable call receives the `host` pointer given to
// the render, so the host can record which facts a render read.
//
// Kinds follow Jinja/Python: none, bool, int (64-bit), float, string (UTF-8,
// optionally marked safe = already-escaped markup), list (tuples are lists
// with is_tuple()), map (ordered key/value pairs), callable, object, and
// undefined (a missing name or attribute, carrying what was missing).
//
// Thread-safety: Values are plain data; what they point to must not change
// while any render reads it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace bengal::tmpl {

class CallContext;
class Value;
struct ObjectVTable;
struct NativeFunction;
struct MapEntry;

enum class ValueKind : std::uint8_t {
  kUndefined,
  kNone,
  kBool,
  kInt,
  kFloat,
  kString,
  kList,
  kMap,
  kCallable,
  kObject,
};

class Value {
 public:
  constexpr Value() = default;  // undefined

  static constexpr Value undefined() { return Value(); }
  static constexpr Value none() { return Value(ValueKind::kNone, 0); }
  static constexpr Value boolean(bool b) {
    Value v(ValueKind::kBool, 0);
    v.a_.i = b ? 1 : 0;
    return v;
  }
  static constexpr Value integer(std::int64_t i) {
    Value v(ValueKind::kInt, 0);
    v.a_.i = i;
    return v;
  }
  static constexpr Value number(double d) {
    Value v(ValueKind::kFloat, 0);
    v.a_.d = d;
    return v;
  }
  // Borrows `s`: the bytes must outlive every use of the Value. Strings are
  // limited to 4 GiB (the render limits are far lower).
  static constexpr Value string(std::string_view s) {
    Value v(ValueKind::kString, 0, static_cast<std::uint32_t>(s.size()));
    v.a_.s = s.data();
    return v;
  }
  // Markup that is already safe to print into HTML (Jinja's Markup).
  static constexpr Value safe_string(std::string_view s) { return string(s).with_safe(true); }
  static constexpr Value list(std::span<const Value> items) {
    Value v(ValueKind::kList, 0, static_cast<std::uint32_t>(items.size()));
    v.a_.list = items.data();
    return v;
  }
  static constexpr Value tuple(std::span<const Value> items) {
    Value v = list(items);
    v.head_ |= std::uint64_t{kFlagTuple} << 8;
    return v;
  }
  static constexpr Value map(std::span<const MapEntry> entries);
  static constexpr Value function(const NativeFunction* fn) {
    Value v(ValueKind::kCallable, 0);
    v.a_.p = fn;
    return v;
  }
  // `vt` must be a static object (its address fits in 48 bits, as every
  // user-space address on x86-64 and AArch64 does).
  static Value object(const ObjectVTable* vt, const void* self) {
    Value v;
    v.head_ = static_cast<std::uint64_t>(ValueKind::kObject) |
              (static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(vt)) << 16);
    v.a_.p = self;
    return v;
  }

  constexpr ValueKind kind() const { return static_cast<ValueKind>(head_ & 0xFF); }
  constexpr bool is_undefined() const { return kind() == ValueKind::kUndefined; }
  constexpr bool is_none() const { return kind() == ValueKind::kNone; }
  // None or undefined: what `??` and `?.` skip over.
  constexpr bool is_nullish() const { return kind() <= ValueKind::kNone; }
  constexpr bool is_bool() const { return kind() == ValueKind::kBool; }
  constexpr bool is_int() const { return kind() == ValueKind::kInt; }
  constexpr bool is_float() const { return kind() == ValueKind::kFloat; }
  constexpr bool is_number() const {
    return kind() == ValueKind::kInt || kind() == ValueKind::kFloat || kind() == ValueKind::kBool;
  }
  constexpr bool is_string() const { return kind() == ValueKind::kString; }
  constexpr bool is_safe() const { return is_string() && (flags() & kFlagSafe); }
  constexpr bool is_list() const { return kind() == ValueKind::kList; }
  constexpr bool is_tuple() const { return is_list() && (flags() & kFlagTuple); }
  constexpr bool is_map() const { return kind() == ValueKind::kMap; }
  constexpr bool is_callable() const { return kind() == ValueKind::kCallable; }
  constexpr bool is_object() const { return kind() == ValueKind::kObject; }

  constexpr bool as_bool() const { return a_.i != 0; }
  constexpr std::int64_t as_int() const { return a_.i; }
  constexpr double as_float() const { return a_.d; }
  // Int, float or bool as a double.
  constexpr double to_double() const {
    return kind() == ValueKind::kFloat ? a_.d : static_cast<double>(a_.i);
  }
  constexpr std::string_view as_string() const { return {a_.s, aux()}; }
  constexpr std::span<const Value> as_list() const;
  constexpr std::span<const MapEntry> as_map() const;
  constexpr const NativeFunction* as_function() const {
    return static_cast<const NativeFunction*>(a_.p);
  }
  const ObjectVTable* vtable() const {
    return reinterpret_cast<const ObjectVTable*>(static_cast<std::uintptr_t>(head_ >> 16));
  }
  constexpr const void* object_ptr() const { return a_.p; }

  // Engine internals (callable sub-kinds, why a value is undefined). Hosts
  // have no need for these.
  static constexpr Value internal(ValueKind k, std::uint16_t sub, const void* p) {
    Value v(k, sub);
    v.a_.p = p;
    return v;
  }
  constexpr std::uint16_t sub() const { return static_cast<std::uint16_t>(head_ >> 16); }
  constexpr const void* ptr() const { return a_.p; }
  constexpr Value with_safe(bool safe) const {
    Value v = *this;
    v.head_ &= ~(std::uint64_t{kFlagSafe} << 8);
    if (safe) v.head_ |= std::uint64_t{kFlagSafe} << 8;
    return v;
  }

 private:
  static constexpr std::uint8_t kFlagSafe = 1;
  static constexpr std::uint8_t kFlagTuple = 2;
  constexpr Value(ValueKind k, std::uint16_t sub, std::uint32_t aux = 0)
      : head_(static_cast<std::uint64_t>(k) | (std::uint64_t{sub} << 16) |
              (std::uint64_t{aux} << 32)) {}
  constexpr std::uint8_t flags() const { return static_cast<std::uint8_t>(head_ >> 8); }
  constexpr std::uint32_t aux() const { return static_cast<std::uint32_t>(head_ >> 32); }

  // Layout (16 bytes, so Values travel in two registers): head_ holds the
  // kind (bits 0-7), flags (8-15) and either a sub-kind (16-31) plus a
  // length (32-63), or for objects the vtable pointer (16-63); a_ holds the
  // payload.
  std::uint64_t head_ = 0;
  union {
    std::int64_t i;
    double d;
    const char* s;
    const Value* list;
    const MapEntry* map;
    const void* p;
  } a_{.i = 0};
};

static_assert(sizeof(Value) == 16);

struct MapEntry {
  Value key;
  Value value;
};

constexpr Value Value::map(std::span<const MapEntry> entries) {
  Value v(ValueKind::kMap, 0, static_cast<std::uint32_t>(entries.size()));
  v.a_.map = entries.data();
  return v;
}
constexpr std::span<const Value> Value::as_list() const {
  return {a_.list, aux()};
}
constexpr std::span<const MapEntry> Value::as_map() const {
  return {a_.map, aux()};
}

// Arguments of a call, filter or test. For a filter the piped value is
// positional[0]; for a test, the tested value.
struct KeywordArg {
  std::string_view name;
  Value value;
};

struct Args {
  std::span<const Value> positional;
  std::span<const KeywordArg> keywords;

  // Python-style binding: the argument at `index` if given by position,
  // else the keyword `name`, else nullptr.
  const Value* find(std::size_t index, std::string_view name) const {
    if (index < positional.size()) return &positional[index];
    for (const auto& k : keywords) {
      if (k.name == name) return &k.value;
    }
    return nullptr;
  }
  Value get(std::size_t index, std::string_view name, Value fallback = Value()) const {
    const Value* v = find(index, name);
    return v ? *v : fallback;
  }
};

// A host (or built-in) function, filter or test. It reports errors with
// cx.fail(message) and returns whatever it likes after that.
using NativeFn = Value (*)(CallContext& cx, const Args& args);

struct NativeFunction {
  NativeFn fn = nullptr;
  const void* user = nullptr;  // handed back through cx.user()
  std::string_view name;       // for error messages
  // With strict undefined, the engine reports an undefined piped value (or
  // tested value) before calling, unless the function accepts undefined
  // (default, `is defined`, ...).
  bool accepts_undefined = false;
};

// How the engine sees a host object. Every entry is optional (nullptr):
//   get_attr   obj.name; return false if there is no such attribute.
//   get_item   obj[key]; when null, string keys fall back to get_attr.
//   length     makes the object sized and (with item_at) iterable.
//   item_at    element i of a sequence, or key i of a mapping.
//   value_at   set only for mappings: the value for key i. Iterating a
//              mapping yields its keys, as in Python; items() yields pairs.
//   truthy     default: length() != 0 when sized, else true.
//   append_str str(obj); default: a Python-style repr of the elements when
//              iterable, else "<type_name>".
//   attr_names names for "did you mean" hints on a missing attribute.
//   get_attr_hinted  an optional faster get_attr: `hint` belongs to one
//              attribute expression on one renderer (it starts at 0) and
//              may remember where `name` was found last time, e.g. the
//              field index, so the next object of the same shape is
//              answered without a search. Must agree with get_attr.
struct ObjectVTable {
  const char* type_name = "object";
  bool (*get_attr)(const void* self, std::string_view name, Value& out, void* host) = nullptr;
  bool (*get_item)(const void* self, const Value& key, Value& out, void* host) = nullptr;
  std::size_t (*length)(const void* self, void* host) = nullptr;
  Value (*item_at)(const void* self, std::size_t index, void* host) = nullptr;
  Value (*value_at)(const void* self, std::size_t index, void* host) = nullptr;
  bool (*truthy)(const void* self, void* host) = nullptr;
  void (*append_str)(const void* self, std::string& out, void* host) = nullptr;
  void (*attr_names)(const void* self, void (*add)(void* sink, std::string_view name), void* sink,
                     void* host) = nullptr;
  bool (*get_attr_hinted)(const void* self, std::string_view name, std::uint32_t& hint, Value& out,
                          void* host) = nullptr;
};

// A name and a value, for contexts and globals.
struct NamedValue {
  std::string_view name;
  Value value;
};

}  // namespace bengal::tmpl

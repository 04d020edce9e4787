// Value: what a template expression evaluates to, and how the host hands the
// engine its data without copying it.
//
// A Value is 24 bytes and trivially copyable. It never owns memory: strings,
// lists and maps point at bytes that must outlive the render (host data, the
// compiled template's literals, or the renderer's arena). Host objects (a
// page, a section) are an ObjectVTable plus a pointer, so the engine reads
// `page.title` by calling back into the host instead of copying the page into
// a map. Every vtable call receives the `host` pointer given to the render, so
// the host can record which facts a render read.
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
  static constexpr Value none() { return Value(ValueKind::kNone); }
  static constexpr Value boolean(bool b) {
    Value v(ValueKind::kBool);
    v.a_.i = b ? 1 : 0;
    return v;
  }
  static constexpr Value integer(std::int64_t i) {
    Value v(ValueKind::kInt);
    v.a_.i = i;
    return v;
  }
  static constexpr Value number(double d) {
    Value v(ValueKind::kFloat);
    v.a_.d = d;
    return v;
  }
  // Borrows `s`: the bytes must outlive every use of the Value.
  static constexpr Value string(std::string_view s) {
    Value v(ValueKind::kString);
    v.a_.s = s.data();
    v.b_.n = s.size();
    return v;
  }
  // Markup that is already safe to print into HTML (Jinja's Markup).
  static constexpr Value safe_string(std::string_view s) {
    Value v = string(s);
    v.flags_ = kFlagSafe;
    return v;
  }
  static constexpr Value list(std::span<const Value> items) {
    Value v(ValueKind::kList);
    v.a_.list = items.data();
    v.b_.n = items.size();
    return v;
  }
  static constexpr Value tuple(std::span<const Value> items) {
    Value v = list(items);
    v.flags_ = kFlagTuple;
    return v;
  }
  static constexpr Value map(std::span<const MapEntry> entries);
  static constexpr Value function(const NativeFunction* fn) {
    Value v(ValueKind::kCallable);
    v.a_.p = fn;
    return v;
  }
  static constexpr Value object(const ObjectVTable* vt, const void* self) {
    Value v(ValueKind::kObject);
    v.a_.p = vt;
    v.b_.p = self;
    return v;
  }

  constexpr ValueKind kind() const { return kind_; }
  constexpr bool is_undefined() const { return kind_ == ValueKind::kUndefined; }
  constexpr bool is_none() const { return kind_ == ValueKind::kNone; }
  // None or undefined: what `??` and `?.` skip over.
  constexpr bool is_nullish() const { return kind_ <= ValueKind::kNone; }
  constexpr bool is_bool() const { return kind_ == ValueKind::kBool; }
  constexpr bool is_int() const { return kind_ == ValueKind::kInt; }
  constexpr bool is_float() const { return kind_ == ValueKind::kFloat; }
  constexpr bool is_number() const {
    return kind_ == ValueKind::kInt || kind_ == ValueKind::kFloat || kind_ == ValueKind::kBool;
  }
  constexpr bool is_string() const { return kind_ == ValueKind::kString; }
  constexpr bool is_safe() const { return kind_ == ValueKind::kString && (flags_ & kFlagSafe); }
  constexpr bool is_list() const { return kind_ == ValueKind::kList; }
  constexpr bool is_tuple() const { return kind_ == ValueKind::kList && (flags_ & kFlagTuple); }
  constexpr bool is_map() const { return kind_ == ValueKind::kMap; }
  constexpr bool is_callable() const { return kind_ == ValueKind::kCallable; }
  constexpr bool is_object() const { return kind_ == ValueKind::kObject; }

  constexpr bool as_bool() const { return a_.i != 0; }
  constexpr std::int64_t as_int() const { return a_.i; }
  constexpr double as_float() const { return a_.d; }
  // Int, float or bool as a double.
  constexpr double to_double() const {
    return kind_ == ValueKind::kFloat ? a_.d : static_cast<double>(a_.i);
  }
  constexpr std::string_view as_string() const { return {a_.s, b_.n}; }
  constexpr std::span<const Value> as_list() const;
  constexpr std::span<const MapEntry> as_map() const;
  constexpr const NativeFunction* as_function() const {
    return static_cast<const NativeFunction*>(a_.p);
  }
  constexpr const ObjectVTable* vtable() const { return static_cast<const ObjectVTable*>(a_.p); }
  constexpr const void* object_ptr() const { return b_.p; }

  // Engine internals (callable sub-kinds, undefined provenance). Hosts have no
  // need for these.
  static constexpr Value internal(ValueKind k, std::uint16_t sub, const void* a, const void* b) {
    Value v(k);
    v.sub_ = sub;
    v.a_.p = a;
    v.b_.p = b;
    return v;
  }
  constexpr std::uint16_t sub() const { return sub_; }
  constexpr const void* ptr_a() const { return a_.p; }
  constexpr const void* ptr_b() const { return b_.p; }
  constexpr Value with_safe(bool safe) const {
    Value v = *this;
    v.flags_ = safe ? kFlagSafe : 0;
    return v;
  }

 private:
  static constexpr std::uint8_t kFlagSafe = 1;
  static constexpr std::uint8_t kFlagTuple = 2;
  constexpr explicit Value(ValueKind k) : kind_(k) {}

  ValueKind kind_ = ValueKind::kUndefined;
  std::uint8_t flags_ = 0;
  std::uint16_t sub_ = 0;
  std::uint32_t reserved_ = 0;
  union {
    std::int64_t i;
    double d;
    const char* s;
    const Value* list;
    const MapEntry* map;
    const void* p;
  } a_{.i = 0};
  union {
    std::size_t n;
    const void* p;
  } b_{.n = 0};
};

static_assert(sizeof(Value) == 24);

struct MapEntry {
  Value key;
  Value value;
};

constexpr Value Value::map(std::span<const MapEntry> entries) {
  Value v(ValueKind::kMap);
  v.a_.map = entries.data();
  v.b_.n = entries.size();
  return v;
}
constexpr std::span<const Value> Value::as_list() const { return {a_.list, b_.n}; }
constexpr std::span<const MapEntry> Value::as_map() const { return {a_.map, b_.n}; }

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
};

// A name and a value, for contexts and globals.
struct NamedValue {
  std::string_view name;
  Value value;
};

}  // namespace bengal::tmpl

// Internal: pieces shared by the renderer and the built-in filters, tests,
// globals and methods. Not part of the public API.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "template/call_context.h"
#include "template/registry.h"
#include "template/value.h"

namespace bengal::tmpl {

void register_filters(Registry& registry);
void register_tests(Registry& registry);
void register_globals(Registry& registry);

// Python-style methods of built-in values: str.upper(), dict.items(),
// list.index(), cycler.next() ... Returns false when `self` has no method
// `name` (the caller then reports the missing attribute).
bool call_builtin_method(CallContext& cx, const Value& self, std::string_view name,
                         const Args& args, Value& out);

// Python's printf-style formatting ("%s", "%05.2f", "%(name)s", "%%"), used by
// the `format` filter and the `%` operator on strings. `args` is one value, a
// sequence of values, or a mapping for named conversions.
bool percent_format(CallContext& cx, std::string_view format, const Value& args, std::string& out);

// str.format(): "{}", "{0}", "{name.attr}", "{0[key]}", "!r", and the format
// spec mini-language ("{:>8.2f}", "{:,}", "{:#x}").
bool brace_format(CallContext& cx, std::string_view format, const Args& args, std::string& out);

// namespace(): the only mutable object templates can make.
struct NamespaceData {
  MapEntry* entries;
  std::uint32_t size;
  std::uint32_t capacity;
};
extern const ObjectVTable kNamespaceVTable;
// Sets (or adds) `key`; false when the arena is exhausted.
bool namespace_set(CallContext& cx, NamespaceData* ns, std::string_view key, const Value& value);

// cycler(): next() and reset() are methods on this object.
extern const ObjectVTable kCyclerVTable;
bool cycler_method(CallContext& cx, const Value& self, std::string_view name, Value& out);

// Concatenation with markupsafe semantics: when `markup` is true every
// non-safe operand is escaped and the result is safe.
void append_for_concat(CallContext& cx, std::string& out, const Value& v, bool markup);

}  // namespace bengal::tmpl

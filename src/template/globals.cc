// Jinja's global functions: range, dict, namespace, cycler and joiner. Their
// objects live in the render arena; namespace is the one mutable value a
// template can make ({% set ns.count = ns.count + 1 %}).
#include <cstring>

#include "template/arena.h"
#include "template/builtins.h"
#include "template/format.h"
#include "template/value_ops.h"

namespace bengal::tmpl {

namespace {

// ---- range ----

struct RangeData {
  std::int64_t start, stop, step;
  std::size_t size;
};

std::size_t range_length(const void* self, void*) {
  return static_cast<const RangeData*>(self)->size;
}

Value range_item(const void* self, std::size_t i, void*) {
  const auto* r = static_cast<const RangeData*>(self);
  return Value::integer(r->start + static_cast<std::int64_t>(i) * r->step);
}

void range_str(const void* self, std::string& out, void*) {
  const auto* r = static_cast<const RangeData*>(self);
  out += "range(";
  append_int(out, r->start);
  out += ", ";
  append_int(out, r->stop);
  if (r->step != 1) {
    out += ", ";
    append_int(out, r->step);
  }
  out += ')';
}

const ObjectVTable kRangeVTable = {
    .type_name = "range object",
    .length = range_length,
    .item_at = range_item,
    .append_str = range_str,
};

Value g_range(CallContext& cx, const Args& a) {
  if (!a.keywords.empty()) return cx.fail("range() takes no keyword arguments");
  std::int64_t v[3] = {0, 0, 1};
  std::size_t n = a.positional.size();
  if (n < 1 || n > 3)
    return cx.fail(std::string("range expected 1 to 3 arguments, got ") + std::to_string(n));
  for (std::size_t i = 0; i < n; ++i) {
    const Value& x = a.positional[i];
    if (!cx.check_defined(x)) return Value();
    if (!x.is_int() && !x.is_bool()) {
      return cx.fail(std::string("'") + std::string(type_name(x)) +
                     "' cannot be interpreted as an integer");
    }
  }
  if (n == 1) {
    v[1] = a.positional[0].as_int();
  } else {
    v[0] = a.positional[0].as_int();
    v[1] = a.positional[1].as_int();
    if (n == 3) v[2] = a.positional[2].as_int();
  }
  if (v[2] == 0) return cx.fail("range() arg 3 must not be zero");
  auto* r = static_cast<RangeData*>(cx.arena().allocate(sizeof(RangeData), alignof(RangeData)));
  if (r == nullptr) return cx.fail("out of memory");
  r->start = v[0];
  r->stop = v[1];
  r->step = v[2];
  // Unsigned arithmetic: the span of two int64 values always fits in uint64.
  bool up = v[2] > 0;
  bool empty = up ? v[1] <= v[0] : v[1] >= v[0];
  std::uint64_t span = empty ? 0
                       : up  ? static_cast<std::uint64_t>(v[1]) - static_cast<std::uint64_t>(v[0])
                             : static_cast<std::uint64_t>(v[0]) - static_cast<std::uint64_t>(v[1]);
  std::uint64_t step = up ? static_cast<std::uint64_t>(v[2]) : 0 - static_cast<std::uint64_t>(v[2]);
  r->size = static_cast<std::size_t>(span / step + (span % step != 0 ? 1 : 0));
  return Value::object(&kRangeVTable, r);
}

// ---- dict ----

Value g_dict(CallContext& cx, const Args& a) {
  std::size_t base = 0;
  Sequence src(a.positional.empty() ? Value() : a.positional[0], cx.host());
  if (a.positional.size() > 1) return cx.fail("dict expected at most 1 argument");
  if (!a.positional.empty() && !is_mapping(a.positional[0])) {
    return cx.fail("dict() argument must be a mapping");
  }
  if (!a.positional.empty()) base = src.size();
  MapEntry* entries = cx.alloc_entries(base + a.keywords.size());
  if (entries == nullptr) return Value();
  std::size_t n = 0;
  for (std::size_t i = 0; i < base; ++i) entries[n++] = MapEntry{src.at(i), src.value_at(i)};
  for (const auto& k : a.keywords) {
    bool replaced = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (entries[i].key.is_string() && entries[i].key.as_string() == k.name) {
        entries[i].value = k.value;
        replaced = true;
      }
    }
    if (!replaced) entries[n++] = MapEntry{Value::string(k.name), k.value};
  }
  return Value::map(std::span<const MapEntry>(entries, n));
}

// ---- namespace ----

bool ns_get_attr(const void* self, std::string_view name, Value& out, void*) {
  const auto* ns = static_cast<const NamespaceData*>(self);
  for (std::uint32_t i = 0; i < ns->size; ++i) {
    if (ns->entries[i].key.as_string() == name) {
      out = ns->entries[i].value;
      return true;
    }
  }
  return false;
}

void ns_str(const void* self, std::string& out, void* host) {
  const auto* ns = static_cast<const NamespaceData*>(self);
  out += "<Namespace ";
  append_str(out, Value::map(std::span<const MapEntry>(ns->entries, ns->size)), host);
  out += '>';
}

void ns_names(const void* self, void (*add)(void*, std::string_view), void* sink, void*) {
  const auto* ns = static_cast<const NamespaceData*>(self);
  for (std::uint32_t i = 0; i < ns->size; ++i) add(sink, ns->entries[i].key.as_string());
}

Value g_namespace(CallContext& cx, const Args& a) {
  auto* ns = static_cast<NamespaceData*>(
      cx.arena().allocate(sizeof(NamespaceData), alignof(NamespaceData)));
  if (ns == nullptr) return cx.fail("out of memory");
  ns->size = 0;
  ns->capacity = 4;
  ns->entries = cx.alloc_entries(ns->capacity);
  if (ns->entries == nullptr) return Value();
  if (!a.positional.empty()) {
    if (a.positional.size() > 1 || !is_mapping(a.positional[0])) {
      return cx.fail("namespace() takes one mapping and keyword arguments");
    }
    Sequence src(a.positional[0], cx.host());
    for (std::size_t i = 0; i < src.size(); ++i) {
      Value k = src.at(i);
      if (!k.is_string()) return cx.fail("namespace keys must be strings");
      namespace_set(cx, ns, k.as_string(), src.value_at(i));
    }
  }
  for (const auto& k : a.keywords) namespace_set(cx, ns, k.name, k.value);
  return Value::object(&kNamespaceVTable, ns);
}

// ---- cycler and joiner ----

struct CyclerData {
  const Value* items;
  std::size_t size;
  std::size_t pos;
};

bool cycler_get_attr(const void* self, std::string_view name, Value& out, void*) {
  const auto* c = static_cast<const CyclerData*>(self);
  if (name == "current") {
    out = c->items[c->pos];
    return true;
  }
  return false;
}

void cycler_str(const void*, std::string& out, void*) {
  out += "<Cycler>";
}

Value g_cycler(CallContext& cx, const Args& a) {
  if (a.positional.empty()) return cx.fail("at least one item has to be provided");
  auto* c = static_cast<CyclerData*>(cx.arena().allocate(sizeof(CyclerData), alignof(CyclerData)));
  if (c == nullptr) return cx.fail("out of memory");
  Value list = cx.list(a.positional);
  c->items = list.as_list().data();
  c->size = a.positional.size();
  c->pos = 0;
  return Value::object(&kCyclerVTable, c);
}

struct JoinerData {
  NativeFunction fn;
  std::string_view sep;
  bool used;
};

Value joiner_call(CallContext& cx, const Args&) {
  auto* j = static_cast<JoinerData*>(const_cast<void*>(cx.user()));
  if (!j->used) {
    j->used = true;
    return Value::string("");
  }
  return Value::string(j->sep);
}

Value g_joiner(CallContext& cx, const Args& a) {
  Value sep = a.get(0, "sep", Value::string(", "));
  auto* j = static_cast<JoinerData*>(cx.arena().allocate(sizeof(JoinerData), alignof(JoinerData)));
  if (j == nullptr) return cx.fail("out of memory");
  j->sep = cx.str(sep);
  j->used = false;
  j->fn = NativeFunction{joiner_call, j, "joiner", true};
  return Value::function(&j->fn);
}

}  // namespace

const ObjectVTable kNamespaceVTable = {
    .type_name = "Namespace",
    .get_attr = ns_get_attr,
    .append_str = ns_str,
    .attr_names = ns_names,
};

const ObjectVTable kCyclerVTable = {
    .type_name = "Cycler",
    .get_attr = cycler_get_attr,
    .append_str = cycler_str,
};

bool cycler_method(CallContext& cx, const Value& self, std::string_view name, Value& out) {
  auto* c = static_cast<CyclerData*>(const_cast<void*>(self.object_ptr()));
  (void)cx;
  if (name == "next") {
    out = c->items[c->pos];
    c->pos = (c->pos + 1) % c->size;
    return true;
  }
  if (name == "reset") {
    c->pos = 0;
    out = Value::none();
    return true;
  }
  return false;
}

bool namespace_set(CallContext& cx, NamespaceData* ns, std::string_view key, const Value& value) {
  for (std::uint32_t i = 0; i < ns->size; ++i) {
    if (ns->entries[i].key.as_string() == key) {
      ns->entries[i].value = value;
      return true;
    }
  }
  if (ns->size == ns->capacity) {
    MapEntry* bigger = cx.alloc_entries(ns->capacity * 2);
    if (bigger == nullptr) return false;
    std::memcpy(static_cast<void*>(bigger), ns->entries, sizeof(MapEntry) * ns->size);
    ns->entries = bigger;
    ns->capacity *= 2;
  }
  ns->entries[ns->size++] = MapEntry{Value::string(key), value};
  return true;
}

void register_globals(Registry& r) {
  r.add_function("range", g_range);
  r.add_function("dict", g_dict);
  r.add_function("namespace", g_namespace);
  r.add_function("cycler", g_cycler);
  r.add_function("joiner", g_joiner);
}

}  // namespace bengal::tmpl

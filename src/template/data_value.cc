#include "template/data_value.h"

#include "template/value_ops.h"

namespace bengal::tmpl {

namespace {

// data_value, inlined into the attribute lookups (the hot path).
inline Value to_value(const Data& d);

const Data& as_data(const void* self) {
  return *static_cast<const Data*>(self);
}

std::size_t data_length(const void* self, void*) {
  return as_data(self).size();
}

Value array_item(const void* self, std::size_t i, void*) {
  return data_value(as_data(self)[i]);
}

// Like Data::find, but rejects most keys on length and first byte before
// comparing bytes: attribute lookups are the hottest host call in a render.
bool object_get_attr(const void* self, std::string_view name, Value& out, void*) {
  const Data& d = as_data(self);
  const auto& keys = d.keys();
  if (name.empty()) return false;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!bytes_equal(keys[i], name)) continue;
    out = to_value(d.items()[i]);
    return true;
  }
  return false;
}

bool object_get_attr_hinted(const void* self, std::string_view name, std::uint32_t& hint,
                            Value& out, void* host) {
  const Data& d = as_data(self);
  const auto& keys = d.keys();
  // Objects of one shape (every tag of a page, every menu entry) keep their
  // keys in the same order, so the last position usually matches.
  if (hint < keys.size() && bytes_equal(keys[hint], name)) {
    out = to_value(d.items()[hint]);
    return true;
  }
  (void)host;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!bytes_equal(keys[i], name)) continue;
    hint = static_cast<std::uint32_t>(i);
    out = to_value(d.items()[i]);
    return true;
  }
  return false;
}

bool object_get_item(const void* self, const Value& key, Value& out, void* host) {
  if (!key.is_string()) return false;
  return object_get_attr(self, key.as_string(), out, host);
}

Value object_key(const void* self, std::size_t i, void*) {
  return Value::string(as_data(self).keys()[i]);
}

Value object_value(const void* self, std::size_t i, void*) {
  return data_value(as_data(self)[i]);
}

void object_names(const void* self, void (*add)(void*, std::string_view), void* sink, void*) {
  for (const auto& k : as_data(self).keys()) add(sink, k);
}

const ObjectVTable kArrayVTable = {
    .type_name = "list object",
    .length = data_length,
    .item_at = array_item,
};

const ObjectVTable kObjectVTable = {
    .type_name = "dict object",
    .get_attr = object_get_attr,
    .get_item = object_get_item,
    .length = data_length,
    .item_at = object_key,
    .value_at = object_value,
    .attr_names = object_names,
    .get_attr_hinted = object_get_attr_hinted,
};

inline Value to_value(const Data& d) {
  switch (d.kind()) {
    case Data::Kind::kNull:
      return Value::none();
    case Data::Kind::kBool:
      return Value::boolean(d.as_bool());
    case Data::Kind::kInt:
      return Value::integer(d.as_int());
    case Data::Kind::kFloat:
      return Value::number(d.as_double());
    case Data::Kind::kString:
      return Value::string(d.as_string());
    case Data::Kind::kArray:
      return Value::object(&kArrayVTable, &d);
    case Data::Kind::kObject:
      return Value::object(&kObjectVTable, &d);
  }
  return Value::none();
}

}  // namespace

Value data_value(const Data& d) {
  return to_value(d);
}

Value FrozenData::convert(const Data& d) {
  switch (d.kind()) {
    case Data::Kind::kArray: {
      std::vector<Value>& items = lists_.emplace_back();
      items.reserve(d.size());
      for (const Data& item : d.items()) items.push_back(convert(item));
      return Value::list(items);
    }
    case Data::Kind::kObject: {
      std::vector<MapEntry>& entries = maps_.emplace_back();
      entries.reserve(d.size());
      for (std::size_t i = 0; i < d.size(); ++i) {
        std::string_view key = *keys_.insert(d.keys()[i]).first;
        entries.push_back(MapEntry{Value::string(key), convert(d.items()[i])});
      }
      return Value::map(entries);
    }
    default:
      return to_value(d);
  }
}

}  // namespace bengal::tmpl

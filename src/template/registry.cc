#include "template/registry.h"

#include <algorithm>

namespace bengal::tmpl {

SymbolTable::SymbolTable() {
  for (std::string_view s : {"loop", "super", "caller", "varargs", "kwargs", "self"}) intern(s);
}

Symbol SymbolTable::intern(std::string_view name) {
  auto it = index_.find(name);
  if (it != index_.end()) return it->second;
  names_.emplace_back(name);
  auto sym = static_cast<Symbol>(names_.size() - 1);
  index_.emplace(names_.back(), sym);
  return sym;
}

Symbol SymbolTable::find(std::string_view name) const {
  auto it = index_.find(name);
  return it == index_.end() ? kNoSymbol : it->second;
}

const NativeFunction* Registry::add_native(std::unordered_map<std::string, NativeFunction*>& table,
                                           std::string_view name, NativeFn fn, const void* user,
                                           bool accepts_undefined) {
  names_.emplace_back(name);
  functions_.push_back(NativeFunction{fn, user, names_.back(), accepts_undefined});
  table[std::string(name)] = &functions_.back();
  return &functions_.back();
}

void Registry::add_filter(std::string_view name, NativeFn fn, const void* user,
                          bool accepts_undefined) {
  add_native(filters_, name, fn, user, accepts_undefined);
}

void Registry::add_test(std::string_view name, NativeFn fn, const void* user,
                        bool accepts_undefined) {
  add_native(tests_, name, fn, user, accepts_undefined);
}

void Registry::add_function(std::string_view name, NativeFn fn, const void* user) {
  names_.emplace_back(name);
  functions_.push_back(NativeFunction{fn, user, names_.back()});
  add_global(names_.back(), Value::function(&functions_.back()));
}

void Registry::add_global(std::string_view name, Value value) {
  names_.emplace_back(name);
  std::string_view stable = names_.back();
  for (auto& g : globals_) {
    if (g.name == stable) {
      g.value = value;
      return;
    }
  }
  globals_.push_back(NamedValue{stable, value});
}

const NativeFunction* Registry::filter(std::string_view name) const {
  auto it = filters_.find(std::string(name));
  return it == filters_.end() ? nullptr : it->second;
}

const NativeFunction* Registry::test(std::string_view name) const {
  auto it = tests_.find(std::string(name));
  return it == tests_.end() ? nullptr : it->second;
}

namespace {
std::vector<std::string> sorted_keys(const std::unordered_map<std::string, NativeFunction*>& m) {
  std::vector<std::string> out;
  out.reserve(m.size());
  for (const auto& [k, v] : m) out.push_back(k);
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

std::vector<std::string> Registry::filter_names() const {
  return sorted_keys(filters_);
}
std::vector<std::string> Registry::test_names() const {
  return sorted_keys(tests_);
}

}  // namespace bengal::tmpl

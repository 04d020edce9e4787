// Registry: the filters, tests and globals templates can name, and the symbol
// table that turns variable names into small integers.
//
// Both are filled before the first template is compiled (built-ins first,
// then whatever the site layer adds: markdownify, absolute_url, page
// functions) and are frozen with the Environment. After freeze they are only
// read, from any number of threads.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "template/ast.h"
#include "template/call_context.h"
#include "template/value.h"

namespace bengal::tmpl {

// Names every template shares; the renderer treats these symbols specially.
enum : Symbol {
  kSymLoop = 0,
  kSymSuper,
  kSymCaller,
  kSymVarargs,
  kSymKwargs,
  kSymSelf,
  kSymFirstUser,
};

class SymbolTable {
 public:
  SymbolTable();
  SymbolTable(const SymbolTable&) = delete;
  SymbolTable& operator=(const SymbolTable&) = delete;

  Symbol intern(std::string_view name);
  Symbol find(std::string_view name) const;  // kNoSymbol when never interned
  std::string_view name(Symbol s) const { return names_[s]; }
  std::size_t size() const { return names_.size(); }
  // Each attribute expression gets a slot for the renderers' lookup hints
  // (ObjectVTable::get_attr_hinted).
  std::uint32_t new_attr_slot() { return attr_slots_++; }
  std::uint32_t attr_slots() const { return attr_slots_; }

 private:
  std::deque<std::string> names_;  // stable addresses for the map's keys
  std::unordered_map<std::string_view, Symbol> index_;
  std::uint32_t attr_slots_ = 0;
};

class Registry {
 public:
  // Later registrations of the same name replace earlier ones, so the site
  // layer can override a built-in.
  // `accepts_undefined`: see NativeFunction.
  void add_filter(std::string_view name, NativeFn fn, const void* user = nullptr,
                  bool accepts_undefined = false);
  void add_test(std::string_view name, NativeFn fn, const void* user = nullptr,
                bool accepts_undefined = false);
  void add_function(std::string_view name, NativeFn fn, const void* user = nullptr);
  void add_global(std::string_view name, Value value);

  const NativeFunction* filter(std::string_view name) const;
  const NativeFunction* test(std::string_view name) const;
  std::vector<std::string> filter_names() const;
  std::vector<std::string> test_names() const;
  // Globals (functions included) in registration order.
  const std::vector<NamedValue>& globals() const { return globals_; }

 private:
  const NativeFunction* add_native(std::unordered_map<std::string, NativeFunction*>& table,
                                   std::string_view name, NativeFn fn, const void* user,
                                   bool accepts_undefined);
  std::deque<NativeFunction> functions_;  // stable addresses
  std::deque<std::string> names_;
  std::unordered_map<std::string, NativeFunction*> filters_;
  std::unordered_map<std::string, NativeFunction*> tests_;
  std::vector<NamedValue> globals_;
};

}  // namespace bengal::tmpl

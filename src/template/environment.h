// Environment: the compiled set of templates plus the registry and options
// they were compiled with.
//
// Lifecycle:
//   1. construct with a Loader and Options (built-in filters, tests and
//      globals are registered here);
//   2. register host filters/tests/functions/globals (registry());
//   3. compile: load(name) compiles a template and everything it names by
//      literal (extends/include/import); load_all() compiles every name the
//      loader lists, so dynamic includes (`{% include name_var %}`) work;
//   4. freeze(): links literal template references and freezes the symbol
//      table and registry. From here the Environment is immutable and shared
//      read-only by every worker's Renderer, with no locks.
//
// Thread-safety: steps 1-4 on one thread; after freeze(), const use from any
// number of threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.h"
#include "template/loader.h"
#include "template/registry.h"
#include "template/template.h"

namespace bengal::tmpl {

struct Limits {
  int max_depth = 200;                             // nested macro calls, includes, blocks, imports
  std::uint64_t max_loop_iterations = 10'000'000;  // per render, all loops (and range()) together
  std::size_t max_output_bytes = 256u << 20;       // per render, and per string built
  std::size_t max_memory_bytes = 1u << 30;         // per render (the renderer's arena)
  // C stack a render may use (deep recursion of deeply nested expressions);
  // keep it well below the stack size of the threads that render.
  std::size_t max_stack_bytes = 2u << 20;
};

struct Options {
  bool strict_undefined = true;  // false: Jinja's lenient Undefined (prints as "")
  bool trim_blocks = false;
  bool lstrip_blocks = false;
  bool keep_trailing_newline = false;
  // Templates whose name ends with one of these are autoescaped.
  std::vector<std::string> autoescape_extensions = {".html", ".htm", ".xml"};
  Limits limits;
};

class Environment {
 public:
  // `loader` may be null when every template is added with add_template.
  explicit Environment(const Loader* loader, Options options = {});
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  Registry& registry() { return registry_; }
  const Registry& registry() const { return registry_; }
  const Options& options() const { return options_; }

  // Compiles `name` (once) and, recursively, the templates it names by
  // literal. nullptr when the loader has no such template; otherwise the
  // template, which may carry a compile error (Template::error()).
  const Template* load(std::string_view name);
  // Compiles `text` as template `name` (tests, `bengal template render`).
  const Template* add_template(std::string_view name, std::string_view text,
                               std::string origin = {});
  // Compiles every template the loader lists; returns the compile errors.
  DiagnosticList load_all();
  void freeze();
  bool frozen() const { return frozen_; }

  // A compiled template (possibly broken), or nullptr.
  const Template* find(std::string_view name) const;
  // Like find, but a missing or broken template is a Diagnostic that says
  // where the loader looked and suggests a close name.
  Result<const Template*> get(std::string_view name) const;
  std::vector<std::string> template_names() const;

  const SymbolTable& symbols() const { return symbols_; }
  // The global bound to `sym` (a registered value or function), or undefined.
  const Value& global(Symbol sym) const {
    static constexpr Value kUndefined;
    return sym < globals_by_symbol_.size() ? globals_by_symbol_[sym] : kUndefined;
  }

 private:
  Template* compile(std::string name, std::string_view text, std::string origin);
  void link(Template& t);

  const Loader* loader_;
  Options options_;
  Registry registry_;
  SymbolTable symbols_;
  std::unordered_map<std::string, std::unique_ptr<Template>> templates_;
  std::vector<Value> globals_by_symbol_;
  bool frozen_ = false;
};

// Registers Jinja's built-in filters, tests and globals (range, dict,
// namespace, cycler, joiner) plus Bengal's (date, slugify). Called by the
// Environment constructor.
void register_builtins(Registry& registry);

}  // namespace bengal::tmpl

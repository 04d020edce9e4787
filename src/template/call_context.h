// CallContext: what a native filter, test or function sees of the render
// that called it.
//
// It gives access to the render's host pointer, the function's registered
// user pointer, the render arena (every Value a function returns must point
// at memory that outlives the call: host data, its arguments, or arena
// copies made here), and Python-like helpers (str(), truthiness, ==,
// attribute paths) that honour strict undefined. Errors are reported with
// fail(message); the renderer turns them into a diagnostic located at the
// call in the template.
//
// Thread-safety: a CallContext lives for one call on one worker.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "template/value.h"

namespace bengal::tmpl {

class Arena;
class Environment;
struct RenderState;

class CallContext {
 public:
  CallContext(RenderState& state, const NativeFunction* fn) : st_(state), fn_(fn) {}

  void* host() const;
  const void* user() const { return fn_ ? fn_->user : nullptr; }
  std::string_view function_name() const { return fn_ ? fn_->name : std::string_view(); }
  const Environment& env() const;
  bool autoescape() const;  // of the template being rendered
  bool strict() const;      // strict undefined

  // Reports an error; the return value is only a convenience.
  Value fail(std::string message);
  bool failed() const;

  // ---- building results in the render arena ----
  Arena& arena();
  Value string(std::string_view s);       // copies s
  Value safe_string(std::string_view s);  // copies s, marks it safe markup
  Value list(std::span<const Value> items);
  Value tuple(std::span<const Value> items);
  Value map(std::span<const MapEntry> entries);
  Value* alloc_values(std::size_t n);  // uninitialised; nullptr after fail()
  MapEntry* alloc_entries(std::size_t n);
  // A reusable buffer for building a string; release order is LIFO.
  std::string& acquire_buffer();
  void release_buffer();

  // ---- Python semantics (host-aware) ----
  // str(v) appended to out. Undefined: fails in strict mode, "" otherwise.
  void append_str(std::string& out, const Value& v);
  // str(v) as a view: strings as they are, anything else formatted into the
  // arena.
  std::string_view str(const Value& v);
  bool truthy(const Value& v);
  bool equal(const Value& a, const Value& b);
  // Python ordering; fails (and returns 0) when the two are not comparable.
  int compare(const Value& a, const Value& b);
  // Follows "a.b.0"-style paths (integers index sequences), as Jinja's
  // attribute= arguments do. Missing parts give undefined.
  Value attribute_path(const Value& obj, std::string_view path);
  // Fails unless v is defined (strict mode); returns whether it may be used.
  bool check_defined(const Value& v);

  // ---- calling back into the engine ----
  Value call(const Value& callable, const Args& args);
  // Calls a registered filter or test by name (map('upper'), select('odd')).
  Value call_filter(std::string_view name, const Args& args);
  Value call_test(std::string_view name, const Args& args);

  RenderState& state() { return st_; }

 private:
  RenderState& st_;
  const NativeFunction* fn_;
};

// RAII for CallContext::acquire_buffer.
class ScratchBuffer {
 public:
  explicit ScratchBuffer(CallContext& cx) : cx_(cx), buf_(cx.acquire_buffer()) {}
  ~ScratchBuffer() { cx_.release_buffer(); }
  ScratchBuffer(const ScratchBuffer&) = delete;
  ScratchBuffer& operator=(const ScratchBuffer&) = delete;
  std::string& get() { return buf_; }

 private:
  CallContext& cx_;
  std::string& buf_;
};

}  // namespace bengal::tmpl

// Renderer: renders compiled templates. One per worker thread, reused for
// every page that worker renders.
//
// A render owns all of its mutable state: a scope stack and every value it
// builds live in the renderer's arena, temporary output goes to pooled
// buffers, and the result is appended to the caller's `out` string. All of
// these keep their capacity between renders, so a warmed-up renderer renders
// without touching the heap (bench/template counts this).
//
// The Environment is only read. Several Renderers over one frozen
// Environment render concurrently without locks.
//
// Every template a render reads (the template itself, its extends chain,
// includes and imports) is reported once per render to the optional
// DependencyRecorder, with its content hash, for incremental builds.
//
// Errors: render() returns a Diagnostic located in the template that failed
// (file, line, column, excerpt, hint, and the include/macro chain that led
// there). `out` then holds partial output, which the caller discards.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/hash.h"
#include "core/result.h"
#include "template/environment.h"
#include "template/value.h"

namespace bengal::tmpl {

class DependencyRecorder {
 public:
  virtual ~DependencyRecorder() = default;
  virtual void on_template(std::string_view name, const Hash128& content_hash) = 0;
};

struct RenderState;

class Renderer {
 public:
  // `env` must be frozen and outlive the renderer.
  explicit Renderer(const Environment& env);
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;
  Renderer(Renderer&&) noexcept;
  Renderer& operator=(Renderer&&) noexcept;

  // Renders `t` with `context` (names the template can read, e.g. page,
  // site) appended to `out`. `host` is handed to every host callback.
  Status render(const Template& t, std::span<const NamedValue> context, std::string& out,
                void* host = nullptr, DependencyRecorder* recorder = nullptr);
  // Same, but `out` views the renderer's own buffer instead of receiving a
  // copy: valid until the next render on this renderer. On failure it views
  // the partial output.
  Status render(const Template& t, std::span<const NamedValue> context, std::string_view& out,
                void* host = nullptr, DependencyRecorder* recorder = nullptr);
  // Looks `name` up in the environment first (not-found is a diagnostic).
  Status render(std::string_view name, std::span<const NamedValue> context, std::string& out,
                void* host = nullptr, DependencyRecorder* recorder = nullptr);

  // Bytes the arena holds for reuse (diagnostics for benchmarks).
  std::size_t arena_reserved() const;

 private:
  std::unique_ptr<RenderState> state_;
};

}  // namespace bengal::tmpl

// Directive and role registries: how `:::{name}` blocks and `{name}`text``
// roles become HTML.
//
// A registry starts with the built-ins (or empty), takes site additions, and
// is frozen before the first parse; after freeze() it is immutable and shared
// by every worker's Parser. Renderers are called on the parsing thread with a
// context describing one occurrence; they append HTML and never keep state
// between calls (per-document counters come in the context).
//
// Thread-safety: building is single-threaded; a frozen registry is read-only.
#pragma once

#include <algorithm>
#include <cassert>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bengal::markdown {

// What a renderer may ask of the engine while rendering one document.
class RenderServices {
 public:
  // Appends `markdown` rendered as inline Markdown (no paragraph).
  virtual void append_inline(std::string_view markdown, std::string& out) = 0;
  // Resolves a cross-reference target through Hooks::resolve_link: {url, title}.
  virtual std::optional<std::pair<std::string, std::string>> resolve_link(
      std::string_view target) = 0;
  // Reports a warning at the current directive or role.
  virtual void warn(std::string message) = 0;
  // Appends a link to `target` (a heading "#id" of this page, or whatever
  // Hooks::resolve_link resolves), labelled `label` or else the target's
  // title; an unresolved target is a warning and renders visibly broken.
  virtual void append_cross_reference(std::string_view target, std::string_view label,
                                      std::string& out) = 0;

 protected:
  ~RenderServices() = default;
};

struct DirectiveOption {
  std::string_view key;
  std::string_view value;
};

struct DirectiveContext {
  std::string_view name;
  std::string_view argument;  // the rest of the opening line, trimmed
  std::span<const DirectiveOption> options;
  bool has_body = false;
  int serial = 0;           // 1-based occurrence of this directive name in the document
  int depth = 0;            // how many directives enclose this one
  std::string_view parent;  // name of the enclosing directive, if any
  RenderServices* services = nullptr;

  // Value of option `key`, or `fallback` when absent.
  std::string_view option(std::string_view key, std::string_view fallback = {}) const;
  bool has_option(std::string_view key) const;
};

enum class DirectivePhase { kOpen, kClose };

struct DirectiveSpec {
  std::string name;
  std::vector<std::string> options;  // recognised option names; any other is a warning
  // Called twice: kOpen before the body's HTML, kClose after it.
  std::function<void(const DirectiveContext&, DirectivePhase, std::string& out)> render;
  bool allows_body = true;     // false: a body is a warning (and is still rendered)
  bool includes_file = false;  // the argument names a file read through Hooks::include_file
};

struct RoleContext {
  std::string_view name;
  std::string_view text;  // the literal content between the backticks
  RenderServices* services = nullptr;
};

struct RoleSpec {
  std::string name;
  std::function<void(const RoleContext&, std::string& out)> render;
};

// A name-sorted table of specs, frozen before use.
template <typename Spec>
class NamedRegistry {
 public:
  // Adds `spec`, replacing a spec of the same name. Only before freeze().
  void add(Spec spec) {
    assert(!frozen_ && "registry is frozen");
    auto it = std::find_if(specs_.begin(), specs_.end(),
                           [&](const Spec& s) { return s.name == spec.name; });
    if (it != specs_.end()) {
      *it = std::move(spec);
    } else {
      specs_.push_back(std::move(spec));
    }
  }
  void freeze() {
    std::sort(specs_.begin(), specs_.end(),
              [](const Spec& a, const Spec& b) { return a.name < b.name; });
    names_.clear();
    for (const Spec& s : specs_) names_.push_back(s.name);
    frozen_ = true;
  }
  bool frozen() const { return frozen_; }
  const Spec* find(std::string_view name) const {
    assert(frozen_ && "freeze() the registry before parsing");
    auto it = std::lower_bound(specs_.begin(), specs_.end(), name,
                               [](const Spec& s, std::string_view n) { return s.name < n; });
    return it != specs_.end() && it->name == name ? &*it : nullptr;
  }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<Spec> specs_;
  std::vector<std::string> names_;
  bool frozen_ = false;
};

class DirectiveRegistry : public NamedRegistry<DirectiveSpec> {
 public:
  // Admonitions (note, tip, info, warning, danger, error, important, caution,
  // seealso, example, success), dropdown, details, tab-set, tab-item, cards,
  // card, steps, step, figure, container, badge and include. Not frozen.
  static DirectiveRegistry with_builtins();
};

class RoleRegistry : public NamedRegistry<RoleSpec> {
 public:
  // kbd, abbr, sub, sup, math, icon, ref, doc. Not frozen.
  static RoleRegistry with_builtins();
};

// The built-in registries, frozen; built once, thread-safe to share.
const DirectiveRegistry& builtin_directives();
const RoleRegistry& builtin_roles();

}  // namespace bengal::markdown

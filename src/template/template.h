// Template: one compiled template. Immutable once its Environment is frozen;
// every worker renders from the same object.
//
// A template that failed to compile still exists: it carries the Diagnostic,
// and rendering (or including) it reports that error, so one broken partial
// fails only the pages that use it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/hash.h"
#include "template/arena.h"
#include "template/parser.h"

namespace bengal::tmpl {

class Template {
 public:
  const std::string& name() const { return name_; }
  // File path (or "<memory>/name") for diagnostics.
  const std::string& origin() const { return origin_; }
  // Hash of the template's source text, reported to dependency recorders.
  const Hash128& hash() const { return hash_; }
  bool ok() const { return !error_.has_value(); }
  const Diagnostic* error() const { return error_ ? &*error_ : nullptr; }
  bool autoescape() const { return autoescape_; }

  // The compiled tree and source (for the renderer and error excerpts).
  std::string_view source() const { return source_; }
  const ParsedTemplate& parsed() const { return parsed_; }
  const BlockStmt* find_block(Symbol sym) const {
    for (const BlockStmt* b : parsed_.blocks) {
      if (b->sym == sym) return b;
    }
    return nullptr;
  }

 private:
  friend class Environment;
  std::string name_;
  std::string origin_;
  std::string source_;  // normalised (see normalize_source)
  Hash128 hash_;
  bool autoescape_ = false;
  Arena storage_{16 * 1024};
  ParsedTemplate parsed_;
  std::optional<Diagnostic> error_;
};

}  // namespace bengal::tmpl

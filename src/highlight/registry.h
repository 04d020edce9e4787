// Registry: language names and aliases -> lexers, built at start-up, then frozen.
//
// with_builtins() knows every built-in lexer under its name and aliases; the
// site may add aliases ("jinja" -> "html") before freeze(). Lookups are
// case-insensitive and allocation-free (a binary search over a sorted table).
//
// Thread-safety: add_alias() and freeze() are for the single start-up thread;
// after freeze() the registry is immutable and find() may be called from any
// number of threads. Adding after freeze() is a programmer error (asserted).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "highlight/lexer.h"

namespace bengal::highlight {

class Registry {
 public:
  static Registry with_builtins();

  // Makes `alias` name the same lexer as `language` (a name or an existing
  // alias). Fails, with a "did you mean" hint, when `language` is unknown.
  Status add_alias(std::string_view alias, std::string_view language);
  void freeze() { frozen_ = true; }
  bool frozen() const { return frozen_; }

  // Case-insensitive; nullptr if unknown.
  const Lexer* find(std::string_view name) const;
  // Canonical language names, sorted.
  std::vector<std::string_view> languages() const;
  // Every name and alias, sorted (for "did you mean").
  std::vector<std::string_view> names() const;

 private:
  struct Entry {
    std::string key;  // lower-case
    const Lexer* lexer;
  };
  void insert(std::string key, const Lexer* lexer);

  std::vector<Entry> entries_;  // sorted by key, unique
  bool frozen_ = false;
};

}  // namespace bengal::highlight

#include "highlight/registry.h"

#include <algorithm>
#include <cassert>

#include "core/text.h"

namespace bengal::highlight {
namespace {

// Longest name find() will lower-case; longer names cannot be registered.
constexpr std::size_t kMaxName = 64;

}  // namespace

Registry Registry::with_builtins() {
  Registry r;
  for (const Lexer& lexer : builtin_lexers()) {
    r.insert(std::string(lexer.name), &lexer);
    for (std::string_view alias : lexer.aliases) r.insert(std::string(alias), &lexer);
  }
  return r;
}

void Registry::insert(std::string key, const Lexer* lexer) {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                             [](const Entry& e, const std::string& k) { return e.key < k; });
  if (it != entries_.end() && it->key == key) {
    it->lexer = lexer;
  } else {
    entries_.insert(it, Entry{std::move(key), lexer});
  }
}

Status Registry::add_alias(std::string_view alias, std::string_view language) {
  assert(!frozen_ && "Registry::add_alias after freeze");
  const Lexer* lexer = find(language);
  if (lexer == nullptr) {
    std::vector<std::string_view> candidates = names();
    std::string_view guess = closest_match(to_lower_ascii(language), candidates);
    return make_error({}, "unknown highlight language '" + std::string(language) + "' for alias '" +
                              std::string(alias) + "'",
                      guess.empty() ? std::string() : "did you mean '" + std::string(guess) + "'?");
  }
  std::string key = to_lower_ascii(trim(alias));
  if (key.empty() || key.size() > kMaxName) {
    return make_error({}, "invalid highlight alias '" + std::string(alias) + "'",
                      "an alias is 1 to 64 characters");
  }
  insert(std::move(key), lexer);
  return Ok{};
}

const Lexer* Registry::find(std::string_view name) const {
  if (name.empty() || name.size() > kMaxName) return nullptr;
  char buf[kMaxName];
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  std::string_view key(buf, name.size());
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                             [](const Entry& e, std::string_view k) { return std::string_view(e.key) < k; });
  if (it == entries_.end() || it->key != key) return nullptr;
  return it->lexer;
}

std::vector<std::string_view> Registry::languages() const {
  std::vector<std::string_view> out;
  for (const Entry& e : entries_) {
    if (e.key == e.lexer->name) out.push_back(e.lexer->name);
  }
  return out;
}

std::vector<std::string_view> Registry::names() const {
  std::vector<std::string_view> out;
  out.reserve(entries_.size());
  for (const Entry& e : entries_) out.push_back(e.key);
  return out;
}

}  // namespace bengal::highlight

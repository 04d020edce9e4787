// Facts: the inputs an output (or a parsed page body) read, by stable key.
//
// A fact is "field F of subject S of kind K": the title of the page whose
// source is content/blog/a.md, the member list of section "blog", the
// template partials/nav.html, config key params.color. Subjects are named by
// keys that survive rebuilds (content paths, section folders, term slugs),
// never by in-memory ids. The planner compares each recorded fact's hash now
// with its hash when the output was rendered; the first that differs is the
// reason the output is rebuilt (`--explain`).
//
// A 10,000-page site reads a few hundred thousand distinct facts, so the
// table is compact: subject and field names are interned once, and a fact is
// three small integers. Each distinct fact is stored, hashed and compared
// once per build however many outputs read it.
//
// Thread-safety: a FactTable is filled on one thread (merging per-worker
// records in order); const access from many threads is safe.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "core/slot_index.h"

namespace bengal::incremental {

enum class FactKind : std::uint8_t {
  kPage,      // subject: content path (or "url:/x/" for generated pages)
  kSection,   // subject: content folder ("" for the root)
  kSite,      // subject: ""
  kTaxonomy,  // subject: taxonomy name
  kTerm,      // subject: "tags/go"
  kMenu,      // subject: menu name
  kConfig,    // subject: key path in bengal.toml
  kData,      // subject: data file key ("authors", "team/people")
  kAsset,     // subject: logical theme asset path
  kTemplate,  // subject: template name; field ""
  kFile,      // subject: content-relative file (include directive); field ""
};
std::string_view fact_kind_name(FactKind kind);

// A fact spelled out (tests, body dependencies, messages).
struct FactKey {
  FactKind kind = FactKind::kPage;
  std::string subject;
  std::string field;

  bool operator==(const FactKey&) const = default;
};

// "template partials/nav.html", "page content/a.md title", "config title"
std::string describe_fact(FactKind kind, std::string_view subject, std::string_view field);

using FactId = std::uint32_t;

// Interned strings: each distinct string stored once, named by its index.
class StringTable {
 public:
  std::uint32_t intern(std::string_view s);
  // Replaces the table with `strings`, in order (a cache load); false, and
  // an empty table, if one is repeated.
  bool assign(std::vector<std::string> strings);
  std::int64_t find(std::string_view s) const;  // -1 when absent
  std::string_view at(std::uint32_t i) const { return strings_[i]; }
  std::size_t size() const { return strings_.size(); }

 private:
  std::deque<std::string> strings_;  // stable addresses: views of them are kept
  SlotIndex index_;
};

class FactTable {
 public:
  struct Fact {
    FactKind kind;
    std::uint32_t subject;  // index into subjects()
    std::uint32_t field;    // index into fields()
  };

  FactId intern(FactKind kind, std::string_view subject, std::string_view field);
  FactId intern(FactKind kind, std::uint32_t subject, std::uint32_t field);
  FactId intern(const FactKey& key) { return intern(key.kind, key.subject, key.field); }
  // Replaces the facts with `facts`, in order, over the current subjects and
  // fields (a cache load: StringTable::assign them first); false, and no
  // facts, if one is repeated.
  bool assign(std::vector<Fact> facts);
  std::int64_t find(const FactKey& key) const;  // -1 when absent
  const Fact& fact(FactId id) const { return facts_[id]; }
  FactKind kind(FactId id) const { return facts_[id].kind; }
  std::string_view subject(FactId id) const { return subjects_.at(facts_[id].subject); }
  std::string_view field(FactId id) const { return fields_.at(facts_[id].field); }
  FactKey key(FactId id) const { return {kind(id), std::string(subject(id)), std::string(field(id))}; }
  std::string describe(FactId id) const { return describe_fact(kind(id), subject(id), field(id)); }
  std::size_t size() const { return facts_.size(); }

  StringTable& subjects() { return subjects_; }
  StringTable& fields() { return fields_; }
  const StringTable& subjects() const { return subjects_; }
  const StringTable& fields() const { return fields_; }

 private:
  static std::uint64_t pack(FactKind kind, std::uint32_t subject, std::uint32_t field) {
    return (static_cast<std::uint64_t>(subject) << 24) | (static_cast<std::uint64_t>(field) << 8) |
           static_cast<std::uint64_t>(kind);
  }
  static std::uint64_t pack(const Fact& f) { return pack(f.kind, f.subject, f.field); }
  StringTable subjects_;
  StringTable fields_;
  std::vector<Fact> facts_;
  SlotIndex index_;
};

}  // namespace bengal::incremental

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
// FactTable interns keys so each distinct fact is stored, hashed and
// compared once per build however many outputs read it.
//
// Thread-safety: FactTable is filled on one thread (merging per-worker
// records in order); reads are const.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/hash.h"

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
  kOutput,    // subject: the job's identity (kind, page, pager); field ""
};
std::string_view fact_kind_name(FactKind kind);

struct FactKey {
  FactKind kind = FactKind::kPage;
  std::string subject;
  std::string field;

  bool operator==(const FactKey&) const = default;
  // "template partials/nav.html", "page content/a.md title", "config title"
  std::string describe() const;
};

struct FactKeyHash {
  std::size_t operator()(const FactKey& k) const;
};

using FactId = std::uint32_t;

class FactTable {
 public:
  FactId intern(const FactKey& key);
  // The id of `key`, or -1 when unknown.
  std::int64_t find(const FactKey& key) const;
  const FactKey& key(FactId id) const { return keys_[id]; }
  std::size_t size() const { return keys_.size(); }

 private:
  std::vector<FactKey> keys_;
  std::unordered_map<FactKey, FactId, FactKeyHash> index_;
};

}  // namespace bengal::incremental

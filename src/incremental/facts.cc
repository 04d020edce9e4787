#include "incremental/facts.h"

namespace bengal::incremental {

std::string_view fact_kind_name(FactKind kind) {
  switch (kind) {
    case FactKind::kPage: return "page";
    case FactKind::kSection: return "section";
    case FactKind::kSite: return "site";
    case FactKind::kTaxonomy: return "taxonomy";
    case FactKind::kTerm: return "term";
    case FactKind::kMenu: return "menu";
    case FactKind::kConfig: return "config";
    case FactKind::kData: return "data";
    case FactKind::kAsset: return "asset";
    case FactKind::kTemplate: return "template";
    case FactKind::kFile: return "file";
    case FactKind::kOutput: return "output";
  }
  return "fact";
}

std::string FactKey::describe() const {
  std::string out(fact_kind_name(kind));
  if (!subject.empty()) {
    out += ' ';
    out += subject;
  }
  if (!field.empty()) {
    out += ' ';
    out += field;
  }
  return out;
}

std::size_t FactKeyHash::operator()(const FactKey& k) const {
  std::uint64_t h = hash_bytes(k.subject).lo;
  h ^= hash_bytes(k.field).lo * 0x9E3779B97F4A7C15ull;
  return static_cast<std::size_t>(h ^ (static_cast<std::uint64_t>(k.kind) << 56));
}

FactId FactTable::intern(const FactKey& key) {
  auto [it, fresh] = index_.emplace(key, static_cast<FactId>(keys_.size()));
  if (fresh) keys_.push_back(key);
  return it->second;
}

std::int64_t FactTable::find(const FactKey& key) const {
  auto it = index_.find(key);
  return it == index_.end() ? -1 : static_cast<std::int64_t>(it->second);
}

}  // namespace bengal::incremental

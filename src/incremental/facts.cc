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
  }
  return "fact";
}

std::string describe_fact(FactKind kind, std::string_view subject, std::string_view field) {
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

std::uint32_t StringTable::intern(std::string_view s) {
  auto it = index_.find(s);
  if (it != index_.end()) return it->second;
  strings_.emplace_back(s);
  auto id = static_cast<std::uint32_t>(strings_.size() - 1);
  index_.emplace(strings_.back(), id);
  return id;
}

std::int64_t StringTable::find(std::string_view s) const {
  auto it = index_.find(s);
  return it == index_.end() ? -1 : static_cast<std::int64_t>(it->second);
}

FactId FactTable::intern(FactKind kind, std::uint32_t subject, std::uint32_t field) {
  auto [it, fresh] = index_.emplace(pack(kind, subject, field), static_cast<FactId>(facts_.size()));
  if (fresh) facts_.push_back({kind, subject, field});
  return it->second;
}

FactId FactTable::intern(FactKind kind, std::string_view subject, std::string_view field) {
  return intern(kind, subjects_.intern(subject), fields_.intern(field));
}

std::int64_t FactTable::find(const FactKey& key) const {
  std::int64_t s = subjects_.find(key.subject);
  std::int64_t f = fields_.find(key.field);
  if (s < 0 || f < 0) return -1;
  auto it = index_.find(pack(key.kind, static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(f)));
  return it == index_.end() ? -1 : static_cast<std::int64_t>(it->second);
}

}  // namespace bengal::incremental

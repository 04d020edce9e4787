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

namespace {
std::uint32_t key_hash(std::uint64_t k) { return static_cast<std::uint32_t>(mix64(k)); }
}  // namespace

std::uint32_t StringTable::intern(std::string_view s) {
  std::uint32_t h = hash32(s);
  std::uint32_t found = index_.find(h, [&](std::uint32_t i) { return strings_[i] == s; });
  if (found != SlotIndex::kNone) return found;
  strings_.emplace_back(s);
  auto id = static_cast<std::uint32_t>(strings_.size() - 1);
  index_.insert(h, id);
  return id;
}

bool StringTable::assign(std::vector<std::string> strings) {
  strings_.clear();
  std::vector<std::uint32_t> hashes;
  hashes.reserve(strings.size());
  for (std::string& s : strings) {
    hashes.push_back(hash32(s));
    strings_.push_back(std::move(s));
  }
  if (index_.assign(hashes, [&](std::uint32_t a, std::uint32_t b) { return strings_[a] == strings_[b]; })) return true;
  strings_.clear();
  return false;
}

std::int64_t StringTable::find(std::string_view s) const {
  std::uint32_t found = index_.find(hash32(s), [&](std::uint32_t i) { return strings_[i] == s; });
  return found == SlotIndex::kNone ? -1 : static_cast<std::int64_t>(found);
}

FactId FactTable::intern(FactKind kind, std::uint32_t subject, std::uint32_t field) {
  std::uint64_t key = pack(kind, subject, field);
  std::uint32_t h = key_hash(key);
  std::uint32_t found = index_.find(h, [&](std::uint32_t i) { return pack(facts_[i]) == key; });
  if (found != SlotIndex::kNone) return found;
  facts_.push_back({kind, subject, field});
  auto id = static_cast<FactId>(facts_.size() - 1);
  index_.insert(h, id);
  return id;
}

bool FactTable::assign(std::vector<Fact> facts) {
  facts_ = std::move(facts);
  std::vector<std::uint32_t> hashes;
  hashes.reserve(facts_.size());
  for (const Fact& f : facts_) hashes.push_back(key_hash(pack(f)));
  if (index_.assign(hashes, [&](std::uint32_t a, std::uint32_t b) { return pack(facts_[a]) == pack(facts_[b]); })) {
    return true;
  }
  facts_.clear();
  return false;
}

FactId FactTable::intern(FactKind kind, std::string_view subject, std::string_view field) {
  return intern(kind, subjects_.intern(subject), fields_.intern(field));
}

std::int64_t FactTable::find(const FactKey& key) const {
  std::int64_t s = subjects_.find(key.subject);
  std::int64_t f = fields_.find(key.field);
  if (s < 0 || f < 0) return -1;
  std::uint64_t k = pack(key.kind, static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(f));
  std::uint32_t found = index_.find(key_hash(k), [&](std::uint32_t i) { return pack(facts_[i]) == k; });
  return found == SlotIndex::kNone ? -1 : static_cast<std::int64_t>(found);
}

}  // namespace bengal::incremental

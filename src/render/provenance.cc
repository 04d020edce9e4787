#include "render/provenance.h"

#include "core/text.h"
#include "template/value_ops.h"

namespace bengal::render {

using incremental::FactKey;
using incremental::FactKind;
using tmpl::Value;

namespace {

// Tags keep values of different kinds from colliding ("1" vs 1 vs true).
enum Tag : std::uint64_t {
  kTagAbsent = 0xA0,
  kTagUndefined,
  kTagNone,
  kTagBool,
  kTagInt,
  kTagFloat,
  kTagString,
  kTagSeq,
  kTagMap,
  kTagPage,
  kTagSection,
  kTagTaxonomy,
  kTagTerm,
  kTagDate,
  kTagMenuItem,
  kTagToc,
  kTagObject,
  kTagCallable,
};

void add_value(Hasher& h, const Value& v, RenderHost& host, int depth);

void add_page_identity(Hasher& h, const content::Page& p, RenderHost& host) {
  std::string scratch;  // only generated pages spell their key out
  h.add(kTagPage).add(page_key(*host.snap, p.id, scratch));
}

void add_menu_item(Hasher& h, const content::MenuItem& item, RenderHost& host, int depth) {
  h.add(kTagMenuItem).add(item.name).add(item.url).add(item.identifier).add(static_cast<std::uint64_t>(item.weight));
  h.add(item.params.to_json());
  h.add(static_cast<std::uint64_t>(item.children.size()));
  const auto& items = host.snap->site().menus[item.menu].items;
  for (std::uint32_t c : item.children) add_menu_item(h, items[c], host, depth + 1);
}

void add_sequence(Hasher& h, const Value& v, RenderHost& host, int depth) {
  tmpl::Sequence seq(v, &host);
  bool mapping = tmpl::is_mapping(v);
  h.add(mapping ? kTagMap : kTagSeq).add(static_cast<std::uint64_t>(seq.size()));
  for (std::size_t i = 0; i < seq.size(); ++i) {
    add_value(h, seq.at(i), host, depth + 1);
    if (mapping) add_value(h, seq.value_at(i), host, depth + 1);
  }
}

void add_value(Hasher& h, const Value& v, RenderHost& host, int depth) {
  constexpr int kMaxDepth = 64;
  if (depth > kMaxDepth) {
    h.add(kTagObject);
    return;
  }
  switch (v.kind()) {
    case tmpl::ValueKind::kUndefined: h.add(kTagUndefined); return;
    case tmpl::ValueKind::kNone: h.add(kTagNone); return;
    case tmpl::ValueKind::kBool: h.add(kTagBool).add(static_cast<std::uint64_t>(v.as_bool())); return;
    case tmpl::ValueKind::kInt: h.add(kTagInt).add(static_cast<std::uint64_t>(v.as_int())); return;
    case tmpl::ValueKind::kFloat: {
      double d = v.as_float();
      std::uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      h.add(kTagFloat).add(bits);
      return;
    }
    case tmpl::ValueKind::kString: h.add(kTagString).add(v.as_string()); return;
    case tmpl::ValueKind::kList:
    case tmpl::ValueKind::kMap: add_sequence(h, v, host, depth); return;
    case tmpl::ValueKind::kCallable: h.add(kTagCallable); return;
    case tmpl::ValueKind::kObject: break;
  }
  if (const content::Page* p = as_page(v)) {
    add_page_identity(h, *p, host);
  } else if (const content::Section* s = as_section(v)) {
    h.add(kTagSection).add(s->rel_dir);
  } else if (const content::Taxonomy* t = as_taxonomy(v)) {
    h.add(kTagTaxonomy).add(t->name);
  } else if (const content::Term* t = as_term(v)) {
    h.add(kTagTerm).add(t->slug);
  } else if (const DateTime* d = as_date(v)) {
    h.add(kTagDate).add(static_cast<std::uint64_t>(d->epoch_seconds));
    h.add(static_cast<std::uint64_t>(d->offset_minutes)).add(static_cast<std::uint64_t>(d->has_time));
  } else if (const content::MenuItem* m = as_menu_item(v)) {
    add_menu_item(h, *m, host, depth);
  } else if (const snapshot::TocEntry* e = as_toc_entry(v)) {
    h.add(kTagToc).add(static_cast<std::uint64_t>(e->level)).add(e->id).add(e->text);
  } else if (tmpl::is_sequence(v) || tmpl::is_mapping(v)) {
    add_sequence(h, v, host, depth);
  } else {
    h.add(kTagObject).add(std::string_view(v.vtable()->type_name));
  }
}

// The object a subject key names, as a template value (undefined if gone).
Value page_field(const content::Page& p, std::string_view field, RenderHost& host) {
  Value out;
  if (!tmpl::get_attribute(page_value(p), field, out, &host)) return Value();
  return out;
}

}  // namespace

Hash128 absent_fact_hash() {
  Hasher h;
  h.add(kTagAbsent);
  return h.digest();
}

Hash128 string_fact_hash(std::string_view s) {
  Hasher h;
  h.add(kTagString).add(s);
  return h.digest();
}

Hash128 value_hash(const Value& v, RenderHost& host) {
  if (v.is_string()) return string_fact_hash(v.as_string());
  Hasher h;
  add_value(h, v, host, 0);
  return h.digest();
}

std::string_view page_key(const snapshot::SiteSnapshot& snap, content::PageId id, std::string& scratch) {
  if (const snapshot::PageSource* src = snap.source(id)) return src->rel_path;
  scratch = "url:";
  scratch += snap.page(id).url;
  return scratch;
}

std::string page_key(const snapshot::SiteSnapshot& snap, content::PageId id) {
  std::string scratch;
  return std::string(page_key(snap, id, scratch));
}

// --- FactRecorder ---------------------------------------------------------------

std::string_view FactRecorder::intern_field(std::string_view field) {
  FieldMemo& m = field_memo_[(reinterpret_cast<std::uintptr_t>(field.data()) >> 3) % std::size(field_memo_)];
  // The address alone could be a reused buffer: the bytes decide.
  if (m.data == field.data() && m.size == field.size() && m.interned == field) return m.interned;
  std::string_view interned = facts_.fields().at(facts_.fields().intern(field));
  m = FieldMemo{field.data(), field.size(), interned};
  return interned;
}

void FactRecorder::begin() {
  job_.clear();
  ++generation_;
}

void FactRecorder::add(incremental::FactId id) {
  if (id >= seen_.size()) seen_.resize(id + 1, 0);
  if (seen_[id] == generation_) return;
  seen_[id] = generation_;
  job_.push_back(id);
}

// The stable subject of a read (and, for named objects, the field moves into
// the subject).
std::string_view FactRecorder::subject_key(ObjectKind kind, std::uint64_t subject, std::string_view field) {
  const content::Site& site = snap_.site();
  switch (kind) {
    case ObjectKind::kPage: return page_key(snap_, static_cast<content::PageId>(subject), scratch_);
    case ObjectKind::kSection: return site.sections[static_cast<std::size_t>(subject)].rel_dir;
    case ObjectKind::kSite: return {};
    case ObjectKind::kTaxonomy: return site.taxonomies[static_cast<std::size_t>(subject)].name;
    case ObjectKind::kTerm: {
      const auto& tax = site.taxonomies[static_cast<std::size_t>(subject >> 32)];
      scratch_ = tax.name;
      scratch_ += '/';
      scratch_ += tax.terms[static_cast<std::size_t>(subject & 0xFFFFFFFFu)].slug;
      return scratch_;
    }
    case ObjectKind::kMenu:
    case ObjectKind::kConfig:
    case ObjectKind::kData:
    case ObjectKind::kAsset:
    case ObjectKind::kTemplate: return field;
  }
  return {};
}

void FactRecorder::on_read(ObjectKind kind, std::uint64_t subject, std::string_view field) {
  std::string_view interned = intern_field(field);
  const char* f = interned.data();
  auto hash = static_cast<std::uint32_t>(mix64(reinterpret_cast<std::uintptr_t>(f) * 0x9E3779B97F4A7C15ull ^
                                               subject * 0xC2B2AE3D27D4EB4Full ^ static_cast<std::uint64_t>(kind)));
  std::uint32_t found = read_index_.find(hash, [&](std::uint32_t i) {
    const Read& r = reads_[i];
    return r.field == f && r.subject == subject && r.kind == kind;
  });
  if (found == SlotIndex::kNone) {
    std::string_view key = subject_key(kind, subject, field);
    incremental::FactKind fk = incremental::FactKind::kPage;
    std::string_view fact_field = interned;
    switch (kind) {
      case ObjectKind::kPage: fk = incremental::FactKind::kPage; break;
      case ObjectKind::kSection: fk = incremental::FactKind::kSection; break;
      case ObjectKind::kSite: fk = incremental::FactKind::kSite; break;
      case ObjectKind::kTaxonomy: fk = incremental::FactKind::kTaxonomy; break;
      case ObjectKind::kTerm: fk = incremental::FactKind::kTerm; break;
      case ObjectKind::kMenu: fk = incremental::FactKind::kMenu, fact_field = "items"; break;
      case ObjectKind::kConfig: fk = incremental::FactKind::kConfig, fact_field = ""; break;
      case ObjectKind::kData: fk = incremental::FactKind::kData, fact_field = ""; break;
      case ObjectKind::kAsset: fk = incremental::FactKind::kAsset, fact_field = ""; break;
      case ObjectKind::kTemplate: fk = incremental::FactKind::kTemplate, fact_field = ""; break;
    }
    found = static_cast<std::uint32_t>(reads_.size());
    reads_.push_back(Read{subject, f, kind, facts_.intern(fk, key, fact_field)});
    read_index_.insert(hash, found);
  }
  add(reads_[found].id);
}

void FactRecorder::on_template(std::string_view name, const Hash128&) { on_read(ObjectKind::kTemplate, 0, name); }

// --- FactResolver ---------------------------------------------------------------

FactResolver::FactResolver(const snapshot::SiteSnapshot& snap, const SiteTemplates& templates, const FileSystem& fs,
                           std::string content_root)
    : snap_(snap), templates_(templates), fs_(fs), content_root_(std::move(content_root)) {
  for (const content::Section& s : snap.site().sections) sections_.emplace(s.rel_dir, s.id);
}

const content::Page* FactResolver::page_by_key(std::string_view key) const {
  const content::Site& site = snap_.site();
  if (starts_with(key, "url:")) {
    auto it = site.by_url.find(key.substr(4));
    // A URL key names a generated page; a content page at that URL is another subject.
    if (it == site.by_url.end() || snap_.source(it->second) != nullptr) return nullptr;
    return &site.page(it->second);
  }
  auto it = site.by_path.find(key);
  return it == site.by_path.end() ? nullptr : &site.page(it->second);
}

Hash128 FactResolver::hash(FactKind kind, std::string_view subject, std::string_view field,
                           RenderHost& host) const {
  const content::Site& site = snap_.site();
  struct {
    std::string_view subject, field;
  } key{subject, field};
  if (kind == FactKind::kAsset || kind == FactKind::kTemplate || kind == FactKind::kFile) {
    // The theme and the files on disk are not part of the snapshot.
    if (snapshot::ReadScope* s = snapshot::ReadScope::current()) s->note_other();
  }
  switch (kind) {
    case FactKind::kPage: {
      const content::Page* p = page_by_key(key.subject);
      if (p == nullptr) return absent_fact_hash();
      if (key.field == "content") {
        Hasher h;
        h.add(kTagString).add(snap_.body(p->id).content_hash);
        return h.digest();
      }
      return value_hash(page_field(*p, key.field, host), host);
    }
    case FactKind::kSection: {
      auto it = sections_.find(std::string(key.subject));
      if (it == sections_.end()) return absent_fact_hash();
      Value out;
      if (!tmpl::get_attribute(section_value(site.section(it->second)), key.field, out, &host)) out = Value();
      return value_hash(out, host);
    }
    case FactKind::kSite: {
      Value out;
      if (!tmpl::get_attribute(site_value(snap_), key.field, out, &host)) out = Value();
      return value_hash(out, host);
    }
    case FactKind::kTaxonomy:
    case FactKind::kTerm: {
      std::string_view tax_name = key.subject;
      std::string_view slug;
      if (kind == FactKind::kTerm) {
        std::size_t slash = key.subject.find('/');
        if (slash == std::string_view::npos) return absent_fact_hash();
        tax_name = key.subject.substr(0, slash);
        slug = key.subject.substr(slash + 1);
      }
      for (const content::Taxonomy& t : site.taxonomies) {
        if (t.name != tax_name) continue;
        Value obj = taxonomy_value(t);
        if (kind == FactKind::kTerm) {
          auto term = std::lower_bound(t.terms.begin(), t.terms.end(), slug,
                                       [](const content::Term& a, std::string_view s) { return a.slug < s; });
          if (term == t.terms.end() || term->slug != slug) return absent_fact_hash();
          obj = term_value(*term);
        }
        Value out;
        if (!tmpl::get_attribute(obj, key.field, out, &host)) out = Value();
        return value_hash(out, host);
      }
      return absent_fact_hash();
    }
    case FactKind::kMenu: {
      for (const content::Menu& m : site.menus) {
        if (m.name != key.subject) continue;
        Hasher h;
        h.add(static_cast<std::uint64_t>(m.roots.size()));
        for (std::uint32_t r : m.roots) add_menu_item(h, m.items[r], host, 0);
        return h.digest();
      }
      return absent_fact_hash();
    }
    case FactKind::kConfig: {
      const Data* d = &snap_.config().raw;
      for (std::string_view part : split(key.subject, '.')) {
        d = d->is_object() ? d->find(part) : nullptr;
        if (d == nullptr) return absent_fact_hash();
      }
      return string_fact_hash(d->to_json());
    }
    case FactKind::kData: {
      const Data* d = snap_.data().find(key.subject);
      return d ? string_fact_hash(d->to_json()) : absent_fact_hash();
    }
    case FactKind::kAsset: {
      const AssetManifest::Entry* e = templates_.theme().manifest().find(key.subject);
      return e ? templates_.theme().assets()[e->asset].hash : absent_fact_hash();
    }
    case FactKind::kTemplate: {
      const tmpl::Template* t = templates_.env().find(key.subject);
      return t ? t->hash() : absent_fact_hash();
    }
    case FactKind::kFile: {
      auto bytes = fs_.read_file(join_path(content_root_, key.subject));
      return bytes.ok() ? hash_bytes(*bytes) : absent_fact_hash();
    }
  }
  return absent_fact_hash();
}

}  // namespace bengal::render

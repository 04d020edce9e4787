// Provenance: which facts an output read, and what each fact is worth now.
//
// FactRecorder is one worker's ReadObserver and template DependencyRecorder.
// While a job renders it collects every attribute read (page title, section
// member list, config key, template, asset...) and turns them into stable
// incremental::FactKeys, building each key's strings once per worker however
// many jobs read it.
//
// FactResolver answers "what is this fact's hash in this snapshot?" by
// reading the value through the same attribute tables templates use, so a
// fact can never be recorded under one meaning and checked under another.
// Objects hash by identity (a page by its key, a list by its members' keys),
// scalars by value; a page's `content` hashes as its body's content hash, so
// checking it never needs the HTML.
//
// Thread-safety: a FactRecorder belongs to one worker. FactResolver::hash is
// const and may run on many threads at once, each with its own RenderHost.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/fs.h"
#include "incremental/facts.h"
#include "core/slot_index.h"
#include "render/context.h"
#include "render/pipeline.h"
#include "template/renderer.h"

namespace bengal::render {

// A fact's hash when its subject no longer exists.
Hash128 absent_fact_hash();
// How a string-valued fact hashes (shared by every path that hashes one).
Hash128 string_fact_hash(std::string_view s);

// The stable key of a snapshot object, for fact subjects.
std::string page_key(const snapshot::SiteSnapshot& snap, content::PageId id);
// The same as a view: of the page's source path, or of `scratch` (for
// generated pages) without allocating when it has the room.
std::string_view page_key(const snapshot::SiteSnapshot& snap, content::PageId id, std::string& scratch);

class FactRecorder final : public ReadObserver, public tmpl::DependencyRecorder {
 public:
  explicit FactRecorder(const snapshot::SiteSnapshot& snap) : snap_(snap) {}

  // Starts recording one job.
  void begin();
  void on_read(ObjectKind kind, std::uint64_t subject, std::string_view field) override;
  void on_template(std::string_view name, const Hash128& content_hash) override;
  // The job's facts as ids in facts(), deduplicated, in first-read order.
  const std::vector<incremental::FactId>& job_facts() const { return job_; }
  // Every fact this worker recorded, across its jobs.
  const incremental::FactTable& facts() const { return facts_; }

 private:
  // Reads already seen by this worker, found through a SlotIndex by
  // (kind, subject, interned field address): this lookup runs for every
  // attribute every template reads (a node-based map was 6% of a cold
  // build in cache misses).
  struct Read {
    std::uint64_t subject;
    const char* field;  // interned in facts_.fields(): its address names it
    ObjectKind kind;
    incremental::FactId id;
  };
  // The last field strings interned, by address: most reads name a field
  // from a static attribute table, so interning is usually a compare.
  struct FieldMemo {
    const char* data = nullptr;
    std::size_t size = 0;
    std::string_view interned;
  };
  std::string_view intern_field(std::string_view field);
  void add(incremental::FactId id);
  // The subject's stable key; may view scratch_ (valid until the next call).
  std::string_view subject_key(ObjectKind kind, std::uint64_t subject, std::string_view field);

  const snapshot::SiteSnapshot& snap_;
  incremental::FactTable facts_;
  std::vector<Read> reads_;
  SlotIndex read_index_;  // into reads_
  FieldMemo field_memo_[64];
  std::string scratch_;
  std::vector<incremental::FactId> job_;
  std::vector<std::uint32_t> seen_;  // per fact: the job generation that last added it
  std::uint32_t generation_ = 0;
};

class FactResolver {
 public:
  // `fs` and `content_root` resolve include-file facts.
  FactResolver(const snapshot::SiteSnapshot& snap, const SiteTemplates& templates, const FileSystem& fs,
               std::string content_root);

  Hash128 hash(incremental::FactKind kind, std::string_view subject, std::string_view field, RenderHost& host) const;
  Hash128 hash(const incremental::FactKey& key, RenderHost& host) const {
    return hash(key.kind, key.subject, key.field, host);
  }

 private:
  const content::Page* page_by_key(std::string_view key) const;

  const snapshot::SiteSnapshot& snap_;
  const SiteTemplates& templates_;
  const FileSystem& fs_;
  std::string content_root_;
  std::unordered_map<std::string, content::SectionId> sections_;
};

// Hash of a template value as a fact: scalars by value, site objects by
// identity, sequences and mappings element by element.
Hash128 value_hash(const tmpl::Value& v, RenderHost& host);

}  // namespace bengal::render

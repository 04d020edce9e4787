#include "build/plan_stage.h"

namespace bengal::build {

std::string job_identity(const snapshot::SiteSnapshot& snap, const snapshot::RenderJob& job) {
  std::string id(snapshot::output_template(job.kind));
  if (id.empty()) id = "page";
  id += '|';
  id += render::page_key(snap, job.page);
  id += '|';
  id += std::to_string(job.pager);
  id += '/';
  id += std::to_string(job.pager_count);
  return id;
}

Hash128 identity_hash(const snapshot::SiteSnapshot& snap, const snapshot::RenderJob& job) {
  return hash_bytes(job_identity(snap, job));
}

Hash128 hash_fact(const render::FactResolver& resolver, const incremental::FactTable& table, incremental::FactId id,
                  render::RenderHost& host, std::int32_t& reach) {
  snapshot::ReadScope scope;
  Hash128 h;
  {
    snapshot::ReadScope::Open open(scope);
    h = resolver.hash(table.kind(id), table.subject(id), table.field(id), host);
  }
  reach = scope.reach;
  return h;
}

Plan plan_outputs(const snapshot::SiteSnapshot& snap, const render::FactResolver& resolver,
                  incremental::BuildCache& previous, const FileSystem& fs, const std::string& output_dir,
                  bool full_build, ThreadPool& pool, const FrameReuse& reuse) {
  const auto& schedule = snap.schedule();
  Plan plan;
  if (reuse.same_frame && reuse.identities != nullptr && reuse.identities->size() == schedule.size()) {
    plan.identities = *reuse.identities;
  } else {
    plan.identities.resize(schedule.size());
    pool.parallel_for(schedule.size(),
                      [&](std::size_t i, unsigned) { plan.identities[i] = identity_hash(snap, schedule[i]); });
  }
  if (full_build) {
    if (reuse.readers != nullptr) reuse.readers->invalidate();
    for (std::size_t i = 0; i < schedule.size(); ++i) {
      plan.dirty.push_back(i);
      plan.reasons.emplace_back("full build");
    }
    return plan;
  }
  // Each output's record: as the last resident build on this frame noted
  // them, or looked up by path.
  std::vector<incremental::OutputRecord*> records(schedule.size(), nullptr);
  if (reuse.records != nullptr) {
    records = *reuse.records;
  } else {
    // 10,000 lookups by path, on every core (finds on a map nobody changes).
    pool.parallel_for(schedule.size(), [&](std::size_t i, unsigned) {
      auto it = previous.outputs.find(schedule[i].output_path);
      if (it != previous.outputs.end()) records[i] = &it->second;
    });
  }

  // Hash the facts some record read, once each, in parallel, and note which
  // changed since the last build. On the last build's frame that is every
  // fact in the table, near enough (the last build dropped the records it
  // did not keep), which spares a walk over every record's facts; and a
  // fact whose hash read nothing that changed keeps its hash unread.
  const std::size_t fact_count = previous.facts.size();
  const std::size_t hashed_before = previous.fact_hashes.size();  // facts with a hash from the last build
  std::vector<incremental::FactId> needed;
  if (reuse.same_frame) {
    for (incremental::FactId f = 0; f < fact_count; ++f) {
      const std::int32_t r = f < previous.fact_reach.size() ? previous.fact_reach[f] : snapshot::ReadScope::kAnything;
      const bool same = r == snapshot::ReadScope::kFrameOnly ||
                        (r >= 0 && static_cast<std::size_t>(r) < reuse.body_changed->size() &&
                         !(*reuse.body_changed)[static_cast<std::size_t>(r)]);
      if (!same) needed.push_back(f);
    }
    // The plan's hashes start as the last build's (taken, not copied: the
    // cache's are replaced by the plan's at commit).
    plan.computed.assign(fact_count, true);
    plan.now = std::move(previous.fact_hashes);
    plan.now.resize(fact_count);
    plan.reach = std::move(previous.fact_reach);
    plan.reach.resize(fact_count, snapshot::ReadScope::kAnything);
  } else {
    plan.now.assign(fact_count, Hash128{});
    plan.computed.assign(fact_count, false);
    plan.reach.assign(fact_count, snapshot::ReadScope::kAnything);
    for (const incremental::OutputRecord* rec : records) {
      if (rec == nullptr) continue;
      for (incremental::FactId f : rec->facts) plan.computed[f] = true;
    }
    for (incremental::FactId f = 0; f < fact_count; ++f) {
      if (plan.computed[f]) needed.push_back(f);
    }
  }
  std::vector<render::RenderHost> hosts(pool.size());
  for (auto& h : hosts) h.snap = &snap;
  std::vector<char> changed(fact_count, 0);  // char, not bool: written from every worker
  // The hash a fact had: in previous.fact_hashes, or (same frame) in plan.now until overwritten.
  const std::vector<Hash128>& before = reuse.same_frame ? plan.now : previous.fact_hashes;
  pool.parallel_for(needed.size(), [&](std::size_t i, unsigned worker) {
    incremental::FactId f = needed[i];
    const Hash128 h = hash_fact(resolver, previous.facts, f, hosts[worker], plan.reach[f]);
    changed[f] = f >= hashed_before || h != before[f];
    plan.now[f] = h;
  });
  plan.hashed = needed.size();
  std::vector<incremental::FactId> changed_ids;
  for (incremental::FactId f : needed) {
    if (changed[f]) changed_ids.push_back(f);
  }
  // With a valid reader index, only the outputs it names can read a changed
  // fact; the others' facts are not walked.
  const bool indexed = reuse.same_frame && reuse.readers != nullptr && reuse.readers->valid();
  std::vector<char> suspect;
  if (indexed) {
    suspect.assign(schedule.size(), 0);
    reuse.readers->mark_readers(changed_ids, changed, suspect);
  }
  // A file system that alone writes the output keeps the stamps of the
  // files the records describe true: no stat needed.
  const bool exclusive = fs.exclusive(output_dir);
  const std::unique_ptr<StatBelow> outputs = fs.stat_below(output_dir);

  // Each output's verdict in its own slot (stat and provenance in
  // parallel), merged in schedule order so the plan is the same for any
  // number of workers.
  struct Verdict {
    std::string reason;  // empty: clean
    FileInfo info;
  };
  std::vector<Verdict> verdicts(schedule.size());
  pool.parallel_for(schedule.size(), [&](std::size_t i, unsigned) {
    const snapshot::RenderJob& job = schedule[i];
    const incremental::OutputRecord* rec = records[i];
    Verdict& v = verdicts[i];
    if (rec == nullptr) {
      v.reason = "new output";
      return;
    }
    // The provenance is unchanged when no fact it read changed hash and the
    // job is the same: the table's hashes are those the record was made with
    // (every build stores the hashes of the facts its records read).
    if (!indexed || suspect[i]) {
      for (incremental::FactId f : rec->facts) {
        if (changed[f]) {
          v.reason = previous.facts.describe(f) + " changed";
          return;
        }
      }
    }
    if (plan.identities[i] != rec->identity) {
      v.reason = "now produced by " + job_identity(snap, job);
      return;
    }
    if (exclusive) {
      v.info = FileInfo{true, false, rec->size, rec->mtime_ns};
      return;
    }
    v.info = outputs->stat(job.output_path);
    if (!v.info.exists) {
      v.reason = "output file missing";
      return;
    }
    if (v.info.size != rec->size || v.info.mtime_ns != rec->mtime_ns) {
      auto bytes = fs.read_file(join_path(output_dir, job.output_path));
      if (!bytes.ok() || hash_bytes(*bytes) != rec->content) v.reason = "output file edited by hand";
    }
  });
  plan.clean.reserve(schedule.size());
  plan.clean_files.reserve(schedule.size());
  plan.clean_records.reserve(schedule.size());
  for (std::size_t i = 0; i < schedule.size(); ++i) {
    if (verdicts[i].reason.empty()) {
      plan.clean.push_back(i);
      plan.clean_files.push_back(verdicts[i].info);
      plan.clean_records.push_back(records[i]);
    } else {
      plan.dirty.push_back(i);
      plan.reasons.push_back(std::move(verdicts[i].reason));
      // Rendering makes the output a new list of facts; the old one is
      // dropped now, not when the new record replaces it (a template edit
      // dirties every output: that is 10 MB at 10,000 pages).
      if (records[i] != nullptr) {
        std::vector<incremental::FactId>().swap(records[i]->facts);
        records[i]->encoded = {};
      }
    }
  }
  // The index the next plan on this frame uses: the clean records (the
  // render adds the records it makes).
  if (reuse.readers != nullptr && (!indexed || reuse.readers->wants_rebuild())) {
    reuse.readers->rebuild(fact_count, schedule.size(), [&](std::size_t j) {
      return records[j] == nullptr ? std::span<const incremental::FactId>()
                                   : std::span<const incremental::FactId>(records[j]->facts);
    });
  }
  return plan;
}

}  // namespace bengal::build

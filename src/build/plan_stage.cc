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
                  render::RenderHost& host, std::int32_t* reach) {
  if (reach == nullptr) return resolver.hash(table.kind(id), table.subject(id), table.field(id), host);
  snapshot::ReadScope scope;
  Hash128 h;
  {
    snapshot::ReadScope::Open open(scope);
    h = resolver.hash(table.kind(id), table.subject(id), table.field(id), host);
  }
  *reach = scope.reach;
  return h;
}

Plan plan_outputs(const snapshot::SiteSnapshot& snap, const render::FactResolver& resolver,
                  incremental::BuildCache& previous, const FileSystem& fs, const std::string& output_dir,
                  bool full_build, ThreadPool& pool, const FrameReuse& reuse) {
  const auto& schedule = snap.schedule();
  Plan plan;
  plan.now.assign(previous.facts.size(), Hash128{});
  plan.computed.assign(previous.facts.size(), false);
  if (reuse.resident) plan.reach.assign(previous.facts.size(), snapshot::ReadScope::kAnything);
  if (reuse.same_frame && reuse.identities != nullptr && reuse.identities->size() == schedule.size()) {
    plan.identities = *reuse.identities;
  } else {
    plan.identities.resize(schedule.size());
    pool.parallel_for(schedule.size(),
                      [&](std::size_t i, unsigned) { plan.identities[i] = identity_hash(snap, schedule[i]); });
  }
  if (full_build) {
    for (std::size_t i = 0; i < schedule.size(); ++i) {
      plan.dirty.push_back(i);
      plan.reasons.emplace_back("full build");
    }
    return plan;
  }
  // Hash every fact some existing record read, once, in parallel, and note
  // which of them changed since the last build. On the last build's frame
  // that is every fact in the table, near enough (the last build dropped
  // the records it did not keep, and most facts keep their hash unread),
  // which spares a walk over every record's facts.
  std::vector<incremental::OutputRecord*> records(schedule.size(), nullptr);
  for (std::size_t i = 0; i < schedule.size(); ++i) {
    auto it = previous.outputs.find(schedule[i].output_path);
    if (it == previous.outputs.end()) continue;
    records[i] = &it->second;
    if (!reuse.same_frame) {
      for (incremental::FactId f : it->second.facts) plan.computed[f] = true;
    }
  }
  if (reuse.same_frame) plan.computed.assign(previous.facts.size(), true);
  std::vector<incremental::FactId> needed;
  for (incremental::FactId f = 0; f < plan.computed.size(); ++f) {
    if (plan.computed[f]) needed.push_back(f);
  }
  std::vector<render::RenderHost> hosts(pool.size());
  for (auto& h : hosts) h.snap = &snap;
  std::vector<char> changed(previous.facts.size(), 0);  // char, not bool: written from every worker
  auto unchanged = [&](incremental::FactId f) {
    if (!reuse.same_frame || f >= previous.fact_reach.size()) return false;
    std::int32_t r = previous.fact_reach[f];
    if (r == snapshot::ReadScope::kFrameOnly) return true;
    return r >= 0 && !(*reuse.body_changed)[static_cast<std::size_t>(r)];
  };
  pool.parallel_for(needed.size(), [&](std::size_t i, unsigned worker) {
    incremental::FactId f = needed[i];
    if (unchanged(f)) {
      plan.now[f] = previous.fact_hashes[f];
      plan.reach[f] = previous.fact_reach[f];
      return;
    }
    plan.now[f] = hash_fact(resolver, previous.facts, f, hosts[worker], reuse.resident ? &plan.reach[f] : nullptr);
    changed[f] = plan.now[f] != previous.fact_hashes[f];
  });

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
    for (incremental::FactId f : rec->facts) {
      if (changed[f]) {
        v.reason = previous.facts.describe(f) + " changed";
        return;
      }
    }
    if (plan.identities[i] != rec->identity) {
      v.reason = "now produced by " + job_identity(snap, job);
      return;
    }
    v.info = fs.stat(join_path(output_dir, job.output_path));
    if (!v.info.exists) {
      v.reason = "output file missing";
      return;
    }
    if (v.info.size != rec->size || v.info.mtime_ns != rec->mtime_ns) {
      auto bytes = fs.read_file(join_path(output_dir, job.output_path));
      if (!bytes.ok() || hash_bytes(*bytes) != rec->content) v.reason = "output file edited by hand";
    }
  });
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
      if (records[i] != nullptr) std::vector<incremental::FactId>().swap(records[i]->facts);
    }
  }
  return plan;
}

}  // namespace bengal::build

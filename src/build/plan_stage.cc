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

Hash128 provenance(std::string_view identity, const std::vector<Hash128>& fact_hashes) {
  Hasher h;
  h.add(identity);
  for (const Hash128& f : fact_hashes) h.add(f);
  return h.digest();
}

Plan plan_outputs(const snapshot::SiteSnapshot& snap, const render::FactResolver& resolver,
                  const incremental::BuildCache& previous, const FileSystem& fs, const std::string& output_dir,
                  bool full_build, ThreadPool& pool) {
  const auto& schedule = snap.schedule();
  Plan plan;
  plan.now.assign(previous.facts.size(), Hash128{});
  plan.computed.assign(previous.facts.size(), false);
  if (full_build) {
    for (std::size_t i = 0; i < schedule.size(); ++i) {
      plan.dirty.push_back(i);
      plan.reasons.emplace_back("full build");
    }
    return plan;
  }
  // Hash every fact some existing record read, once, in parallel.
  std::vector<const incremental::OutputRecord*> records(schedule.size(), nullptr);
  for (std::size_t i = 0; i < schedule.size(); ++i) {
    auto it = previous.outputs.find(schedule[i].output_path);
    if (it == previous.outputs.end()) continue;
    records[i] = &it->second;
    for (incremental::FactId f : it->second.facts) plan.computed[f] = true;
  }
  std::vector<incremental::FactId> needed;
  for (incremental::FactId f = 0; f < plan.computed.size(); ++f) {
    if (plan.computed[f]) needed.push_back(f);
  }
  std::vector<render::RenderHost> hosts(pool.size());
  for (auto& h : hosts) h.snap = &snap;
  pool.parallel_for(needed.size(), [&](std::size_t i, unsigned worker) {
    incremental::FactId f = needed[i];
    plan.now[f] = resolver.hash(previous.facts.kind(f), previous.facts.subject(f), previous.facts.field(f),
                                hosts[worker]);
  });

  // Each output's verdict in its own slot (stat and provenance in
  // parallel), merged in schedule order so the plan is the same for any
  // number of workers.
  struct Verdict {
    std::string reason;  // empty: clean
    FileInfo info;
  };
  std::vector<Verdict> verdicts(schedule.size());
  std::vector<std::vector<Hash128>> scratch(pool.size());
  pool.parallel_for(schedule.size(), [&](std::size_t i, unsigned worker) {
    const snapshot::RenderJob& job = schedule[i];
    const incremental::OutputRecord* rec = records[i];
    Verdict& v = verdicts[i];
    if (rec == nullptr) {
      v.reason = "new output";
      return;
    }
    std::vector<Hash128>& hashes = scratch[worker];
    hashes.clear();
    for (incremental::FactId f : rec->facts) hashes.push_back(plan.now[f]);
    std::string identity = job_identity(snap, job);
    if (provenance(identity, hashes) != rec->provenance) {
      v.reason = "now produced by " + identity;
      for (incremental::FactId f : rec->facts) {
        if (plan.now[f] != previous.fact_hashes[f]) {
          v.reason = previous.facts.describe(f) + " changed";
          break;
        }
      }
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
    } else {
      plan.dirty.push_back(i);
      plan.reasons.push_back(std::move(verdicts[i].reason));
    }
  }
  return plan;
}

}  // namespace bengal::build

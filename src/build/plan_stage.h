// The plan stage: which outputs must be rendered, and why.
//
// An output is dirty when it has no record from the last build, when its
// provenance changed (the first recorded fact whose hash differs is the
// reason: "template partials/nav.html changed"; or the job writing the path
// is another one: "now produced by ..."), or when its file is missing
// or was edited by hand (not asked of a file system that is the only writer
// of the output: FileSystem::exclusive). Every other output is left alone:
// not rendered, not written. --no-incremental (or no usable cache) makes
// everything dirty.
// The records of dirty outputs keep their file stamps but lose their fact
// lists (the render records new ones).
//
// Thread-safety: plan_outputs() hashes facts in parallel on `pool`, each
// worker with its own RenderHost; everything else is single-threaded.
#pragma once

#include <string>
#include <vector>

#include "build/reader_index.h"
#include "core/fs.h"
#include "core/thread_pool.h"
#include "incremental/build_cache.h"
#include "render/provenance.h"
#include "snapshot/snapshot.h"

namespace bengal::build {

struct Plan {
  std::vector<std::size_t> dirty;      // schedule indexes to render, in schedule order
  std::vector<std::string> reasons;    // parallel to `dirty`
  std::vector<std::size_t> clean;      // schedule indexes left alone
  std::vector<FileInfo> clean_files;   // parallel to `clean`: the output file as it is now
  // Parallel to `clean`: their records in the previous cache, which the
  // build updates in place and carries into the next one.
  std::vector<incremental::OutputRecord*> clean_records;
  // The previous cache's facts, hashed against this snapshot: those some
  // record read (on the last build's frame: every fact in the table);
  // `computed` says which, the others have a zero hash.
  std::vector<Hash128> now;
  std::vector<bool> computed;
  std::vector<std::int32_t> reach;  // of the computed facts (snapshot::ReadScope::reach), for the next build
  std::vector<Hash128> identities;  // by schedule index: identity_hash() of each job
  std::size_t hashed = 0;           // facts hashed now
};

// What a plan may take as unchanged without hashing: when this build's
// snapshot stands on a frame equal to the last build's (the same one kept in
// memory, or one assembled from the same inputs), a fact whose hash read
// nothing beyond the frame, or only the body of a page whose body is the
// same, has the hash recorded last time (incremental::BuildCache::fact_reach).
struct FrameReuse {
  bool same_frame = false;
  const std::vector<char>* body_changed = nullptr;  // by page id (same_frame only)
  // The jobs' identities as the last plan on this frame computed them (they
  // read only the frame); empty: computed now.
  const std::vector<Hash128>* identities = nullptr;  // resident and same_frame only
  // Resident only: who reads each fact. Used on the last build's frame when
  // valid (only outputs reading a changed fact have their facts checked);
  // rebuilt from the clean records otherwise.
  ReaderIndex* readers = nullptr;
  // Resident and same_frame only: each job's record as the last build kept
  // it, by schedule index (no lookup by path).
  const std::vector<incremental::OutputRecord*>* records = nullptr;
};

// The identity of a job (what it renders): "<template or page>|<page key>|<pager>/<count>".
std::string job_identity(const snapshot::SiteSnapshot& snap, const snapshot::RenderJob& job);
// Its hash, kept in the output's record.
Hash128 identity_hash(const snapshot::SiteSnapshot& snap, const snapshot::RenderJob& job);

// A fact's hash now; sets `reach` to what the hash read beyond the
// snapshot's frame (snapshot::ReadScope::reach).
Hash128 hash_fact(const render::FactResolver& resolver, const incremental::FactTable& table, incremental::FactId id,
                  render::RenderHost& host, std::int32_t& reach);

Plan plan_outputs(const snapshot::SiteSnapshot& snap, const render::FactResolver& resolver,
                  incremental::BuildCache& previous, const FileSystem& fs, const std::string& output_dir,
                  bool full_build, ThreadPool& pool, const FrameReuse& reuse = {});

}  // namespace bengal::build

// The render stage: renders the planned jobs on every worker, each with its
// own RenderPipeline and FactRecorder, writes changed bytes, and returns, in
// job order, each output's record for the next build: what it read (as fact
// keys) and its provenance.
//
// Thread-safety: render_jobs() runs its own parallel loop; the per-worker
// objects in `workers` are used only by their worker.
#pragma once

#include <memory>
#include <vector>

#include "core/diagnostic.h"
#include "core/progress.h"
#include "core/thread_pool.h"
#include "incremental/build_cache.h"
#include "incremental/output_writer.h"
#include "render/pipeline.h"
#include "render/provenance.h"

namespace bengal::build {

struct Worker {
  std::unique_ptr<render::RenderPipeline> pipeline;
  std::unique_ptr<render::FactRecorder> recorder;
};

struct RenderedJob {
  std::size_t job = 0;  // schedule index
  incremental::WriteOutcome outcome = incremental::WriteOutcome::kFailed;
  incremental::OutputRecord record;  // size, mtime, content
  unsigned worker = 0;               // whose recorder holds the facts
  // What it read in first-read order: ids in that recorder's table, until the
  // postprocess stage translates them to the next cache's table in place.
  std::vector<incremental::FactId> facts;
};

std::vector<RenderedJob> render_jobs(const snapshot::SiteSnapshot& snap, const std::vector<std::size_t>& jobs,
                                     std::vector<Worker>& workers, incremental::OutputWriter& writer,
                                     ThreadPool& pool, Progress& progress, DiagnosticList& diags);

}  // namespace bengal::build

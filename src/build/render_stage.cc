#include "build/render_stage.h"

namespace bengal::build {

std::vector<RenderedJob> render_jobs(const snapshot::SiteSnapshot& snap, const std::vector<std::size_t>& jobs,
                                     std::vector<Worker>& workers, incremental::OutputWriter& writer,
                                     ThreadPool& pool, Progress& progress, DiagnosticList& diags) {
  struct Result {
    RenderedJob rendered;
    DiagnosticList diags;
  };
  std::vector<Result> results(jobs.size());
  const auto& schedule = snap.schedule();
  pool.parallel_for(jobs.size(), [&](std::size_t i, unsigned w) {
    Result& r = results[i];
    r.rendered.worker = w;
    r.rendered.job = jobs[i];
    const snapshot::RenderJob& job = schedule[jobs[i]];
    Worker& worker = workers[w];
    worker.recorder->begin();
    std::string_view bytes;
    if (worker.pipeline->render(job, bytes, r.diags, worker.recorder.get(), worker.recorder.get())) {
      r.rendered.outcome = writer.commit(job.output_path, bytes, r.rendered.record, r.diags);
    }
    r.rendered.facts = worker.recorder->job_facts();
    progress.advance();
  });
  std::vector<RenderedJob> out;
  out.reserve(results.size());
  for (Result& r : results) {
    diags.append(std::move(r.diags));
    out.push_back(std::move(r.rendered));
  }
  return out;
}

}  // namespace bengal::build

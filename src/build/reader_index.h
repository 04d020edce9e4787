// ReaderIndex: which outputs read each fact, so a resident plan examines
// only the outputs that read a fact whose hash changed.
//
// Outputs are named by their schedule index, so an index belongs to one
// frame (and to one numbering of the fact table): the plan rebuilds it from
// the clean records whenever it cannot use it. It may name an output that no
// longer reads a fact (records are replaced, never subtracted), never miss
// one that does: every output the plan is told about is then checked against
// its own record. Rendered outputs are added as their records are made;
// once the additions outnumber an eighth of the rebuilt part, the plan
// rebuilds it.
//
// Thread-safety: plain data, used by one build at a time.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "incremental/facts.h"

namespace bengal::build {

class ReaderIndex {
 public:
  // Rebuilds from each job's facts: `facts_of(job)` for job in [0, jobs)
  // returns a std::span<const FactId> (empty: the job has no record).
  template <typename FactsOf>
  void rebuild(std::size_t fact_count, std::size_t jobs, FactsOf&& facts_of);

  // Job `job` now reads `facts` (a record made this build).
  void add(std::uint32_t job, std::span<const incremental::FactId> facts);

  // Sets `marked[job]` for every job that may read a fact with
  // `changed[fact]` set (`changed_ids` lists them). `marked` is sized to the
  // schedule.
  void mark_readers(const std::vector<incremental::FactId>& changed_ids, const std::vector<char>& changed,
                    std::vector<char>& marked) const;

  bool valid() const { return valid_; }
  void invalidate();
  bool wants_rebuild() const { return extras_.size() > jobs_.size() / 8 + 4096; }

 private:
  bool valid_ = false;
  std::vector<std::uint32_t> offsets_;  // by fact id (+1): where its readers start in jobs_
  std::vector<std::uint32_t> jobs_;
  std::vector<std::pair<incremental::FactId, std::uint32_t>> extras_;  // added since the rebuild
};

template <typename FactsOf>
void ReaderIndex::rebuild(std::size_t fact_count, std::size_t jobs, FactsOf&& facts_of) {
  offsets_.assign(fact_count + 1, 0);
  for (std::size_t j = 0; j < jobs; ++j) {
    for (incremental::FactId f : facts_of(j)) ++offsets_[f + 1];
  }
  for (std::size_t f = 0; f < fact_count; ++f) offsets_[f + 1] += offsets_[f];
  jobs_.assign(offsets_[fact_count], 0);
  std::vector<std::uint32_t> next(offsets_.begin(), offsets_.end() - 1);
  for (std::size_t j = 0; j < jobs; ++j) {
    for (incremental::FactId f : facts_of(j)) jobs_[next[f]++] = static_cast<std::uint32_t>(j);
  }
  extras_.clear();
  valid_ = true;
}

}  // namespace bengal::build

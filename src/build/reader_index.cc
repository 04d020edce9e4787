#include "build/reader_index.h"

namespace bengal::build {

void ReaderIndex::add(std::uint32_t job, std::span<const incremental::FactId> facts) {
  for (incremental::FactId f : facts) extras_.emplace_back(f, job);
}

void ReaderIndex::mark_readers(const std::vector<incremental::FactId>& changed_ids, const std::vector<char>& changed,
                               std::vector<char>& marked) const {
  const std::size_t indexed = offsets_.empty() ? 0 : offsets_.size() - 1;
  for (incremental::FactId f : changed_ids) {
    if (f >= indexed) continue;  // a fact newer than the rebuild: only in extras_
    for (std::uint32_t k = offsets_[f]; k < offsets_[f + 1]; ++k) marked[jobs_[k]] = 1;
  }
  // One pass over the additions, however many facts changed.
  if (changed_ids.empty()) return;
  for (const auto& [f, job] : extras_) {
    if (f < changed.size() && changed[f]) marked[job] = 1;
  }
}

void ReaderIndex::invalidate() {
  valid_ = false;
  offsets_.clear();
  jobs_.clear();
  extras_.clear();
}

}  // namespace bengal::build

#include "build/reader_index.h"

#include <gtest/gtest.h>

namespace bengal::build {
namespace {

using incremental::FactId;

std::vector<char> marked_by(const ReaderIndex& index, std::size_t facts, std::size_t jobs,
                            const std::vector<FactId>& changed_ids) {
  std::vector<char> changed(facts, 0);
  for (FactId f : changed_ids) changed[f] = 1;
  std::vector<char> marked(jobs, 0);
  index.mark_readers(changed_ids, changed, marked);
  return marked;
}

TEST(ReaderIndex, MarksExactlyTheJobsThatReadAChangedFact) {
  // job 0 reads facts 0 and 2, job 1 reads 1, job 2 has no record, job 3 reads 2.
  std::vector<std::vector<FactId>> facts = {{0, 2}, {1}, {}, {2, 2}};
  ReaderIndex index;
  EXPECT_FALSE(index.valid());
  index.rebuild(3, facts.size(), [&](std::size_t j) { return std::span<const FactId>(facts[j]); });
  EXPECT_TRUE(index.valid());
  EXPECT_EQ(marked_by(index, 3, 4, {2}), (std::vector<char>{1, 0, 0, 1}));
  EXPECT_EQ(marked_by(index, 3, 4, {1}), (std::vector<char>{0, 1, 0, 0}));
  EXPECT_EQ(marked_by(index, 3, 4, {}), (std::vector<char>{0, 0, 0, 0}));
}

TEST(ReaderIndex, AdditionsAndNewFactsAreFound) {
  std::vector<std::vector<FactId>> facts = {{0}, {1}};
  ReaderIndex index;
  index.rebuild(2, facts.size(), [&](std::size_t j) { return std::span<const FactId>(facts[j]); });
  // Job 1 was rendered again and now reads fact 0 and a fact (3) the rebuilt part never saw.
  std::vector<FactId> now = {0, 3};
  index.add(1, now);
  EXPECT_EQ(marked_by(index, 4, 2, {0}), (std::vector<char>{1, 1}));
  EXPECT_EQ(marked_by(index, 4, 2, {3}), (std::vector<char>{0, 1}));
  // A superset: job 1 still counts as a reader of fact 1.
  EXPECT_EQ(marked_by(index, 4, 2, {1}), (std::vector<char>{0, 1}));
}

TEST(ReaderIndex, AsksForARebuildOnceAdditionsOutgrowIt) {
  std::vector<FactId> one = {0};
  ReaderIndex index;
  index.rebuild(1, 1, [&](std::size_t) { return std::span<const FactId>(one); });
  EXPECT_FALSE(index.wants_rebuild());
  std::vector<FactId> many(5000, 0);
  index.add(0, many);
  EXPECT_TRUE(index.wants_rebuild());
  index.invalidate();
  EXPECT_FALSE(index.valid());
}

}  // namespace
}  // namespace bengal::build

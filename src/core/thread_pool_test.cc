#include "core/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <numeric>

namespace bengal {
namespace {

TEST(ThreadPool, VisitsEveryIndexExactlyOnce) {
  ThreadPool pool(4);
  std::vector<std::atomic<int>> hits(10007);
  pool.parallel_for(hits.size(), [&](std::size_t i, unsigned) { hits[i].fetch_add(1); });
  for (auto& h : hits) ASSERT_EQ(h.load(), 1);
}

TEST(ThreadPool, WorkerIdsAreInRangeSoPerWorkerStateNeedsNoLock) {
  ThreadPool pool(3);
  std::vector<std::size_t> per_worker(pool.size(), 0);  // written without a lock
  pool.parallel_for(5000, [&](std::size_t, unsigned w) {
    ASSERT_LT(w, pool.size());
    per_worker[w]++;
  });
  EXPECT_EQ(std::accumulate(per_worker.begin(), per_worker.end(), std::size_t{0}), 5000u);
}

TEST(ThreadPool, ReusableAcrossManyCallsAndNestedCallsRunInline) {
  ThreadPool pool(2);
  std::atomic<long> sum{0};
  for (int round = 0; round < 200; ++round) {
    pool.parallel_for(50, [&](std::size_t i, unsigned) {
      pool.parallel_for(3, [&](std::size_t j, unsigned) { sum += static_cast<long>(i + j); });
    });
  }
  // sum over i<50, j<3 of (i+j) = 3*1225 + 50*3 = 3825 per round.
  EXPECT_EQ(sum.load(), 200L * 3825);
}

TEST(ThreadPool, SingleThreadRunsInOrder) {
  ThreadPool pool(1);
  std::vector<std::size_t> order;
  pool.parallel_for(5, [&](std::size_t i, unsigned w) {
    EXPECT_EQ(w, 0u);
    order.push_back(i);
  });
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace bengal

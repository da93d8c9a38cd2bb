// SPDX-License-Identifier: MIT
// Private: a deterministic parallel loop. Each task index is run exactly
// once; tasks write disjoint outputs, so results do not depend on the thread
// count. The first exception by task index is rethrown.
#pragma once

#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace cspcast::detail {

template <typename F>
void parallel_for(int n_tasks, int threads, F&& task) {
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(n_tasks));
  std::atomic<int> next{0};
  auto worker = [&] {
    for (int i = next.fetch_add(1); i < n_tasks; i = next.fetch_add(1)) {
      try {
        task(i);
      } catch (...) {
        errors[static_cast<std::size_t>(i)] = std::current_exception();
      }
    }
  };
  const int n_threads = std::max(1, std::min(threads, n_tasks));
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(n_threads - 1));
  for (int t = 1; t < n_threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace cspcast::detail

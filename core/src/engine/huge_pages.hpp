// SPDX-License-Identifier: MIT
// Private: asks Linux to back a large, freshly allocated and not yet touched
// buffer with transparent huge pages. A run's path matrices are tens of
// megabytes written once; with 4 KiB pages a fifth of the run's CPU went to
// page faults (perf, docs/performance.md). Advice only: where the kernel
// says no, or off Linux, nothing changes but the speed.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace cspcast::detail {

inline void advise_huge_pages(void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20U;
  if (bytes < kHuge) return;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t last = (begin + bytes) & ~(kHuge - 1);
  if (last > first) {
    (void)::madvise(static_cast<char*>(data) + (first - begin),
                    last - first,
                    MADV_HUGEPAGE);
  }
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace cspcast::detail

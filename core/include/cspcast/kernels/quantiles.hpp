// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cspcast::kernels {

/// Exact sample quantiles (R's type 7: linear interpolation between order
/// statistics at p (n - 1)) of many same-sized samples, such as the values
/// of 1,000 paths at one horizon. One pass finds the range, one assigns
/// every value to one of about n / 4 equal-width buckets and scatters it
/// into bucket order, and only the buckets holding the wanted order
/// statistics are sorted. The bucket of a value is a monotone function of
/// it, so the result equals a full sort's. Branch-light, unlike introselect
/// (whose partitions mispredict on every other comparison). Scratch space is
/// kept between calls: no allocation once warmed up for a size.
class CSPCAST_CORE_API QuantileSelector {
 public:
  /// Writes the quantiles of v[0, n) at `probs[0, count)` (each in [0, 1],
  /// any order) to out[0, count). v must be finite; it is not modified.
  void compute(const double* v,
               std::ptrdiff_t n,
               const double* probs,
               int count,
               double* out);

 private:
  double at_rank(std::ptrdiff_t r);
  std::vector<std::uint32_t> bucket_of_;
  std::vector<std::ptrdiff_t> start_;  // first slot of each bucket
  std::vector<std::ptrdiff_t> cursor_;
  std::vector<char> sorted_;
  std::vector<double> scattered_;
  std::ptrdiff_t buckets_ = 0;
};

}  // namespace cspcast::kernels

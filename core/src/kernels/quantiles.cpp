// SPDX-License-Identifier: MIT
#include <cspcast/kernels/quantiles.hpp>

#include <algorithm>
#include <cmath>

namespace cspcast::kernels {

double QuantileSelector::at_rank(std::ptrdiff_t r) {
  // The bucket holding rank r: the last bucket starting at or before r.
  const auto it =
      std::upper_bound(start_.begin(), start_.begin() + buckets_, r);
  const auto b = static_cast<std::size_t>(it - start_.begin() - 1);
  const std::ptrdiff_t first = start_[b];
  const std::ptrdiff_t last = start_[b + 1];
  if (sorted_[b] == 0) {
    std::sort(scattered_.begin() + first, scattered_.begin() + last);
    sorted_[b] = 1;
  }
  return scattered_[static_cast<std::size_t>(r)];
}

void QuantileSelector::compute(const double* v,
                               std::ptrdiff_t n,
                               const double* probs,
                               int count,
                               double* out) {
  if (n <= 0) return;
  double lo = v[0];
  double hi = v[0];
  for (std::ptrdiff_t i = 1; i < n; ++i) {
    lo = std::min(lo, v[i]);
    hi = std::max(hi, v[i]);
  }
  if (!(hi > lo)) {
    for (int j = 0; j < count; ++j) out[j] = lo;
    return;
  }
  buckets_ = std::clamp<std::ptrdiff_t>(n / 4, 1, 1 << 16);
  const auto nb = static_cast<std::size_t>(buckets_);
  const auto un = static_cast<std::size_t>(n);
  bucket_of_.resize(un);
  scattered_.resize(un);
  start_.assign(nb + 1, 0);
  sorted_.assign(nb, 0);
  // Slightly less than buckets / range, so that hi falls in the last one.
  const double scale =
      static_cast<double>(buckets_) / (hi - lo) * (1.0 - 1e-12);
  const auto top = static_cast<std::uint32_t>(buckets_ - 1);
  for (std::size_t i = 0; i < un; ++i) {
    const auto b =
        std::min(top,
                 static_cast<std::uint32_t>(
                     (v[static_cast<std::ptrdiff_t>(i)] - lo) * scale));
    bucket_of_[i] = b;
    ++start_[b + 1];
  }
  for (std::size_t b = 0; b < nb; ++b) start_[b + 1] += start_[b];
  cursor_.assign(start_.begin(), start_.begin() + buckets_);
  for (std::size_t i = 0; i < un; ++i) {
    const std::ptrdiff_t slot = cursor_[bucket_of_[i]]++;
    scattered_[static_cast<std::size_t>(slot)] =
        v[static_cast<std::ptrdiff_t>(i)];
  }
  const double last = static_cast<double>(n - 1);
  for (int j = 0; j < count; ++j) {
    const double pos = std::clamp(probs[j], 0.0, 1.0) * last;
    const auto k = static_cast<std::ptrdiff_t>(std::floor(pos));
    const double frac = pos - static_cast<double>(k);
    const double x = at_rank(k);
    out[j] = (frac > 0.0 && k + 1 < n) ? x + frac * (at_rank(k + 1) - x) : x;
  }
}

}  // namespace cspcast::kernels

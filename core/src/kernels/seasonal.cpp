// SPDX-License-Identifier: MIT
#include <cspcast/error.hpp>
#include <cspcast/kernels/seasonal.hpp>

#include <cmath>
#include <string>

namespace cspcast::kernels {
namespace {

// Period known at compile time for the common case, so the inner loops
// unroll; Eigen::Dynamic falls back to the runtime value.
template <int P>
int profile_impl(const ConstVectorRef& y,
                 int period_runtime,
                 int years,
                 Eigen::Index offset,
                 VectorRef shares,
                 VectorRef spread) {
  const int period = P == Eigen::Dynamic ? period_runtime : P;
  shares.setZero();
  spread.setZero();
  // Welford over cycles, per position: shares holds the running mean and
  // spread the running sum of squared deviations. A cycle without events
  // (a total of zero) has no shares and is left out.
  int used = 0;
  for (int k = 0; k < years; ++k) {
    const Eigen::Index base = offset + static_cast<Eigen::Index>(k) * period;
    double total = 0.0;
    for (int j = 0; j < period; ++j) total += y(base + j);
    if (total < 0.0 || !std::isfinite(total)) {
      throw DataError("seasonal profile: cycle " + std::to_string(k + 1) +
                      " has a negative or infinite total (got " +
                      std::to_string(total) + "; expected >= 0)");
    }
    if (total == 0.0) continue;
    ++used;
    const double inv = 1.0 / total;
    const double count = used;
    for (int j = 0; j < period; ++j) {
      const double share = y(base + j) * inv;
      const double delta = share - shares(j);
      shares(j) += delta / count;
      spread(j) += delta * (share - shares(j));
    }
  }
  if (used == 0) {  // no cycle with events: no pattern, equal shares
    shares.setConstant(1.0 / period);
    return 0;
  }
  const double denom = used > 1 ? used - 1.0 : 1.0;
  for (int j = 0; j < period; ++j) {
    spread(j) = used > 1 ? std::sqrt(spread(j) / denom) : 0.0;
  }
  return used;
}

void check_sizes(const ConstVectorRef& y,
                 int period,
                 int years,
                 Eigen::Index need) {
  if (period < 1 || years < 1) {
    throw DataError(
        "seasonal profile: period and years must be positive (got period " +
        std::to_string(period) + ", years " + std::to_string(years) + ")");
  }
  if (y.size() < need) {
    throw DataError("seasonal profile: series too short (got " +
                    std::to_string(y.size()) + " values; expected at least " +
                    std::to_string(need) + ")");
  }
}

int dispatch(const ConstVectorRef& y,
             int period,
             int years,
             Eigen::Index offset,
             VectorRef shares,
             VectorRef spread) {
  switch (period) {
    case 12:
      return profile_impl<12>(y, period, years, offset, shares, spread);
    case 4:
      return profile_impl<4>(y, period, years, offset, shares, spread);
    default:
      return profile_impl<Eigen::Dynamic>(
          y, period, years, offset, shares, spread);
  }
}

}  // namespace

int seasonal_profile(const ConstVectorRef& y,
                     int period,
                     int years,
                     VectorRef shares,
                     VectorRef spread) {
  const Eigen::Index need = static_cast<Eigen::Index>(years) * period;
  check_sizes(y, period, years, need);
  return dispatch(y, period, years, y.size() - need, shares, spread);
}

int anticipated_volumes(const ConstVectorRef& y,
                        int period,
                        int years,
                        double z,
                        VectorRef anticipated,
                        VectorRef lower,
                        VectorRef upper) {
  const Eigen::Index need = static_cast<Eigen::Index>(years + 1) * period;
  check_sizes(y, period, years, need);
  // The reference cycles end where the last cycle starts; lower and upper
  // are used as scratch for shares and spread before being overwritten.
  const Eigen::Index last = y.size() - period;
  const int used = dispatch(y,
                            period,
                            years,
                            last - static_cast<Eigen::Index>(years) * period,
                            lower,
                            upper);
  const double total = y.segment(last, period).sum();
  for (int j = 0; j < period; ++j) {
    const double share = lower(j);
    const double sd = upper(j);
    anticipated(j) = share * total;
    lower(j) = (share - z * sd) * total;
    upper(j) = (share + z * sd) * total;
  }
  return used;
}

}  // namespace cspcast::kernels

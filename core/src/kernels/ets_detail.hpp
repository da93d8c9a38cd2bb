// SPDX-License-Identifier: MIT
// Private: what the ETS recursions (ets.cpp) and the ETS fitting
// (ets_fit.cpp) share.
#pragma once

#include <cspcast/kernels/ets.hpp>

namespace cspcast::kernels {

inline constexpr double kInfeasible = 1e100;
inline constexpr double kLowerSmoothing = 1e-4;
inline constexpr double kUpperSmoothing = 0.9999;
inline constexpr double kLowerPhi = 0.8;
inline constexpr double kUpperPhi = 0.98;

inline bool is_seasonal(const EtsSpec& spec) {
  return spec.season != EtsSeason::kNone;
}
inline bool has_trend(const EtsSpec& spec) {
  return spec.trend != EtsTrend::kNone;
}
inline bool is_damped(const EtsSpec& spec) {
  return spec.trend == EtsTrend::kDamped;
}
inline bool needs_positive(const EtsSpec& spec) {
  return spec.error == EtsError::kMultiplicative ||
         spec.season == EtsSeason::kMultiplicative;
}

/// Heuristic initial states (Hyndman et al. 2008, section 2.6.1); false
/// when the series is too short for them.
bool initial_states(const ConstVectorRef& y, const EtsSpec& spec, EtsParams& p);
/// Free parameters of a member, with the error variance.
int count_params(const EtsSpec& spec);

}  // namespace cspcast::kernels

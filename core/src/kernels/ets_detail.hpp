// SPDX-License-Identifier: MIT
// Private: what the ETS recursions (ets.cpp) and the ETS fitting
// (ets_fit.cpp) share. Not part of the SDK; the few functions exported
// are exported for the tests (tests/core/kernels/ets_lanes_test.cpp),
// which check them against the one-by-one kernels.
#pragma once

#include <cspcast/kernels/ets.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace cspcast::kernels {

inline constexpr double kInfeasible = 1e100;
// The likelihood logs the running product of M-error means when it leaves
// [kProductLow, kProductHigh] (ets_lik_fixed, the model's pass, the lanes:
// all three must use the same range to give the same bits).
inline constexpr double kProductLow = 1e-200;
inline constexpr double kProductHigh = 1e200;
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

/// A fitted member not yet made a model: what choosing among members
/// needs (its AICc), without the pass over the data that gives its states.
struct EtsCandidate {
  EtsSpec spec;
  EtsParams params;
  double lik = 0.0;  // ets_lik at params
  double aicc = 0.0;
  int n_params = 0;
};

/// A simple exponential smoothing, ETS(A,N,N), fitted on another series
/// of the same length (the theta method's seasonally adjusted series)
/// alongside a family: its likelihood rides in the passes of the family's
/// (ets_lik_lanes), where the family's own recursions leave the core idle.
struct EtsSideFit {
  const double* y = nullptr;  // as many values as the family's series
  EtsSpec spec;               // ETS(A,N,N)
  EtsOptions options;
  std::optional<EtsCandidate> result;  // the fit, when there is one
};

/// The members fit_ets_family fits, in its order, as candidates; with
/// `side`, that fit too.
std::vector<EtsCandidate> fit_ets_candidates(const ConstVectorRef& y,
                                             int period,
                                             const AutoEtsOptions& options,
                                             EtsSideFit* side = nullptr);
/// The model of a candidate fitted on y.
std::unique_ptr<EtsModel> make_model(const ConstVectorRef& y,
                                     const EtsCandidate& c,
                                     bool bootstrap);

/// One member and the point at which ets_lik_lanes evaluates it.
struct EtsLane {
  const EtsSpec* spec = nullptr;
  const EtsParams* params = nullptr;
};
inline constexpr int kEtsLanes = 8;

/// The likelihood of up to kEtsLanes members on the same series in one pass
/// (out[k] for lanes[k], k < count): the recursion is bound by the latency
/// of its level update, so independent evaluations interleaved share its
/// time. Each
/// result is bit-identical to ets_lik: structure that a lane lacks enters
/// only as exact identities (a slope of 0, phi of 1, a season of 0, a
/// divisor of 1).
/// ... and with `side_y` (y.size() values) and `side` (an ETS(A,N,N)
/// point), its likelihood too, into *side_out: bit-identical to ets_lik.
CSPCAST_CORE_API void ets_lik_lanes(const ConstVectorRef& y,
                                    int period,
                                    const EtsLane* lanes,
                                    int count,
                                    double* out,
                                    const double* side_y = nullptr,
                                    const EtsParams* side = nullptr,
                                    double* side_out = nullptr);

/// The vector width ets_lik_lanes works in: 4 doubles on an x86-64
/// processor with AVX2 (ets_lanes_avx2.cpp), else 2; CSPCAST_LANE_WIDTH=2 in
/// the environment forces 2 (the results are the same bits either way).
CSPCAST_CORE_API int ets_lane_width();

/// ets_admissible of up to kEtsLanes members at once (out[k] for
/// lanes[k]): the same answers, with the root tests interleaved.
CSPCAST_CORE_API void ets_admissible_lanes(const EtsLane* lanes,
                                           int count,
                                           bool* out);

}  // namespace cspcast::kernels

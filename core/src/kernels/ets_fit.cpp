// SPDX-License-Identifier: MIT
// Fitting ETS members by maximum likelihood (Nelder-Mead within the usual
// and the admissible region) and choosing among them by AICc.
#include "ets_detail.hpp"
#include "nelder_mead.hpp"

#include <cspcast/error.hpp>

#include <algorithm>
#include <cmath>

namespace cspcast::kernels {

namespace {

// Where each free parameter sits in the optimiser's point (alpha, [beta],
// [gamma], [phi], level, [slope]; -1: not free), the starting point and the
// first steps.
struct Layout {
  int dim = 0;
  int i_beta = -1;
  int i_gamma = -1;
  int i_phi = -1;
  int i_level = -1;
  int i_slope = -1;
  cspcast::detail::Point x0{};
  cspcast::detail::Point step{};

  Layout(const EtsSpec& spec,
         const EtsParams& base,
         double scale,
         const EtsParams* start) {
    const int m = is_seasonal(spec) ? spec.period : 1;
    add(kLowerSmoothing + 0.2 * (kUpperSmoothing - kLowerSmoothing) / m, 0.1);
    if (has_trend(spec)) {
      i_beta = add(kLowerSmoothing + 0.1 * (x0[0] - kLowerSmoothing), 0.01);
    }
    if (is_seasonal(spec)) {
      i_gamma =
          add(kLowerSmoothing + 0.05 * (1.0 - x0[0] - kLowerSmoothing), 0.05);
    }
    if (is_damped(spec)) {
      i_phi = add(kLowerPhi + 0.99 * (kUpperPhi - kLowerPhi), -0.05);
    }
    i_level = add(base.level, 0.2 * scale);
    if (has_trend(spec)) i_slope = add(base.slope, 0.02 * scale);
    if (start != nullptr) warm(*start);
  }

  // Warm start from a sibling's fit, pulled inside the region.
  void warm(const EtsParams& st) {
    const double alpha = std::clamp(
        st.alpha, 2 * kLowerSmoothing, kUpperSmoothing - kLowerSmoothing);
    x0[0] = alpha;
    if (i_beta >= 0)
      at(x0, i_beta) = std::clamp(st.beta, kLowerSmoothing, alpha);
    if (i_gamma >= 0) {
      at(x0, i_gamma) = std::clamp(st.gamma, kLowerSmoothing, 1.0 - alpha);
    }
    if (i_phi >= 0) at(x0, i_phi) = std::clamp(st.phi, kLowerPhi, kUpperPhi);
    at(x0, i_level) = st.level;
    if (i_slope >= 0) at(x0, i_slope) = st.slope;
  }

  void to_params(const cspcast::detail::Point& x, EtsParams& p) const {
    p.alpha = x[0];
    if (i_beta >= 0) p.beta = at(x, i_beta);
    if (i_gamma >= 0) p.gamma = at(x, i_gamma);
    p.phi = i_phi >= 0 ? at(x, i_phi) : 1.0;
    p.level = at(x, i_level);
    p.slope = i_slope >= 0 ? at(x, i_slope) : 0.0;
  }

  [[nodiscard]] bool feasible(const EtsSpec& spec, const EtsParams& p) const {
    if (p.alpha < kLowerSmoothing || p.alpha > kUpperSmoothing) return false;
    if (i_beta >= 0 && (p.beta < kLowerSmoothing || p.beta > p.alpha))
      return false;
    if (i_gamma >= 0 && (p.gamma < kLowerSmoothing || p.gamma > 1.0 - p.alpha))
      return false;
    if (i_phi >= 0 && (p.phi < kLowerPhi || p.phi > kUpperPhi)) return false;
    // Both regions, as R's ets(bounds = "both"): the usual bounds above and
    // forecastability.
    return ets_admissible(spec, p);
  }

 private:
  static double& at(cspcast::detail::Point& x, int i) {
    return x[static_cast<std::size_t>(i)];
  }
  static double at(const cspcast::detail::Point& x, int i) {
    return x[static_cast<std::size_t>(i)];
  }
  int add(double start, double first_step) {
    at(x0, dim) = start;
    at(step, dim) = first_step;
    return dim++;
  }
};

}  // namespace

std::unique_ptr<EtsModel> fit_ets(const ConstVectorRef& y,
                                  const EtsSpec& spec,
                                  const EtsOptions& options) {
  const int n = static_cast<int>(y.size());
  if (is_seasonal(spec) && (spec.period < 2 || spec.period > kEtsMaxPeriod))
    return nullptr;
  if (needs_positive(spec) && !(y.minCoeff() > 0.0)) return nullptr;
  const int np = count_params(spec);
  if (n - np - 1 < 4 || n < 4) return nullptr;
  if (is_seasonal(spec) && n < 2 * spec.period + 2) return nullptr;
  EtsParams base;
  if (!initial_states(y, spec, base)) return nullptr;

  const Layout at(spec,
                  base,
                  std::max(1e-8, (y.array() - y.mean()).abs().mean()),
                  options.start);
  EtsParams trial = base;
  auto objective = [&](const cspcast::detail::Point& x) {
    at.to_params(x, trial);
    if (!at.feasible(spec, trial)) return kInfeasible;
    const double v = ets_lik(y, spec, trial);
    return std::isfinite(v) ? v : kInfeasible;
  };
  const auto result = cspcast::detail::nelder_mead(objective,
                                                   at.x0,
                                                   at.step,
                                                   at.dim,
                                                   options.max_evaluations,
                                                   options.tolerance);
  if (!(result.value < kInfeasible)) return nullptr;
  EtsParams best = base;
  at.to_params(result.x, best);
  return std::make_unique<EtsModel>(spec, best, y, np, options.bootstrap);
}
std::vector<std::unique_ptr<EtsModel>> fit_ets_family(
    const ConstVectorRef& y, int period, const AutoEtsOptions& options) {
  const bool positive = y.size() > 0 && y.minCoeff() > 0.0;
  const bool mult = options.allow_multiplicative && positive;
  const bool seasonal = options.allow_season && period > 1 &&
                        period <= kEtsMaxPeriod && y.size() >= 2 * period + 2;
  std::vector<std::unique_ptr<EtsModel>> out;
  for (EtsError error : {EtsError::kAdditive, EtsError::kMultiplicative}) {
    if (error == EtsError::kMultiplicative && !mult) continue;
    for (EtsTrend trend :
         {EtsTrend::kNone, EtsTrend::kAdditive, EtsTrend::kDamped}) {
      if (trend != EtsTrend::kNone && !options.allow_trend) continue;
      if (trend == EtsTrend::kDamped && !options.allow_damped) continue;
      for (EtsSeason season : {EtsSeason::kNone,
                               EtsSeason::kAdditive,
                               EtsSeason::kMultiplicative}) {
        if (season != EtsSeason::kNone && !seasonal) continue;
        if (season == EtsSeason::kMultiplicative && !mult) continue;
        if (season == EtsSeason::kMultiplicative &&
            error == EtsError::kAdditive)
          continue;
        const EtsSpec spec{error, trend, season, period};
        // Multiplicative-error members start from the additive-error fit
        // of the same structure: fewer likelihood evaluations.
        EtsOptions fit_options = options.fit;
        const auto sibling =
            std::find_if(out.begin(), out.end(), [&](const auto& m) {
              return m->spec().error == EtsError::kAdditive &&
                     m->spec().trend == trend && m->spec().season == season;
            });
        if (error == EtsError::kMultiplicative && sibling != out.end()) {
          fit_options.start = &(*sibling)->params();
        }
        auto fit = fit_ets(y, spec, fit_options);
        if (!fit || !std::isfinite(fit->aicc())) continue;
        out.push_back(std::move(fit));
      }
    }
  }
  return out;
}

std::unique_ptr<EtsModel> auto_ets(const ConstVectorRef& y,
                                   int period,
                                   const AutoEtsOptions& options) {
  auto family = fit_ets_family(y, period, options);
  std::unique_ptr<EtsModel> best;
  for (auto& fit : family) {
    if (!best || fit->aicc() < best->aicc()) best = std::move(fit);
  }
  if (!best) {
    throw DataError("no ETS model can be fitted (got " +
                    std::to_string(y.size()) + " values; expected at least 8)");
  }
  return best;
}

}  // namespace cspcast::kernels

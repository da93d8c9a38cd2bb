// SPDX-License-Identifier: MIT
#include "ets_detail.hpp"
#include "ets_lanes.hpp"

#include <cspcast/error.hpp>
#include <cspcast/kernels/ets.hpp>
#include <cspcast/kernels/random.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cspcast::kernels {

namespace {

// The state of the recursions, updated in place by one observation.
struct State {
  double level;
  double slope;
  std::array<double, kEtsMaxPeriod> season;
};

struct Step {
  double q;     // level + damped slope: the one-step level forecast
  double s;     // seasonal term used
  double mean;  // one-step forecast of y
};

// One step of the recursions with the model's structure fixed at compile
// time: the one-step forecast, then the state updated by the value y.
template <EtsTrend T, EtsSeason S>
inline Step step_fixed(const EtsParams& p, const State& st, int pos) {
  constexpr bool kMultSeason = S == EtsSeason::kMultiplicative;
  const double phib = T == EtsTrend::kNone
                          ? 0.0
                          : (T == EtsTrend::kDamped ? p.phi : 1.0) * st.slope;
  const double q = st.level + phib;
  double s = kMultSeason ? 1.0 : 0.0;
  if constexpr (S != EtsSeason::kNone) {
    s = st.season[static_cast<std::size_t>(pos)];
  }
  return {q, s, kMultSeason ? q * s : q + s};
}

template <EtsTrend T, EtsSeason S>
inline void update_fixed(
    const EtsParams& p, State& st, const Step& f, double y, int pos) {
  double deseasonal = y;
  if constexpr (S == EtsSeason::kAdditive) deseasonal = y - f.s;
  if constexpr (S == EtsSeason::kMultiplicative) deseasonal = y / f.s;
  const double level = f.q + p.alpha * (deseasonal - f.q);
  if constexpr (T != EtsTrend::kNone) {
    const double phib = f.q - st.level;
    st.slope = phib + (p.beta / p.alpha) * (level - st.level - phib);
  }
  if constexpr (S == EtsSeason::kAdditive) {
    st.season[static_cast<std::size_t>(pos)] = f.s + p.gamma * (y - f.q - f.s);
  } else if constexpr (S == EtsSeason::kMultiplicative) {
    st.season[static_cast<std::size_t>(pos)] = f.s + p.gamma * (y / f.q - f.s);
  }
  st.level = level;
}

// Calls f.template operator()<E, T, S>() with the specification's error,
// trend and season as template arguments: one dispatch for every kernel
// written with the structure fixed at compile time.
template <EtsError E, EtsTrend T, typename F>
decltype(auto) with_season(const EtsSpec& spec, F&& f) {
  if (spec.season == EtsSeason::kAdditive) {
    return f.template operator()<E, T, EtsSeason::kAdditive>();
  }
  if (spec.season == EtsSeason::kMultiplicative) {
    return f.template operator()<E, T, EtsSeason::kMultiplicative>();
  }
  return f.template operator()<E, T, EtsSeason::kNone>();
}

template <EtsError E, typename F>
decltype(auto) with_trend(const EtsSpec& spec, F&& f) {
  if (spec.trend == EtsTrend::kAdditive) {
    return with_season<E, EtsTrend::kAdditive>(spec, std::forward<F>(f));
  }
  if (spec.trend == EtsTrend::kDamped) {
    return with_season<E, EtsTrend::kDamped>(spec, std::forward<F>(f));
  }
  return with_season<E, EtsTrend::kNone>(spec, std::forward<F>(f));
}

template <typename F>
decltype(auto) with_structure(const EtsSpec& spec, F&& f) {
  if (spec.error == EtsError::kMultiplicative) {
    return with_trend<EtsError::kMultiplicative>(spec, std::forward<F>(f));
  }
  return with_trend<EtsError::kAdditive>(spec, std::forward<F>(f));
}

inline Step forecast_step(const EtsSpec& spec,
                          const EtsParams& p,
                          const State& st,
                          int pos) {
  return with_structure(spec, [&]<EtsError E, EtsTrend T, EtsSeason S>() {
    return step_fixed<T, S>(p, st, pos);
  });
}

inline void update(const EtsSpec& spec,
                   const EtsParams& p,
                   State& st,
                   const Step& f,
                   double y,
                   int pos) {
  with_structure(spec, [&]<EtsError E, EtsTrend T, EtsSeason S>() {
    update_fixed<T, S>(p, st, f, y, pos);
  });
}

State initial_state(const EtsParams& p) {
  State st{};
  st.level = p.level;
  st.slope = p.slope;
  st.season = p.season;
  return st;
}

}  // namespace

// Heuristic initial states (Hyndman et al. 2008, section 2.6.1): seasonal
// indices from a classical decomposition of the first cycles, level and
// slope from a regression on the first deseasonalised values.
bool initial_states(const ConstVectorRef& y,
                    const EtsSpec& spec,
                    EtsParams& p) {
  const int n = static_cast<int>(y.size());
  const int m = spec.period;
  if (is_seasonal(spec)) {
    const int cycles = n >= 3 * m ? 3 : 2;
    const int len = cycles * m;
    if (n < len) return false;
    std::array<double, kEtsMaxPeriod> sum{};
    std::array<int, kEtsMaxPeriod> count{};
    const int half = m / 2;
    for (int t = half; t < len - half; ++t) {
      double ma = 0.0;
      if (m % 2 == 0) {
        for (int k = -half; k <= half; ++k) {
          const double w = (k == -half || k == half) ? 0.5 : 1.0;
          ma += w * y(t + k);
        }
      } else {
        for (int k = -half; k <= half; ++k) ma += y(t + k);
      }
      ma /= m;
      const auto j = static_cast<std::size_t>(t % m);
      if (spec.season == EtsSeason::kMultiplicative) {
        if (ma <= 0.0) return false;
        sum[j] += y(t) / ma;
      } else {
        sum[j] += y(t) - ma;
      }
      ++count[j];
    }
    double total = 0.0;
    for (int j = 0; j < m; ++j) {
      const auto u = static_cast<std::size_t>(j);
      p.season[u] = count[u] > 0 ? sum[u] / count[u] : 0.0;
      total += p.season[u];
    }
    for (int j = 0; j < m; ++j) {
      const auto u = static_cast<std::size_t>(j);
      if (spec.season == EtsSeason::kMultiplicative) {
        p.season[u] *= m / total;
        if (p.season[u] <= 0.0) return false;
      } else {
        p.season[u] -= total / m;
      }
    }
  }
  const int k = std::min(n, std::max(10, 2 * (is_seasonal(spec) ? m : 1)));
  double sx = 0.0;
  double sy = 0.0;
  double sxx = 0.0;
  double sxy = 0.0;
  for (int t = 0; t < k; ++t) {
    double v = y(t);
    if (spec.season == EtsSeason::kAdditive)
      v -= p.season[static_cast<std::size_t>(t % m)];
    if (spec.season == EtsSeason::kMultiplicative)
      v /= p.season[static_cast<std::size_t>(t % m)];
    const double x = t + 1.0;
    sx += x;
    sy += v;
    sxx += x * x;
    sxy += x * v;
  }
  if (has_trend(spec)) {
    const double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
    p.slope = slope;
    p.level = (sy - slope * sx) / k;
  } else {
    p.level = sy / k;
    p.slope = 0.0;
  }
  return std::isfinite(p.level) && std::isfinite(p.slope);
}

int count_params(const EtsSpec& spec) {
  int np = 2;  // alpha and the initial level
  if (has_trend(spec)) np += 2;
  if (is_damped(spec)) np += 1;
  if (is_seasonal(spec)) np += 1 + (spec.period - 1);
  return np + 1;  // the error variance
}

std::string EtsSpec::name() const {
  std::string out = "ETS(";
  out += error == EtsError::kAdditive ? "A" : "M";
  out += trend == EtsTrend::kNone       ? ",N"
         : trend == EtsTrend::kAdditive ? ",A"
                                        : ",Ad";
  out += season == EtsSeason::kNone       ? ",N"
         : season == EtsSeason::kAdditive ? ",A"
                                          : ",M";
  return out + ")";
}

std::optional<EtsSpec> EtsSpec::parse(std::string_view text, int period) {
  constexpr std::string_view kOpen = "ETS(";
  if (text.substr(0, kOpen.size()) != kOpen || text.empty() ||
      text.back() != ')') {
    return std::nullopt;
  }
  text = text.substr(kOpen.size(), text.size() - kOpen.size() - 1);
  std::array<std::string_view, 3> parts{};
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const std::size_t comma = text.find(',');
    if ((comma == std::string_view::npos) != (k + 1 == parts.size())) {
      return std::nullopt;
    }
    std::string_view part = text.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    parts[k] = part;
    text = comma == std::string_view::npos ? "" : text.substr(comma + 1);
  }
  EtsSpec spec;
  spec.period = period;
  if (parts[0] == "A" || parts[0] == "M") {
    spec.error =
        parts[0] == "A" ? EtsError::kAdditive : EtsError::kMultiplicative;
  } else {
    return std::nullopt;
  }
  if (parts[1] == "N" || parts[1] == "A" || parts[1] == "Ad") {
    spec.trend = parts[1] == "N"   ? EtsTrend::kNone
                 : parts[1] == "A" ? EtsTrend::kAdditive
                                   : EtsTrend::kDamped;
  } else {
    return std::nullopt;
  }
  if (parts[2] == "N" || parts[2] == "A" || parts[2] == "M") {
    spec.season = parts[2] == "N"   ? EtsSeason::kNone
                  : parts[2] == "A" ? EtsSeason::kAdditive
                                    : EtsSeason::kMultiplicative;
  } else {
    return std::nullopt;
  }
  return spec;
}

namespace {

// The likelihood recursion with the model's structure fixed at compile
// time: no branch on the specification inside the loop.
template <EtsError E, EtsTrend T, EtsSeason S>
double ets_lik_fixed(const ConstVectorRef& y, int period, const EtsParams& p) {
  constexpr bool kTrend = T != EtsTrend::kNone;
  constexpr bool kSeason = S != EtsSeason::kNone;
  constexpr bool kMultSeason = S == EtsSeason::kMultiplicative;
  constexpr bool kMultError = E == EtsError::kMultiplicative;
  constexpr bool kPositive = kMultError || kMultSeason;
  const int n = static_cast<int>(y.size());
  const int m = kSeason ? period : 1;
  const double phi = T == EtsTrend::kDamped ? p.phi : 1.0;
  const double beta_over_alpha = p.beta / p.alpha;
  double level = p.level;
  double slope = kTrend ? p.slope : 0.0;
  std::array<double, kEtsMaxPeriod> season = p.season;
  double sse = 0.0;
  double sum_log = 0.0;
  // The sum of log means as logs of running products, taken only when the
  // product leaves [1e-200, 1e200] and at the end: a few logarithms an
  // evaluation instead of one per observation (the logarithm dominated
  // fitting), one per eight (as until 2026-12) or one per leaving
  // [1e-100, 1e100] (until 2026-12-03); the M3 forecasts are byte-identical
  // every way. A mean would have to pass 1e108 to overflow the product.
  double product = 1.0;
  int pos = 0;
  for (int t = 0; t < n; ++t) {
    const double phib = kTrend ? phi * slope : 0.0;
    const double q = level + phib;
    double s = kMultSeason ? 1.0 : 0.0;
    if constexpr (kSeason) s = season[static_cast<std::size_t>(pos)];
    const double mean = kMultSeason ? q * s : q + s;
    const double yt = y(t);
    double e = yt - mean;
    if constexpr (kMultError) {
      if (!(mean > 0.0)) return std::numeric_limits<double>::infinity();
      e /= mean;
      product *= mean;
      if (product > kProductHigh || product < kProductLow) {
        sum_log += std::log(product);
        product = 1.0;
      }
    }
    sse += e * e;
    const double deseasonal = kMultSeason ? yt / s : (kSeason ? yt - s : yt);
    const double new_level = q + p.alpha * (deseasonal - q);
    if constexpr (kTrend) {
      slope = phib + beta_over_alpha * (new_level - level - phib);
    }
    if constexpr (S == EtsSeason::kAdditive) {
      season[static_cast<std::size_t>(pos)] = s + p.gamma * (yt - q - s);
    } else if constexpr (kMultSeason) {
      season[static_cast<std::size_t>(pos)] = s + p.gamma * (yt / q - s);
    }
    level = new_level;
    if constexpr (kPositive) {
      if (!(level > 0.0)) return std::numeric_limits<double>::infinity();
    }
    if (++pos == m) pos = 0;
  }
  if (!std::isfinite(sse) || sse <= 0.0)
    return std::numeric_limits<double>::infinity();
  if constexpr (kMultError) sum_log += std::log(product);
  return n * std::log(sse) + 2.0 * sum_log;
}

}  // namespace

int ets_lane_width() {
  static const int width = [] {
#if defined(CSPCAST_AVX2_LANES)
    const char* forced = std::getenv("CSPCAST_LANE_WIDTH");
    if (forced != nullptr && std::string_view(forced) == "2") return 2;
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") != 0) return 4;
#endif
    return 2;
  }();
  return width;
}

void ets_lik_lanes(const ConstVectorRef& y,
                   int period,
                   const EtsLane* lanes,
                   int count,
                   double* out,
                   const double* side_y,
                   const EtsParams* side,
                   double* side_out) {
  if (count > kEtsLanes) throw Error("internal: too many ETS lanes");
  const double* data = y.data();
  const auto n = static_cast<int>(y.size());
  if (count > 1 || (count == 1 && side != nullptr)) {
    std::array<const double*, kEtsLanes> seasons{};
    for (int k = 0; k < count; ++k)
      seasons[static_cast<std::size_t>(k)] = lanes[k].params->season.data();
    const LanePass pass{data,
                        n,
                        period,
                        lanes,
                        seasons.data(),
                        count,
                        out,
                        side_y,
                        side,
                        side_out};
    bool (*kernel)(const LanePass&) = &lik_lanes<2>;
#if defined(CSPCAST_AVX2_LANES)
    if (ets_lane_width() == 4) kernel = &ets_lik_lanes_avx2;
#endif
    const bool done = kernel(pass);
    if (done) return;
  }
  // One by one: a single lane, or a lane of a kind the family does not
  // have (additive error with multiplicative season).
  for (int k = 0; k < count; ++k)
    out[k] = ets_lik(y, *lanes[k].spec, *lanes[k].params);
  if (side != nullptr) {
    *side_out = ets_lik(
        ConstVectorMap(side_y, y.size()),
        EtsSpec{EtsError::kAdditive, EtsTrend::kNone, EtsSeason::kNone, 1},
        *side);
  }
}

namespace {

using Coefficients = std::array<double, kEtsMaxPeriod + 2>;

// The admissibility conditions but the roots; when the roots must be
// checked too, *roots is set and c holds the characteristic polynomial's
// coefficients c_0..c_{m+1} (c_{m+1} = 1), scaled for the radius:
// phi (1 - alpha - gamma), alpha + beta - alpha phi + gamma - 1,
// (alpha + beta - alpha phi) m - 2 times, alpha + beta - phi, 1.
// Roots within radius r = 1 + 1e-10 are those of p(r z) within the unit
// circle: c_k is scaled by r^k.
bool admissible_bounds(const EtsSpec& spec,
                       const EtsParams& p,
                       Coefficients& c,
                       bool& roots) {
  roots = false;
  const double phi = is_damped(spec) ? p.phi : 1.0;
  const double alpha = p.alpha;
  const double beta = has_trend(spec) ? p.beta : 0.0;
  if (!is_seasonal(spec)) {
    if (alpha < 1.0 - 1.0 / phi || alpha > 1.0 + 1.0 / phi) return false;
    if (has_trend(spec) &&
        (beta < alpha * (phi - 1.0) || beta > (1.0 + phi) * (2.0 - alpha)))
      return false;
    return true;
  }
  const double gamma = p.gamma;
  const int m = spec.period;
  if (gamma < std::max(1.0 - 1.0 / phi - alpha, 0.0) ||
      gamma > 1.0 + 1.0 / phi - alpha)
    return false;
  if (alpha <
      1.0 - 1.0 / phi - gamma * (1.0 - m + phi + phi * m) / (2.0 * phi * m))
    return false;
  if (beta < -(1.0 - phi) * (gamma / m + alpha)) return false;
  const int n = m + 1;
  c[0] = phi * (1.0 - alpha - gamma);
  c[1] = alpha + beta - alpha * phi + gamma - 1.0;
  for (int k = 2; k < m; ++k)
    c[static_cast<std::size_t>(k)] = alpha + beta - alpha * phi;
  c[static_cast<std::size_t>(m)] = alpha + beta - phi;
  c[static_cast<std::size_t>(n)] = 1.0;
  constexpr double kRadius = 1.0 + 1e-10;
  double scale = 1.0;
  for (int k = 0; k <= n; ++k) {
    c[static_cast<std::size_t>(k)] *= scale;
    scale *= kRadius;
  }
  roots = true;
  return true;
}

// One level of the Schur-Cohn recursion on cur[0..d] into next[0..d-1];
// false when a root lies outside.
inline bool schur_cohn_level(const double* cur, double* next, int d) {
  const double lead = cur[d];
  const double tail = cur[0];
  if (!(std::abs(tail) < std::abs(lead))) return false;
  // q_k = lead c_{k+1} - tail c_{d-1-k}, k = 0..d-1; scaled by 1/|lead|
  // (scale does not change the conditions; it keeps numbers near 1).
  const double inv = 1.0 / std::abs(lead);
  for (int k = 0; k < d; ++k) {
    next[k] = (lead * cur[k + 1] - tail * cur[d - 1 - k]) * inv;
  }
  return true;
}

}  // namespace

bool ets_admissible(const EtsSpec& spec, const EtsParams& p) {
  // Not zeroed: every entry read is written first (zeroing 1 KB cost 4% of
  // fitting).
  Coefficients c;      // NOLINT(cppcoreguidelines-pro-type-member-init)
  Coefficients other;  // NOLINT(cppcoreguidelines-pro-type-member-init)
  bool roots = false;
  if (!admissible_bounds(spec, p, c, roots)) return false;
  if (!roots) return true;
  double* cur = c.data();
  double* next = other.data();
  for (int d = spec.period + 1; d > 0; --d) {
    if (!schur_cohn_level(cur, next, d)) return false;
    std::swap(cur, next);
  }
  return true;
}

void ets_admissible_lanes(const EtsLane* lanes, int count, bool* out) {
  if (count > kEtsLanes) throw Error("internal: too many ETS lanes");
  // The roots of several polynomials tested side by side, one a lane of a
  // vector (roots_inside): each level of the recursion waits on a division,
  // done for all at once.
  std::array<Coefficients, kEtsLanes>
      c;  // NOLINT(cppcoreguidelines-pro-type-member-init)
  std::array<int, kEtsLanes> who{};
  std::array<const double*, kEtsLanes> polynomial{};
  int with_roots = 0;
  int degree = 0;
  for (int k = 0; k < count; ++k) {
    const auto j = static_cast<std::size_t>(with_roots);
    bool roots = false;
    out[k] = admissible_bounds(*lanes[k].spec, *lanes[k].params, c[j], roots);
    if (!out[k] || !roots) continue;
    if (with_roots > 0 && lanes[k].spec->period + 1 != degree) {
      out[k] = ets_admissible(*lanes[k].spec, *lanes[k].params);
      continue;
    }
    degree = lanes[k].spec->period + 1;
    who[j] = k;
    polynomial[j] = c[j].data();
    ++with_roots;
  }
  if (with_roots == 0) return;
  std::array<bool, kEtsLanes> inside{};
  if (ets_lane_width() == 4) {
#if defined(CSPCAST_AVX2_LANES)
    ets_roots_inside_avx2(polynomial.data(), with_roots, degree, inside.data());
#endif
  } else {
    roots_inside<2>(polynomial.data(), with_roots, degree, inside.data());
  }
  for (int j = 0; j < with_roots; ++j) {
    const auto u = static_cast<std::size_t>(j);
    out[who[u]] = inside[u];
  }
}

double ets_lik(const ConstVectorRef& y,
               const EtsSpec& spec,
               const EtsParams& p) {
  return with_structure(spec, [&]<EtsError E, EtsTrend T, EtsSeason S>() {
    return ets_lik_fixed<E, T, S>(y, spec.period, p);
  });
}

EtsModel::EtsModel(const EtsSpec& spec,
                   const EtsParams& params,
                   const ConstVectorRef& y,
                   int n_params,
                   bool bootstrap,
                   double lik)
    : spec_(spec),
      params_(params),
      n_(static_cast<int>(y.size())),
      n_params_(n_params) {
  const int m = is_seasonal(spec_) ? spec_.period : 1;
  State st = initial_state(params_);
  double sse = 0.0;
  double sum_log = 0.0;
  int pos = 0;
  double product = 1.0;
  if (bootstrap) residuals_.reserve(static_cast<std::size_t>(n_));
  // The recursion with the structure fixed at compile time (the same steps
  // as forecast_step and update, without a dispatch per step).
  with_structure(spec_, [&]<EtsError E, EtsTrend T, EtsSeason S>() {
    for (int t = 0; t < n_; ++t) {
      const Step f = step_fixed<T, S>(params_, st, pos);
      double e = y(t) - f.mean;
      if constexpr (E == EtsError::kMultiplicative) {
        e /= f.mean;
        // Logs of running products, as in the likelihood that was fitted.
        product *= std::abs(f.mean);
        if (product > kProductHigh || product < kProductLow) {
          sum_log += std::log(product);
          product = 1.0;
        }
      }
      sse += e * e;
      if (bootstrap) residuals_.push_back(e);
      update_fixed<T, S>(params_, st, f, y(t), pos);
      if (++pos == m) pos = 0;
    }
  });
  sum_log += std::log(product);
  level_ = st.level;
  slope_ = st.slope;
  season_ = st.season;
  next_pos_ = pos;
  lik_ = std::isnan(lik) ? n_ * std::log(sse) + 2.0 * sum_log : lik;
  const int dof = std::max(1, n_ - n_params_);
  sigma2_ = sse / dof;
  if (!residuals_.empty()) {
    double mean = 0.0;
    for (const double e : residuals_) mean += e;
    mean /= static_cast<double>(residuals_.size());
    double ss = 0.0;
    for (const double e : residuals_) ss += (e - mean) * (e - mean);
    const double scale =
        ss > 0.0
            ? std::sqrt(sigma2_ * static_cast<double>(residuals_.size()) / ss)
            : 0.0;
    for (double& e : residuals_) e = (e - mean) * scale;
  }
  const double np = n_params_;
  const double denom = n_ - np - 1.0;
  aicc_ = denom > 0.0 ? lik_ + 2.0 * np + 2.0 * np * (np + 1.0) / denom
                      : std::numeric_limits<double>::quiet_NaN();
  if (!std::isfinite(lik_) || !std::isfinite(level_)) {
    throw NumericError("ETS " + spec_.name() +
                       ": the fitted states are not finite");
  }
}

void EtsModel::point(VectorRef out) const {
  const int m = is_seasonal(spec_) ? spec_.period : 1;
  State st{level_, slope_, season_};
  int pos = next_pos_;
  for (Eigen::Index h = 0; h < out.size(); ++h) {
    const Step f = forecast_step(spec_, params_, st, pos);
    out(h) = f.mean;
    update(spec_, params_, st, f, f.mean, pos);
    if (++pos == m) pos = 0;
  }
}

namespace {

// What a simulation starts from: the fitted model's parameters and its
// state after the last observation.
struct SimStart {
  const EtsParams& params;
  double sigma;
  const std::vector<double>& residuals;  // empty: normal errors
  double level;
  double slope;
  const std::array<double, kEtsMaxPeriod>& season;
  int next_pos;
  int period;
};

// The recursions (step_fixed, update_fixed) for every path, with the
// model's structure fixed at compile time: no branch on the specification
// per step.
// kLanes paths side by side: each step of one path waits on the one
// before, so independent paths interleaved keep the core busy. Each path
// still draws from its own stream in its own order.
template <EtsError E, EtsTrend T, EtsSeason S>
void simulate_fixed(const SimStart& in,
                    std::uint64_t seed,
                    std::uint64_t key,
                    int first_path,
                    int step,
                    MatrixRef out) {
  constexpr Eigen::Index kLanes = 8;
  // A local copy: the paths' stores cannot alias it, so its loads and
  // beta / alpha are worked out once, not at every step.
  const EtsParams params = in.params;
  const int m = S != EtsSeason::kNone ? in.period : 1;
  const bool normal = in.residuals.empty();
  const auto n_res = static_cast<double>(in.residuals.size());
  std::array<State, kLanes> st{};
  std::array<Rng, kLanes> rng{};
  for (Eigen::Index c0 = 0; c0 < out.cols(); c0 += kLanes) {
    const Eigen::Index lanes = std::min(kLanes, out.cols() - c0);
    for (Eigen::Index k = 0; k < lanes; ++k) {
      const auto path = static_cast<std::uint64_t>(first_path) +
                        static_cast<std::uint64_t>((c0 + k) * step);
      const auto lane = static_cast<std::size_t>(k);
      rng[lane] = Rng(seed, mix(key, path));
      st[lane].level = in.level;
      st[lane].slope = in.slope;
      std::copy_n(in.season.begin(), m, st[lane].season.begin());
    }
    int pos = in.next_pos;
    std::array<std::uint64_t, kLanes> bits{};
    std::array<double, kLanes> draw{};
    std::array<bool, kLanes> accepted{};
    for (Eigen::Index h = 0; h < out.rows(); ++h) {
      // The lanes' first draws side by side (each lane's draws still come
      // from its own stream in its own order: normal_from continues it).
      if (normal) {
        for (Eigen::Index k = 0; k < lanes; ++k) {
          const auto lane = static_cast<std::size_t>(k);
          bits[lane] = rng[lane].bits64();
          accepted[lane] = Rng::normal_first_try(bits[lane], draw[lane]);
        }
      }
      for (Eigen::Index k = 0; k < lanes; ++k) {
        const auto lane = static_cast<std::size_t>(k);
        const Step f = step_fixed<T, S>(params, st[lane], pos);
        const double e =
            normal
                ? in.sigma * (accepted[lane]
                                  ? draw[lane]
                                  : rng[lane].normal_from(bits[lane]))
                : in.residuals[std::min(
                      in.residuals.size() - 1,
                      static_cast<std::size_t>(rng[lane].uniform() * n_res))];
        const double y =
            E == EtsError::kMultiplicative ? f.mean * (1.0 + e) : f.mean + e;
        out(h, c0 + k) = y;
        update_fixed<T, S>(params, st[lane], f, y, pos);
      }
      if (++pos == m) pos = 0;
    }
  }
}

}  // namespace

void EtsModel::simulate_paths(std::uint64_t seed,
                              std::uint64_t key,
                              int first_path,
                              int step,
                              MatrixRef out,
                              Eigen::Index /*first_read*/) const {
  const SimStart in{params_,
                    std::sqrt(sigma2_),
                    residuals_,
                    level_,
                    slope_,
                    season_,
                    next_pos_,
                    spec_.period};
  with_structure(spec_, [&]<EtsError E, EtsTrend T, EtsSeason S>() {
    simulate_fixed<E, T, S>(in, seed, key, first_path, step, out);
  });
}

}  // namespace cspcast::kernels

// SPDX-License-Identifier: MIT
#include "ets_detail.hpp"

#include <cspcast/error.hpp>
#include <cspcast/kernels/ets.hpp>
#include <cspcast/kernels/random.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
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
  // The sum of log means as logs of running products: one logarithm per
  // few observations instead of one each (the logarithm dominated fitting).
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
      if (product > 1e100 || product < 1e-100 || (t & 7) == 7) {
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
  sum_log += std::log(product);
  return n * std::log(sse) + 2.0 * sum_log;
}

// The interleaved likelihood (ets_lik_lanes): K lanes, each any member.
// Every operation of ets_lik_fixed is done per lane in the same order; a
// lane's missing parts are exact identities, so each lane's value has the
// same bits. The branches on a lane's error and season never change
// within a pass, so they are predicted.
template <int K>
void ets_lik_lanes_fixed(const ConstVectorRef& y,
                         int period,
                         const EtsLane* lanes,
                         double* out) {
  struct Lane {
    double level;
    double slope;
    double phi;
    double beta_over_alpha;
    double alpha;
    double gamma;
    double sse;
    double sum_log;
    double product;
    bool mult_error;
    bool mult_season;
    bool positive;
    bool dead;
  };
  constexpr auto kLanes = static_cast<std::size_t>(K);
  std::array<Lane, kLanes> ln{};
  // Only the first `period` entries of each lane are written and read (not
  // zeroing the rest saves 4 KB of stores a pass).
  std::array<std::array<double, kEtsMaxPeriod>, kLanes>
      season;  // NOLINT(cppcoreguidelines-pro-type-member-init)
  const int n = static_cast<int>(y.size());
  // The seasonal position cycles over the period only when a lane has a
  // season (the others keep a zero there; a period beyond kEtsMaxPeriod has
  // no seasonal member).
  bool any_season = false;
  for (int k = 0; k < K; ++k)
    any_season = any_season || is_seasonal(*lanes[k].spec);
  const int m = any_season ? period : 1;
  for (int k = 0; k < K; ++k) {
    const auto u = static_cast<std::size_t>(k);
    const EtsSpec& spec = *lanes[u].spec;
    const EtsParams& p = *lanes[u].params;
    const bool trend = has_trend(spec);
    const bool seasonal = is_seasonal(spec);
    ln[u] = Lane{p.level,
                 trend ? p.slope : 0.0,
                 is_damped(spec) ? p.phi : 1.0,
                 trend ? p.beta / p.alpha : 0.0,
                 p.alpha,
                 seasonal ? p.gamma : 0.0,
                 0.0,
                 0.0,
                 1.0,
                 spec.error == EtsError::kMultiplicative,
                 spec.season == EtsSeason::kMultiplicative,
                 needs_positive(spec),
                 false};
    const auto used = static_cast<std::ptrdiff_t>(std::max(1, m));
    if (seasonal) {
      std::copy(p.season.begin(), p.season.begin() + used, season[u].begin());
    } else {
      std::fill(season[u].begin(), season[u].begin() + used, 0.0);
    }
  }
  int pos = 0;
  for (int t = 0; t < n; ++t) {
    const double yt = y(t);
    const bool flush = (t & 7) == 7;
    for (int k = 0; k < K; ++k) {
      Lane& l = ln[static_cast<std::size_t>(k)];
      double& sp =
          season[static_cast<std::size_t>(k)][static_cast<std::size_t>(pos)];
      const double phib = l.phi * l.slope;
      const double q = l.level + phib;
      const double s = sp;
      const double mean = l.mult_season ? q * s : q + s;
      double e = yt - mean;
      if (l.mult_error) {
        if (!(mean > 0.0)) l.dead = true;
        e /= mean;
        l.product *= mean;
        if (l.product > 1e100 || l.product < 1e-100 || flush) {
          l.sum_log += std::log(l.product);
          l.product = 1.0;
        }
      }
      l.sse += e * e;
      double new_level = 0.0;
      if (l.mult_season) {
        new_level = q + l.alpha * (yt / s - q);
        sp = s + l.gamma * (yt / q - s);
      } else {
        new_level = q + l.alpha * ((yt - s) - q);
        sp = s + l.gamma * (yt - q - s);
      }
      l.slope = phib + l.beta_over_alpha * (new_level - l.level - phib);
      l.level = new_level;
      if (l.positive && !(new_level > 0.0)) l.dead = true;
    }
    if (++pos == m) pos = 0;
  }
  for (int k = 0; k < K; ++k) {
    const Lane& l = ln[static_cast<std::size_t>(k)];
    if (l.dead || !std::isfinite(l.sse) || l.sse <= 0.0) {
      out[k] = std::numeric_limits<double>::infinity();
      continue;
    }
    const double sum_log = l.sum_log + std::log(l.product);
    out[k] = n * std::log(l.sse) + 2.0 * sum_log;
  }
}

}  // namespace

void ets_lik_lanes(const ConstVectorRef& y,
                   int period,
                   const EtsLane* lanes,
                   int count,
                   double* out) {
  if (count <= 0) return;
  if (count > kEtsLanes) throw Error("internal: too many ETS lanes");
  switch (count) {
    case 1:
      out[0] = ets_lik(y, *lanes[0].spec, *lanes[0].params);
      return;
    case 2:
      ets_lik_lanes_fixed<2>(y, period, lanes, out);
      return;
    case 3:
      ets_lik_lanes_fixed<3>(y, period, lanes, out);
      return;
    case 4:
      ets_lik_lanes_fixed<4>(y, period, lanes, out);
      return;
    case 5:
      ets_lik_lanes_fixed<5>(y, period, lanes, out);
      return;
    case 6:
      ets_lik_lanes_fixed<6>(y, period, lanes, out);
      return;
    case 7:
      ets_lik_lanes_fixed<7>(y, period, lanes, out);
      return;
    default:
      ets_lik_lanes_fixed<kEtsLanes>(y, period, lanes, out);
      return;
  }
}

bool ets_admissible(const EtsSpec& spec, const EtsParams& p) {
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
  // The characteristic polynomial, coefficients c_0..c_{m+1} (c_{m+1} = 1):
  // phi (1 - alpha - gamma), alpha + beta - alpha phi + gamma - 1,
  // (alpha + beta - alpha phi) m - 2 times, alpha + beta - phi, 1.
  // Roots within radius r = 1 + 1e-10 are those of p(r z) within the unit
  // circle: scale c_k by r^k, then the Schur-Cohn recursion.
  // Not zeroed: every entry read is written first (zeroing 1 KB cost 4% of
  // fitting).
  std::array<double, kEtsMaxPeriod + 2>
      c;  // NOLINT(cppcoreguidelines-pro-type-member-init)
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
  std::array<double, kEtsMaxPeriod + 2>
      other;  // NOLINT(cppcoreguidelines-pro-type-member-init)
  double* cur = c.data();
  double* next = other.data();
  for (int d = n; d > 0; --d) {
    const double lead = cur[d];
    const double tail = cur[0];
    if (!(std::abs(tail) < std::abs(lead))) return false;
    // q_k = lead c_{k+1} - tail c_{d-1-k}, k = 0..d-1; scaled by 1/|lead|
    // (scale does not change the conditions; it keeps numbers near 1).
    const double inv = 1.0 / std::abs(lead);
    for (int k = 0; k < d; ++k) {
      next[k] = (lead * cur[k + 1] - tail * cur[d - 1 - k]) * inv;
    }
    std::swap(cur, next);
  }
  return true;
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
                   bool bootstrap)
    : spec_(spec),
      params_(params),
      n_(static_cast<int>(y.size())),
      n_params_(n_params) {
  const int m = is_seasonal(spec_) ? spec_.period : 1;
  State st = initial_state(params_);
  double sse = 0.0;
  double sum_log = 0.0;
  int pos = 0;
  for (int t = 0; t < n_; ++t) {
    const Step f = forecast_step(spec_, params_, st, pos);
    double e = y(t) - f.mean;
    if (spec_.error == EtsError::kMultiplicative) {
      e /= f.mean;
      sum_log += std::log(std::abs(f.mean));
    }
    sse += e * e;
    if (bootstrap) residuals_.push_back(e);
    update(spec_, params_, st, f, y(t), pos);
    if (++pos == m) pos = 0;
  }
  level_ = st.level;
  slope_ = st.slope;
  season_ = st.season;
  next_pos_ = pos;
  lik_ = n_ * std::log(sse) + 2.0 * sum_log;
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
    for (Eigen::Index h = 0; h < out.rows(); ++h) {
      for (Eigen::Index k = 0; k < lanes; ++k) {
        const auto lane = static_cast<std::size_t>(k);
        const Step f = step_fixed<T, S>(in.params, st[lane], pos);
        const double e =
            normal
                ? in.sigma * rng[lane].normal()
                : in.residuals[std::min(
                      in.residuals.size() - 1,
                      static_cast<std::size_t>(rng[lane].uniform() * n_res))];
        const double y =
            E == EtsError::kMultiplicative ? f.mean * (1.0 + e) : f.mean + e;
        out(h, c0 + k) = y;
        update_fixed<T, S>(in.params, st[lane], f, y, pos);
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

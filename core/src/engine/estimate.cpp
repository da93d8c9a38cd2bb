// SPDX-License-Identifier: MIT
// An intervention's effect from a series' own history (docs/estimate.md).
#include <cspcast/engine/estimate.hpp>
#include <cspcast/error.hpp>
#include <cspcast/kernels/structural.hpp>

#include <algorithm>
#include <cmath>
#include <thread>

namespace cspcast {
namespace {

constexpr double kZ95 = 1.959963984540054;

const io::InputSeries& find(const std::vector<io::InputSeries>& all,
                            const std::string& id,
                            const std::string& input) {
  for (const auto& s : all) {
    if (s.id == id) {
      if (!s.first_month) {
        throw DataError(input + ": series '" + id + "' has no month column");
      }
      return s;
    }
  }
  throw DataError(input + ": no series '" + id + "'");
}

// The values of `s` over [first, first + n), or an error naming the first
// missing month.
std::vector<double> aligned(const io::InputSeries& s,
                            YearMonth first,
                            int n,
                            const std::string& input,
                            const char* what) {
  std::vector<double> out(static_cast<std::size_t>(n));
  for (int t = 0; t < n; ++t) {
    const int i = (first + t) - *s.first_month;
    if (i < 0 || i >= static_cast<int>(s.values.size())) {
      throw DataError(input + ": " + what + " '" + s.id +
                      "' has no value for " + (first + t).str() +
                      " (it must cover every month of the "
                      "series)");
    }
    out[static_cast<std::size_t>(t)] = s.values[static_cast<std::size_t>(i)];
  }
  return out;
}

double transform(double v, const EstimateOptions& o, const std::string& where) {
  if (!o.log) return v;
  if (!(v + o.log_offset > 0.0)) {
    throw DataError(where + ": " + std::to_string(v) +
                    " is not positive under --log (use --log-offset C to "
                    "model log(y + C), docs/estimate.md)");
  }
  return std::log(v + o.log_offset);
}

// Monthly values to quarters: sums for the series (counts), means for
// regressors and the intervention's weights.
std::vector<double> to_quarters(const std::vector<double>& v, bool mean) {
  std::vector<double> out(v.size() / 3);
  for (std::size_t q = 0; q < out.size(); ++q) {
    const double s = v[3 * q] + v[3 * q + 1] + v[3 * q + 2];
    out[q] = mean ? s / 3.0 : s;
  }
  return out;
}

double weight(const EstimateOptions& o, int t, int at) {
  if (t < at) return 0.0;
  switch (o.shape) {
    case InterventionShape::kPulse:
      return t == at ? 1.0 : 0.0;
    case InterventionShape::kRamp:
      return std::min(1.0, static_cast<double>(t - at + 1) / o.ramp_months);
    case InterventionShape::kStep:
      break;
  }
  return 1.0;
}

struct Design {
  Vector y;                 // on the model's scale
  Matrix x;                 // regressors, controls, then the intervention
  std::vector<double> raw;  // the series as given (aggregated)
  YearMonth first;
  int at = 0;    // index of the intervention period
  int step = 1;  // months per period
};

Design design(const std::vector<io::InputSeries>& all,
              const EstimateOptions& o,
              const std::string& input) {
  const io::InputSeries& s = find(all, o.series, input);
  Design d;
  d.first = *s.first_month;
  int n = static_cast<int>(s.values.size());
  const YearMonth last = d.first + (n - 1);
  if (o.at <= d.first || o.at > last) {
    throw DataError(input + ": series '" + o.series + "': intervention month " +
                    o.at.str() + " outside the series (" + (d.first + 1).str() +
                    " to " + last.str() + ")");
  }
  if (o.at - d.first < 36) {
    throw DataError(input + ": series '" + o.series +
                    "': " + std::to_string(o.at - d.first) + " months before " +
                    o.at.str() +
                    "; the model needs at least three years "
                    "(36 months) before the intervention");
  }
  std::vector<double> y = s.values;
  std::vector<std::vector<double>> cols;
  for (const auto& id : o.regressors) {
    cols.push_back(
        aligned(find(all, id, input), d.first, n, input, "regressor"));
  }
  for (const auto& id : o.controls) {
    cols.push_back(aligned(find(all, id, input), d.first, n, input, "control"));
  }
  std::vector<double> w(static_cast<std::size_t>(n));
  for (int t = 0; t < n; ++t) {
    w[static_cast<std::size_t>(t)] = weight(o, t, o.at - d.first);
  }
  d.at = o.at - d.first;
  if (o.quarterly) {
    // Whole quarters from the first full quarter (January, April, July,
    // October) to the last full one.
    int skip = (3 - (d.first.month() - 1) % 3) % 3;
    const int keep = (n - skip) / 3 * 3;
    const auto cut = [&](std::vector<double>& v) {
      v = std::vector<double>(v.begin() + skip, v.begin() + skip + keep);
    };
    cut(y);
    cut(w);
    for (auto& c : cols) cut(c);
    y = to_quarters(y, false);
    w = to_quarters(w, true);
    for (auto& c : cols) c = to_quarters(c, true);
    d.first = d.first + skip;
    d.at = (o.at - d.first) / 3;
    d.step = 3;
    n = static_cast<int>(y.size());
  }
  d.raw = y;
  d.y.resize(n);
  for (int t = 0; t < n; ++t) {
    d.y(t) = transform(
        y[static_cast<std::size_t>(t)],
        o,
        input + ": series '" + o.series + "' " + (d.first + t * d.step).str());
  }
  d.x.resize(n, static_cast<Eigen::Index>(cols.size() + 1));
  for (std::size_t c = 0; c < cols.size(); ++c) {
    const std::string name = c < o.regressors.size()
                                 ? o.regressors[c]
                                 : o.controls[c - o.regressors.size()];
    for (int t = 0; t < n; ++t) {
      d.x(t, static_cast<Eigen::Index>(c)) = transform(
          cols[c][static_cast<std::size_t>(t)],
          o,
          input + ": series '" + name + "' " + (d.first + t * d.step).str());
    }
  }
  for (int t = 0; t < n; ++t) {
    d.x(t, static_cast<Eigen::Index>(cols.size())) =
        w[static_cast<std::size_t>(t)];
  }
  return d;
}

EstimateEffect effect_of(double beta, double se, bool log) {
  EstimateEffect e;
  e.estimate = beta;
  e.se = se;
  e.lo95 = beta - kZ95 * se;
  e.hi95 = beta + kZ95 * se;
  if (log) {
    e.has_percent = true;
    e.percent = 100.0 * std::expm1(beta);
    e.percent_lo95 = 100.0 * std::expm1(e.lo95);
    e.percent_hi95 = 100.0 * std::expm1(e.hi95);
  }
  return e;
}

double back(double v, const EstimateOptions& o) {
  return o.log ? std::exp(v) - o.log_offset : v;
}

void counterfactual(const Design& d,
                    const EstimateOptions& o,
                    EstimateResult& r) {
  const Eigen::Index k = d.x.cols() - 1;
  const double beta = r.effect.estimate;
  double level = 0.0;
  int post = 0;
  for (Eigen::Index t = d.at; t < d.y.size(); ++t) {
    const double w = d.x(t, k);
    CounterfactualPoint p;
    p.month = d.first + static_cast<int>(t) * d.step;
    p.actual = d.raw[static_cast<std::size_t>(t)];
    p.counterfactual = back(d.y(t) - beta * w, o);
    p.lo95 = back(d.y(t) - r.effect.hi95 * w, o);
    p.hi95 = back(d.y(t) - r.effect.lo95 * w, o);
    if (p.lo95 > p.hi95) std::swap(p.lo95, p.hi95);
    r.cumulative += p.actual - p.counterfactual;
    r.cumulative_lo95 += p.actual - p.hi95;
    r.cumulative_hi95 += p.actual - p.lo95;
    level += p.counterfactual;
    ++post;
    r.counterfactual.push_back(p);
  }
  level /= std::max(1, post);
  r.relative = o.log ? std::expm1(beta) : (level != 0.0 ? beta / level : 0.0);
}

// Placebos: the same model on the pre-period alone, with a step at K
// dates spread between three years in and a year before the real one.
void placebos(const Design& d,
              const kernels::StructuralSpec& spec,
              const EstimateOptions& options,
              int threads,
              EstimateResult& r) {
  const Eigen::Index k = d.x.cols() - 1;
  const int lo = 36 / d.step;
  const int hi = d.at - 12 / d.step;
  if (hi > lo) r.placebos.resize(static_cast<std::size_t>(options.placebo));
  // Each placebo is its own fit, written to its own slot: the result
  // does not depend on the number of threads.
  const auto one = [&](int p) {
    const int at = lo + (hi - lo) * p / std::max(1, options.placebo - 1);
    const Vector y = d.y.head(d.at);
    Matrix x = d.x.topRows(d.at);
    for (Eigen::Index t = 0; t < x.rows(); ++t) {
      x(t, k) = t >= at ? 1.0 : 0.0;
    }
    const kernels::StructuralFit pf = kernels::fit_structural(spec, y, x);
    const double b = pf.filter.beta(k);
    const double se = std::sqrt(pf.filter.beta_cov(k, k));
    r.placebos[static_cast<std::size_t>(p)] = {
        d.first + at * d.step, b, b - kZ95 * se, b + kZ95 * se};
  };
  const int count = static_cast<int>(r.placebos.size());
  const int workers = std::max(1, std::min(threads, count));
  std::vector<std::thread> pool;
  for (int w = 1; w < workers; ++w) {
    pool.emplace_back([&, w] {
      for (int p = w; p < count; p += workers) one(p);
    });
  }
  for (int p = 0; p < count; p += workers) one(p);
  for (auto& t : pool) t.join();
}

std::string describe(const EstimateOptions& options, int period) {
  return std::string(options.slope ? "local linear trend" : "local level") +
         ", stochastic trigonometric seasonal (period " +
         std::to_string(period) + ")" +
         (options.regressors.empty() && options.controls.empty()
              ? ""
              : ", regression") +
         ", " +
         (options.shape == InterventionShape::kStep    ? "step"
          : options.shape == InterventionShape::kPulse ? "pulse"
                                                       : "ramp") +
         " intervention; " +
         (options.log ? "log(y" +
                            (options.log_offset != 0.0
                                 ? " + " + std::to_string(options.log_offset)
                                 : std::string()) +
                            ")"
                      : std::string("y"));
}

}  // namespace

EstimateResult estimate(const std::vector<io::InputSeries>& series,
                        const EstimateOptions& options,
                        const std::string& input,
                        int threads) {
  const Design d = design(series, options, input);
  const kernels::StructuralSpec spec{options.slope, options.quarterly ? 4 : 12};
  const kernels::StructuralFit fit = kernels::fit_structural(spec, d.y, d.x);
  if (fit.filter.diffuse < 0) {
    throw DataError(input + ": series '" + options.series +
                    "': the model cannot be identified from this series (too "
                    "short for its states and regressors)");
  }
  EstimateResult r;
  r.options = options;
  r.input = input;
  r.observations = static_cast<int>(d.y.size());
  r.period = spec.period;
  r.model = describe(options, spec.period);
  const Eigen::Index k = d.x.cols() - 1;
  r.effect = effect_of(
      fit.filter.beta(k), std::sqrt(fit.filter.beta_cov(k, k)), options.log);
  for (Eigen::Index c = 0; c < k; ++c) {
    const std::string name =
        static_cast<std::size_t>(c) < options.regressors.size()
            ? options.regressors[static_cast<std::size_t>(c)]
            : options.controls[static_cast<std::size_t>(c) -
                               options.regressors.size()];
    r.coefficients.emplace_back(
        name,
        effect_of(
            fit.filter.beta(c), std::sqrt(fit.filter.beta_cov(c, c)), false));
  }
  r.var_irregular = fit.variances.irregular;
  r.var_level = fit.variances.level;
  r.var_slope = fit.variances.slope;
  r.var_seasonal = fit.variances.seasonal;
  r.loglik = fit.filter.loglik;
  r.aic = fit.aic;
  counterfactual(d, options, r);
  if (options.placebo > 0) placebos(d, spec, options, threads, r);
  return r;
}

}  // namespace cspcast

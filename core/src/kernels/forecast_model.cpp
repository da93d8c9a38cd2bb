// SPDX-License-Identifier: MIT
#include "mapped_model.hpp"

#include <cspcast/error.hpp>
#include <cspcast/format.hpp>
#include <cspcast/kernels/count.hpp>
#include <cspcast/kernels/ets.hpp>
#include <cspcast/kernels/forecast_model.hpp>
#include <cspcast/kernels/random.hpp>
#include <cspcast/kernels/theta.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace cspcast::kernels {

ForecastModel::~ForecastModel() = default;

namespace {

// Seasonal random walk (period m; m = 1 with drift gives the drift model).
class RandomWalkModel final : public ForecastModel {
 public:
  RandomWalkModel(const ConstVectorRef& y,
                  int period,
                  bool drift,
                  bool bootstrap)
      : period_(period), drift_(drift) {
    const Eigen::Index n = y.size();
    last_ = y.tail(period);
    const Eigen::Index k = n - period;
    drift_per_step_ =
        drift ? (y(n - 1) - y(0)) / static_cast<double>(n - 1) : 0.0;
    double ss = 0.0;
    for (Eigen::Index t = period; t < n; ++t) {
      const double e = y(t) - y(t - period) - drift_per_step_;
      ss += e * e;
    }
    sigma_ = std::sqrt(ss / static_cast<double>(std::max<Eigen::Index>(
                                1, k - (drift ? 1 : 0))));
    if (bootstrap && ss > 0.0) {
      // Centred residuals, scaled to sigma.
      double mean = 0.0;
      for (Eigen::Index t = period; t < n; ++t)
        mean += y(t) - y(t - period) - drift_per_step_;
      mean /= static_cast<double>(k);
      double css = 0.0;
      for (Eigen::Index t = period; t < n; ++t) {
        const double e = y(t) - y(t - period) - drift_per_step_ - mean;
        residuals_.push_back(e);
        css += e * e;
      }
      const double scale =
          css > 0.0 ? sigma_ * std::sqrt(static_cast<double>(k) / css) : 0.0;
      for (double& e : residuals_) e *= scale;
    }
    // Gaussian -2 log-likelihood of the differenced series (for reports).
    const double var = ss / static_cast<double>(k);
    const double np = drift ? 2.0 : 1.0;
    aicc_ = var > 0.0 ? static_cast<double>(k) * std::log(var) + 2.0 * np +
                            2.0 * np * (np + 1.0) /
                                (static_cast<double>(k) - np - 1.0)
                      : std::numeric_limits<double>::quiet_NaN();
  }
  [[nodiscard]] std::string name() const override {
    return drift_ ? "drift" : "snaive(" + std::to_string(period_) + ")";
  }
  void point(VectorRef out) const override {
    for (Eigen::Index h = 0; h < out.size(); ++h) {
      out(h) =
          last_(h % period_) + drift_per_step_ * static_cast<double>(h + 1);
    }
  }
  void simulate_paths(std::uint64_t seed,
                      std::uint64_t key,
                      int first_path,
                      int step,
                      MatrixRef out,
                      Eigen::Index /*first_read*/) const override {
    for (Eigen::Index c = 0; c < out.cols(); ++c) {
      Rng rng(seed,
              mix(key, static_cast<std::uint64_t>(first_path + c * step)));
      for (Eigen::Index h = 0; h < out.rows(); ++h) {
        const double prev = h < period_ ? last_(h) : out(h - period_, c);
        const double e =
            residuals_.empty()
                ? sigma_ * rng.normal()
                : residuals_[std::min(
                      residuals_.size() - 1,
                      static_cast<std::size_t>(
                          rng.uniform() *
                          static_cast<double>(residuals_.size())))];
        out(h, c) = prev + drift_per_step_ + e;
      }
    }
  }
  [[nodiscard]] double aicc() const override { return aicc_; }

 private:
  int period_;
  bool drift_;
  Vector last_;
  double drift_per_step_ = 0.0;
  double sigma_ = 0.0;
  double aicc_ = 0.0;
  std::vector<double> residuals_;
};

// A series that never changes (a constant count, an all-zero or all-100
// percentage series): nothing to estimate a variation from, so the
// projection is the constant, and the name says so (docs/models.md).
class ConstantModel final : public ForecastModel {
 public:
  explicit ConstantModel(double value) : value_(value) {}
  [[nodiscard]] std::string name() const override {
    return "constant(" + format_number(value_) + ")";
  }
  void point(VectorRef out) const override { out.setConstant(value_); }
  void simulate_paths(std::uint64_t /*seed*/,
                      std::uint64_t /*key*/,
                      int /*first_path*/,
                      int /*step*/,
                      MatrixRef out,
                      Eigen::Index /*first_read*/) const override {
    out.setConstant(value_);
  }
  [[nodiscard]] double aicc() const override {
    return std::numeric_limits<double>::quiet_NaN();
  }

 private:
  double value_;
};

// A percentage series that reaches 0 or 100 has no logit there: a month
// at 0% is read as half the smallest share above 0 in the series (at 100%,
// half the smallest gap below 100), and the model's name says so
// (docs/models.md). Series that never leave 0 or 100 are constant.
struct LogitEdges {
  double low = 0.0;   // what 0% is read as
  double high = 0.0;  // what 100% is read as
  bool used = false;
};
LogitEdges logit_edges(const ConstVectorRef& y) {
  double above = 100.0;  // smallest value above 0
  double below = 100.0;  // smallest gap below 100
  bool zero = false;
  bool hundred = false;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    if (y(i) <= 0.0) zero = true;
    if (y(i) >= 100.0) hundred = true;
    if (y(i) > 0.0) above = std::min(above, y(i));
    if (y(i) < 100.0) below = std::min(below, 100.0 - y(i));
  }
  return {above / 2.0, 100.0 - below / 2.0, zero || hundred};
}

// Fits on a transformed scale and maps forecasts and paths back.
class TransformedModel final : public detail::MappedModel {
 public:
  TransformedModel(std::unique_ptr<ForecastModel> inner,
                   Transform transform,
                   LogitEdges edges)
      : MappedModel(std::move(inner)), transform_(transform), edges_(edges) {}
  [[nodiscard]] std::string name() const override {
    return inner().name() +
           (transform_ == Transform::kLog ? " on log(y+1)"
            : edges_.used
                ? " on logit(y/100), 0% read as " +
                      format_number(edges_.low, 3) + "% and 100% as " +
                      format_number(edges_.high, 3) + "%"
                : " on logit(y/100)");
  }

 private:
  void map(VectorRef v) const override {
    for (Eigen::Index i = 0; i < v.size(); ++i) {
      if (transform_ == Transform::kLog) {
        v(i) = std::exp(v(i)) - 1.0;
      } else {
        v(i) = 100.0 / (1.0 + std::exp(-v(i)));
      }
    }
  }
  // Every path at once with Eigen's vectorised exp (within an ulp or two
  // of std::exp; docs/performance.md).
  void map_paths(MatrixRef paths, Eigen::Index first_read) const override {
    const Eigen::Index rows = paths.rows() - std::min(first_read, paths.rows());
    for (Eigen::Index c = 0; c < paths.cols(); ++c) {
      auto v = paths.col(c).tail(rows).array();
      if (transform_ == Transform::kLog) {
        v = v.exp() - 1.0;
      } else {
        v = 100.0 / (1.0 + (-v).exp());
      }
    }
  }
  Transform transform_;
  LogitEdges edges_;
};

void require_length(const ConstVectorRef& y,
                    Eigen::Index need,
                    const char* model) {
  if (y.size() < need) {
    throw DataError(std::string(model) + ": series too short (got " +
                    std::to_string(y.size()) + " values; expected at least " +
                    std::to_string(need) + ")");
  }
}

}  // namespace

std::unique_ptr<ForecastModel> fit_seasonal_naive(const ConstVectorRef& y,
                                                  int period,
                                                  const FitOptions& options) {
  require_length(y, period + 2, "snaive");
  return std::make_unique<RandomWalkModel>(y, period, false, options.bootstrap);
}

std::unique_ptr<ForecastModel> fit_drift(const ConstVectorRef& y,
                                         const FitOptions& options) {
  require_length(y, 3, "drift");
  return std::make_unique<RandomWalkModel>(y, 1, true, options.bootstrap);
}

std::unique_ptr<ForecastModel> fit_forecast_model(const ConstVectorRef& y,
                                                  int period,
                                                  const ModelSpec& spec,
                                                  const FitOptions& fit) {
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    if (!std::isfinite(y(i))) {
      throw DataError("value " + std::to_string(i + 1) + " is not finite");
    }
  }
  if (y.size() > 0 && y.minCoeff() == y.maxCoeff() &&
      spec.kind != ModelKind::kSeasonalNaive &&
      spec.kind != ModelKind::kDrift) {
    return std::make_unique<ConstantModel>(y(0));
  }
  Vector z = y;
  LogitEdges edges;
  if (spec.transform == Transform::kLog) {
    if (y.minCoeff() < 0.0) {
      throw DataError("log transform needs values >= 0 (got " +
                      std::to_string(y.minCoeff()) + ")");
    }
    z = (y.array() + 1.0).log();
  } else if (spec.transform == Transform::kLogit) {
    if (y.minCoeff() < 0.0 || y.maxCoeff() > 100.0) {
      throw DataError("logit transform needs percentages from 0 to 100 (got " +
                      std::to_string(y.minCoeff()) + " to " +
                      std::to_string(y.maxCoeff()) + ")");
    }
    edges = logit_edges(y);
    const auto p = y.array().max(edges.low).min(edges.high);
    z = (p / (100.0 - p)).log();
  }
  std::unique_ptr<ForecastModel> inner;
  switch (spec.kind) {
    case ModelKind::kCount:  // counts are modelled as they are
      return fit_count_model(y, period);
    case ModelKind::kSeasonalNaive:
      inner = fit_seasonal_naive(z, period, fit);
      break;
    case ModelKind::kDrift:
      inner = fit_drift(z, fit);
      break;
    case ModelKind::kDampedEts: {
      const bool seasonal = z.size() >= 2 * period + 2;
      inner =
          fit_ets(z,
                  EtsSpec{EtsError::kAdditive,
                          EtsTrend::kDamped,
                          seasonal ? EtsSeason::kAdditive : EtsSeason::kNone,
                          period},
                  EtsOptions{1000, 1e-7, fit.bootstrap});
      if (!inner) {
        throw DataError("damped ETS cannot be fitted (got " +
                        std::to_string(z.size()) + " values)");
      }
      break;
    }
    case ModelKind::kTheta:
      inner = fit_theta(z, period, fit);
      break;
    case ModelKind::kAuto:  // the recommended model: docs/models.md
    case ModelKind::kCombo:
      // On a transformed scale the structure is already multiplicative.
      inner =
          fit_combination(z, period, spec.transform == Transform::kNone, fit);
      break;
    case ModelKind::kStl:
      inner = fit_stl_ets(z, period, spec.transform == Transform::kNone, fit);
      break;
    case ModelKind::kEts: {
      AutoEtsOptions options;
      // On a transformed scale the structure is already multiplicative.
      options.allow_multiplicative = spec.transform == Transform::kNone;
      options.fit.bootstrap = fit.bootstrap;
      inner = auto_ets(z, period, options);
      break;
    }
  }
  if (spec.transform == Transform::kNone) return inner;
  return std::make_unique<TransformedModel>(
      std::move(inner), spec.transform, edges);
}

}  // namespace cspcast::kernels

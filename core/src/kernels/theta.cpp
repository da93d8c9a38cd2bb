// SPDX-License-Identifier: MIT
#include "ets_detail.hpp"
#include "mapped_model.hpp"

#include <cspcast/error.hpp>
#include <cspcast/kernels/decompose.hpp>
#include <cspcast/kernels/ets.hpp>
#include <cspcast/kernels/random.hpp>
#include <cspcast/kernels/theta.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

namespace cspcast::kernels {
namespace {

// Seasonal factors for h = 1, 2, ... after the last observation: the last
// cycle of the decomposition's seasonal component, repeated.
Vector future_figure(const Vector& seasonal, int period) {
  Vector f(period);
  const Eigen::Index n = seasonal.size();
  for (int j = 0; j < period; ++j) f(j) = seasonal(n - period + j);
  return f;
}

class ThetaModel final : public detail::MappedModel {
 public:
  // offset = (1 - (1 - alpha)^n) / alpha, from the SES fit.
  ThetaModel(std::unique_ptr<EtsModel> ses,
             double drift,
             double offset,
             Vector figure,
             bool seasonal,
             bool multiplicative)
      : MappedModel(std::move(ses)),
        drift_(drift),
        figure_(std::move(figure)),
        seasonal_(seasonal),
        multiplicative_(multiplicative),
        offset_(offset) {}
  [[nodiscard]] std::string name() const override {
    if (!seasonal_) return "theta";
    return multiplicative_ ? "theta(seasonal x)" : "theta(seasonal +)";
  }

 private:
  // SES forecast + drift (h - 1 + (1 - (1 - alpha)^n) / alpha), seasonal
  // index put back.
  void map(VectorRef v) const override {
    const auto period = figure_.size();
    Eigen::Index pos = 0;  // h % period, without a division per value
    for (Eigen::Index h = 0; h < v.size(); ++h) {
      double x = v(h) + drift_ * (static_cast<double>(h) + offset_);
      if (seasonal_) {
        const double s = figure_(pos);
        x = multiplicative_ ? x * s : x + s;
      }
      v(h) = x;
      if (++pos == period) pos = 0;
    }
  }
  double drift_;
  Vector figure_;
  bool seasonal_;
  bool multiplicative_;
  double offset_;
};

class Combination final : public ForecastModel {
 public:
  explicit Combination(std::vector<std::unique_ptr<ForecastModel>> members)
      : members_(std::move(members)) {}
  [[nodiscard]] std::string name() const override {
    std::string out = "combo(";
    for (std::size_t k = 0; k < members_.size(); ++k) {
      out += (k == 0 ? "" : ", ") + members_[k]->name();
    }
    return out + ")";
  }
  void point(VectorRef out) const override {
    out.setZero();
    Vector tmp(out.size());
    for (const auto& m : members_) {
      m->point(tmp);
      out += tmp;
    }
    out /= static_cast<double>(members_.size());
  }
  void simulate_paths(std::uint64_t seed,
                      std::uint64_t key,
                      int first_path,
                      int step,
                      MatrixRef out,
                      Eigen::Index first_read) const override {
    const auto k = static_cast<Eigen::Index>(members_.size());
    if (step != 1) {  // not nested in practice: one path at a time
      for (Eigen::Index c = 0; c < out.cols(); ++c) {
        const Eigen::Index path = first_path + c * step;
        members_[static_cast<std::size_t>(path % k)]->simulate_paths(
            seed,
            key,
            static_cast<int>(path),
            1,
            out.middleCols(c, 1),
            first_read);
      }
      return;
    }
    // Path p belongs to member p % k: member j gets every k-th column.
    for (Eigen::Index j = 0; j < k; ++j) {
      const Eigen::Index c0 = ((j - first_path % k) % k + k) % k;
      if (c0 >= out.cols()) continue;
      const Eigen::Index cols = (out.cols() - c0 + k - 1) / k;
      Eigen::Map<Matrix, 0, Eigen::OuterStride<>> share(
          out.data() + c0 * out.outerStride(),
          out.rows(),
          cols,
          Eigen::OuterStride<>(out.outerStride() * k));
      members_[static_cast<std::size_t>(j)]->simulate_paths(
          seed,
          key,
          static_cast<int>(first_path + c0),
          static_cast<int>(k),
          share,
          first_read);
    }
  }
  [[nodiscard]] double aicc() const override {
    return std::numeric_limits<double>::quiet_NaN();
  }

 private:
  std::vector<std::unique_ptr<ForecastModel>> members_;
};

// Adds a fixed seasonal figure (from STL) to a non-seasonal model.
class Reseasonalised final : public detail::MappedModel {
 public:
  Reseasonalised(std::unique_ptr<ForecastModel> inner, Vector figure)
      : MappedModel(std::move(inner)), figure_(std::move(figure)) {}
  [[nodiscard]] std::string name() const override {
    return "STL + " + inner().name();
  }

 private:
  void map(VectorRef v) const override {
    Eigen::Index pos = 0;  // h % period, without a division per value
    for (Eigen::Index h = 0; h < v.size(); ++h) {
      v(h) += figure_(pos);
      if (++pos == figure_.size()) pos = 0;
    }
  }
  Vector figure_;
};

}  // namespace

namespace {

// What the theta method fits its simple exponential smoothing to: the
// series, seasonally adjusted when a test finds a season.
struct ThetaInput {
  Vector adjusted;
  Vector figure;
  bool seasonal = false;
  bool multiplicative = true;
};

ThetaInput theta_input(const ConstVectorRef& y, int period) {
  const auto n = static_cast<int>(y.size());
  if (n < 4) {
    throw DataError("theta: series too short (got " + std::to_string(n) +
                    " values; expected at least 4)");
  }
  ThetaInput in;
  const bool constant = (y.array() == y(0)).all();
  in.seasonal =
      period > 1 && !constant && n > 2 * period && seasonality_test(y, period);
  in.adjusted = y;
  if (in.seasonal) {
    in.multiplicative = y.minCoeff() > 0.0;
    const Decomposition d = classical_decomposition(
        y,
        period,
        in.multiplicative ? DecompositionType::kMultiplicative
                          : DecompositionType::kAdditive);
    if (in.multiplicative) {
      in.adjusted = y.array() / d.seasonal.array();
    } else {
      in.adjusted = y - d.seasonal;
    }
    in.figure = future_figure(d.seasonal, period);
  }
  return in;
}

EtsSpec theta_ses_spec(int period) {
  return EtsSpec{EtsError::kAdditive,
                 EtsTrend::kNone,
                 EtsSeason::kNone,
                 std::max(1, period)};
}

EtsOptions theta_ses_options(const FitOptions& fit) {
  return EtsOptions{1000, 1e-7, fit.bootstrap};
}

// The theta model from its input and its fitted smoothing (null: none).
std::unique_ptr<ForecastModel> finish_theta(ThetaInput in,
                                            std::unique_ptr<EtsModel> ses) {
  const auto n = static_cast<int>(in.adjusted.size());
  if (!ses) {
    throw DataError("theta: simple exponential smoothing cannot be fitted (" +
                    std::to_string(n) + " values)");
  }
  // Half the least-squares slope on time 0..n-1.
  const double tbar = (n - 1) / 2.0;
  const double ybar = in.adjusted.mean();
  double sxy = 0.0;
  double sxx = 0.0;
  for (int t = 0; t < n; ++t) {
    sxy += (t - tbar) * (in.adjusted(t) - ybar);
    sxx += (t - tbar) * (t - tbar);
  }
  const double drift = 0.5 * sxy / sxx;
  const double alpha = std::max(1e-10, ses->params().alpha);
  const double offset = (1.0 - std::pow(1.0 - alpha, n)) / alpha;
  return std::make_unique<ThetaModel>(std::move(ses),
                                      drift,
                                      offset,
                                      std::move(in.figure),
                                      in.seasonal,
                                      in.multiplicative);
}

}  // namespace

std::unique_ptr<ForecastModel> fit_theta(const ConstVectorRef& y,
                                         int period,
                                         const FitOptions& fit) {
  ThetaInput in = theta_input(y, period);
  auto ses =
      fit_ets(in.adjusted, theta_ses_spec(period), theta_ses_options(fit));
  return finish_theta(std::move(in), std::move(ses));
}

std::unique_ptr<ForecastModel> make_combination(
    std::vector<std::unique_ptr<ForecastModel>> members) {
  if (members.empty()) throw Error("internal: empty combination");
  if (members.size() == 1) return std::move(members.front());
  return std::make_unique<Combination>(std::move(members));
}

std::unique_ptr<ForecastModel> fit_combination(const ConstVectorRef& y,
                                               int period,
                                               bool allow_multiplicative,
                                               const FitOptions& fit) {
  AutoEtsOptions options;
  options.allow_multiplicative = allow_multiplicative;
  options.fit.bootstrap = fit.bootstrap;
  // The theta method's smoothing is fitted alongside the family, its
  // likelihood in the family's passes (EtsSideFit).
  std::optional<ThetaInput> theta;
  EtsSideFit side;
  if (y.size() >= 4) {
    theta = theta_input(y, period);
    side.y = theta->adjusted.data();
    side.spec = theta_ses_spec(period);
    side.options = theta_ses_options(fit);
  }
  // Candidates first: only the members the combination takes are made
  // models (a pass over the data each).
  const auto family =
      fit_ets_candidates(y, period, options, theta ? &side : nullptr);
  if (family.empty()) {
    throw DataError("combination: no ETS model can be fitted (got " +
                    std::to_string(y.size()) + " values; expected at least 8)");
  }
  std::size_t best = 0;
  std::size_t damped = family.size();
  for (std::size_t k = 0; k < family.size(); ++k) {
    if (family[k].aicc < family[best].aicc) best = k;
    if (family[k].spec.trend == EtsTrend::kDamped &&
        (damped == family.size() || family[k].aicc < family[damped].aicc)) {
      damped = k;
    }
  }
  std::vector<std::unique_ptr<ForecastModel>> members;
  members.push_back(make_model(y, family[best], fit.bootstrap));
  if (damped < family.size() && damped != best) {
    members.push_back(make_model(y, family[damped], fit.bootstrap));
  }
  if (!theta) {
    members.push_back(fit_theta(y, period, fit));
  } else {
    auto ses = side.result
                   ? make_model(theta->adjusted, *side.result, fit.bootstrap)
                   : nullptr;
    members.push_back(finish_theta(std::move(*theta), std::move(ses)));
  }
  return make_combination(std::move(members));
}

std::unique_ptr<ForecastModel> fit_stl_ets(const ConstVectorRef& y,
                                           int period,
                                           bool allow_multiplicative,
                                           const FitOptions& fit) {
  if (period < 2 || y.size() < 2 * static_cast<Eigen::Index>(period)) {
    AutoEtsOptions options;
    options.allow_multiplicative = allow_multiplicative;
    options.fit.bootstrap = fit.bootstrap;
    options.allow_season = false;
    return auto_ets(y, period, options);
  }
  StlOptions o;
  o.seasonal_window = 11;
  const Decomposition d = stl(y, period, o);
  const Vector adjusted = y - d.seasonal;
  AutoEtsOptions options;
  options.allow_multiplicative = allow_multiplicative;
  options.allow_season = false;
  options.fit.bootstrap = fit.bootstrap;
  auto inner = auto_ets(adjusted, period, options);
  return std::make_unique<Reseasonalised>(std::move(inner),
                                          future_figure(d.seasonal, period));
}

}  // namespace cspcast::kernels

// SPDX-License-Identifier: MIT
#include <cspcast/eigen_types.hpp>
#include <cspcast/error.hpp>
#include <cspcast/kernels/forecast_model.hpp>
#include <cspcast/kernels/quantiles.hpp>
#include <cspcast/model_kit.hpp>

#include <cmath>

namespace cspcast::kit {

CoreModel::CoreModel(std::shared_ptr<const kernels::ForecastModel> model)
    : model_(std::move(model)) {}

CoreModel CoreModel::fit(const std::vector<double>& y, const ModelSpec& spec) {
  const ConstVectorMap v(y.data(), static_cast<Eigen::Index>(y.size()));
  return CoreModel(kernels::fit_forecast_model(v, 12, spec));
}

std::string CoreModel::name() const { return model_->name(); }
double CoreModel::aicc() const { return model_->aicc(); }

std::vector<double> CoreModel::point(int horizon) const {
  if (horizon < 0) throw ConfigError("CoreModel::point: negative horizon");
  std::vector<double> out(static_cast<std::size_t>(horizon));
  Eigen::Map<Vector> v(out.data(), horizon);
  model_->point(v);
  return out;
}

void CoreModel::simulate(const PathStreams& streams, PathBlock out) const {
  if (out.paths() != streams.count()) {
    throw ConfigError("CoreModel::simulate: " + std::to_string(out.paths()) +
                      " columns for " + std::to_string(streams.count()) +
                      " streams");
  }
  Eigen::Map<Matrix, 0, Eigen::OuterStride<>> m(
      out.column(0),
      out.months(),
      out.paths(),
      Eigen::OuterStride<>(out.stride()));
  model_->simulate_paths(
      streams.seed(), streams.key(), streams.first_path(), streams.step(), m);
}

double quantile(std::vector<double> values, double p) {
  if (values.empty()) throw ConfigError("quantile: no values");
  if (!(p >= 0.0 && p <= 1.0)) throw ConfigError("quantile: p not in [0, 1]");
  double q = 0.0;
  kernels::QuantileSelector sel;
  sel.compute(
      values.data(), static_cast<std::ptrdiff_t>(values.size()), &p, 1, &q);
  return q;
}

double logit(double p) { return std::log(p / (1.0 - p)); }
double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace cspcast::kit

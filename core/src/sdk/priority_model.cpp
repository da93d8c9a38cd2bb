// SPDX-License-Identifier: MIT
#include <cspcast/error.hpp>
#include <cspcast/priority_model.hpp>
#include <cspcast/priority_source.hpp>

namespace cspcast {

PriorityModel::~PriorityModel() = default;

ModelSpec PriorityModel::choose_model(const IndicatorSpec& indicator,
                                      const MonthlySeries& /*history*/) const {
  return indicator.model;
}

ModelSpec count_model_if_small(const IndicatorSpec& indicator,
                               const MonthlySeries& history,
                               double threshold) {
  if (indicator.unit != Unit::kCount || history.values.empty())
    return indicator.model;
  double total = 0.0;
  for (const double v : history.values) total += v;
  if (total / static_cast<double>(history.size()) < threshold) {
    return {ModelKind::kCount, Transform::kNone};
  }
  return indicator.model;
}

std::unique_ptr<ProjectionModel> PriorityModel::fit_projection(
    const ProjectionInput& /*input*/) const {
  return nullptr;
}

PrioritySource::~PrioritySource() = default;

InProcessPriority::InProcessPriority(std::shared_ptr<const PriorityModel> model,
                                     std::string name,
                                     std::string version)
    : model_(std::move(model)),
      name_(std::move(name)),
      version_(std::move(version)),
      info_(model_->describe()) {}

ModelSpec InProcessPriority::choose_model(const IndicatorSpec& indicator,
                                          const MonthlySeries& history) const {
  return model_->choose_model(indicator, history);
}

std::shared_ptr<const ProjectionModel> InProcessPriority::fit_projection(
    const ProjectionInput& input) const {
  const std::lock_guard<std::mutex> lock(fit_mutex_);
  try {
    std::unique_ptr<ProjectionModel> fitted = model_->fit_projection(input);
    if (!fitted) return nullptr;
    // The priority object stays alive while its models do.
    return {fitted.release(),
            [keep = model_](const ProjectionModel* m) { delete m; }};
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw PluginError(name_ + " (" + location_ +
                      "): fit_projection: " + e.what());
  }
}

}  // namespace cspcast

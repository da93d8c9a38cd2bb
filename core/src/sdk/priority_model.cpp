// SPDX-License-Identifier: MIT
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

}  // namespace cspcast

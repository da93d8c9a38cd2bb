// SPDX-License-Identifier: MIT
#include <cspcast/pack.hpp>

namespace cspcast {

std::string plugin_of(const std::string& indicator) {
  return indicator.substr(0, indicator.find('.'));
}

double RecordingChange::factor_at(double u) const {
  const double v = factor.quantile(u);
  return factor.kind == DistributionKind::kLognormal ? 1.0 + v : v;
}

const Comparator* Pack::find_comparator(const std::string& id,
                                        const std::string& indicator) const {
  for (const auto& c : comparators) {
    if (c.id == id && c.indicator == indicator) return &c;
  }
  return nullptr;
}

const Scenario* Pack::find_scenario(const std::string& scenario) const {
  for (const auto& s : scenarios) {
    if (s.name == scenario) return &s;
  }
  return nullptr;
}

}  // namespace cspcast

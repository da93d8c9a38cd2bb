// SPDX-License-Identifier: MIT
#include <cspcast/error.hpp>
#include <cspcast/population.hpp>

#include <cmath>
#include <iterator>

namespace cspcast {

double PopulationTable::at(const std::string& group, int year) const {
  const auto g = by_group.find(group);
  if (g == by_group.end()) {
    throw ConfigError((source.empty() ? "population" : source) +
                      ": no group '" + group + "'");
  }
  const auto y = g->second.find(year);
  if (y == g->second.end() && !g->second.empty()) {
    const auto last = std::prev(g->second.end());
    const auto rate = growth.find(group);
    if (year > last->first && rate != growth.end()) {
      return last->second * std::pow(1.0 + rate->second, year - last->first);
    }
  }
  if (y == g->second.end()) {
    throw ConfigError((source.empty() ? "population" : source) +
                      ": no value for group '" + group + "' in " +
                      std::to_string(year) +
                      " (nor an annual growth rate to carry it forward)");
  }
  return y->second;
}

PopulationTable PopulationTable::overridden_by(
    const PopulationTable& over) const {
  PopulationTable out = *this;
  for (const auto& [group, years] : over.by_group) {
    for (const auto& [year, value] : years) out.by_group[group][year] = value;
  }
  for (const auto& [group, rate] : over.growth) {
    out.by_group[group];
    out.growth[group] = rate;
  }
  return out;
}

}  // namespace cspcast

// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>

#include <map>
#include <string>

namespace cspcast {

/// Mid-year population by group (`all`, `age10_17`, `under16`) and year,
/// with an optional annual growth rate per group for the years after the
/// last one given.
struct CSPCAST_CORE_API PopulationTable {
  std::map<std::string, std::map<int, double>> by_group;
  std::map<std::string, double> growth;
  std::string source;  // the file it was read from, for messages
  /// Population of `group` in `year`; throws ConfigError naming the file,
  /// the group and the year when missing.
  [[nodiscard]] double at(const std::string& group, int year) const;
  /// This table with `over`'s years and growth rates taking precedence.
  [[nodiscard]] PopulationTable overridden_by(
      const PopulationTable& over) const;
};

}  // namespace cspcast

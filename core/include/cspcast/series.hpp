// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/year_month.hpp>

#include <string>
#include <vector>

namespace cspcast {

/// A monthly series without gaps: values[i] is the value of month start + i.
struct MonthlySeries {
  std::string id;
  YearMonth start;
  std::vector<double> values;

  [[nodiscard]] int size() const { return static_cast<int>(values.size()); }
  /// The last month with a value; only meaningful when not empty.
  [[nodiscard]] YearMonth end() const { return start + (size() - 1); }
};

}  // namespace cspcast

// SPDX-License-Identifier: MIT
#include <cspcast/scenario.hpp>

#include <algorithm>
#include <cmath>

namespace cspcast {

double Intervention::strength(YearMonth t) const {
  const int d = t - start;
  if (d < 0) return 0.0;
  auto ramp = [&](int k) {
    return ramp_months > 0 ? std::min(1.0, (k + 1.0) / ramp_months) : 1.0;
  };
  if (!duration_months || d < *duration_months) return ramp(d);
  if (half_life_months <= 0.0) return 0.0;
  const double since_end = d - *duration_months + 1.0;
  return ramp(*duration_months - 1) * std::exp2(-since_end / half_life_months);
}

}  // namespace cspcast

// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/kernels/forecast_model.hpp>

#include <memory>

namespace cspcast::kernels {

/// Negative binomial regression for small monthly counts: log mean =
/// level + trend * t + season(month), fitted by IRLS with the dispersion by
/// moments; the member (with or without trend and season) with the least
/// AICc is kept. Paths draw the coefficients from their sampling
/// distribution, damp the trend beyond the data (phi per month) and draw
/// each month from a gamma-Poisson mixture, so they are whole numbers.
/// Throws DataError on negative or non-integer counts or fewer than 12
/// values.
CSPCAST_CORE_API std::unique_ptr<ForecastModel> fit_count_model(
    const ConstVectorRef& y, int period, double damping = 0.98);

}  // namespace cspcast::kernels

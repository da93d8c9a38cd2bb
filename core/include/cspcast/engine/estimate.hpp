// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/io/series_csv.hpp>
#include <cspcast/results/estimate.hpp>

#include <string>
#include <vector>

namespace cspcast {

/// Fits the structural model with the intervention (kernels/structural.hpp)
/// to `options.series` of `series` (read from `input`) and reads off the
/// effect, the counterfactual and, with `options.placebo`, the placebo
/// fits (run on up to `threads` threads; the result does not depend on
/// it). Throws DataError naming the input, series and month for an
/// intervention outside the series, under three years before it, a
/// regressor with missing months, or a non-positive value under --log.
CSPCAST_CORE_API EstimateResult
estimate(const std::vector<io::InputSeries>& series,
         const EstimateOptions& options,
         const std::string& input,
         int threads = 1);

}  // namespace cspcast

// SPDX-License-Identifier: MIT
// Forecasting many series from a series CSV, as the established tools are
// evaluated: every series fitted and simulated in parallel.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/io/series_csv.hpp>
#include <cspcast/progress.hpp>
#include <cspcast/results/forecast.hpp>

#include <functional>
#include <vector>

namespace cspcast {

/// Fits and forecasts every series (in parallel; each series' random
/// numbers depend only on the seed and its id, so results do not depend on
/// the thread count). A series the model cannot take falls back (see
/// docs/models.md) and says so; one that nothing can take throws DataError
/// naming it and its first line.
CSPCAST_CORE_API std::vector<SeriesForecast> forecast_all(
    const std::vector<io::InputSeries>& series,
    const ForecastOptions& options,
    const Progress& progress = {});

}  // namespace cspcast

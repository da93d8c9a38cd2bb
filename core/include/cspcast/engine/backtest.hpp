// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/engine/forecast.hpp>
#include <cspcast/results/forecast.hpp>

#include <vector>

namespace cspcast {

/// Rolling-origin evaluation: for origin k = 1..origins, each series is cut
/// `horizon + origins - k` values before its end, forecast `horizon` ahead
/// and scored on the values that follow; metrics are averaged over series
/// and origins (`rows`), and per series over origins (`per_series`, to
/// choose a model per indicator). Throws ConfigError for origins < 1 and
/// DataError when no series is long enough.
CSPCAST_CORE_API BacktestResult
backtest(const std::vector<io::InputSeries>& series,
         const std::vector<ModelSpec>& models,
         int origins,
         ForecastOptions options,
         const Progress& progress = {});

}  // namespace cspcast

// SPDX-License-Identifier: MIT
// `cspcast forecast` outputs: the forecasts, the sample paths, the per-
// series log and the timing record.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/results/forecast.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace cspcast::report {

/// `series_id,h,point,lo80,hi80,lo95,hi95` (one lo/hi pair per level).
CSPCAST_CORE_API std::string forecasts_csv(
    const std::vector<SeriesForecast>& forecasts,
    const std::vector<int>& levels);
/// `series_id,path,h,value`, streamed.
CSPCAST_CORE_API void write_paths_csv(
    std::ostream& out, const std::vector<SeriesForecast>& forecasts);
/// `series_id,n,model,ms,fallback`: each series' model and any fallback.
CSPCAST_CORE_API std::string forecast_log_csv(
    const std::vector<SeriesForecast>& forecasts);
/// What the timing row and the closing line need of a set of forecasts
/// (gathered from several ranks under MPI).
struct ForecastTotals {
  std::size_t series = 0;
  double cpu_ms = 0.0;  // sum of the per-series CPU times
  int fallbacks = 0;
  int ranks = 1;
  int skipped = 0;  // series no model could be fitted to
};
CSPCAST_CORE_API ForecastTotals
totals_of(const std::vector<SeriesForecast>& forecasts);
CSPCAST_CORE_API std::string forecast_timing_csv(const ForecastTotals& totals,
                                                 const ForecastRecord& run);
CSPCAST_CORE_API std::string forecast_summary(const ForecastTotals& totals,
                                              const ForecastRecord& run,
                                              const std::string& out);
/// One row: per-series and wall time, counts, the options and the version.
CSPCAST_CORE_API std::string forecast_timing_csv(
    const std::vector<SeriesForecast>& forecasts, const ForecastRecord& run);
/// The closing line on stderr: series, time per series, fallbacks.
CSPCAST_CORE_API std::string forecast_summary(
    const std::vector<SeriesForecast>& forecasts,
    const ForecastRecord& run,
    const std::string& out);
/// The sibling of `file` with `suffix` instead of its extension
/// (`fc.csv`, `_log.csv` -> `fc_log.csv`).
CSPCAST_CORE_API std::string sibling(const std::string& file,
                                     const std::string& suffix);

}  // namespace cspcast::report

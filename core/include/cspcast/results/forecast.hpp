// SPDX-License-Identifier: MIT
// What `cspcast forecast` asks and produces for each series of a series
// CSV: the options, the forecast with its intervals, and the record of the
// run (timings, fallbacks) that goes beside it.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/eigen_types.hpp>
#include <cspcast/indicator.hpp>
#include <cspcast/options.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cspcast {

struct CSPCAST_CORE_API ForecastOptions {
  int horizon = 12;
  int period = 12;
  ModelSpec model;  // kind and transform
  /// One ETS member asked for by name (`ETS(M,Ad,M)`): fitted as it is,
  /// without selection or fallback.
  std::optional<std::string> ets_member;
  std::vector<int> levels{80, 95};
  int paths = 1000;  // sample paths behind the intervals
  std::uint64_t seed = 1;
  int threads = 1;
  bool bootstrap = false;   // resample residuals instead of Gaussian errors
  bool keep_paths = false;  // keep the paths (for --paths-out)
  /// horizon >= 1, period >= 1, paths >= 100, threads >= 0, each level in
  /// 1..99.
  [[nodiscard]] std::vector<OptionProblem> problems() const;
};

/// The forecast of one series.
struct SeriesForecast {
  std::string id;
  std::string model;     // the model used
  std::string fallback;  // empty, or why another model was used
  int n = 0;             // values the model was fitted to
  Vector point;          // horizon
  Matrix lower;          // levels x horizon
  Matrix upper;
  Matrix paths;     // horizon x paths, when kept
  double ms = 0.0;  // CPU time (this thread) to fit, simulate and summarise
  /// Empty, or why no model could be fitted (the series is left out of the
  /// forecasts and flagged in the log instead of ending the run).
  std::string skipped;
};

/// The facts of one `forecast` run, for `_timing.csv` and the log.
struct ForecastRecord {
  ForecastOptions options;
  std::string input;
  double wall_ms = 0.0;
};

/// Accuracy of one forecast against actuals, as the M3/M4 evaluations
/// score it: sMAPE (M3), MASE (seasonal naive scale on the training part),
/// coverage of the 80% and 95% intervals and MSIS (M4, 95%).
struct Accuracy {
  double smape = 0.0;
  double mase = 0.0;
  double cov80 = 0.0;
  double cov95 = 0.0;
  double msis = 0.0;
  bool scaled = false;  // false when the MASE scale is 0
};

/// One model's rolling-origin scores, over all series or for one.
struct BacktestRow {
  std::string model;
  std::string series_id;  // empty: all series
  int series = 0;
  int forecasts = 0;  // series x origins scored
  double smape = 0.0;
  double mase = 0.0;
  double cov80 = 0.0;
  double cov95 = 0.0;
  double msis = 0.0;
  double ms_per_fit = 0.0;
  int fallbacks = 0;
};

/// What `cspcast backtest` produces.
struct BacktestResult {
  std::vector<BacktestRow> rows;        // one per model, over all series
  std::vector<BacktestRow> per_series;  // one per model and series
  int series = 0;
  int origins = 0;
  ForecastOptions options;
  std::string input;
};

}  // namespace cspcast

// SPDX-License-Identifier: MIT
// `cspcast forecast`, `backtest` and `anticipated`: forecasting many series
// from a long CSV file, as the established tools are evaluated.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/eigen_types.hpp>
#include <cspcast/indicator.hpp>
#include <cspcast/kernels/ets.hpp>
#include <cspcast/year_month.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cspcast {

/// One series of a forecast input file, in time order.
struct InputSeries {
  std::string id;
  std::vector<double> values;
  std::vector<int> lines;                // the file line of each value
  std::optional<YearMonth> first_month;  // with a `month` column
  int first_period = 1;                  // with a `period` column
};

struct InputOptions {
  int frequency = 12;  // seasonal period
  int holdout = 0;     // drop the last H values of each series
};

/// Reads `series_id,value` plus `month` (YYYY-MM) or `period` (1..n), and
/// an optional `split` (only `train` rows are used). Rows may come in any
/// order; within a series, months or periods must be unique and
/// consecutive. Throws DataError naming the file, line, column and series.
CSPCAST_CORE_API std::vector<InputSeries> read_forecast_input(
    const std::filesystem::path& file, const InputOptions& options);

struct CSPCAST_CORE_API ForecastOptions {
  int horizon = 12;
  int period = 12;
  ModelSpec model;  // kind and transform
  /// One ETS member asked for by name (`--model "ETS(M,Ad,M)"`): fitted
  /// as it is, without selection or fallback.
  std::optional<std::string> ets_member;
  std::vector<int> levels{80, 95};
  int paths = 1000;  // sample paths behind the intervals
  std::uint64_t seed = 1;
  int threads = 1;
  bool bootstrap = false;   // resample residuals instead of Gaussian errors
  bool keep_paths = false;  // keep the paths (for --paths-out)
  [[nodiscard]] std::vector<std::string> problems() const;
};

/// The forecast of one series.
struct SeriesForecast {
  std::string id;
  std::string model;     // the model used
  std::string fallback;  // empty, or why another model was used
  Vector point;          // horizon
  Matrix lower;          // levels x horizon
  Matrix upper;
  Matrix paths;     // horizon x paths, when kept
  double ms = 0.0;  // time to fit, simulate and summarise
};

/// Parses `ETS(M,Ad,M)` and the like; throws ConfigError otherwise.
CSPCAST_CORE_API kernels::EtsSpec parse_ets_member(const std::string& text,
                                                   int period);

using Progress = std::function<void(int done, int total)>;

/// Fits and forecasts every series (in parallel; each series' random
/// numbers depend only on the seed and its id, so results do not depend on
/// the thread count). A series the model cannot take falls back (see
/// docs/models.md) and says so; one that nothing can take throws DataError
/// naming it and its first line.
CSPCAST_CORE_API std::vector<SeriesForecast> forecast_all(
    const std::vector<InputSeries>& series,
    const ForecastOptions& options,
    const Progress& progress = {});

/// `series_id,h,point,lo80,hi80,lo95,hi95` (one lo/hi pair per level).
CSPCAST_CORE_API std::string forecasts_csv(
    const std::vector<SeriesForecast>& forecasts,
    const std::vector<int>& levels);
/// `series_id,path,h,value`.
CSPCAST_CORE_API void write_paths_csv(
    const std::filesystem::path& file,
    const std::vector<SeriesForecast>& forecasts);

/// Accuracy of one forecast against actuals, as ../shared/eval/score.py:
/// sMAPE (M3), MASE (seasonal naive scale on the training part), coverage
/// of the 80% and 95% intervals and MSIS (M4, 95%).
struct Accuracy {
  double smape = 0.0;
  double mase = 0.0;
  double cov80 = 0.0;
  double cov95 = 0.0;
  double msis = 0.0;
  bool scaled = false;  // false when the MASE scale is 0
};
CSPCAST_CORE_API Accuracy accuracy(const ConstVectorRef& train,
                                   const ConstVectorRef& actual,
                                   const ConstVectorRef& point,
                                   const ConstVectorRef& lo80,
                                   const ConstVectorRef& hi80,
                                   const ConstVectorRef& lo95,
                                   const ConstVectorRef& hi95,
                                   int period);

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

/// Rolling-origin evaluation: for origin k = 1..origins, each series is cut
/// `horizon + origins - k` values before its end, forecast `horizon` ahead
/// and scored on the values that follow; metrics are averaged over series
/// and origins. With `per_series`, one row per model and series (averaged
/// over origins) is appended to it, to choose a model per indicator.
CSPCAST_CORE_API std::vector<BacktestRow> backtest(
    const std::vector<InputSeries>& series,
    const std::vector<ModelSpec>& models,
    int origins,
    ForecastOptions options,
    const Progress& progress = {},
    std::vector<BacktestRow>* per_series = nullptr);

}  // namespace cspcast

// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/engine/forecast.hpp>
#include <cspcast/results/forecast.hpp>

#include <memory>
#include <vector>

namespace cspcast {

/// Rolling-origin evaluation: for origin k = 1..origins, each series is cut
/// `horizon + origins - k` values before its end, forecast `horizon` ahead
/// and scored on the values that follow; metrics are averaged over series
/// and origins (`rows`), and per series over origins (`per_series`, to
/// choose a model per indicator). Throws ConfigError for origins < 1 and
/// DataError when no series is long enough.
/// The same evaluation a group of series at a time (for files too large to
/// hold): add() scores a group and returns its per-series rows (model by
/// model, series in order); result() gives the rows over every series
/// added, equal to backtest() on all of them at once.
class CSPCAST_CORE_API Backtester {
 public:
  Backtester(std::vector<ModelSpec> models,
             int origins,
             ForecastOptions options);
  Backtester(const Backtester&) = delete;
  Backtester& operator=(const Backtester&) = delete;
  Backtester(Backtester&&) noexcept;
  Backtester& operator=(Backtester&&) noexcept;
  ~Backtester();
  std::vector<BacktestRow> add(const std::vector<io::InputSeries>& series,
                               const Progress& progress = {});
  /// Throws DataError when no series added was long enough.
  [[nodiscard]] BacktestResult result() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

CSPCAST_CORE_API BacktestResult
backtest(const std::vector<io::InputSeries>& series,
         const std::vector<ModelSpec>& models,
         int origins,
         ForecastOptions options,
         const Progress& progress = {});

}  // namespace cspcast

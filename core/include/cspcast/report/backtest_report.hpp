// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/results/forecast.hpp>

#include <string>
#include <vector>

namespace cspcast::report {

/// The scores per model as a table, headed by what was run.
CSPCAST_CORE_API std::string backtest_table(const BacktestResult& r);
/// `model,series,forecasts,smape,mase,cov80,cov95,msis,ms_per_fit,...`.
CSPCAST_CORE_API std::string backtest_csv(const BacktestResult& r);
/// `series_id,model,forecasts,smape,mase,cov80,cov95,msis`.
CSPCAST_CORE_API std::string backtest_per_series_csv(const BacktestResult& r);
/// Its rows without the header (for a group of series).
CSPCAST_CORE_API std::string backtest_per_series_rows(
    const std::vector<BacktestRow>& rows);
/// The model with the lowest MASE for each series (for [models] in
/// pack.toml), as lines to print, series in input order.
CSPCAST_CORE_API std::string lowest_mase_table(const BacktestResult& r);
/// Its lines without the heading (for a group of series).
CSPCAST_CORE_API std::string lowest_mase_lines(
    const std::vector<BacktestRow>& per_series);

}  // namespace cspcast::report

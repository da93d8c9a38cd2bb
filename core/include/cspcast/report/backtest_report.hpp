// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/results/forecast.hpp>

#include <string>

namespace cspcast::report {

/// The scores per model as a table, headed by what was run.
CSPCAST_CORE_API std::string backtest_table(const BacktestResult& r);
/// `model,series,forecasts,smape,mase,cov80,cov95,msis,ms_per_fit,...`.
CSPCAST_CORE_API std::string backtest_csv(const BacktestResult& r);
/// `series_id,model,forecasts,smape,mase,cov80,cov95,msis`.
CSPCAST_CORE_API std::string backtest_per_series_csv(const BacktestResult& r);
/// The model with the lowest MASE for each series (for [models] in
/// pack.toml), as lines to print.
CSPCAST_CORE_API std::string lowest_mase_table(const BacktestResult& r);

}  // namespace cspcast::report

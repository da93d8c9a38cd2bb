// SPDX-License-Identifier: MIT
#include "format.hpp"

#include <cspcast/report/backtest_report.hpp>
#include <cspcast/version.hpp>

#include <iomanip>
#include <map>
#include <sstream>

namespace cspcast::report {

std::string backtest_table(const BacktestResult& r) {
  std::ostringstream out;
  // Cuts shorter than 3 values are not forecast: the forecasts column
  // shows how many were (at most series x origins).
  out << "rolling origin: " << r.series << " series, " << r.origins
      << " origins, horizon " << r.options.horizon << " (" << r.input
      << ", seed " << r.options.seed << ", " << r.options.paths
      << " paths, cspcast " << CSPCAST_VERSION_STRING << ")\n\n"
      << std::left << std::setw(8) << "model" << std::right << std::setw(9)
      << "sMAPE" << std::setw(8) << "MASE" << std::setw(8) << "cov80"
      << std::setw(8) << "cov95" << std::setw(8) << "MSIS" << std::setw(10)
      << "ms/fit" << std::setw(11) << "fallbacks" << std::setw(11)
      << "forecasts" << '\n';
  for (const auto& row : r.rows) {
    out << std::left << std::setw(8) << row.model << std::right << std::fixed
        << std::setprecision(2) << std::setw(9) << row.smape
        << std::setprecision(3) << std::setw(8) << row.mase << std::setw(8)
        << row.cov80 << std::setw(8) << row.cov95 << std::setprecision(2)
        << std::setw(8) << row.msis << std::setprecision(3) << std::setw(10)
        << row.ms_per_fit << std::setw(11) << row.fallbacks << std::setw(11)
        << row.forecasts << '\n';
  }
  return out.str();
}

std::string backtest_csv(const BacktestResult& r) {
  std::ostringstream csv;
  csv << "model,series,forecasts,smape,mase,cov80,cov95,msis,ms_per_fit,"
         "fallbacks,seed,paths,cspcast\n";
  for (const auto& row : r.rows) {
    csv << row.model << ',' << row.series << ',' << row.forecasts << ','
        << row.smape << ',' << row.mase << ',' << row.cov80 << ',' << row.cov95
        << ',' << row.msis << ',' << row.ms_per_fit << ',' << row.fallbacks
        << ',' << r.options.seed << ',' << r.options.paths << ','
        << CSPCAST_VERSION_STRING << '\n';
  }
  return csv.str();
}

std::string backtest_per_series_csv(const BacktestResult& r) {
  return "series_id,model,forecasts,smape,mase,cov80,cov95,msis\n" +
         backtest_per_series_rows(r.per_series);
}

std::string backtest_per_series_rows(const std::vector<BacktestRow>& rows) {
  std::ostringstream each;
  for (const auto& row : rows) {
    each << csv_field(row.series_id) << ',' << row.model << ',' << row.forecasts
         << ',' << row.smape << ',' << row.mase << ',' << row.cov80 << ','
         << row.cov95 << ',' << row.msis << '\n';
  }
  return each.str();
}

std::string lowest_mase_table(const BacktestResult& r) {
  return "\nlowest MASE per series (for [models] in pack.toml):\n" +
         lowest_mase_lines(r.per_series);
}

std::string lowest_mase_lines(const std::vector<BacktestRow>& per_series) {
  // Series in the order they first appear (the input's); the first model
  // of the lowest MASE.
  std::map<std::string, std::size_t> index;
  std::vector<const BacktestRow*> best;
  for (const auto& row : per_series) {
    const auto [it, added] = index.emplace(row.series_id, best.size());
    if (added) {
      best.push_back(&row);
    } else if (row.mase < best[it->second]->mase) {
      best[it->second] = &row;
    }
  }
  std::ostringstream out;
  for (const BacktestRow* row : best) {
    const std::string& id = row->series_id;
    out << "  " << std::left << std::setw(44) << id << std::right
        << std::setw(8) << row->model << "  MASE " << std::fixed
        << std::setprecision(3) << row->mase << '\n';
  }
  return out.str();
}

}  // namespace cspcast::report

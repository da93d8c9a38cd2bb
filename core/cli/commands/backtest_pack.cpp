// SPDX-License-Identifier: MIT
// `cspcast backtest-pack`: the plugins' own projection models against the
// core's default, by rolling origin on a pack's own history.
#include "../common.hpp"
#include "commands.hpp"

#include <cspcast/report/backtest_report.hpp>
#include <cspcast/report/output.hpp>

#include <iomanip>
#include <iostream>
#include <sstream>

namespace cspcast::cli {
namespace {

std::string table(const BacktestResult& r) {
  std::ostringstream out;
  out << "rolling origin on the pack's history: " << r.series << " series, "
      << r.origins << " origins, horizon " << r.options.horizon << " ("
      << r.input << ", seed " << r.options.seed << ", " << r.options.paths
      << " paths)\n\n";
  const auto line = [&](const BacktestRow& row, const std::string& label) {
    out << std::left << std::setw(36) << label << std::right << std::fixed
        << std::setprecision(2) << std::setw(8) << row.smape
        << std::setprecision(3) << std::setw(8) << row.mase << std::setw(8)
        << row.cov80 << std::setw(8) << row.cov95 << std::setprecision(2)
        << std::setw(9) << row.msis << std::setw(11) << row.forecasts << "  "
        << (row.series_id.empty() ? "" : row.model) << '\n';
  };
  out << std::left << std::setw(36) << "series / model" << std::right
      << std::setw(8) << "sMAPE" << std::setw(8) << "MASE" << std::setw(8)
      << "cov80" << std::setw(8) << "cov95" << std::setw(9) << "MSIS"
      << std::setw(11) << "forecasts" << '\n';
  for (const auto& row : r.per_series) {
    line(row,
         row.series_id +
             (row.model.rfind("own", 0) == 0 ? " (own)" : " (core)"));
  }
  out << '\n';
  for (const auto& row : r.rows) line(row, "all: " + row.model);
  return out.str();
}

}  // namespace

int cmd_backtest_pack(const Args& args) {
  std::string pack;
  int horizon = 12;
  int origins = 12;
  int paths = 2000;
  std::uint64_t seed = 20150401;
  std::string out;
  PluginOptions plugins;
  po::options_description d("Backtest of a pack's plugin models");
  add_help(d);
  add_pack(d, pack);
  d.add_options()("horizon",
                  po::value(&horizon)->default_value(horizon),
                  "months forecast from each origin (1 to 60)")(
      "origins",
      po::value(&origins)->default_value(origins),
      "forecast origins per series (1 to 120)");
  add_paths(d, paths, "paths per forecast, for the intervals (10 to 100000)");
  add_seed(d, seed);
  add_out_file(d, out, "also write the per-series scores as CSV");
  if (parse(args,
            with_pack_options(d, plugins),
            "usage: cspcast backtest-pack [--pack DIR] [--horizon H] "
            "[--origins K]")) {
    return kOk;
  }
  std::vector<OptionProblem> problems;
  check_range(problems, "horizon", horizon, 1, 60);
  check_range(problems, "origins", origins, 1, 120);
  check_range(problems, "paths", paths, 10, 100000);
  check_options(problems);
  report::OutputTransaction files;
  if (!out.empty()) files.check(out);
  std::vector<std::string> no_scenarios;
  Engine engine = make_engine(pack, plugins, no_scenarios);
  const BacktestResult r =
      engine.backtest_own_models(horizon, origins, paths, seed);
  if (!out.empty()) files.stage(out, report::backtest_per_series_csv(r));
  files.commit();
  std::cout << table(r);
  return kOk;
}

}  // namespace cspcast::cli

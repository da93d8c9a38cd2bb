// SPDX-License-Identifier: MIT
// `cspcast forecast` and `cspcast backtest` on a series CSV.
#include "../common.hpp"
#include "../mpi.hpp"
#include "../progress.hpp"
#include "../series_groups.hpp"
#include "commands.hpp"

#include <cspcast/engine/backtest.hpp>
#include <cspcast/engine/forecast.hpp>
#include <cspcast/engine/model_choice.hpp>
#include <cspcast/report/backtest_report.hpp>
#include <cspcast/report/forecast_report.hpp>
#include <cspcast/report/output.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

namespace cspcast::cli {
namespace {

struct ForecastArgs {
  ForecastOptions options;
  io::InputOptions input_options;
  std::string input;
  std::string out;
  std::string paths_out;
  std::string per_series;
  std::vector<std::string> models;
  std::vector<int> levels;
  int origins = 3;
};

po::options_description common_options(ForecastArgs& a, const char* caption) {
  po::options_description d(caption);
  a.options.horizon = 0;  // required: no default
  a.options.threads = 0;  // all cores unless told
  add_help(d);
  d.add_options()("input",
                  po::value(&a.input),
                  "CSV: series_id, value and month or period")(
      "horizon", po::value(&a.options.horizon), "steps ahead (required)")(
      "level",
      po::value(&a.levels)->composing(),
      "prediction interval level in percent (repeatable; default 80 and 95)");
  add_paths(d, a.options.paths, "sample paths per series behind the intervals");
  add_seed(d, a.options.seed);
  add_threads(d, a.options.threads);
  d.add_options()("frequency",
                  po::value(&a.input_options.frequency)
                      ->default_value(a.input_options.frequency),
                  "seasonal period (12 for monthly data)")(
      "holdout",
      po::value(&a.input_options.holdout)
          ->default_value(a.input_options.holdout),
      "drop the last H values of each series first")(
      "bootstrap",
      po::bool_switch(&a.options.bootstrap),
      "paths resample the fitted residuals instead of Gaussian errors");
  return d;
}

// The options checked before any work, as usage errors.
void check(ForecastArgs& a, const char* command) {
  if (a.input.empty()) throw po::error(std::string(command) + " needs --input");
  if (a.options.horizon < 1) {
    throw po::error(std::string(command) + " needs --horizon (>= 1)");
  }
  a.options.period = a.input_options.frequency;
  if (!a.levels.empty()) a.options.levels = a.levels;
  std::vector<OptionProblem> problems = a.options.problems();
  check_range(problems, "holdout", a.input_options.holdout, 0, 1'000'000);
  check_options(problems);
  a.options.threads =
      a.options.threads > 0
          ? a.options.threads
          : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
}

// Memory before the work: each thread's paths for a series (a model's
// paths, a combination's members and the quantile scratch: four
// paths x horizon matrices), and every series' paths with --paths-out
// (kept until written). Measured: 1 thread of 100,000 paths x 100 months
// uses 160 MB, estimated 320 MB.
void check_forecast_memory(const ForecastArgs& a, std::size_t series) {
  const auto cells = static_cast<std::uint64_t>(a.options.paths) *
                     static_cast<std::uint64_t>(a.options.horizon) * 8U;
  std::uint64_t bytes =
      cells * 4U * static_cast<std::uint64_t>(a.options.threads);
  if (a.options.keep_paths) bytes += cells * series;
  check_memory(
      bytes,
      a.options.keep_paths ? "--paths-out" : "--paths",
      std::to_string(series) + " series of " + std::to_string(a.options.paths) +
          " paths x " + std::to_string(a.options.horizon) + " months on " +
          std::to_string(a.options.threads) + " threads" +
          (a.options.keep_paths ? ", every path kept for --paths-out" : ""));
}

// Everything after the first line of `text` (a CSV without its header).
std::string rows_of(std::string text) {
  const auto eol = text.find('\n');
  if (eol == std::string::npos) return {};
  text.erase(0, eol + 1);
  return text;
}

// This rank's block of the series (all of them in one process), forecast
// and written as text for rank 0: rows, log rows, path rows, notes, the
// series count, their CPU time, fallbacks, skipped series and the first
// reason for a skip. An error is the one field, with `failed` set.
std::vector<std::string> forecast_block(
    const ForecastArgs& a,
    const std::vector<io::InputSeries>& series,
    const std::function<void(int, int)>& progress,
    bool& failed) {
  try {
    const mpi::Block b = mpi::block_of(series.size(), mpi::world());
    const std::vector<io::InputSeries> mine(
        series.begin() + static_cast<std::ptrdiff_t>(b.first),
        series.begin() + static_cast<std::ptrdiff_t>(b.last));
    const std::vector<SeriesForecast> fc =
        forecast_all(mine, a.options, progress);
    std::string notes;
    std::string first_skip;
    for (const auto& f : fc) {
      if (!f.skipped.empty() && first_skip.empty()) first_skip = f.skipped;
      if (!f.skipped.empty()) {
        notes += "cspcast: warning: skipped (no forecast): " + f.skipped + '\n';
      } else if (!f.fallback.empty()) {
        notes += "cspcast: note: series '" + f.id + "': " + f.fallback + '\n';
      }
    }
    std::ostringstream paths;
    if (a.options.keep_paths) report::write_paths_csv(paths, fc);
    const report::ForecastTotals t = report::totals_of(fc);
    std::ostringstream ms;
    ms.precision(17);
    ms << t.cpu_ms;
    return {rows_of(report::forecasts_csv(fc, a.options.levels)),
            rows_of(report::forecast_log_csv(fc)),
            rows_of(paths.str()),
            notes,
            std::to_string(t.series),
            ms.str(),
            std::to_string(t.fallbacks),
            std::to_string(t.skipped),
            first_skip};
  } catch (const Error& e) {
    failed = true;
    return {e.what()};
  }
}

// Every rank's block on rank 0, in rank order (in one process, the block
// as it is: no packing or copying of the text); an error on any rank is
// thrown.
std::vector<std::vector<std::string>> gather_blocks(
    std::vector<std::string> mine, bool failed) {
  std::vector<std::vector<std::string>> blocks;
  if (mpi::world().size == 1) {
    if (failed) throw Error(mine.front());
    blocks.push_back(std::move(mine));
    return blocks;
  }
  const std::string packed = failed ? mine.front() : mpi::pack_fields(mine);
  for (const auto& b : mpi::gather(packed, failed))
    blocks.push_back(mpi::unpack_fields(b));
  return blocks;
}

// Series per group when streaming: enough to keep every thread busy, few
// enough that a group's paths (with --paths-out, every path is written)
// stay small. Output does not depend on it.
std::size_t group_size(const ForecastArgs& a) {
  if (!a.options.keep_paths) return 4096;
  const auto cells = static_cast<std::size_t>(a.options.paths) *
                     static_cast<std::size_t>(a.options.horizon);
  return std::max<std::size_t>(1, std::size_t{2'000'000} / cells);
}

// One pass over the input: group by group when `streaming` (each group
// forecast, gathered and written before the next is read), else the whole
// file as one group. Every output goes to its temporary as it is made and
// is renamed into place at the end (nothing left behind on an error).
void forecast_pass(const ForecastArgs& a, bool streaming) {
  report::OutputTransaction out;
  out.check(a.out);
  out.check(report::sibling(a.out, "_timing.csv"));
  out.check(report::sibling(a.out, "_log.csv"));
  if (!a.paths_out.empty()) out.check(a.paths_out);
  const bool root = mpi::world().root();
  std::ofstream* rows = nullptr;
  std::ofstream* log = nullptr;
  std::ofstream* paths = nullptr;
  if (root) {
    rows = &out.stream(a.out);
    *rows << report::forecasts_csv({}, a.options.levels);
    log = &out.stream(report::sibling(a.out, "_log.csv"));
    *log << report::forecast_log_csv({});
    if (!a.paths_out.empty()) {
      paths = &out.stream(a.paths_out);
      *paths << "series_id,path,h,value\n";
    }
  }
  SeriesGroups groups(a.input, a.input_options, streaming, group_size(a));
  check_forecast_memory(a, groups.group());
  const auto start = std::chrono::steady_clock::now();
  report::ForecastTotals totals;
  totals.ranks = mpi::world().size;
  std::string first_skip;
  ProgressBar bar("forecast");
  std::size_t before = 0;  // series forecast in earlier groups
  for (;;) {
    const std::vector<io::InputSeries> series = groups.next();
    if (series.empty()) break;
    bool failed = false;
    std::vector<std::string> mine = forecast_block(
        a,
        series,
        [&](int done, int total) {
          bar(static_cast<int>(before) + done,
              static_cast<int>(before) + total);
        },
        failed);
    const auto blocks = gather_blocks(std::move(mine), failed);
    before += series.size();
    if (!root) continue;
    // Rank 0 joins the blocks in rank order, which is the series order.
    for (const auto& f : blocks) {
      *rows << f[0];
      *log << f[1];
      if (paths != nullptr) *paths << f[2];
      std::cerr << f[3];
      totals.series += std::stoull(f[4]);
      totals.cpu_ms += std::stod(f[5]);
      totals.fallbacks += std::stoi(f[6]);
      totals.skipped += std::stoi(f[7]);
      if (first_skip.empty()) first_skip = f[8];
    }
  }
  if (!root) return;
  // One series that cannot be modelled is skipped and flagged; when none
  // can be, the run has nothing to give and the first error ends it.
  if (totals.series > 0 && totals.skipped == static_cast<int>(totals.series)) {
    throw DataError(first_skip);
  }
  ForecastRecord record{a.options, a.input, 0.0};
  record.wall_ms = std::chrono::duration<double, std::milli>(
                       std::chrono::steady_clock::now() - start)
                       .count();
  out.stage(report::sibling(a.out, "_timing.csv"),
            report::forecast_timing_csv(totals, record));
  out.commit();
  std::cerr << report::forecast_summary(totals, record, a.out);
}

// Backtest a group of series at a time when `streaming` (else the whole
// file): the scores summed across groups as over the whole file, each
// model's per-series rows and the lowest-MASE lines kept in temporary
// files and put together in the whole file's order at the end.
void backtest_pass(const ForecastArgs& a,
                   const std::vector<ModelSpec>& models,
                   bool streaming) {
  report::OutputTransaction out;
  if (!a.out.empty()) out.check(a.out);
  if (!a.per_series.empty()) out.check(a.per_series);
  SeriesGroups groups(a.input, a.input_options, streaming, 4096);
  check_forecast_memory(a, groups.group());
  Backtester tester(models, a.origins, a.options);
  std::vector<TempFile> per_model;
  TempFile lowest = temp_file();
  if (!a.per_series.empty()) {
    for (std::size_t m = 0; m < models.size(); ++m) {
      per_model.push_back(temp_file());
    }
  }
  ProgressBar bar("backtest");
  for (;;) {
    const std::vector<io::InputSeries> series = groups.next();
    if (series.empty()) break;
    const std::vector<BacktestRow> rows =
        tester.add(series, [&](int done, int total) { bar(done, total); });
    if (a.per_series.empty()) continue;
    append(lowest.get(), report::lowest_mase_lines(rows));
    // add() gives the rows model by model, as many for each (the series
    // long enough do not depend on the model).
    const std::size_t each = rows.size() / models.size();
    for (std::size_t m = 0; m < models.size(); ++m) {
      const auto from = rows.begin() + static_cast<std::ptrdiff_t>(m * each);
      append(per_model[m].get(),
             report::backtest_per_series_rows(std::vector<BacktestRow>(
                 from, from + static_cast<std::ptrdiff_t>(each))));
    }
  }
  BacktestResult r = tester.result();
  r.input = a.input;
  if (!a.out.empty()) out.stage(a.out, report::backtest_csv(r));
  if (!a.per_series.empty()) {
    std::ofstream& each = out.stream(a.per_series);
    each << report::backtest_per_series_csv(BacktestResult{});
    for (const TempFile& f : per_model) copy_out(f.get(), each);
  }
  out.commit();
  std::cout << report::backtest_table(r);
  if (!a.per_series.empty()) {
    std::cout << report::lowest_mase_table(BacktestResult{});
    copy_out(lowest.get(), std::cout);
  }
}

}  // namespace

int cmd_forecast(const Args& args) {
  ForecastArgs a;
  auto d = common_options(a, "Forecast");
  d.add_options()("model",
                  po::value(&a.models)->composing(),
                  "auto, ets, theta, combo, stl, damped, snaive, drift, count, "
                  "or one ETS member such as \"ETS(M,Ad,M)\" (default auto)");
  add_out_file(d, a.out, "forecast CSV to write (required)");
  d.add_options()("paths-out",
                  po::value(&a.paths_out),
                  "also write every sample path: series_id,path,h,value");
  if (parse(args,
            d,
            "usage: cspcast forecast --input FILE --horizon H --out FILE "
            "[options]")) {
    return kOk;
  }
  if (a.out.empty()) throw po::error("forecast needs --out");
  if (a.models.size() > 1) throw po::error("--model: give one model");
  check(a, "forecast");
  as_usage([&] {
    choose_model_by_name(a.models.empty() ? "auto" : a.models.front(),
                         a.options);
  });
  a.options.keep_paths = !a.paths_out.empty();
  // A file whose series' rows are together (the usual case) is read,
  // forecast and written a group of series at a time, so that memory does
  // not grow with the number of series; otherwise it is read whole.
  streaming_or_whole([&](bool streaming) { forecast_pass(a, streaming); },
                     mpi::world().root());
  return kOk;
}

int cmd_backtest(const Args& args) {
  ForecastArgs a;
  auto d = common_options(a, "Backtest");
  d.add_options()("model",
                  po::value(&a.models)->composing(),
                  "model to evaluate (repeatable; default: ets, theta, combo, "
                  "snaive)")("origins",
                             po::value(&a.origins)->default_value(a.origins),
                             "forecast origins per series");
  add_out_file(d, a.out, "also write the table as CSV to this file");
  d.add_options()("per-series",
                  po::value(&a.per_series),
                  "write every series' scores per model to this CSV, and "
                  "print the model with the lowest MASE for each series");
  if (parse(args,
            d,
            "usage: cspcast backtest --input FILE --horizon H --origins K "
            "[--model M]... [options]")) {
    return kOk;
  }
  std::vector<OptionProblem> origins;
  check_range(origins, "origins", a.origins, 1, 1000);
  check_options(origins);
  check(a, "backtest");
  std::vector<ModelSpec> models;
  for (const auto& m :
       a.models.empty()
           ? std::vector<std::string>{"ets", "theta", "combo", "snaive"}
           : a.models) {
    ForecastOptions chosen;
    as_usage([&] { choose_model_by_name(m, chosen); });
    if (chosen.ets_member)
      throw po::error(
          "--model: backtest takes model kinds, not one ETS member");
    models.push_back(chosen.model);
  }
  streaming_or_whole(
      [&](bool streaming) { backtest_pass(a, models, streaming); });
  return kOk;
}

}  // namespace cspcast::cli

// SPDX-License-Identifier: MIT
// `cspcast estimate`: an intervention's effect from a series' history.
#include "../common.hpp"
#include "commands.hpp"

#include <cspcast/engine/estimate.hpp>
#include <cspcast/report/estimate_report.hpp>
#include <cspcast/report/output.hpp>

#include <algorithm>
#include <iostream>
#include <thread>

namespace cspcast::cli {
namespace {

struct EstimateArgs {
  std::string input;
  std::string at;
  std::string kind = "step";
  std::string aggregate = "month";
  std::string format = "table";
  std::string out;
  std::string write_lever;
  std::string indicator;
  std::string start;
  double widen = 1.0;
  int threads = 0;
  EstimateOptions o;
};

po::options_description estimate_options(EstimateArgs& a) {
  po::options_description d("Estimate");
  add_help(d);
  d.add_options()("input", po::value(&a.input), "CSV: series_id, month, value")(
      "series", po::value(&a.o.series), "the series to measure")(
      "at", po::value(&a.at), "the intervention month, YYYY-MM")(
      "kind",
      po::value(&a.kind)->default_value(a.kind),
      "step, ramp:N (full effect after N months) or pulse")(
      "regressor",
      po::value(&a.o.regressors)->composing(),
      "an explanatory series from the same file (repeatable)")(
      "control",
      po::value(&a.o.controls)->composing(),
      "a comparison series the intervention did not affect (repeatable)")(
      "log",
      po::bool_switch(&a.o.log),
      "model log(value) (the series, its regressors and controls)")(
      "log-offset",
      po::value(&a.o.log_offset)->default_value(0.0),
      "with --log, model log(value + C): for counts with zeros")(
      "trend",
      po::bool_switch(&a.o.slope),
      "local linear trend instead of local level")(
      "aggregate",
      po::value(&a.aggregate)->default_value(a.aggregate),
      "month or quarter (small counts)")(
      "placebo",
      po::value(&a.o.placebo)->default_value(0),
      "placebo steps at K dates in the pre-period (0 to 50)");
  add_threads(d, a.threads);
  add_format(d, a.format, {"table", "json"});
  add_out_file(d, a.out, "also write the JSON");
  d.add_options()("write-lever",
                  po::value(&a.write_lever),
                  "write the estimate as a scenario file with the effect "
                  "distribution")(
      "indicator",
      po::value(&a.indicator),
      "with --write-lever: the indicator it acts on (default: the series)")(
      "start",
      po::value(&a.start),
      "with --write-lever: when the action starts (default: the month "
      "after the series)")(
      "widen",
      po::value(&a.widen)->default_value(a.widen),
      "with --write-lever: multiply the spread (transfer to another place "
      "or time), 1 to 10");
  return d;
}

void check(EstimateArgs& a) {
  check_format(a.format, {"table", "json"});
  if (a.input.empty()) throw po::error("estimate needs --input FILE");
  if (a.o.series.empty()) throw po::error("estimate needs --series ID");
  const auto at = YearMonth::parse(a.at);
  if (!at) throw po::error("--at: expected YYYY-MM (got '" + a.at + "')");
  a.o.at = *at;
  if (a.kind == "step") {
    a.o.shape = InterventionShape::kStep;
  } else if (a.kind == "pulse") {
    a.o.shape = InterventionShape::kPulse;
  } else if (a.kind.rfind("ramp:", 0) == 0) {
    a.o.shape = InterventionShape::kRamp;
    try {
      a.o.ramp_months = std::stoi(a.kind.substr(5));
    } catch (const std::exception&) {
      a.o.ramp_months = 0;
    }
    if (a.o.ramp_months < 1 || a.o.ramp_months > 120) {
      throw po::error("--kind ramp:N: N in 1 to 120 (got '" + a.kind + "')");
    }
  } else {
    throw po::error("--kind: expected step, ramp:N or pulse (got '" + a.kind +
                    "')");
  }
  if (a.aggregate != "month" && a.aggregate != "quarter") {
    throw po::error("--aggregate: expected month or quarter");
  }
  a.o.quarterly = a.aggregate == "quarter";
  if (a.o.placebo < 0 || a.o.placebo > 50) {
    throw po::error("--placebo: expected 0 to 50");
  }
  if (!(a.o.log_offset >= 0.0 && a.o.log_offset <= 1e6)) {
    throw po::error("--log-offset: expected 0 to 1e6");
  }
  if (!(a.widen >= 1.0 && a.widen <= 10.0)) {
    throw po::error("--widen: expected 1 to 10");
  }
  if (a.threads < 0 || a.threads > 1024) {
    throw po::error("--threads: expected 0 to 1024 (got " +
                    std::to_string(a.threads) + ")");
  }
  if (!a.start.empty() && !YearMonth::parse(a.start)) {
    throw po::error("--start: expected YYYY-MM (got '" + a.start + "')");
  }
}

}  // namespace

int cmd_estimate(const Args& args) {
  EstimateArgs a;
  const po::options_description d = estimate_options(a);
  if (parse(args,
            d,
            "usage: cspcast estimate --input FILE --series ID --at "
            "YYYY-MM [options]")) {
    return kOk;
  }
  check(a);
  report::OutputTransaction files;
  if (!a.out.empty()) files.check(a.out);
  if (!a.write_lever.empty()) files.check(a.write_lever);
  const auto series = io::read_series_csv(a.input, {12, 0});
  const int threads =
      a.threads > 0
          ? a.threads
          : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const EstimateResult r = estimate(series, a.o, a.input, threads);
  if (!a.out.empty()) files.stage(a.out, report::estimate_json(r));
  if (!a.write_lever.empty()) {
    report::LeverOptions lo;
    lo.indicator = a.indicator.empty() ? a.o.series : a.indicator;
    lo.start = a.start;
    if (lo.start.empty()) {
      const auto& s = r.counterfactual.back();
      lo.start = (s.month + (a.o.quarterly ? 3 : 1)).str();
    }
    lo.widen = a.widen;
    files.stage(a.write_lever, report::estimate_lever(r, lo));
  }
  files.commit();
  std::cout << (a.format == "json" ? report::estimate_json(r)
                                   : report::estimate_table(r));
  return kOk;
}

}  // namespace cspcast::cli

// SPDX-License-Identifier: MIT
// `cspcast solve`: the smallest effect of a lever that brings a target to
// a chosen probability of being met.
#include "../common.hpp"
#include "../progress.hpp"
#include "commands.hpp"

#include <cspcast/engine/solve.hpp>
#include <cspcast/report/output.hpp>
#include <cspcast/report/solve_report.hpp>

#include <iostream>

namespace cspcast::cli {
namespace {

struct SolveArgs {
  SolveRequest request;
  RunOptions run;
  std::string pack;
  std::string start;
  std::string format = "table";
  std::string write_scenario;
  PluginOptions plugins;
};

const std::vector<std::string> kFormats{"table", "json"};

po::options_description solve_options(SolveArgs& a) {
  po::options_description d("Solve");
  add_help(d);
  add_pack(d, a.pack);
  a.request.scenario = "baseline";
  d.add_options()(
      "target", po::value(&a.request.target), "target id (required)")(
      "scenario",
      po::value(&a.request.scenario)->default_value(a.request.scenario),
      "base scenario (name, or a scenario file)")(
      "probability",
      po::value(&a.request.probability)->default_value(a.request.probability),
      "the P(met) to reach")(
      "lever",
      po::value(&a.request.lever),
      "lever id (default: a uniform effect on the target's indicator)")(
      "start",
      po::value(&a.start),
      "first month of a new intervention, YYYY-MM (default: the month after "
      "the history; an intervention of the base scenario on this lever keeps "
      "its own timing unless --start is given)")(
      "ramp",
      po::value(&a.request.ramp_months)->default_value(a.request.ramp_months),
      "ramp-up months of a new intervention");
  add_paths(d, a.run.paths, "Monte Carlo paths");
  add_seed(d, a.run.seed);
  add_threads(d, a.run.threads);
  add_format(d, a.format, kFormats);
  d.add_options()(
      "write-scenario",
      po::value(&a.write_scenario),
      "write the solved scenario (extending the base) to this TOML file");
  return d;
}

void check(SolveArgs& a) {
  if (a.request.target.empty()) throw po::error("solve needs --target");
  check_format(a.format, kFormats);
  if (!a.start.empty()) {
    const auto ym = YearMonth::parse(a.start);
    if (!ym) {
      throw po::error("--start: bad month (got '" + a.start +
                      "'; expected YYYY-MM)");
    }
    a.request.start = *ym;
  }
  std::vector<OptionProblem> problems = a.run.problems();
  for (auto& p : a.request.problems()) problems.push_back(std::move(p));
  check_options(problems);
}

}  // namespace

int cmd_solve(const Args& args) {
  SolveArgs a;
  const po::options_description all =
      with_pack_options(solve_options(a), a.plugins);
  if (parse(args, all, "usage: cspcast solve --target ID [options]")) {
    return kOk;
  }
  check(a);
  report::OutputTransaction out;
  if (!a.write_scenario.empty()) out.check(a.write_scenario);
  std::vector<std::string> scenarios{a.request.scenario};
  Engine engine = make_engine(a.pack, a.plugins, scenarios);
  check_run_memory(engine, a.run);
  a.request.scenario = scenarios.front();
  SolveResult r;
  {
    ProgressBar bar("solve");
    engine.set_progress([&](int done, int total) { bar(done, total); });
    r = solve(engine, a.request, a.run);
  }
  if (!a.write_scenario.empty()) {
    out.stage(a.write_scenario, report::solved_scenario_toml(r));
  }
  out.commit();
  if (a.format == "json") {
    std::cout << report::solve_json(r);
  } else {
    std::cout << report::solve_summary(r);
    if (!a.write_scenario.empty()) {
      std::cout << "  wrote scenario '" << r.solved.name << "' to "
                << a.write_scenario << "\n";
    }
  }
  return kOk;
}

}  // namespace cspcast::cli

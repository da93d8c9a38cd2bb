// SPDX-License-Identifier: MIT
// `cspcast report`: the board report, one self-contained HTML page from
// one run (the numbers are the run's at the same seed and paths).
#include "../common.hpp"
#include "../progress.hpp"
#include "commands.hpp"

#include <cspcast/engine/monitor.hpp>
#include <cspcast/engine/solve.hpp>
#include <cspcast/report/html_report.hpp>
#include <cspcast/report/output.hpp>

#include <chrono>
#include <ctime>
#include <iostream>

namespace cspcast::cli {
namespace {

namespace fs = std::filesystem;

double cpu_seconds() {
  return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

std::string today() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::array<char, 32> buf{};
  std::strftime(buf.data(), buf.size(), "%Y-%m-%d %H:%M UTC", &tm);
  return buf.data();
}

// For each target and each lever acting on its indicator, the effect
// needed for P(met) `probability` on the baseline (or first) scenario.
void solve_all(Engine& engine,
               const RunResult& r,
               const RunOptions& run,
               double probability,
               report::ReportInput& in) {
  const double start = cpu_seconds();
  const std::string base = engine.pack().find_scenario("baseline") != nullptr
                               ? "baseline"
                               : r.scenarios.front();
  for (const auto& t : engine.pack().targets) {
    for (const auto& lever : engine.levers_on(t.indicator)) {
      SolveRequest q;
      q.target = t.id;
      q.scenario = base;
      q.lever = lever;
      q.probability = probability;
      in.solves.push_back(solve(engine, q, run));
    }
  }
  in.solve_cpu_seconds = cpu_seconds() - start;
  std::cerr << "cspcast report: --solve took " << in.solve_cpu_seconds
            << " s CPU for " << in.solves.size() << " targets x levers\n";
}

}  // namespace

int cmd_report(const Args& args) {
  std::string pack;
  RunOptions run;
  std::string out;
  std::string charts;
  bool with_solve = false;
  double probability = 0.8;
  PluginOptions plugins;
  po::options_description d("Report");
  add_help(d);
  add_pack(d, pack);
  d.add_options()("scenario",
                  po::value(&run.scenarios)->composing(),
                  "scenario name or file (repeatable; default: every "
                  "scenario of the pack)");
  add_paths(d, run.paths, "Monte Carlo sample paths");
  add_seed(d, run.seed);
  add_threads(d, run.threads);
  d.add_options()("out", po::value(&out), "the HTML file to write (required)")(
      "charts",
      po::value(&charts),
      "also write every chart as its own SVG file into this folder")(
      "solve",
      po::bool_switch(&with_solve),
      "also solve, for each target and each lever acting on its indicator, "
      "the effect needed for P(met) --probability (slower)")(
      "probability",
      po::value(&probability)->default_value(probability),
      "the P(met) that --solve aims at");
  const po::options_description all = with_pack_options(d, plugins);
  if (parse(args,
            all,
            "usage: cspcast report [--pack DIR] --out report.html "
            "[options]")) {
    return kOk;
  }
  if (out.empty()) throw po::error("report needs --out FILE.html");
  if (!(probability > 0.0 && probability < 1.0)) {
    throw po::error("--probability: expected a number between 0 and 1");
  }
  run.fans = true;
  check_options(run.problems());
  report::OutputTransaction files;
  files.check(out);
  if (!charts.empty()) files.make_folder(charts);
  Engine engine = make_engine(pack, plugins, run.scenarios);
  check_run_memory(engine, run);
  ProgressBar bar("report");
  engine.set_progress([&](int done, int total) { bar(done, total); });
  const RunResult r = engine.run(run);
  for (const auto& warning : r.warnings) {
    std::cerr << "cspcast: warning: " << warning << '\n';
  }
  const MonitorResult m = monitor(engine.pack(), MonitorOptions{});
  report::ReportInput in;
  in.run = &r;
  in.monitor = &m;
  in.pack = &engine.pack();
  in.date = today();
  if (with_solve) solve_all(engine, r, run, probability, in);
  const report::Report rep = report::html_report(in);
  files.stage(out, rep.html);
  if (!charts.empty()) {
    for (const auto& [name, svg] : rep.charts) {
      files.stage(fs::path(charts) / name, svg);
    }
  }
  files.commit();
  std::cerr << "cspcast report: wrote " << out << " (" << rep.html.size() / 1024
            << " KB, " << rep.charts.size() << " charts)\n";
  return kOk;
}

}  // namespace cspcast::cli

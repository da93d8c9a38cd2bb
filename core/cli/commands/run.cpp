// SPDX-License-Identifier: MIT
// `cspcast run` and `cspcast compare`: one run of a pack, written as the
// target table or as the paired comparison.
#include "../common.hpp"
#include "../progress.hpp"
#include "commands.hpp"

#include <cspcast/report/output.hpp>
#include <cspcast/report/run_report.hpp>

#include <filesystem>
#include <iostream>

namespace cspcast::cli {
namespace {

namespace fs = std::filesystem;

struct RunArgs {
  std::string pack;
  RunOptions run;
  std::string format = "table";
  std::string out;
  PluginOptions plugins;
};

const std::vector<std::string> kFormats{"table", "json", "csv"};

po::options_description run_options(RunArgs& a) {
  po::options_description d("Run");
  add_help(d);
  add_pack(d, a.pack);
  d.add_options()(
      "scenario",
      po::value(&a.run.scenarios)->composing(),
      "scenario name, or a scenario file (.toml) such as one written by "
      "`cspcast solve` (repeatable; default: every scenario of the pack)");
  add_paths(d, a.run.paths, "Monte Carlo sample paths");
  d.add_options()(
      "precision",
      po::value(&a.run.precision)->default_value(a.run.precision),
      "run more paths (doubling from --paths) until every status is "
      "settled or its standard error is at most this (0: off)")(
      "max-paths",
      po::value(&a.run.max_paths)->default_value(a.run.max_paths),
      "the most paths --precision may use");
  add_seed(d, a.run.seed);
  add_threads(d, a.run.threads);
  add_format(d, a.format, kFormats);
  add_out_dir(d, a.out, "folder to write the results into");
  return d;
}

RunResult execute(RunArgs& a) {
  check_format(a.format, kFormats);
  check_options(a.run.problems());
  Engine engine = make_engine(a.pack, a.plugins, a.run.scenarios);
  check_run_memory(engine, a.run);
  ProgressBar bar("run");
  engine.set_progress([&](int done, int total) { bar(done, total); });
  return engine.run(a.run);
}

// A run written as `write` shows it, to stdout in the format asked and,
// with --out, as two files renamed into place together.
struct Outputs {
  std::string (*table)(const RunResult&);
  std::string (*json)(const RunResult&);
  std::string (*csv)(const RunResult&);
  const char* json_file;
  const char* csv_file;
  bool fans = false;  // --out also writes fans.csv (and fans in the JSON)
};

int run_and_write(RunArgs& a, const Outputs& w) {
  // The output folder is checked before the run, and removed again if the
  // run fails.
  report::OutputTransaction out;
  if (!a.out.empty()) {
    out.check(fs::path(a.out) / w.json_file);
    out.check(fs::path(a.out) / w.csv_file);
    if (w.fans) {
      out.check(fs::path(a.out) / "fans.csv");
      a.run.fans = true;
    }
  }
  const RunResult r = execute(a);
  for (const auto& warning : r.warnings) {
    std::cerr << "cspcast: warning: " << warning << '\n';
  }
  if (!a.out.empty()) {
    out.stage(fs::path(a.out) / w.json_file, w.json(r));
    out.stage(fs::path(a.out) / w.csv_file, w.csv(r));
    if (w.fans) out.stage(fs::path(a.out) / "fans.csv", report::fans_csv(r));
    out.commit();
  }
  if (a.format == "json") {
    std::cout << w.json(r);
  } else if (a.format == "csv") {
    std::cout << w.csv(r);
  } else {
    std::cout << w.table(r);
  }
  return kOk;
}

}  // namespace

int cmd_run(const Args& args) {
  RunArgs a;
  const po::options_description all =
      with_pack_options(run_options(a), a.plugins);
  if (parse(args, all, "usage: cspcast run [options]")) return kOk;
  return run_and_write(a,
                       {report::results_table,
                        report::results_json,
                        report::results_csv,
                        "results.json",
                        "results.csv",
                        true});
}

int cmd_compare(const Args& args) {
  RunArgs a;
  const po::options_description all =
      with_pack_options(run_options(a), a.plugins);
  po::positional_options_description pos;
  pos.add("scenario", -1);
  if (parse(args,
            all,
            "usage: cspcast compare [--pack DIR] A B [C ...] [options]",
            &pos)) {
    return kOk;
  }
  if (a.run.scenarios.size() < 2) {
    throw po::error("compare needs at least two scenario names");
  }
  return run_and_write(a,
                       {report::pairs_table,
                        report::comparison_json,
                        report::pairs_csv,
                        "comparison.json",
                        "comparison.csv"});
}

}  // namespace cspcast::cli

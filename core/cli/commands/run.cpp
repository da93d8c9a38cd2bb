// SPDX-License-Identifier: MIT
// `cspcast run` and `cspcast compare`: one run of a pack, written as the
// target table or as the paired comparison.
#include "../common.hpp"
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
  return engine.run(a.run);
}

// Both files are complete before either is renamed into place.
void write_out(const std::string& dir,
               const std::string& first,
               const std::string& first_text,
               const std::string& second,
               const std::string& second_text) {
  if (dir.empty()) return;
  report::OutputTransaction out;
  out.make_folder(dir);
  out.stage(fs::path(dir) / first, first_text);
  out.stage(fs::path(dir) / second, second_text);
  out.commit();
}

}  // namespace

int cmd_run(const Args& args) {
  RunArgs a;
  po::options_description all;
  all.add(run_options(a)).add(plugin_options(a.plugins));
  if (parse(args, all, "usage: cspcast run [options]")) return kOk;
  const RunResult r = execute(a);
  write_out(a.out,
            "results.json",
            report::results_json(r),
            "results.csv",
            report::results_csv(r));
  if (a.format == "json") {
    std::cout << report::results_json(r);
  } else if (a.format == "csv") {
    std::cout << report::results_csv(r);
  } else {
    std::cout << report::results_table(r);
  }
  return kOk;
}

int cmd_compare(const Args& args) {
  RunArgs a;
  po::options_description all;
  all.add(run_options(a)).add(plugin_options(a.plugins));
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
  const RunResult r = execute(a);
  write_out(a.out,
            "comparison.csv",
            report::pairs_csv(r),
            "comparison.json",
            report::comparison_json(r));
  if (a.format == "json") {
    std::cout << report::comparison_json(r);
  } else if (a.format == "csv") {
    std::cout << report::pairs_csv(r);
  } else {
    std::cout << report::pairs_table(r);
  }
  return kOk;
}

}  // namespace cspcast::cli

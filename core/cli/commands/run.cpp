// SPDX-License-Identifier: MIT
// `cspcast run`, `cspcast compare` and `cspcast batch`: one run of a pack
// (or of each of several packs), written as the
// target table or as the paired comparison.
#include "../common.hpp"
#include "../progress.hpp"
#include "commands.hpp"

#include <cspcast/report/batch_report.hpp>
#include <cspcast/report/output.hpp>
#include <cspcast/report/run_report.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace cspcast::cli {
namespace {

namespace fs = std::filesystem;

struct RunArgs {
  std::string pack;
  std::vector<std::string> packs;  // run --pack A --pack B, batch
  std::string packs_from;          // batch --packs-from DIR
  RunOptions run;
  std::string format = "table";
  std::string out;
  PluginOptions plugins;
};

const std::vector<std::string> kFormats{"table", "json", "csv"};

po::options_description run_options(RunArgs& a) {
  po::options_description d("Run");
  add_help(d);
  d.add_options()("pack",
                  po::value(&a.packs)->composing(),
                  "pack folder (default: the bundled Maidstone pack); "
                  "repeat it to run several packs as `cspcast batch` does");
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

// The packs of a batch: those named, then every folder of --packs-from
// that holds a pack.toml (sorted by name, so the order is the same on
// every machine).
std::vector<std::string> batch_packs(const RunArgs& a) {
  std::vector<std::string> packs = a.packs;
  if (!a.packs_from.empty()) {
    if (!fs::is_directory(a.packs_from)) {
      throw po::error("--packs-from: not a folder (got '" + a.packs_from +
                      "')");
    }
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(a.packs_from)) {
      if (e.is_directory() && fs::exists(e.path() / "pack.toml")) {
        found.push_back(e.path().string());
      }
    }
    std::sort(found.begin(), found.end());
    if (found.empty()) {
      throw po::error("--packs-from: no folder with a pack.toml in '" +
                      a.packs_from + "'");
    }
    packs.insert(packs.end(), found.begin(), found.end());
  }
  if (packs.empty()) {
    throw po::error(
        "batch needs pack folders (PACK_DIR... or --packs-from DIR)");
  }
  return packs;
}

int run_batch(RunArgs& a) {
  check_format(a.format, kFormats);
  check_options(a.run.problems());
  const std::vector<std::string> packs = batch_packs(a);
  report::OutputTransaction out;
  if (!a.out.empty()) {
    for (const char* f : {"results.csv", "results.json", "summary.csv"}) {
      out.check(fs::path(a.out) / f);
    }
  }
  // Every pack read and checked before any is run, so that a mistake in
  // the last pack is found at once.
  std::vector<Engine> engines;
  std::vector<std::string> names;
  for (const auto& dir : packs) {
    std::vector<std::string> scenarios = a.run.scenarios;
    engines.push_back(make_engine(dir, a.plugins, scenarios));
    check_run_memory(engines.back(), a.run);
    const std::string& name = engines.back().pack().name;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) {
        throw ConfigError(dir + ": pack name '" + name +
                          "' is also the name of " + packs[i] +
                          " (the pack column would not tell them apart)");
      }
    }
    names.push_back(name);
  }
  std::vector<RunResult> runs;
  for (std::size_t i = 0; i < engines.size(); ++i) {
    ProgressBar bar("run " + names[i]);
    engines[i].set_progress([&](int done, int total) { bar(done, total); });
    RunOptions options = a.run;
    runs.push_back(engines[i].run(options));
    for (const auto& warning : runs.back().warnings) {
      std::cerr << "cspcast: warning: " << names[i] << ": " << warning << '\n';
    }
  }
  if (!a.out.empty()) {
    out.stage(fs::path(a.out) / "results.csv", report::batch_results_csv(runs));
    out.stage(fs::path(a.out) / "results.json", report::batch_json(runs));
    out.stage(fs::path(a.out) / "summary.csv", report::batch_summary_csv(runs));
    out.commit();
  }
  if (a.format == "json") {
    std::cout << report::batch_json(runs);
  } else if (a.format == "csv") {
    std::cout << report::batch_results_csv(runs);
  } else {
    std::cout << report::batch_summary_table(runs);
  }
  return kOk;
}

}  // namespace

int cmd_run(const Args& args) {
  RunArgs a;
  const po::options_description all =
      with_pack_options(run_options(a), a.plugins);
  if (parse(args, all, "usage: cspcast run [options]")) return kOk;
  if (a.packs.size() > 1) return run_batch(a);
  if (!a.packs.empty()) a.pack = a.packs.front();
  return run_and_write(a,
                       {report::results_table,
                        report::results_json,
                        report::results_csv,
                        "results.json",
                        "results.csv",
                        true});
}

int cmd_batch(const Args& args) {
  RunArgs a;
  po::options_description own = run_options(a);
  own.add_options()("packs-from",
                    po::value(&a.packs_from),
                    "run every folder of DIR that holds a pack.toml");
  const po::options_description all = with_pack_options(own, a.plugins);
  po::positional_options_description pos;
  pos.add("pack", -1);
  if (parse(args,
            all,
            "usage: cspcast batch PACK_DIR... | --packs-from DIR [--out DIR] "
            "[options]",
            &pos)) {
    return kOk;
  }
  return run_batch(a);
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
  if (a.packs.size() > 1) throw po::error("--pack: compare takes one pack");
  if (!a.packs.empty()) a.pack = a.packs.front();
  return run_and_write(a,
                       {report::pairs_table,
                        report::comparison_json,
                        report::pairs_csv,
                        "comparison.json",
                        "comparison.csv"});
}

}  // namespace cspcast::cli

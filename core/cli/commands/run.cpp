// SPDX-License-Identifier: MIT
// `cspcast run`, `cspcast compare` and `cspcast batch`: one run of a pack
// (or of each of several packs), written as the
// target table or as the paired comparison.
#include "../common.hpp"
#include "../mpi.hpp"
#include "../progress.hpp"
#include "commands.hpp"

#include <cspcast/report/batch_report.hpp>
#include <cspcast/report/output.hpp>
#include <cspcast/report/run_report.hpp>
#include <cspcast/version.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

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

// This rank's packs, run, as text to gather (an error is sent as such).
std::string run_block(RunArgs& a,
                      std::vector<Engine>& engines,
                      const std::vector<std::string>& names,
                      bool& failed) {
  const mpi::Block block = mpi::block_of(engines.size(), mpi::world());
  std::vector<std::string> parts;
  try {
    for (std::size_t i = block.first; i < block.last; ++i) {
      ProgressBar bar("run " + names[i]);
      engines[i].set_progress([&](int done, int total) { bar(done, total); });
      const RunResult r = engines[i].run(a.run);
      for (const auto& warning : r.warnings) {
        std::cerr << "cspcast: warning: " << names[i] << ": " << warning
                  << '\n';
      }
      parts.push_back(
          mpi::pack_fields(report::fields_of(report::pack_output(r))));
    }
  } catch (const Error& e) {
    failed = true;
    return e.what();
  }
  return mpi::pack_fields(parts);
}

// Every pack read and checked (on every rank) before any is run, so that a
// mistake in the last pack is found at once.
std::vector<Engine> batch_engines(RunArgs& a,
                                  const std::vector<std::string>& packs,
                                  std::vector<std::string>& names) {
  std::vector<Engine> engines;
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
  return engines;
}

// Facts about the execution (never in the results files).
std::string execution_json(std::size_t packs, int threads, double seconds) {
  const auto now =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  std::ostringstream j;
  j << "{\n  \"command\": \"batch\",\n  \"packs\": " << packs
    << ",\n  \"ranks\": " << mpi::world().size
    << ",\n  \"threads_per_rank\": " << threads
    << ",\n  \"wall_seconds\": " << seconds << ",\n  \"finished\": \"" << date
    << "\",\n  \"cspcast_version\": \"" << CSPCAST_VERSION_STRING << "\"\n}\n";
  return j.str();
}

int run_batch(RunArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  check_format(a.format, kFormats);
  check_options(a.run.problems());
  const std::vector<std::string> packs = batch_packs(a);
  const bool root = mpi::world().root();
  report::OutputTransaction out;
  if (!a.out.empty() && root) {
    for (const char* f :
         {"results.csv", "results.json", "summary.csv", "execution.json"}) {
      out.check(fs::path(a.out) / f);
    }
  }
  std::vector<std::string> names;
  std::vector<Engine> engines = batch_engines(a, packs, names);
  bool failed = false;
  const std::string mine = run_block(a, engines, names, failed);
  const std::vector<std::string> blocks = mpi::gather(mine, failed);
  if (!root) return kOk;
  std::vector<report::PackOutput> outputs;
  for (const auto& b : blocks) {
    for (const auto& p : mpi::unpack_fields(b)) {
      outputs.push_back(report::pack_output_from(mpi::unpack_fields(p)));
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  const int threads =
      a.run.threads > 0
          ? a.run.threads
          : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  std::cerr << "cspcast batch: " << outputs.size() << " packs on "
            << mpi::world().size
            << (mpi::world().size == 1 ? " rank" : " ranks") << " x " << threads
            << " threads in " << seconds << " s\n";
  if (!a.out.empty()) {
    out.stage(fs::path(a.out) / "results.csv",
              report::batch_results_csv(outputs));
    out.stage(fs::path(a.out) / "results.json",
              report::batch_json(outputs, a.run));
    out.stage(fs::path(a.out) / "summary.csv",
              report::batch_summary_csv(outputs));
    out.stage(fs::path(a.out) / "execution.json",
              execution_json(outputs.size(), threads, seconds));
    out.commit();
  }
  if (a.format == "json") {
    std::cout << report::batch_json(outputs, a.run);
  } else if (a.format == "csv") {
    std::cout << report::batch_results_csv(outputs);
  } else {
    std::cout << report::batch_summary_table(outputs, a.run);
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

// SPDX-License-Identifier: MIT
// The cspcast command line: dispatch to a command, and the one place that
// reports errors to a user: usage errors exit 2, cspcast errors exit 1,
// anything else 70 (a bug).
#include "commands/commands.hpp"
#include "common.hpp"
#include "mpi.hpp"

#include <cspcast/error.hpp>
#include <cspcast/version.hpp>

#include <iostream>
#include <map>

namespace cspcast::cli {
namespace {

const char* const kUsageText =
    "usage: cspcast <command> [options]\n"
    "\n"
    "commands:\n"
    "  run        project every indicator of a pack and report P(target met)\n"
    "             per scenario (default: the bundled Maidstone pack)\n"
    "  compare    paired comparison of scenarios on common random numbers\n"
    "  batch      run several packs (every district of a force) in one\n"
    "             process: one results table with a pack column, a summary\n"
    "  solve      the smallest effect of a lever that brings a target to a\n"
    "             chosen probability of being met\n"
    "  forecast   forecast every series of a CSV file with intervals\n"
    "  backtest   rolling-origin accuracy and calibration of models\n"
    "  backtest-pack  a pack's plugin models against the core's, by rolling\n"
    "             origin on the pack's own history\n"
    "  anticipated  Kent-style anticipated volumes of the latest year\n"
    "  monitor    a pack's indicators against their anticipated volumes\n"
    "  estimate   an intervention's effect from a series' history\n"
    "             (structural time-series model), as a lever prior\n"
    "  report     one self-contained HTML page for the board: charts,\n"
    "             target status, comparison, monitoring\n"
    "  plugins    list loaded priority plugins and files that failed to load\n"
    "  import     police.uk, STATS19 or ONS population files to series\n"
    "  new-pack   a ready-to-run pack from imported series and population\n"
    "\n"
    "`cspcast <command> --help` shows a command's options; `cspcast "
    "--version`\n"
    "prints the version.\n";

int dispatch(int argc, char** argv) {
  Args args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsageText;
    return kUsage;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "--version" || command == "version") {
    std::cout << "cspcast " << CSPCAST_VERSION_STRING << '\n';
    return kOk;
  }
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsageText;
    return kOk;
  }
  static const std::map<std::string, int (*)(const Args&)> kCommands = {
      {"run", cmd_run},
      {"compare", cmd_compare},
      {"batch", cmd_batch},
      {"solve", cmd_solve},
      {"forecast", cmd_forecast},
      {"backtest", cmd_backtest},
      {"backtest-pack", cmd_backtest_pack},
      {"anticipated", cmd_anticipated},
      {"plugins", cmd_plugins},
      {"import", cmd_import},
      {"new-pack", cmd_new_pack},
      {"monitor", cmd_monitor},
      {"report", cmd_report},
      {"estimate", cmd_estimate},
  };
  const auto it = kCommands.find(command);
  if (it == kCommands.end()) {
    throw po::error("unknown command '" + command + "'");
  }
  return it->second(args);
}

}  // namespace
}  // namespace cspcast::cli

namespace {

// Reports errors: usage errors exit 2, cspcast errors 1, anything else 70.
// Under MPI only rank 0 speaks for the run.
int run_main(int argc, char** argv) {
  const bool speak = cspcast::cli::mpi::world().root();
  try {
    return cspcast::cli::dispatch(argc, argv);
  } catch (const boost::program_options::error& e) {
    if (speak)
      std::cerr << "cspcast: error: " << e.what()
                << "\n(see `cspcast --help`)\n";
    return cspcast::cli::kUsage;
  } catch (const cspcast::Error& e) {
    if (speak) std::cerr << "cspcast: error: " << e.what() << '\n';
    return cspcast::cli::kFailure;
  } catch (const std::exception& e) {
    std::cerr << "cspcast: internal error: " << e.what() << '\n';
    return cspcast::cli::kInternal;
  }
}

}  // namespace

int main(int argc, char** argv) {
  cspcast::cli::mpi::init(argc, argv);
  const int code = run_main(argc, argv);
  cspcast::cli::mpi::finalize();
  return code;
}

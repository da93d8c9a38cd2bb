// SPDX-License-Identifier: MIT
// The cspcast command line. The only place that reports errors to a user:
// usage errors exit 2, cspcast errors exit 1, anything else 70.
#include <cspcast/engine.hpp>
#include <cspcast/error.hpp>
#include <cspcast/pack.hpp>
#include <cspcast/plugin/registry.hpp>
#include <cspcast/report.hpp>
#include <cspcast/solve.hpp>
#include <cspcast/version.hpp>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace cspcast::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr int kOk = 0;
constexpr int kFailure = 1;
constexpr int kUsage = 2;
constexpr int kInternal = 70;

const char* const kUsageText =
    "usage: cspcast <command> [options]\n"
    "\n"
    "commands:\n"
    "  run        project every indicator of a pack and report P(target met)\n"
    "             per scenario (default: the bundled Maidstone pack)\n"
    "  compare    paired comparison of scenarios on common random numbers\n"
    "  solve      the smallest effect of a lever that brings a target to a\n"
    "             chosen probability of being met\n"
    "  plugins    list loaded priority plugins and files that failed to load\n"
    "\n"
    "`cspcast <command> --help` shows a command's options; `cspcast "
    "--version`\n"
    "prints the version.\n";

struct PluginOptions {
  std::vector<std::string> dirs;
  bool strict = false;
};

po::options_description plugin_options(PluginOptions& o) {
  po::options_description d("Plugins");
  d.add_options()(
      "plugin-dir",
      po::value(&o.dirs)->composing(),
      "directory with priority plugins (repeatable); searched before "
      "$CSPCAST_PLUGIN_PATH and the default locations")(
      "strict-plugins",
      po::bool_switch(&o.strict),
      "treat any plugin that fails to load as an error");
  return d;
}

plugin::PluginRegistry load_plugins(const PluginOptions& o) {
  plugin::PluginRegistry registry;
  plugin::DiscoveryOptions d;
  for (const auto& dir : o.dirs) {
    if (!fs::is_directory(dir)) {
      throw ConfigError("--plugin-dir: not a directory (got '" + dir + "')");
    }
    d.plugin_dirs.emplace_back(dir);
  }
  registry.load(d);
  for (const auto& f : registry.failures()) {
    std::cerr << "cspcast: warning: " << f.reason << '\n';
  }
  if (o.strict && !registry.failures().empty()) {
    throw PluginError(registry.failures().front().reason +
                      " (--strict-plugins)");
  }
  return registry;
}

// The bundled packs: installed beside the program, else the source tree.
fs::path default_pack() {
  std::error_code ec;
  const fs::path exe_dir = boost::dll::program_location(ec).parent_path();
  for (const fs::path& candidate :
       {exe_dir / ".." / "share" / "cspcast" / "scenarios" / "maidstone",
        fs::path(CSPCAST_SOURCE_SCENARIOS) / "maidstone"}) {
    if (fs::exists(candidate / "pack.toml")) return candidate;
  }
  throw ConfigError(
      "no --pack given and the bundled Maidstone pack was not found");
}

struct Parsed {
  po::variables_map vm;
  bool help = false;
};

Parsed parse(const std::vector<std::string>& args,
             const po::options_description& visible,
             const char* usage) {
  Parsed p;
  po::store(po::command_line_parser(args).options(visible).run(), p.vm);
  po::notify(p.vm);
  if (p.vm.count("help") != 0U) {
    std::cout << usage << "\n" << visible << '\n';
    p.help = true;
  }
  return p;
}

struct RunArgs {
  std::string pack;
  std::vector<std::string> scenarios;
  int paths = 4000;
  std::uint64_t seed = 20150401;
  int threads = 0;
  std::string format = "table";
  std::string out;
};

po::options_description run_options(RunArgs& a) {
  po::options_description d("Run");
  d.add_options()("help,h", "show this help")(
      "pack",
      po::value(&a.pack),
      "pack folder (default: the bundled Maidstone pack)")(
      "scenario",
      po::value(&a.scenarios)->composing(),
      "scenario name, or a scenario file (.toml) such as one written by "
      "`cspcast solve` (repeatable; default: every scenario of the pack)")(
      "paths",
      po::value(&a.paths)->default_value(4000),
      "Monte Carlo sample paths")(
      "seed", po::value(&a.seed)->default_value(20150401), "random seed")(
      "threads",
      po::value(&a.threads)->default_value(0),
      "worker threads (0: all cores); results do not depend on it")(
      "format",
      po::value(&a.format)->default_value("table"),
      "table, json or csv")(
      "out",
      po::value(&a.out),
      "folder to write results.json and results.csv into");
  return d;
}

// Scenario arguments that name files are read (resolving `extends` against
// the pack) and added to the pack; the rest are scenario names.
std::vector<std::string> add_scenario_files(
    Pack& pack, const std::vector<std::string>& args) {
  std::vector<std::string> names;
  for (const auto& arg : args) {
    const fs::path file(arg);
    if (file.extension() != ".toml" && !fs::is_regular_file(file)) {
      names.push_back(arg);
      continue;
    }
    if (!fs::is_regular_file(file)) {
      throw ConfigError(arg + ": no such scenario file");
    }
    Scenario s = read_scenario_file(file, pack.scenarios);
    if (pack.find_scenario(s.name) != nullptr) {
      throw ConfigError(arg + ": name: the pack already has a scenario '" +
                        s.name + "'");
    }
    names.push_back(s.name);
    pack.scenarios.push_back(std::move(s));
  }
  return names;
}

Engine make_engine(const std::string& pack_arg,
                   const PluginOptions& p,
                   std::vector<std::string>& scenarios) {
  const fs::path pack_dir =
      pack_arg.empty() ? default_pack() : fs::path(pack_arg);
  Pack pack = read_pack(pack_dir);
  scenarios = add_scenario_files(pack, scenarios);
  plugin::PluginRegistry registry = load_plugins(p);
  std::vector<plugin::GuardedModel> models;
  for (const auto& loaded : registry.plugins()) models.emplace_back(loaded);
  return Engine(std::move(pack), std::move(models));
}

RunResult execute(const RunArgs& a, const PluginOptions& p) {
  if (a.format != "table" && a.format != "json" && a.format != "csv") {
    throw po::error("--format: expected table, json or csv (got '" + a.format +
                    "')");
  }
  std::vector<std::string> scenarios = a.scenarios;
  Engine engine = make_engine(a.pack, p, scenarios);
  RunOptions options;
  options.paths = a.paths;
  options.seed = a.seed;
  options.threads = a.threads;
  options.scenarios = scenarios;
  return engine.run(options);
}

int cmd_run(const std::vector<std::string>& args) {
  RunArgs a;
  PluginOptions p;
  po::options_description all;
  all.add(run_options(a)).add(plugin_options(p));
  const Parsed parsed = parse(args, all, "usage: cspcast run [options]");
  if (parsed.help) return kOk;
  const RunResult r = execute(a, p);
  if (!a.out.empty()) {
    fs::create_directories(a.out);
    // Both files are complete before either is renamed into place.
    write_atomically(fs::path(a.out) / "results.json", results_json(r));
    write_atomically(fs::path(a.out) / "results.csv", results_csv(r));
  }
  if (a.format == "json") {
    std::cout << results_json(r);
  } else if (a.format == "csv") {
    std::cout << results_csv(r);
  } else {
    std::cout << results_table(r);
  }
  return kOk;
}

int cmd_compare(const std::vector<std::string>& args) {
  RunArgs a;
  PluginOptions p;
  po::options_description all;
  all.add(run_options(a)).add(plugin_options(p));
  po::positional_options_description pos;
  pos.add("scenario", -1);
  Parsed parsed;
  po::store(po::command_line_parser(args).options(all).positional(pos).run(),
            parsed.vm);
  po::notify(parsed.vm);
  if (parsed.vm.count("help") != 0U) {
    std::cout << "usage: cspcast compare [--pack DIR] A B [C ...] [options]\n\n"
              << all << '\n';
    return kOk;
  }
  if (a.scenarios.size() < 2) {
    throw po::error("compare needs at least two scenario names");
  }
  const RunResult r = execute(a, p);
  if (!a.out.empty()) {
    fs::create_directories(a.out);
    write_atomically(fs::path(a.out) / "comparison.csv", pairs_csv(r));
  }
  if (a.format == "json") {
    std::cout << pairs_json(r);
  } else if (a.format == "csv") {
    std::cout << pairs_csv(r);
  } else {
    std::cout << pairs_table(r);
  }
  return kOk;
}

int cmd_solve(const std::vector<std::string>& args) {
  SolveRequest req;
  std::string pack;
  std::string start;
  std::string format = "table";
  std::string write_scenario;
  int paths = 4000;
  std::uint64_t seed = 20150401;
  int threads = 0;
  PluginOptions p;
  po::options_description d("Solve");
  d.add_options()("help,h", "show this help")(
      "pack",
      po::value(&pack),
      "pack folder (default: the bundled Maidstone pack)")(
      "target", po::value(&req.target), "target id (required)")(
      "scenario",
      po::value(&req.scenario)->default_value("baseline"),
      "base scenario (name, or a scenario file)")(
      "probability",
      po::value(&req.probability)->default_value(0.8),
      "the P(met) to reach")(
      "lever",
      po::value(&req.lever),
      "lever id (default: a uniform effect on the target's indicator)")(
      "start",
      po::value(&start),
      "first month of a new intervention, YYYY-MM (default: the month after "
      "the history; an intervention of the base scenario on this lever keeps "
      "its own timing unless --start is given)")(
      "ramp",
      po::value(&req.ramp_months)->default_value(0),
      "ramp-up months of a new intervention")(
      "paths", po::value(&paths)->default_value(4000), "Monte Carlo paths")(
      "seed", po::value(&seed)->default_value(20150401), "random seed")(
      "threads",
      po::value(&threads)->default_value(0),
      "worker threads (0: all cores)")(
      "format", po::value(&format)->default_value("table"), "table or json")(
      "write-scenario",
      po::value(&write_scenario),
      "write the solved scenario (extending the base) to this TOML file");
  po::options_description all;
  all.add(d).add(plugin_options(p));
  const Parsed parsed = parse(args,
                              all,
                              "usage: cspcast solve --target ID "
                              "[options]");
  if (parsed.help) return kOk;
  if (req.target.empty()) throw po::error("solve needs --target");
  if (format != "table" && format != "json") {
    throw po::error("--format: expected table or json (got '" + format + "')");
  }
  if (!start.empty()) {
    const auto ym = YearMonth::parse(start);
    if (!ym) {
      throw po::error("--start: bad month (got '" + start +
                      "'; expected YYYY-MM)");
    }
    req.start = *ym;
  }
  std::vector<std::string> scenarios{req.scenario};
  Engine engine = make_engine(pack, p, scenarios);
  req.scenario = scenarios.front();
  RunOptions options;
  options.paths = paths;
  options.seed = seed;
  options.threads = threads;
  const SolveResult r = solve(engine, req, options);
  if (!write_scenario.empty()) {
    write_atomically(write_scenario, solved_scenario_toml(r));
  }
  if (format == "json") {
    std::cout << solve_json(r);
  } else {
    std::cout << r.summary();
    if (!write_scenario.empty()) {
      std::cout << "  wrote scenario '" << r.solved.name << "' to "
                << write_scenario << "\n";
    }
  }
  return kOk;
}

int cmd_plugins(const std::vector<std::string>& args) {
  PluginOptions p;
  po::options_description all;
  all.add_options()("help,h", "show this help");
  all.add(plugin_options(p));
  const Parsed parsed =
      parse(args, all, "usage: cspcast plugins [--plugin-dir DIR]...");
  if (parsed.help) return kOk;
  PluginOptions lenient = p;
  lenient.strict = false;
  const plugin::PluginRegistry registry = load_plugins(lenient);
  std::cout << "searched:";
  for (const auto& d : registry.searched()) std::cout << ' ' << d.string();
  std::cout << "\n\n";
  for (const auto& loaded : registry.plugins()) {
    const plugin::GuardedModel m(loaded);
    std::cout << m.name() << ' ' << m.version() << " (order " << loaded.order()
              << ") " << m.path().string() << "\n  " << m.info().title << '\n';
    for (const auto& ind : m.info().indicators) {
      std::cout << "  indicator " << ind.id << " [" << to_string(ind.unit)
                << ", model " << to_string(ind.model.kind) << "/"
                << to_string(ind.model.transform) << "] " << ind.title << '\n';
    }
    for (const auto& lever : m.info().levers) {
      std::cout << "  lever     " << lever.id << " -> " << lever.indicator
                << ", " << lever.default_effect.describe() << ": "
                << lever.title << '\n';
    }
    std::cout << '\n';
  }
  std::cout << registry.plugins().size() << " plugin(s) loaded, "
            << registry.failures().size() << " failed\n";
  for (const auto& f : registry.failures())
    std::cout << "failed: " << f.reason << '\n';
  if (p.strict && !registry.failures().empty()) return kFailure;
  return kOk;
}

int dispatch(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
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
  if (command == "run") return cmd_run(args);
  if (command == "compare") return cmd_compare(args);
  if (command == "solve") return cmd_solve(args);
  if (command == "plugins") return cmd_plugins(args);
  throw po::error("unknown command '" + command + "'");
}

}  // namespace
}  // namespace cspcast::cli

int main(int argc, char** argv) {
  try {
    return cspcast::cli::dispatch(argc, argv);
  } catch (const boost::program_options::error& e) {
    std::cerr << "cspcast: error: " << e.what() << "\n(see `cspcast --help`)\n";
    return cspcast::cli::kUsage;
  } catch (const cspcast::Error& e) {
    std::cerr << "cspcast: error: " << e.what() << '\n';
    return cspcast::cli::kFailure;
  } catch (const std::exception& e) {
    std::cerr << "cspcast: internal error: " << e.what() << '\n';
    return cspcast::cli::kInternal;
  }
}

// SPDX-License-Identifier: MIT
// The cspcast command line. The only place that reports errors to a user:
// usage errors exit 2, cspcast errors exit 1, anything else 70.
#include <cspcast/engine.hpp>
#include <cspcast/error.hpp>
#include <cspcast/forecast.hpp>
#include <cspcast/kernels/seasonal.hpp>
#include <cspcast/pack.hpp>
#include <cspcast/plugin/registry.hpp>
#include <cspcast/report.hpp>
#include <cspcast/solve.hpp>
#include <cspcast/version.hpp>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/program_options.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <unistd.h>
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
    "  forecast   forecast every series of a CSV file with intervals\n"
    "  backtest   rolling-origin accuracy and calibration of models\n"
    "  anticipated  Kent-style anticipated volumes of the latest year\n"
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
    pack.files.push_back(checksum_file(file));  // into the run manifest
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
    write_atomically(fs::path(a.out) / "comparison.json", comparison_json(r));
  }
  if (a.format == "json") {
    std::cout << comparison_json(r);
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

// A progress bar on stderr, drawn only when stderr is a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(std::string label)
      : label_(std::move(label)), on_(isatty(STDERR_FILENO) != 0) {}
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar() {
    if (on_ && drawn_) std::cerr << "\r\033[K" << std::flush;
  }
  void operator()(int done, int total) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    constexpr int kWidth = 30;
    const int fill = total > 0 ? done * kWidth / total : kWidth;
    std::cerr << '\r' << label_ << " ["
              << std::string(static_cast<std::size_t>(fill), '=')
              << std::string(static_cast<std::size_t>(kWidth - fill), ' ')
              << "] " << done << '/' << total << std::flush;
  }

 private:
  std::string label_;
  bool on_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

int resolve_threads(int threads) {
  return threads > 0 ? threads
                     : static_cast<int>(
                           std::max(1U, std::thread::hardware_concurrency()));
}

ModelSpec parse_model(const std::string& text) {
  const auto kind = parse_model_kind(text);
  if (!kind) {
    throw po::error("--model: unknown model '" + text +
                    "' (expected auto, ets, theta, combo, stl, damped, snaive, "
                    "drift or count)");
  }
  return ModelSpec{*kind, Transform::kNone};
}

struct ForecastArgs {
  std::string input;
  std::string out;
  std::string paths_out;
  std::string per_series;
  int horizon = 0;
  std::vector<std::string> models;
  std::vector<int> levels;
  int paths = 1000;
  std::uint64_t seed = 1;
  int threads = 0;
  int frequency = 12;
  int holdout = 0;
  int origins = 0;
  bool bootstrap = false;
};

po::options_description forecast_options(ForecastArgs& a, bool backtest) {
  po::options_description d(backtest ? "Backtest" : "Forecast");
  d.add_options()("help,h", "show this help")(
      "input",
      po::value(&a.input),
      "CSV: series_id, value and month or period")(
      "horizon", po::value(&a.horizon), "steps ahead (required)")(
      "model",
      po::value(&a.models)->composing(),
      backtest ? "model to evaluate (repeatable; default: ets, theta, combo, "
                 "snaive)"
               : "auto, ets, theta, combo, stl, damped, snaive, drift, count, "
                 "or one ETS member such as \"ETS(M,Ad,M)\" (default auto)")(
      "level",
      po::value(&a.levels)->composing(),
      "prediction interval level in percent (repeatable; default 80 and 95)")(
      "paths",
      po::value(&a.paths)->default_value(1000),
      "sample paths per series behind the intervals")(
      "seed", po::value(&a.seed)->default_value(1), "random seed")(
      "threads",
      po::value(&a.threads)->default_value(0),
      "worker threads (0: all cores); results do not depend on it")(
      "frequency",
      po::value(&a.frequency)->default_value(12),
      "seasonal period (12 for monthly data)")(
      "holdout",
      po::value(&a.holdout)->default_value(0),
      "drop the last H values of each series first")(
      "bootstrap",
      po::bool_switch(&a.bootstrap),
      "paths resample the fitted residuals instead of Gaussian errors");
  if (backtest) {
    d.add_options()("origins",
                    po::value(&a.origins)->default_value(3),
                    "forecast origins per series")(
        "out", po::value(&a.out), "also write the table as CSV to this file")(
        "per-series",
        po::value(&a.per_series),
        "write every series' scores per model to this CSV, and print the "
        "model with the lowest MASE for each series");
  } else {
    d.add_options()(
        "out", po::value(&a.out), "forecast CSV to write (required)")(
        "paths-out",
        po::value(&a.paths_out),
        "also write every sample path: series_id,path,h,value");
  }
  return d;
}

ForecastOptions to_options(const ForecastArgs& a) {
  ForecastOptions o;
  o.horizon = a.horizon;
  o.period = a.frequency;
  o.paths = a.paths;
  o.seed = a.seed;
  o.threads = resolve_threads(a.threads);
  o.bootstrap = a.bootstrap;
  if (!a.levels.empty()) o.levels = a.levels;
  const auto problems = o.problems();
  if (!problems.empty()) throw po::error(problems.front());
  return o;
}

std::string sibling(const fs::path& file, const std::string& suffix) {
  return (file.parent_path() / (file.stem().string() + suffix)).string();
}

int cmd_forecast(const std::vector<std::string>& args) {
  ForecastArgs a;
  const auto d = forecast_options(a, false);
  const Parsed parsed =
      parse(args,
            d,
            "usage: cspcast forecast --input FILE --horizon H --out FILE "
            "[options]");
  if (parsed.help) return kOk;
  if (a.input.empty()) throw po::error("forecast needs --input");
  if (a.out.empty()) throw po::error("forecast needs --out");
  if (a.horizon < 1) throw po::error("forecast needs --horizon (>= 1)");
  if (a.models.size() > 1) throw po::error("--model: give one model");
  ForecastOptions o = to_options(a);
  const std::string model = a.models.empty() ? "auto" : a.models.front();
  if (model.rfind("ETS(", 0) == 0) {
    (void)parse_ets_member(model, a.frequency);  // a usage error early
    o.ets_member = model;
    o.model = ModelSpec{ModelKind::kEts, Transform::kNone};
  } else {
    o.model = parse_model(model);
  }
  o.keep_paths = !a.paths_out.empty();
  const auto series = read_forecast_input(a.input, {a.frequency, a.holdout});
  const auto start = std::chrono::steady_clock::now();
  std::vector<SeriesForecast> fc;
  {
    ProgressBar bar("forecast");
    fc =
        forecast_all(series, o, [&](int done, int total) { bar(done, total); });
  }
  const double wall = std::chrono::duration<double, std::milli>(
                          std::chrono::steady_clock::now() - start)
                          .count();
  double ms = 0.0;
  int fallbacks = 0;
  std::string log = "series_id,n,model,ms,fallback\n";
  for (std::size_t i = 0; i < fc.size(); ++i) {
    ms += fc[i].ms;
    if (!fc[i].fallback.empty()) {
      ++fallbacks;
      std::cerr << "cspcast: note: series '" << fc[i].id
                << "': " << fc[i].fallback << '\n';
    }
    std::string reason = fc[i].fallback;
    std::replace(reason.begin(), reason.end(), ',', ';');
    std::replace(reason.begin(), reason.end(), '"', '\'');
    log += fc[i].id + ',' + std::to_string(series[i].values.size()) + ",\"" +
           fc[i].model + "\"," + std::to_string(fc[i].ms) + ",\"" + reason +
           "\"\n";
  }
  const double per =
      ms / static_cast<double>(std::max<std::size_t>(1, fc.size()));
  std::ostringstream timing;
  timing
      << "per_series_ms,n_series,n_fallback,wall_ms,threads,model,paths,seed,"
         "bootstrap,input,cspcast\n"
      << per << ',' << fc.size() << ',' << fallbacks << ',' << wall << ','
      << o.threads << ',' << to_string(o.model.kind) << ',' << o.paths << ','
      << o.seed << ',' << (o.bootstrap ? "yes" : "no") << ",\"" << a.input
      << "\"," << CSPCAST_VERSION_STRING << '\n';
  const fs::path out(a.out);
  if (!out.parent_path().empty()) fs::create_directories(out.parent_path());
  write_atomically(out, forecasts_csv(fc, o.levels));
  write_atomically(sibling(out, "_timing.csv"), timing.str());
  write_atomically(sibling(out, "_log.csv"), log);
  if (!a.paths_out.empty()) write_paths_csv(a.paths_out, fc);
  std::cerr << "cspcast: " << fc.size() << " series, " << std::fixed
            << std::setprecision(3) << per << " ms per series (" << o.threads
            << (o.threads == 1 ? " thread" : " threads") << ", wall "
            << std::setprecision(0) << wall << " ms), " << fallbacks
            << " fallbacks; wrote " << a.out << '\n';
  return kOk;
}

int cmd_backtest(const std::vector<std::string>& args) {
  ForecastArgs a;
  const auto d = forecast_options(a, true);
  const Parsed parsed =
      parse(args,
            d,
            "usage: cspcast backtest --input FILE --horizon H --origins K "
            "[--model M]... [options]");
  if (parsed.help) return kOk;
  if (a.input.empty()) throw po::error("backtest needs --input");
  if (a.horizon < 1) throw po::error("backtest needs --horizon (>= 1)");
  ForecastOptions o = to_options(a);
  std::vector<ModelSpec> models;
  for (const auto& m :
       a.models.empty()
           ? std::vector<std::string>{"ets", "theta", "combo", "snaive"}
           : a.models) {
    models.push_back(parse_model(m));
  }
  const auto series = read_forecast_input(a.input, {a.frequency, a.holdout});
  std::vector<BacktestRow> rows;
  std::vector<BacktestRow> per_series;
  {
    ProgressBar bar("backtest");
    rows = backtest(
        series,
        models,
        a.origins,
        o,
        [&](int done, int total) { bar(done, total); },
        a.per_series.empty() ? nullptr : &per_series);
  }
  std::ostringstream csv;
  csv << "model,series,forecasts,smape,mase,cov80,cov95,msis,ms_per_fit,"
         "fallbacks,seed,paths,cspcast\n";
  // Cuts shorter than 3 values are not forecast: the forecasts column
  // shows how many were (at most series x origins).
  std::cout << "rolling origin: " << series.size() << " series, " << a.origins
            << " origins, horizon " << a.horizon << " (" << a.input << ", seed "
            << o.seed << ", " << o.paths << " paths, cspcast "
            << CSPCAST_VERSION_STRING << ")\n\n"
            << std::left << std::setw(8) << "model" << std::right
            << std::setw(9) << "sMAPE" << std::setw(8) << "MASE" << std::setw(8)
            << "cov80" << std::setw(8) << "cov95" << std::setw(8) << "MSIS"
            << std::setw(10) << "ms/fit" << std::setw(11) << "fallbacks"
            << std::setw(11) << "forecasts" << '\n';
  for (const auto& r : rows) {
    std::cout << std::left << std::setw(8) << r.model << std::right
              << std::fixed << std::setprecision(2) << std::setw(9) << r.smape
              << std::setprecision(3) << std::setw(8) << r.mase << std::setw(8)
              << r.cov80 << std::setw(8) << r.cov95 << std::setprecision(2)
              << std::setw(8) << r.msis << std::setprecision(3) << std::setw(10)
              << r.ms_per_fit << std::setw(11) << r.fallbacks << std::setw(11)
              << r.forecasts << '\n';
    csv << r.model << ',' << r.series << ',' << r.forecasts << ',' << r.smape
        << ',' << r.mase << ',' << r.cov80 << ',' << r.cov95 << ',' << r.msis
        << ',' << r.ms_per_fit << ',' << r.fallbacks << ',' << o.seed << ','
        << o.paths << ',' << CSPCAST_VERSION_STRING << '\n';
  }
  if (!a.out.empty()) write_atomically(a.out, csv.str());
  if (!a.per_series.empty()) {
    std::ostringstream each;
    each << "series_id,model,forecasts,smape,mase,cov80,cov95,msis\n";
    std::map<std::string, const BacktestRow*> best;
    for (const auto& r : per_series) {
      each << r.series_id << ',' << r.model << ',' << r.forecasts << ','
           << r.smape << ',' << r.mase << ',' << r.cov80 << ',' << r.cov95
           << ',' << r.msis << '\n';
      const auto it = best.find(r.series_id);
      if (it == best.end() || r.mase < it->second->mase) best[r.series_id] = &r;
    }
    write_atomically(a.per_series, each.str());
    std::cout << "\nlowest MASE per series (for [models] in pack.toml):\n";
    for (const auto& [id, r] : best) {
      std::cout << "  " << std::left << std::setw(44) << id << std::right
                << std::setw(8) << r->model << "  MASE " << std::setprecision(3)
                << r->mase << '\n';
    }
  }
  return kOk;
}

int cmd_anticipated(const std::vector<std::string>& args) {
  std::string input;
  std::string out;
  int years = 5;
  double z = 1.96;
  std::string level = "previous";
  po::options_description d("Anticipated volumes");
  d.add_options()("help,h", "show this help")(
      "input", po::value(&input), "CSV: series_id, month, value")(
      "years",
      po::value(&years)->default_value(5),
      "years of seasonality before the latest year")(
      "z",
      po::value(&z)->default_value(1.96),
      "half-width of the expected range in standard deviations of each "
      "month's share")(
      "level",
      po::value(&level)->default_value("previous"),
      "the annual level the shares are applied to: previous (the 12 months "
      "before the latest year: what could be anticipated in advance) or "
      "latest (the latest year's own total)")(
      "out", po::value(&out), "also write the table as CSV");
  const Parsed parsed =
      parse(args, d, "usage: cspcast anticipated --input FILE [options]");
  if (parsed.help) return kOk;
  if (input.empty()) throw po::error("anticipated needs --input");
  if (years < 1) throw po::error("--years: at least 1");
  if (!(z > 0.0)) throw po::error("--z: must be positive");
  if (level != "previous" && level != "latest") {
    throw po::error("--level: expected previous or latest (got '" + level +
                    "')");
  }
  const auto series = read_forecast_input(input, {12, 0});
  std::ostringstream csv;
  csv << "series_id,month,value,anticipated,lower,upper,outside\n";
  int outside_total = 0;
  for (const auto& s : series) {
    if (!s.first_month) {
      throw DataError(input + ": anticipated volumes need a month column");
    }
    const auto n = static_cast<Eigen::Index>(s.values.size());
    const Eigen::Index need = static_cast<Eigen::Index>(years + 1) * 12;
    if (n < need) {
      throw DataError(
          input + ":" + std::to_string(s.lines.front()) + ": series '" + s.id +
          "' has " + std::to_string(n) + " months; anticipated volumes over " +
          std::to_string(years) + " years need " + std::to_string(need));
    }
    const ConstVectorMap y(s.values.data(), n);
    Vector ant(12);
    Vector lo(12);
    Vector hi(12);
    kernels::anticipated_volumes(y, 12, years, z, ant, lo, hi);
    if (level == "previous") {
      const double latest = y.tail(12).sum();
      const double previous = y.segment(n - 24, 12).sum();
      const double k = latest > 0.0 ? previous / latest : 0.0;
      ant *= k;
      lo *= k;
      hi *= k;
    }
    std::cout << s.id << " (latest year from "
              << (*s.first_month + static_cast<int>(n - 12)).str()
              << ", seasonality of the " << years
              << " years before it, level: " << level << " year)\n"
              << "  month      value  anticipated   expected range\n";
    for (int j = 0; j < 12; ++j) {
      const YearMonth m = *s.first_month + static_cast<int>(n - 12 + j);
      const double v = y(n - 12 + j);
      const bool off = v < lo(j) || v > hi(j);
      outside_total += off ? 1 : 0;
      std::cout << "  " << m.str() << std::fixed << std::setprecision(1)
                << std::setw(10) << v << std::setw(13) << ant(j) << "   "
                << std::setw(7) << lo(j) << " to " << std::setw(7) << hi(j)
                << (off ? (v > hi(j) ? "  ABOVE" : "  BELOW") : "") << '\n';
      csv << s.id << ',' << m.str() << ',' << v << ',' << ant(j) << ',' << lo(j)
          << ',' << hi(j) << ',' << (off ? "yes" : "no") << '\n';
    }
  }
  std::cout << outside_total << " month(s) outside the expected range\n";
  if (!out.empty()) write_atomically(out, csv.str());
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
  if (command == "forecast") return cmd_forecast(args);
  if (command == "backtest") return cmd_backtest(args);
  if (command == "anticipated") return cmd_anticipated(args);
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

// SPDX-License-Identifier: MIT
#include "common.hpp"

#include <cspcast/error.hpp>
#include <cspcast/io/pack_reader.hpp>

#include <boost/dll/runtime_symbol_info.hpp>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <unistd.h>

namespace cspcast::cli {

namespace fs = std::filesystem;

void add_help(po::options_description& d) {
  d.add_options()("help,h", "show this help");
}

void add_pack(po::options_description& d, std::string& pack) {
  d.add_options()("pack",
                  po::value(&pack),
                  "pack folder (default: the bundled Maidstone pack)");
}

std::uint64_t parse_seed(const std::string& text) {
  // Digits only: program_options would read "-1" as 2^64 - 1.
  std::uint64_t v = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  const auto r = std::from_chars(begin, end, v);
  if (text.empty() || text.front() == '-' || text.front() == '+' ||
      r.ec != std::errc() || r.ptr != end) {
    throw po::error(
        "--seed: a whole number from 0 to 18446744073709551615 (got '" + text +
        "')");
  }
  return v;
}

void add_seed(po::options_description& d, std::uint64_t& seed) {
  d.add_options()("seed",
                  po::value<std::string>()
                      ->default_value(std::to_string(seed))
                      ->notifier([&seed](const std::string& text) {
                        seed = parse_seed(text);
                      }),
                  "random seed (0 to 18446744073709551615)");
}

void add_paths(po::options_description& d, int& paths, const char* what) {
  d.add_options()("paths", po::value(&paths)->default_value(paths), what);
}

void add_threads(po::options_description& d, int& threads) {
  d.add_options()("threads",
                  po::value(&threads)->default_value(threads),
                  "worker threads (0: all cores); results do not depend on it");
}

void add_format(po::options_description& d,
                std::string& format,
                const std::vector<std::string>& formats) {
  std::string list;
  for (std::size_t i = 0; i < formats.size(); ++i) {
    if (i > 0) list += i + 1 == formats.size() ? " or " : ", ";
    list += formats[i];
  }
  d.add_options()(
      "format", po::value(&format)->default_value(format), list.c_str());
}

void add_out_file(po::options_description& d,
                  std::string& out,
                  const char* what) {
  d.add_options()("out", po::value(&out), what);
}

void add_out_dir(po::options_description& d,
                 std::string& out,
                 const char* what) {
  d.add_options()("out", po::value(&out), what);
}

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

po::options_description pack_options(PluginOptions& o) {
  po::options_description d("Scenario files");
  d.add_options()("allow-other-pack",
                  po::bool_switch(&o.allow_other_pack),
                  "run a scenario file written for another pack (or another "
                  "version of this one) against this pack");
  return d;
}

std::string no_plugin_hint(const plugin::DiscoveryOptions& d) {
  std::string looked;
  for (const auto& dir : plugin::plugin_search_path(d)) {
    looked += (looked.empty() ? "" : ", ") + dir.string();
  }
  return "no priority plugin found (looked in: " +
         (looked.empty() ? std::string("no folder") : looked) +
         "); point cspcast at the folder that holds the cspcast_plugin_*.so "
         "files with --plugin-dir DIR or CSPCAST_PLUGIN_PATH=DIR[:DIR...]";
}

po::options_description with_pack_options(const po::options_description& own,
                                          PluginOptions& o) {
  po::options_description all;
  all.add(own).add(plugin_options(o)).add(pack_options(o));
  return all;
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
  if (registry.plugins().empty()) {
    std::cerr << "cspcast: warning: " << no_plugin_hint(d) << '\n';
  }
  if (o.strict && !registry.failures().empty()) {
    throw PluginError(registry.failures().front().reason +
                      " (--strict-plugins)");
  }
  return registry;
}

bool parse(const std::vector<std::string>& args,
           const po::options_description& options,
           const char* usage,
           const po::positional_options_description* positional) {
  po::variables_map vm;
  po::command_line_parser parser(args);
  parser.options(options);
  if (positional != nullptr) parser.positional(*positional);
  po::store(parser.run(), vm);
  po::notify(vm);
  if (vm.count("help") != 0U) {
    std::cout << usage << "\n" << options << '\n';
    return true;
  }
  return false;
}

std::string flag_of(const std::string& field) {
  // The library's option fields and the flags that set them.
  static const std::map<std::string, std::string> kFlags = {
      {"paths", "--paths"},
      {"threads", "--threads"},
      {"seed", "--seed"},
      {"scenario", "--scenario"},
      {"target", "--target"},
      {"lever", "--lever"},
      {"probability", "--probability"},
      {"ramp_months", "--ramp"},
      {"horizon", "--horizon"},
      {"period", "--frequency"},
      {"levels", "--level"},
      {"model", "--model"},
      {"origins", "--origins"},
      {"holdout", "--holdout"},
      {"years", "--years"},
      {"z", "--z"},
      {"level", "--level"},
      {"precision", "--precision"},
      {"max_paths", "--max-paths"},
  };
  const auto it = kFlags.find(field);
  return it == kFlags.end() ? field : it->second;
}

void check_options(const std::vector<OptionProblem>& problems) {
  if (problems.empty()) return;
  std::string text;
  for (const auto& p : problems) {
    if (!text.empty()) text += "; ";
    text += flag_of(p.field) + ": " + p.message;
  }
  throw po::error(text);
}

void check_format(const std::string& format,
                  const std::vector<std::string>& formats) {
  for (const auto& f : formats) {
    if (f == format) return;
  }
  std::string list;
  for (std::size_t i = 0; i < formats.size(); ++i) {
    if (i > 0) list += i + 1 == formats.size() ? " or " : ", ";
    list += formats[i];
  }
  throw po::error("--format: expected " + list + " (got '" + format + "')");
}

std::uint64_t memory_limit() {
  if (const char* mb = std::getenv("CSPCAST_MEMORY_LIMIT_MB")) {
    std::uint64_t v = 0;
    const char* end = mb + std::strlen(mb);
    const auto r = std::from_chars(mb, end, v);
    if (r.ec != std::errc() || r.ptr != end || v == 0 ||
        v > (std::uint64_t{1} << 40)) {
      throw po::error(
          "CSPCAST_MEMORY_LIMIT_MB: a whole number of megabytes from 1 to "
          "1099511627776 (got '" +
          std::string(mb) + "')");
    }
    return v << 20U;
  }
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page <= 0) return std::uint64_t{8} << 30U;
  return static_cast<std::uint64_t>(pages) / 10 * 8 *
         static_cast<std::uint64_t>(page);
}

namespace {
std::string gigabytes(std::uint64_t bytes) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1)
    << static_cast<double>(bytes) / static_cast<double>(1ULL << 30U) << " GB";
  return s.str();
}
}  // namespace

void check_memory(std::uint64_t bytes,
                  const std::string& option,
                  const std::string& what) {
  const std::uint64_t limit = memory_limit();
  if (bytes <= limit) return;
  throw po::error(option + ": " + what + " needs about " + gigabytes(bytes) +
                  " of memory; the limit is " + gigabytes(limit) +
                  (std::getenv("CSPCAST_MEMORY_LIMIT_MB") != nullptr
                       ? " (CSPCAST_MEMORY_LIMIT_MB)"
                       : " (80% of this machine's memory; "
                         "CSPCAST_MEMORY_LIMIT_MB sets another)"));
}

void check_run_memory(const Engine& engine, const RunOptions& options) {
  const bool grows = options.precision > 0.0;
  const int paths =
      grows ? std::max(options.paths, options.max_paths) : options.paths;
  check_memory(engine.memory_estimate(options),
               grows ? "--max-paths" : "--paths",
               "a run of this pack with " + std::to_string(paths) + " paths");
}

std::string pack_or_default(const std::string& pack) {
  if (!pack.empty()) return pack;
  // The bundled packs: installed beside the program, else the source tree.
  std::error_code ec;
  const fs::path exe_dir = boost::dll::program_location(ec).parent_path();
  for (const fs::path& candidate :
       {exe_dir / ".." / "share" / "cspcast" / "scenarios" / "maidstone",
        fs::path(CSPCAST_SOURCE_SCENARIOS) / "maidstone"}) {
    if (fs::exists(candidate / "pack.toml")) return candidate.string();
  }
  throw ConfigError(
      "no --pack given and the bundled Maidstone pack was not found");
}

namespace {

// Scenario arguments that name files are read (resolving `extends` against
// the pack) and added to the pack; the rest are scenario names.
std::vector<std::string> add_scenario_files(
    Pack& pack, const std::vector<std::string>& args, bool allow_other_pack) {
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
    // Parsed and checksummed from one reading of the file.
    std::vector<PackFile> sums;
    Scenario s =
        io::read_scenario_files({{file, file.string()}}, pack.scenarios, &sums)
            .front();
    // A scenario written for another pack (or another version of this
    // one) would run silently against the wrong data.
    const bool other =
        !s.pack.empty() &&
        (s.pack != pack.name || (!s.pack_fingerprint.empty() &&
                                 s.pack_fingerprint != pack.fingerprint));
    if (other && !allow_other_pack) {
      throw ConfigError(s.pack_where + ": pack: written for pack '" + s.pack +
                        "' (fingerprint " + s.pack_fingerprint +
                        "), not this pack '" + pack.name + "' (" +
                        pack.fingerprint + ", " + pack.dir.string() +
                        "); give --pack, or --allow-other-pack to run it "
                        "anyway");
    }
    if (pack.find_scenario(s.name) != nullptr) {
      throw ConfigError(arg + ": name: the pack already has a scenario '" +
                        s.name + "'");
    }
    names.push_back(s.name);
    pack.scenarios.push_back(std::move(s));
    // Into the run manifest.
    pack.files.push_back({fs::absolute(file).string(), sums.front().fnv1a64});
  }
  return names;
}

}  // namespace

Engine make_engine(const std::string& pack_arg,
                   const PluginOptions& plugins,
                   std::vector<std::string>& scenarios) {
  Pack pack = io::read_pack(pack_or_default(pack_arg));
  scenarios = add_scenario_files(pack, scenarios, plugins.allow_other_pack);
  const plugin::PluginRegistry registry = load_plugins(plugins);
  // The sources keep their libraries loaded after the registry goes.
  return Engine(std::move(pack), registry.sources());
}

}  // namespace cspcast::cli

// SPDX-License-Identifier: MIT
// What every command shares: one definition of each kind of common option
// (its default taken from the command's options struct), the table that
// maps the library's option fields to flags, plugin loading and the pack.
#pragma once

#include <cspcast/engine/engine.hpp>
#include <cspcast/error.hpp>
#include <cspcast/options.hpp>
#include <cspcast/plugin/registry.hpp>

#include <boost/program_options.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace cspcast::cli {

namespace po = boost::program_options;

inline constexpr int kOk = 0;
inline constexpr int kFailure = 1;
inline constexpr int kUsage = 2;
inline constexpr int kInternal = 70;

// One definition of each kind of common option. Each default is the
// current value of the variable bound (the options struct's default).
void add_help(po::options_description& d);
void add_pack(po::options_description& d, std::string& pack);
/// A seed as typed: digits only, 0 to 2^64 - 1 (usage error otherwise).
std::uint64_t parse_seed(const std::string& text);
void add_seed(po::options_description& d, std::uint64_t& seed);
void add_paths(po::options_description& d, int& paths, const char* what);
void add_threads(po::options_description& d, int& threads);
/// --format with the formats this command writes, e.g. {"table", "json"}.
void add_format(po::options_description& d,
                std::string& format,
                const std::vector<std::string>& formats);
/// --out naming one file.
void add_out_file(po::options_description& d,
                  std::string& out,
                  const char* what);
/// --out naming a folder to write several files into.
void add_out_dir(po::options_description& d,
                 std::string& out,
                 const char* what);

struct PluginOptions {
  std::vector<std::string> dirs;
  bool strict = false;
  bool allow_other_pack = false;  // --allow-other-pack (scenario files)
};
po::options_description plugin_options(PluginOptions& o);
/// --allow-other-pack, for commands that take scenario files.
po::options_description pack_options(PluginOptions& o);
/// A pack command's options: its own, then the plugin and scenario-file
/// groups every such command shares.
po::options_description with_pack_options(const po::options_description& own,
                                          PluginOptions& o);
/// Where plugins were looked for and how to point cspcast elsewhere.
std::string no_plugin_hint(const plugin::DiscoveryOptions& d);
/// Loads the plugins (warnings for failures and for finding none;
/// --strict-plugins fails).
plugin::PluginRegistry load_plugins(const PluginOptions& o);

/// Parses; prints the help and returns true when --help was given.
bool parse(const std::vector<std::string>& args,
           const po::options_description& options,
           const char* usage,
           const po::positional_options_description* positional = nullptr);

/// The flag of a library option field (`paths` -> `--paths`).
std::string flag_of(const std::string& field);
/// A usage error (exit 2) listing every problem, with flags for fields.
void check_options(const std::vector<OptionProblem>& problems);
/// The format is one of `formats`, else a usage error.
void check_format(const std::string& format,
                  const std::vector<std::string>& formats);
/// Runs `f`; a ConfigError about an option's value becomes a usage error.
template <typename F>
auto as_usage(F&& f) {
  try {
    return f();
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    const auto colon = what.find(':');
    throw po::error(colon == std::string::npos
                        ? what
                        : flag_of(what.substr(0, colon)) + what.substr(colon));
  }
}

/// The most memory a command may plan to use, in bytes:
/// CSPCAST_MEMORY_LIMIT_MB when set, else 80% of this machine's memory.
std::uint64_t memory_limit();
/// A usage error (exit 2) when `bytes` (an estimate made before the work)
/// is above memory_limit(): "<option>: <what> needs about X GB ...".
void check_memory(std::uint64_t bytes,
                  const std::string& option,
                  const std::string& what);
/// check_memory for a run of `engine` with `options` (--paths, or
/// --max-paths with --precision).
void check_run_memory(const Engine& engine, const RunOptions& options);

/// The pack folder given, or the bundled Maidstone pack.
std::string pack_or_default(const std::string& pack);
/// Reads the pack, adds the scenario files named among `scenarios` (they
/// become names), loads the plugins and builds the engine.
Engine make_engine(const std::string& pack,
                   const PluginOptions& plugins,
                   std::vector<std::string>& scenarios);

}  // namespace cspcast::cli

// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/distribution.hpp>
#include <cspcast/indicator.hpp>
#include <cspcast/population.hpp>
#include <cspcast/scenario.hpp>
#include <cspcast/series.hpp>
#include <cspcast/target.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace cspcast {

/// A known change in recording practice at `from`. Before fitting, the
/// history before `from` is multiplied by the factor to put the whole series
/// on the new basis. The factor may be uncertain: the engine then fits one
/// model per equal-probability stratum of the factor and each path uses its
/// own stratum (docs/scenarios.md). With `carry_forward` (the default) the
/// projection and the history that targets look back on are on the new
/// basis; without it, everything is put back on the old basis.
struct CSPCAST_CORE_API RecordingChange {
  std::string indicator;
  YearMonth from;
  Distribution factor;  // the multiplier itself (lognormal: its median)
  bool carry_forward = true;
  std::string note;
  std::string where;
  /// The factor at probability u in (0, 1).
  [[nodiscard]] double factor_at(double u) const;
};

/// The plugin an indicator belongs to: the part of `priority.name` before
/// the dot.
CSPCAST_CORE_API std::string plugin_of(const std::string& indicator);

/// A comparator (the Kent average, the best four districts) for one
/// indicator: a monthly series on the target's basis (monthly rate
/// contributions for rates, monthly percentages for shares), projected like
/// an indicator.
struct Comparator {
  std::string id;
  std::string indicator;
  Basis basis;
  MonthlySeries history;
  std::string source;
  std::string where;
};

/// A pack file with its checksum, for the run manifest.
struct PackFile {
  std::string path;  // relative to the pack folder
  std::string fnv1a64;
};

/// A partnership pack: history, population, comparators, recording changes,
/// targets and scenarios, validated on reading.
struct CSPCAST_CORE_API Pack {
  std::filesystem::path dir;
  std::string name;
  std::string title;
  YearMonth horizon;                                 // last projected month
  std::map<std::string, MonthlySeries> history;      // by indicator id
  std::map<std::string, std::string> history_where;  // first row's file:line
  std::map<std::string, std::vector<int>> history_lines;  // line of each value
  std::string history_file;
  /// Months marked `reconstructed` or `assumed` in history.csv's optional
  /// `quality` column (observed months are not listed).
  std::map<std::string, std::map<YearMonth, std::string>> history_quality;
  /// Population years marked `projected` or `assumed` in population.csv's
  /// optional `basis` column, by group.
  std::map<std::string, std::map<int, std::string>> population_basis;
  PopulationTable population;
  std::vector<Comparator> comparators;
  /// Companion series (a cohort size, an exposure) from the optional
  /// companions file: series (an indicator id, or `comparator:indicator`)
  /// -> companion name -> monthly series. Checked against the plugins'
  /// declarations by the engine.
  std::map<std::string, std::map<std::string, MonthlySeries>> companions;
  /// The first row's file:line of each companion, keyed `series|name`.
  std::map<std::string, std::string> companion_where;
  std::vector<RecordingChange> recording_changes;
  /// Model kinds chosen in pack.toml's [models] table (for example from
  /// `cspcast backtest`), replacing the plugins' choice; the plugin's
  /// transform is kept.
  std::map<std::string, ModelKind> model_overrides;
  std::vector<Target> targets;
  std::vector<Scenario> scenarios;  // resolved: inheritance applied
  std::vector<PackFile> files;
  /// FNV-1a 64 (hex) over the pack's own files and their checksums: what a
  /// written scenario records to be run against the same pack only.
  std::string fingerprint;

  [[nodiscard]] const Comparator* find_comparator(
      const std::string& id, const std::string& indicator) const;
  [[nodiscard]] const Scenario* find_scenario(const std::string& name) const;
};

/// Reads and validates `dir/pack.toml` and everything it names. Throws
/// ConfigError or DataError naming file, line and field.
CSPCAST_CORE_API Pack read_pack(const std::filesystem::path& dir);

/// A file read from outside the pack folder (a scenario file given on the
/// command line), with its checksum, for the run manifest.
CSPCAST_CORE_API PackFile checksum_file(const std::filesystem::path& file);

/// Reads one scenario file and resolves it against `known` (for
/// `extends`). Used by read_pack and by `cspcast run --scenario FILE`.
CSPCAST_CORE_API Scenario read_scenario_file(
    const std::filesystem::path& file, const std::vector<Scenario>& known);

}  // namespace cspcast

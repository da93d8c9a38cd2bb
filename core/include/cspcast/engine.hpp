// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/eigen_types.hpp>
#include <cspcast/pack.hpp>
#include <cspcast/plugin/registry.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace cspcast {

struct RunOptions {
  int paths = 4000;
  std::uint64_t seed = 20150401;
  int threads = 0;                     // 0: hardware concurrency
  std::vector<std::string> scenarios;  // empty: every scenario of the pack
  [[nodiscard]] std::vector<std::string> problems() const;
};

/// On track at P(met) >= 0.8, at risk from 0.5, off track below.
CSPCAST_CORE_API std::string status_of(double p_met);

struct TargetOutcome {
  std::string target;
  std::string scenario;
  std::string indicator;
  std::string period;
  std::string basis;
  double p_met = 0.0;
  double p_met_se = 0.0;
  double mean = 0.0;
  double median = 0.0;
  double lo80 = 0.0;
  double hi80 = 0.0;
  double threshold_median = 0.0;  // the bar the value is judged against
  std::string status;
};

/// Paired comparison of two scenarios on one target, path by path.
struct PairOutcome {
  std::string target;
  std::string scenario_a;
  std::string scenario_b;
  double p_a_better = 0.0;  // A's margin over the bar exceeds B's
  double p_b_better = 0.0;
  double mean_difference = 0.0;  // E[value A - value B] in the target's basis
  double mean_difference_se = 0.0;
  double p_met_difference = 0.0;  // P(met | A) - P(met | B)
};

struct SeriesModelInfo {
  std::string series;  // indicator id, or comparator:indicator
  std::string plugin;  // owning plugin (empty for comparators)
  std::string model;
  int history_months = 0;
  std::string recording_change;  // empty: none
};

struct PluginStamp {
  std::string name;
  std::string version;
  std::string path;
};

struct RunResult {
  RunOptions options;
  int threads_used = 1;
  std::string pack_name;
  std::string pack_dir;
  std::vector<PackFile> pack_files;
  std::vector<PluginStamp> plugins;
  std::vector<std::string> scenarios;
  std::vector<TargetOutcome> outcomes;  // target-major, scenario order
  std::vector<PairOutcome> pairs;
  std::vector<SeriesModelInfo> models;
  std::map<std::string, std::string> best_scenario;  // target -> scenario
};

/// Per-path values of one target under one scenario.
struct TargetPaths {
  Vector value;      // the indicator in the target period and basis
  Vector threshold;  // the bar on each path
  Vector margin;     // signed distance to the bar; > 0 is better
  std::vector<char> met;
};

/// Runs a pack: fits a model per indicator and comparator, simulates
/// baseline paths once, applies each scenario on the same paths (common
/// random numbers) and evaluates every target. Results do not depend on the
/// thread count.
class CSPCAST_CORE_API Engine {
 public:
  /// Validates the pack against the plugins' declarations (indicators,
  /// units, levers); throws ConfigError/DataError naming file and line.
  Engine(Pack pack, std::vector<plugin::GuardedModel> models);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;

  [[nodiscard]] const Pack& pack() const;

  /// Fits and simulates the baseline (idempotent for the same options).
  void prepare(const RunOptions& options);
  /// The full run: prepare, every scenario, every target, every pair.
  [[nodiscard]] RunResult run(const RunOptions& options);
  /// One target under one scenario, after prepare().
  [[nodiscard]] TargetPaths evaluate(const Target& target,
                                     const Scenario& scenario) const;
  /// P(met) of `target` under `scenario`, after prepare().
  [[nodiscard]] double probability(const Target& target,
                                   const Scenario& scenario) const;
  /// Checks a scenario against the plugins (levers, indicators, horizon).
  void validate(const Scenario& scenario) const;
  /// The lever of that id, or nullptr.
  [[nodiscard]] const Lever* find_lever(const std::string& id) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cspcast

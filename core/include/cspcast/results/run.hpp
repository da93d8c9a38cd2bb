// SPDX-License-Identifier: MIT
// What a run of a pack produces: per target and scenario the probability
// that the target is met, the paired comparisons, the models used and the
// manifest behind them. The engine fills it; the report room writes it.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/eigen_types.hpp>
#include <cspcast/options.hpp>
#include <cspcast/pack.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace cspcast {

struct CSPCAST_CORE_API RunOptions {
  int paths = 4000;
  std::uint64_t seed = 20150401;
  int threads = 0;                     // 0: hardware concurrency
  std::vector<std::string> scenarios;  // empty: every scenario of the pack
  /// paths in [100, 10000000], threads >= 0 (docs/user-guide.md).
  [[nodiscard]] std::vector<OptionProblem> problems() const;
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

}  // namespace cspcast

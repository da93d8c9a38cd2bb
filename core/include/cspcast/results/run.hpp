// SPDX-License-Identifier: MIT
// What a run of a pack produces: per target and scenario the probability
// that the target is met, the paired comparisons, the models used and the
// manifest behind them. The engine fills it; the report room writes it.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/eigen_types.hpp>
#include <cspcast/options.hpp>
#include <cspcast/pack.hpp>
#include <cspcast/year_month.hpp>

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
  /// With a positive precision, the run doubles its paths (from `paths`,
  /// up to `max_paths`) until every status is settled (no threshold within
  /// its 95% Monte Carlo interval) or every standard error is at most
  /// `precision`. Path p is the same path at any count, so the result is
  /// the run at the final count.
  double precision = 0.0;
  int max_paths = 128'000;
  /// Also summarise the paths month by month (RunResult::fans): for the
  /// charts of `cspcast report` and the fan files of `run --out`.
  bool fans = false;
  /// Keep every projected month of every series. Without it (and without
  /// fans) prepare() keeps only the months the pack's targets read, so
  /// Engine::evaluate() of any other target needs it.
  bool all_months = false;
  /// paths in [100, 10000000], threads in [0, 1024], precision in [0, 0.5),
  /// max_paths in [paths, 10000000] (docs/user-guide.md).
  [[nodiscard]] std::vector<OptionProblem> problems() const;
};

/// The thresholds of the statuses: on track at P(met) >= 0.8, at risk from
/// 0.5, off track below.
inline constexpr double kOnTrack = 0.8;
inline constexpr double kAtRisk = 0.5;
/// Below this P(met), no scenario is named best: none meets the target.
inline constexpr double kBestFloor = 0.1;

/// A 95% Monte Carlo interval of a probability.
struct ProbabilityInterval {
  double lo = 0.0;
  double hi = 1.0;
};
/// The Wilson score interval of a proportion `p` from `n` paths (close to
/// p +- 1.96 se, and still inside [0, 1] near 0 and 1).
CSPCAST_CORE_API ProbabilityInterval probability_interval(double p, double n);

/// On track at P(met) >= 0.8, at risk from 0.5, off track below.
CSPCAST_CORE_API std::string status_of(double p_met);
/// The status, or "borderline" when a threshold (0.5 or 0.8) lies inside
/// the interval: the verdict would change within Monte Carlo error.
CSPCAST_CORE_API std::string status_of(double p_met,
                                       const ProbabilityInterval& ci);
/// For a borderline status: the two statuses it lies between
/// ("at risk or on track"); empty otherwise.
CSPCAST_CORE_API std::string borderline_between(double p_met,
                                                const ProbabilityInterval& ci);

struct TargetOutcome {
  std::string target;
  std::string scenario;
  std::string indicator;
  std::string period;
  std::string basis;
  double p_met = 0.0;
  double p_met_se = 0.0;
  ProbabilityInterval p_met_ci;  // 95% Monte Carlo interval (Wilson)
  double mean = 0.0;
  double median = 0.0;
  double lo80 = 0.0;
  double hi80 = 0.0;
  double threshold_median = 0.0;  // the bar the value is judged against
  std::string status;             // on track, at risk, off track or borderline
  std::string borderline;         // "at risk or on track" when borderline
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

/// One month of a fan: quantiles over the paths.
struct FanPoint {
  YearMonth month;
  bool history = false;  // every value in the window is observed history
  double median = 0.0;
  double lo50 = 0.0;
  double hi50 = 0.0;
  double lo80 = 0.0;
  double hi80 = 0.0;
  double lo95 = 0.0;
  double hi95 = 0.0;
  double bar = 0.0;  // the bar's median (target fans)
};

/// The projection of one series under one scenario, month by month.
/// `kind` "indicator": the monthly value on the indicator's scale, from the
/// first projected month. `kind` "target": the value on the target's basis
/// over the window of the target period's length ending in each month
/// (a rolling 12-month rate), from two years before the history ends to
/// the end of the last judged period, with the bar; and the histogram of
/// the value in the (last) judged period.
struct Fan {
  std::string kind;
  std::string scenario;
  std::string series;  // indicator id, or target id
  std::string basis;
  std::vector<FanPoint> points;
  std::vector<double> histogram_edges;  // target fans: bins + 1 edges
  std::vector<double> histogram;        // share of paths in each bin
};

struct SeriesModelInfo {
  std::string series;  // indicator id, or comparator:indicator
  std::string plugin;  // owning plugin (empty for comparators)
  std::string model;
  int history_months = 0;
  std::string recording_change;  // empty: none
  /// A plugin's own model described with its fitted values (empty for
  /// the core's models).
  std::string fitted;
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
  /// target -> scenario: named only when it beats the next by more than
  /// the paired 95% Monte Carlo error and reaches P(met) >= kBestFloor.
  std::map<std::string, std::string> best_scenario;
  /// target -> why no scenario is named, when none is.
  std::map<std::string, std::string> no_best_reason;
  /// What the run accepted but a reader must know (a comparator whose
  /// history ends long before its indicator's), with file and line.
  std::vector<std::string> warnings;
  /// With RunOptions::precision: the paths each round used.
  std::vector<int> precision_rounds;
  /// With RunOptions::fans: indicator fans (scenario-major), then target
  /// fans (target-major, scenario order).
  std::vector<Fan> fans;
};

/// Per-path values of one target under one scenario.
struct TargetPaths {
  Vector value;      // the indicator in the target period and basis
  Vector threshold;  // the bar on each path
  Vector margin;     // signed distance to the bar; > 0 is better
  std::vector<char> met;
};

}  // namespace cspcast

// SPDX-License-Identifier: MIT
// What `cspcast solve` is asked and what it answers.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/options.hpp>
#include <cspcast/results/run.hpp>
#include <cspcast/scenario.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cspcast {

/// The sensitivity band on the probability: the effects for P(met) = p -
/// band and p + band are reported beside the solved one.
inline constexpr double kSolveBand = 0.05;

/// What `cspcast solve` is asked: the smallest effect of one lever (or a
/// uniform effect on the target's indicator) that brings P(met) of one
/// target to `probability` on top of a base scenario.
struct CSPCAST_CORE_API SolveRequest {
  std::string target;
  std::string scenario;  // the base scenario
  double probability = 0.8;
  std::string lever;               // empty: the target's indicator itself
  std::optional<YearMonth> start;  // new interventions: default the month
                                   // after the indicator's history
  int ramp_months = 0;
  /// probability in (0, 1), ramp_months >= 0.
  [[nodiscard]] std::vector<OptionProblem> problems() const;
};

struct CSPCAST_CORE_API SolveResult {
  SolveRequest request;
  std::string indicator;  // the indicator the effect acts on
  double range_lo = 0.0;  // the effects the search may use
  double range_hi = 0.0;
  double p_without = 0.0;  // P(met) with this lever's effect at zero
  bool already_met = false;
  bool reachable = false;
  double effect = 0.0;       // the solved effect (relative, -0.1 = -10%)
  double p_at_effect = 0.0;  // P(met) at that effect
  double effect_se = 0.0;    // Monte Carlo standard error of the effect
  double effect_low = 0.0;   // effect for P(met) = probability - 0.05
  double effect_high = 0.0;  // effect for P(met) = probability + 0.05
  double best_effect = 0.0;  // the end of the range with the higher P(met)
  double best_p = 0.0;
  std::string replaced_key;  // the base intervention replaced, if any
  RunOptions options;        // seed and paths the answer holds for
  std::string pack;          // the pack folder
  std::string pack_name;
  std::string pack_fingerprint;  // Pack::fingerprint
  Scenario solved;               // the base scenario with the solved effect
};

}  // namespace cspcast

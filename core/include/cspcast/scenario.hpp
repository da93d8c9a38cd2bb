// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/distribution.hpp>
#include <cspcast/lever.hpp>
#include <cspcast/population.hpp>
#include <cspcast/year_month.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cspcast {

/// One action over the baseline: on a lever (declared by a plugin) or
/// directly on an indicator. Its relative effect at full strength is one
/// draw per path from `effect`. Strength over time: 0 before `start`,
/// rising linearly over `ramp_months`, full until `duration_months` after
/// start, then halving every `half_life_months` (0: stops at once).
struct CSPCAST_CORE_API Intervention {
  std::string lever;      // `priority.lever`, or empty
  std::string indicator;  // the indicator acted on (from the lever if set)
  YearMonth start;
  int ramp_months = 0;
  std::optional<int> duration_months;  // empty: to the horizon
  double half_life_months = 0.0;
  Distribution effect;
  /// Spillovers replacing the lever's defaults (when set in the scenario).
  std::optional<std::vector<Spillover>> spillovers;
  std::string note;
  /// An intervention that started before the end of its indicator's
  /// history is refused unless this is set: the history already holds part
  /// of its effect, and the projection from the fitted trend would count it
  /// again. Set, the effect applies to the projected months only, at the
  /// strength it has reached by then (docs/scenarios.md).
  bool allow_in_history = false;
  /// Identifies the intervention across scenarios: the same key draws the
  /// same effect on every path (common random numbers).
  std::string key;
  std::string where;  // file and line, for messages

  /// Strength in [0, 1] at month t.
  [[nodiscard]] double strength(YearMonth t) const;
};

/// A named set of interventions over the baseline.
struct Scenario {
  std::string name;
  std::string title;
  std::string description;
  std::string extends;  // parent scenario name, or empty
  std::vector<Intervention> interventions;
  /// Population years and growth rates that replace the pack's for rates
  /// (a population projection); inherited with `extends`.
  PopulationTable population;
  std::string file;
  /// The pack a written scenario was made for (`cspcast solve
  /// --write-scenario`): its name and fingerprint; empty for a pack's own.
  std::string pack;
  std::string pack_fingerprint;
  std::string pack_where;  // file:line of `pack`, for messages
};

}  // namespace cspcast

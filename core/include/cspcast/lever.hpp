// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/distribution.hpp>

#include <string>
#include <vector>

namespace cspcast {

/// An effect of a lever on another indicator, as a fraction of its own
/// relative effect (0.5: half the effect).
struct Spillover {
  std::string indicator;
  double fraction = 0.0;
  std::string reason;
};

/// An action of a priority's action plan that a scenario can pull.
struct Lever {
  std::string id;         // `priority.name`
  std::string title;      // as the action plan words it
  std::string indicator;  // the indicator it acts on
  /// Relative effect on that indicator at full strength (negative lowers).
  Distribution default_effect;
  std::string mechanism;     // how it works
  std::string source;        // where the prior comes from
  double min_effect = -0.9;  // the range the solver may search
  double max_effect = 0.9;
  std::vector<Spillover> spillovers;
};

}  // namespace cspcast

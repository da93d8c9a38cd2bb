// SPDX-License-Identifier: MIT
// The effect a lever needs for a target to reach a probability of being met.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/engine/engine.hpp>
#include <cspcast/results/solve.hpp>

namespace cspcast {

/// Solves by bisection on common random numbers (the paths and every other
/// effect draw stay fixed, so P(met) is a step function of the effect).
/// Throws ConfigError for an unknown target, scenario or lever, or a
/// request with problems().
CSPCAST_CORE_API SolveResult solve(Engine& engine,
                                   const SolveRequest& request,
                                   const RunOptions& options);

}  // namespace cspcast

// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/results/solve.hpp>

#include <string>

namespace cspcast::report {

/// The answer in words: the range searched, P(met) without the effect, the
/// effect needed with its Monte Carlo error and the band around it.
CSPCAST_CORE_API std::string solve_summary(const SolveResult& r);
/// The solved scenario as TOML: `extends` the base scenario and sets the
/// solved intervention (same key: it replaces the base's).
CSPCAST_CORE_API std::string solved_scenario_toml(const SolveResult& r);
/// The result as JSON.
CSPCAST_CORE_API std::string solve_json(const SolveResult& r);

}  // namespace cspcast::report

// SPDX-License-Identifier: MIT
// `cspcast run` and `compare` outputs: the committee table, CSV and JSON.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/results/run.hpp>

#include <string>

namespace cspcast::report {

/// results.json: outcomes, pairs, best scenario per target, models and the
/// manifest (seed, paths, pack files with checksums, plugins, version).
CSPCAST_CORE_API std::string results_json(const RunResult& result);
/// One row per scenario and target:
/// scenario,target,indicator,period,basis,p_met,p_met_se,mean,median,lo80,hi80,bar,status
CSPCAST_CORE_API std::string results_csv(const RunResult& result);
/// The fans (RunOptions::fans) as CSV: `kind,scenario,series,basis,month,
/// history,median,lo50,hi50,lo80,hi80,lo95,hi95,bar`.
CSPCAST_CORE_API std::string fans_csv(const RunResult& result);
/// The committee table: per target and scenario, P(met), median, 80%
/// interval, the bar and a status; then the best scenario per target.
CSPCAST_CORE_API std::string results_table(const RunResult& result);
/// target,scenario_a,scenario_b,p_a_better,p_b_better,mean_difference,...
CSPCAST_CORE_API std::string pairs_csv(const RunResult& result);
CSPCAST_CORE_API std::string pairs_table(const RunResult& result);
/// The comparisons with the run manifest (seed, paths, inputs, versions).
CSPCAST_CORE_API std::string comparison_json(const RunResult& result);

}  // namespace cspcast::report

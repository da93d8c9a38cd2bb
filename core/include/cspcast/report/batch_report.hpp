// SPDX-License-Identifier: MIT
// Several packs run in one process (`cspcast batch`, or `run` with more
// than one --pack): one results table with a `pack` column, a summary of
// statuses per pack and scenario, and one manifest.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/results/run.hpp>

#include <string>
#include <vector>

namespace cspcast::report {

/// Every outcome of every pack, as results.csv with `pack` first.
CSPCAST_CORE_API std::string batch_results_csv(
    const std::vector<RunResult>& runs);
/// Per pack and scenario: targets on track, at risk, off track and
/// borderline (`pack,scenario,targets,on_track,at_risk,off_track,
/// borderline`).
CSPCAST_CORE_API std::string batch_summary_csv(
    const std::vector<RunResult>& runs);
/// The summary as a table for the terminal.
CSPCAST_CORE_API std::string batch_summary_table(
    const std::vector<RunResult>& runs);
/// One manifest (version, seed, paths, every pack with its files and
/// plugins) and every outcome with its pack.
CSPCAST_CORE_API std::string batch_json(const std::vector<RunResult>& runs);

}  // namespace cspcast::report

// SPDX-License-Identifier: MIT
// Several packs run in one process, or across MPI ranks (`cspcast batch`,
// or `run` with more than one --pack): one results table with a `pack`
// column, a summary of statuses per pack and scenario, and one manifest.
// Each pack's part is text made where the pack ran (PackOutput), so that
// the parts can be gathered from other ranks and joined in pack order.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/results/run.hpp>

#include <string>
#include <vector>

namespace cspcast::report {

/// One pack's part of a batch's outputs.
struct PackOutput {
  std::string name;
  std::string results_csv;    // rows with the pack column, no header
  std::string results_json;   // its results (manifest without execution facts)
  std::string summary_csv;    // rows, no header
  std::string summary_table;  // rows, no header
  std::string header_csv;     // the results.csv header with `pack`
};
CSPCAST_CORE_API PackOutput pack_output(const RunResult& run);
/// The fields of a PackOutput in order (for sending between ranks).
CSPCAST_CORE_API std::vector<std::string> fields_of(const PackOutput& p);
CSPCAST_CORE_API PackOutput
pack_output_from(const std::vector<std::string>& fields);

/// Every outcome of every pack, as results.csv with `pack` first.
CSPCAST_CORE_API std::string batch_results_csv(
    const std::vector<PackOutput>& packs);
/// Per pack and scenario: targets on track, at risk, off track and
/// borderline (`pack,scenario,targets,on_track,at_risk,off_track,
/// borderline`).
CSPCAST_CORE_API std::string batch_summary_csv(
    const std::vector<PackOutput>& packs);
/// The summary as a table for the terminal.
CSPCAST_CORE_API std::string batch_summary_table(
    const std::vector<PackOutput>& packs, const RunOptions& options);
/// One manifest (version, seed, paths) and each pack's results with its
/// own manifest (files, checksums, plugins).
CSPCAST_CORE_API std::string batch_json(const std::vector<PackOutput>& packs,
                                        const RunOptions& options);

}  // namespace cspcast::report

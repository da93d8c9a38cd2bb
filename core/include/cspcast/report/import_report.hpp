// SPDX-License-Identifier: MIT
// What the importers write: the tidy series CSV (`series_id,month,value`
// plus the area's name and ONS code), the breaks beside it, and the
// population table in the pack's format.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/results/import.hpp>

#include <string>

namespace cspcast::report {

/// `# <provenance>` then `series_id,month,value,area,area_code`, one row a
/// month (none for a gap), sorted by series and month. Whole counts are
/// written without decimals, sums of probabilities with up to 10 digits.
CSPCAST_CORE_API std::string imported_series_csv(const ImportResult& r);

/// `group,month,ended,started,factor` (the lists `;`-separated).
CSPCAST_CORE_API std::string breaks_csv(const ImportResult& r);

/// `area,area_code,group,year,population,basis` (`basis` is `estimate`).
CSPCAST_CORE_API std::string population_csv(const PopulationImport& p);

/// Where the breaks of a series file go: `series.csv` -> `series.breaks.csv`.
CSPCAST_CORE_API std::string breaks_path(const std::string& series_file);

}  // namespace cspcast::report

// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/io/series_csv.hpp>
#include <cspcast/results/anticipated.hpp>

#include <string>
#include <vector>

namespace cspcast {

/// Kent-style anticipated volumes of the latest 12 months of each monthly
/// series: each month's share of the year over the `years` years before
/// it, applied to the level chosen (the previous 12 months, or the latest
/// year's own total), with the expected range of +- z standard deviations
/// of that share. Throws DataError naming `input` (and the series' first
/// line) when a series has no months or too few of them.
CSPCAST_CORE_API AnticipatedResult
anticipated(const std::vector<io::InputSeries>& series,
            const AnticipatedOptions& options,
            const std::string& input);

}  // namespace cspcast

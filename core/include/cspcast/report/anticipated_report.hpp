// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/results/anticipated.hpp>

#include <string>

namespace cspcast::report {

/// Per series, the latest year's months against their anticipated volume
/// and range, the months outside it flagged ABOVE or BELOW; then the count.
CSPCAST_CORE_API std::string anticipated_table(const AnticipatedResult& r);
/// anticipated_table without its closing line (for a group of series).
CSPCAST_CORE_API std::string anticipated_series_table(
    const AnticipatedResult& r);
/// The closing line: months outside the range, series skipped.
CSPCAST_CORE_API std::string anticipated_summary(int outside, int skipped);
/// `series_id,month,value,anticipated,lower,upper,outside,years_used,note`;
/// a skipped series is one row with `outside` = `skipped` and the reason
/// as its note.
CSPCAST_CORE_API std::string anticipated_csv(const AnticipatedResult& r);

}  // namespace cspcast::report

// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/results/anticipated.hpp>

#include <string>

namespace cspcast::report {

/// Per series, the latest year's months against their anticipated volume
/// and range, the months outside it flagged ABOVE or BELOW; then the count.
CSPCAST_CORE_API std::string anticipated_table(const AnticipatedResult& r);
/// `series_id,month,value,anticipated,lower,upper,outside`.
CSPCAST_CORE_API std::string anticipated_csv(const AnticipatedResult& r);

}  // namespace cspcast::report

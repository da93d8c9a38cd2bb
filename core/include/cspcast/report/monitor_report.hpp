// SPDX-License-Identifier: MIT
// `cspcast monitor` as a table, CSV and JSON.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/results/monitor.hpp>

#include <string>

namespace cspcast::report {

/// One line per indicator: latest month, value, anticipated and range,
/// flag; then the financial year to date.
CSPCAST_CORE_API std::string monitor_table(const MonitorResult& r);
/// `indicator,month,value,anticipated,lower,upper,quality,outside,flagged`
/// for every month shown, then `fytd` rows
/// (`indicator,fytd:<from>..<to>,actual,anticipated,lower,upper,,outside,
/// flagged`).
CSPCAST_CORE_API std::string monitor_csv(const MonitorResult& r);
CSPCAST_CORE_API std::string monitor_json(const MonitorResult& r);

}  // namespace cspcast::report

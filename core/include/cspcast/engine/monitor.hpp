// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/pack.hpp>
#include <cspcast/results/monitor.hpp>

namespace cspcast {

/// Each indicator of `pack` against its anticipated volumes: the 12 months
/// to `options.month` (default: the indicator's last month) against the
/// seasonal pattern of up to `options.years` years before them, applied to
/// the level of the 12 months before (what could be anticipated in
/// advance), and the financial year to date. An indicator with under two
/// years of history before the month is listed with a note.
CSPCAST_CORE_API MonitorResult monitor(const Pack& pack,
                                       const MonitorOptions& options);

}  // namespace cspcast

// SPDX-License-Identifier: MIT
// The monthly monitoring view of a pack (`cspcast monitor`, the report's
// monitoring section): each indicator's latest year against its
// anticipated volumes (Kent practice), and the financial year to date.
#pragma once

#include <cspcast/results/anticipated.hpp>
#include <cspcast/year_month.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cspcast {

struct MonitorOptions {
  std::optional<YearMonth> month;  // the latest month shown (default: last)
  int years = 5;                   // at most this many years of pattern
  double z = 1.96;
};

struct MonitorMonth {
  AnticipatedMonth m;
  std::string quality;  // observed, reconstructed or assumed
  /// Outside its range on an observed month: an exception to look into.
  /// A reconstructed or assumed month is never flagged.
  bool flagged = false;
};

struct MonitorIndicator {
  std::string indicator;
  int years_used = 0;  // years of seasonal pattern behind the anticipation
  /// A percentage or level (averaged over the year to date) rather than a
  /// count (summed).
  bool averaged = false;
  std::vector<MonitorMonth> months;  // the 12 months ending at the latest
  // Financial year to date (April to the latest month).
  YearMonth fytd_from;
  double fytd_actual = 0.0;
  double fytd_anticipated = 0.0;
  double fytd_lower = 0.0;
  double fytd_upper = 0.0;
  bool fytd_outside = false;
  bool fytd_flagged = false;  // outside, and every month of it observed
  std::string note;           // why an indicator could not be monitored
};

struct MonitorResult {
  MonitorOptions options;
  std::string pack_name;
  std::vector<MonitorIndicator> indicators;
};

}  // namespace cspcast

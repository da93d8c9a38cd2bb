// SPDX-License-Identifier: MIT
// Kent-style anticipated volumes of the latest year of each series.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/options.hpp>
#include <cspcast/year_month.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cspcast {

/// The annual level the seasonal shares are applied to.
enum class AnticipatedLevel {
  kPrevious,  // the 12 months before the latest year (known in advance)
  kLatest,    // the latest year's own total
};
CSPCAST_CORE_API std::string to_string(AnticipatedLevel level);
CSPCAST_CORE_API std::optional<AnticipatedLevel> parse_anticipated_level(
    std::string_view text);
CSPCAST_CORE_API std::string anticipated_level_choices();

struct CSPCAST_CORE_API AnticipatedOptions {
  int years = 5;    // years of seasonality before the latest year
  double z = 1.96;  // half-width of the range in sd of each month's share
  AnticipatedLevel level = AnticipatedLevel::kPrevious;
  /// years in 1..50, z in (0, 10].
  [[nodiscard]] std::vector<OptionProblem> problems() const;
};

/// One month of the latest year against its anticipated volume.
struct AnticipatedMonth {
  YearMonth month;
  double value = 0.0;
  double anticipated = 0.0;
  double lower = 0.0;
  double upper = 0.0;
  [[nodiscard]] bool above() const { return value > upper; }
  [[nodiscard]] bool below() const { return value < lower; }
  [[nodiscard]] bool outside() const { return above() || below(); }
};

struct AnticipatedSeries {
  std::string id;
  YearMonth latest_from;  // the first month of the latest year
  int years_used = 0;     // reference years with events (the pattern's)
  std::string note;       // why fewer years than asked were used, if so
  std::array<AnticipatedMonth, 12> months;
  /// Why this series has no anticipated volumes (too short), with its file
  /// and line; empty when it has them. The others are not held up by it.
  std::string skipped;
};

struct AnticipatedResult {
  AnticipatedOptions options;
  std::vector<AnticipatedSeries> series;
  [[nodiscard]] int skipped() const {
    int n = 0;
    for (const auto& s : series) n += s.skipped.empty() ? 0 : 1;
    return n;
  }
  [[nodiscard]] int outside() const {
    int n = 0;
    for (const auto& s : series) {
      if (!s.skipped.empty()) continue;
      for (const auto& m : s.months) n += m.outside() ? 1 : 0;
    }
    return n;
  }
};

}  // namespace cspcast

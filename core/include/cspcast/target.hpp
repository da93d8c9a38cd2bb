// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/year_month.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cspcast {

/// How the plan states a target (section 6 of the Maidstone plan has each).
enum class TargetKind {
  kAtMost,             // value <= threshold
  kAtLeast,            // value >= threshold
  kBelowComparator,    // value < comparator (strictly: "maintain under")
  kReachComparator,    // value <= comparator ("reduce to the Kent average")
  kAtLeastComparator,  // value >= comparator ("encourage reporting to match")
  kHalfDifference,     // value <= base + (comparator in base period - base) / 2
  kNearZero,           // |value| <= tolerance
  kMaintain,           // |value / base - 1| <= tolerance
};
CSPCAST_CORE_API std::string to_string(TargetKind kind);
CSPCAST_CORE_API std::optional<TargetKind> parse_target_kind(
    std::string_view text);
CSPCAST_CORE_API std::string target_kind_choices();
/// Whether the target compares with a (simulated) comparator series.
CSPCAST_CORE_API bool uses_comparator(TargetKind kind);

/// The scale on which the target is stated.
enum class BasisKind { kCount, kPer1000, kPer10000, kPercentage, kLevel };
CSPCAST_CORE_API std::string to_string(BasisKind kind);
CSPCAST_CORE_API std::optional<BasisKind> parse_basis_kind(
    std::string_view text);
CSPCAST_CORE_API std::string basis_kind_choices();

struct Basis {
  BasisKind kind = BasisKind::kCount;
  std::string population_group = "all";  // for rates
  /// People per unit of the rate: 1,000 or 10,000 (1 otherwise).
  [[nodiscard]] double per() const {
    return kind == BasisKind::kPer1000    ? 1000.0
           : kind == BasisKind::kPer10000 ? 10000.0
                                          : 1.0;
  }
  [[nodiscard]] bool is_rate() const {
    return kind == BasisKind::kPer1000 || kind == BasisKind::kPer10000;
  }
};

/// A plan target as data.
struct Target {
  std::string id;
  std::string title;      // as the plan words it
  std::string indicator;  // `priority.name`
  TargetKind kind = TargetKind::kAtMost;
  Basis basis;
  Period period;  // when it is judged (the last period)
  /// Every period it is judged over, in time order, the last being
  /// `period` (`periods = [...]` or `each_year_from` in targets.toml): met
  /// on a path when it holds in each of them. Empty: `period` alone.
  std::vector<Period> periods;
  std::optional<double> value;        // threshold for at_most / at_least
  std::string comparator;             // comparator id, e.g. `kent`
  std::optional<Period> base_period;  // for half_difference and maintain
  double tolerance = 0.0;  // near_zero (absolute), maintain (relative)
  std::string source;      // plan section and row
  std::string note;        // judgements made in reading it
  std::string where;       // file and line, for messages

  /// The periods it is judged over: `periods`, or `period` alone.
  [[nodiscard]] std::vector<Period> judged_periods() const {
    return periods.empty() ? std::vector<Period>{period} : periods;
  }
  /// `FY2017/18`, or `each of FY2015/16 to FY2017/18`.
  [[nodiscard]] std::string period_label() const {
    return periods.size() < 2 ? period.label
                              : "each of " + periods.front().label + " to " +
                                    periods.back().label;
  }
};

/// One path judged against a target.
struct TargetCheck {
  double bar = 0.0;     // the value the indicator is judged against
  double margin = 0.0;  // signed distance to the bar; > 0 is better
  bool met = false;
};

/// Judges a target-period `value` on one path. `comparator` is the
/// comparator's value on the same path (in the target period, or the base
/// period for half_difference); `base` the indicator's base-period value
/// (half_difference, maintain). Unused arguments are ignored.
CSPCAST_CORE_API TargetCheck check_target(const Target& target,
                                          double value,
                                          double comparator,
                                          double base);

}  // namespace cspcast

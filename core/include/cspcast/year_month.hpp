// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace cspcast {

/// A calendar month, stored as months since January of year 0 so that
/// arithmetic is plain integer arithmetic.
class CSPCAST_CORE_API YearMonth {
 public:
  constexpr YearMonth() = default;
  constexpr YearMonth(int year, int month) : index_(year * 12 + (month - 1)) {}
  static constexpr YearMonth from_index(int index) {
    YearMonth ym;
    ym.index_ = index;
    return ym;
  }
  /// Parses `YYYY-MM`; nullopt when malformed or the month is not 1..12.
  static std::optional<YearMonth> parse(std::string_view text);

  [[nodiscard]] constexpr int index() const { return index_; }
  [[nodiscard]] constexpr int year() const { return index_ / 12; }
  [[nodiscard]] constexpr int month() const { return index_ % 12 + 1; }
  [[nodiscard]] std::string str() const;
  /// Financial year (April to March) that contains this month, named by
  /// its starting calendar year.
  [[nodiscard]] constexpr int financial_year() const {
    return month() >= 4 ? year() : year() - 1;
  }

  constexpr YearMonth operator+(int months) const {
    return from_index(index_ + months);
  }
  constexpr YearMonth operator-(int months) const {
    return from_index(index_ - months);
  }
  constexpr int operator-(YearMonth other) const {
    return index_ - other.index_;
  }
  constexpr auto operator<=>(const YearMonth&) const = default;

 private:
  int index_ = 0;
};

/// A closed range of months with a label such as `FY2017/18`.
struct CSPCAST_CORE_API Period {
  YearMonth first;
  YearMonth last;
  std::string label;

  [[nodiscard]] int months() const { return last - first + 1; }
  /// The year whose mid-year population estimate (30 June) a rate over
  /// this period divides by: the year of the period's middle month. A
  /// financial year April 2013 to March 2014 uses 2013; the twelve months
  /// ending September 2014 (October 2013 to September 2014) use 2014.
  [[nodiscard]] int population_year() const {
    return (first + (months() - 1) / 2).year();
  }
  /// Parses `FY2017/18` (April 2017 to March 2018), `CY2017` (calendar
  /// year) or `R12:2018-03` (the twelve months ending March 2018).
  static std::optional<Period> parse(std::string_view text);
};

}  // namespace cspcast

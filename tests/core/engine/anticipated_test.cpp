// SPDX-License-Identifier: MIT
// Anticipated volumes in the library (they were computed in the CLI).
#include <cspcast/engine/anticipated.hpp>
#include <cspcast/error.hpp>

#include <gtest/gtest.h>

namespace cspcast {
namespace {

io::InputSeries flat_with_spike(int years) {
  io::InputSeries s;
  s.id = "asb";
  s.first_month = YearMonth(2010, 1);
  for (int i = 0; i < 12 * years; ++i) {
    // The same seasonal shape every year, a spike in the last June.
    // Year-to-year noise that sums to zero over each year and over the
    // reference years for each month: shares keep their mean, and each
    // month's share varies (sd 3 / total).
    const int year = i / 12;
    const double sign = (i % 12) % 2 == 0 ? 1.0 : -1.0;
    const double noise = year < 4 ? (year % 2 == 0 ? 3.0 : -3.0) : 0.0;
    double v = 100.0 + 10.0 * (i % 12) + sign * noise;
    if (i == 12 * years - 7) v *= 2.0;
    s.values.push_back(v);
    s.lines.push_back(i + 2);
  }
  return s;
}

TEST(Anticipated, ASeasonalPatternAnticipatesEveryMonthButTheSpike) {
  AnticipatedOptions o;
  o.level = AnticipatedLevel::kPrevious;
  const auto r = anticipated({flat_with_spike(6)}, o, "in.csv");
  ASSERT_EQ(r.series.size(), 1U);
  const auto& s = r.series[0];
  EXPECT_EQ(s.latest_from.str(), "2015-01");
  EXPECT_EQ(r.outside(), 1);
  EXPECT_TRUE(s.months[5].above());
  // Unchanged months are anticipated exactly (mean shares x the previous
  // year's total), with a range from the shares' spread.
  EXPECT_NEAR(s.months[0].anticipated, 100.0, 1e-9);
  EXPECT_NEAR(s.months[11].anticipated, 210.0, 1e-9);
  EXPECT_GT(s.months[0].upper - s.months[0].lower, 1.0);
  EXPECT_FALSE(s.months[0].outside());
}

TEST(Anticipated, TooShortASeriesIsSkippedNamingFileLineAndNeed) {
  io::InputSeries other = flat_with_spike(6);
  other.id = "other";
  const auto r =
      anticipated({flat_with_spike(3), other}, AnticipatedOptions{}, "in.csv");
  ASSERT_EQ(r.series.size(), 2U);
  EXPECT_EQ(r.series[0].skipped,
            "in.csv:2: series 'asb' has 36 months; anticipated volumes over "
            "5 years need 72");
  EXPECT_TRUE(r.series[1].skipped.empty());
  EXPECT_EQ(r.skipped(), 1);
  EXPECT_EQ(r.outside(), 1);  // the other series' spike only
  AnticipatedOptions bad;
  bad.years = 0;
  EXPECT_THROW((void)anticipated({}, bad, "in.csv"), ConfigError);
}

}  // namespace
}  // namespace cspcast

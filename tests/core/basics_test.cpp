// SPDX-License-Identifier: MIT
#include <cspcast/distribution.hpp>
#include <cspcast/target.hpp>
#include <cspcast/year_month.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace cspcast {
namespace {

// Quantile functions are closed form or Boost.Math: agreement to 1e-9.
constexpr double kExact = 1e-9;

TEST(YearMonth, ParsesAndFormats) {
  const auto ym = YearMonth::parse("2017-04");
  ASSERT_TRUE(ym);
  EXPECT_EQ(ym->year(), 2017);
  EXPECT_EQ(ym->month(), 4);
  EXPECT_EQ(ym->str(), "2017-04");
  EXPECT_EQ((*ym + 9).str(), "2018-01");
  EXPECT_EQ(ym->financial_year(), 2017);
  EXPECT_EQ(YearMonth(2018, 3).financial_year(), 2017);
}

TEST(YearMonth, RejectsMalformedMonths) {
  EXPECT_FALSE(YearMonth::parse("2017-13"));
  EXPECT_FALSE(YearMonth::parse("2017-00"));
  EXPECT_FALSE(YearMonth::parse("2017/04"));
  EXPECT_FALSE(YearMonth::parse("17-04"));
  EXPECT_FALSE(YearMonth::parse("2017-4"));
}

TEST(Period, ParsesFinancialCalendarAndRollingYears) {
  const auto fy = Period::parse("FY2017/18");
  ASSERT_TRUE(fy);
  EXPECT_EQ(fy->first, YearMonth(2017, 4));
  EXPECT_EQ(fy->last, YearMonth(2018, 3));
  EXPECT_EQ(fy->months(), 12);
  const auto cy = Period::parse("CY2016");
  ASSERT_TRUE(cy);
  EXPECT_EQ(cy->first, YearMonth(2016, 1));
  const auto r12 = Period::parse("R12:2018-03");
  ASSERT_TRUE(r12);
  EXPECT_EQ(r12->first, YearMonth(2017, 4));
  EXPECT_FALSE(Period::parse("FY2017/19"));
  EXPECT_FALSE(Period::parse("2017"));
}

TEST(Distribution, QuantilesMatchHandComputedValues) {
  const Distribution uniform{DistributionKind::kUniform, -0.2, 0.0, 0.0};
  EXPECT_NEAR(uniform.quantile(0.25), -0.15, kExact);
  const Distribution tri{DistributionKind::kTriangular, -0.1, -0.05, 0.0};
  EXPECT_NEAR(tri.quantile(0.5), -0.05, kExact);  // symmetric: mode is median
  EXPECT_NEAR(
      tri.quantile(0.125), -0.1 + std::sqrt(0.125 * 0.1 * 0.05), kExact);
  const Distribution normal{DistributionKind::kNormal, -0.05, 0.02, 0.0};
  EXPECT_NEAR(normal.quantile(0.5), -0.05, kExact);
  EXPECT_NEAR(normal.quantile(0.975), -0.05 + 1.959963984540054 * 0.02, 1e-9);
  const Distribution logn{DistributionKind::kLognormal, -0.1, 0.2, 0.0};
  EXPECT_NEAR(logn.quantile(0.5), -0.1, kExact);
  const Distribution pert{DistributionKind::kPert, -0.1, -0.05, 0.0};
  EXPECT_NEAR(pert.quantile(0.5), -0.05, 1e-9);
  EXPECT_NEAR(pert.mean(), -0.05, kExact);
}

TEST(Distribution, ReportsImpossibleParameters) {
  EXPECT_TRUE(
      Distribution({DistributionKind::kNormal, 0.0, -1.0, 0.0}).problem());
  EXPECT_TRUE(
      Distribution({DistributionKind::kTriangular, 0.0, 0.5, 0.2}).problem());
  EXPECT_TRUE(
      Distribution({DistributionKind::kUniform, 0.1, 0.0, 0.0}).problem());
  EXPECT_TRUE(
      Distribution({DistributionKind::kFixed, -1.5, 0.0, 0.0}).problem());
  EXPECT_TRUE(
      Distribution({DistributionKind::kNormal, -0.5, 0.2, 0.0}).problem());
  EXPECT_FALSE(
      Distribution({DistributionKind::kPert, -0.1, -0.05, 0.0}).problem());
}

TEST(Distribution, QuantileIsMonotoneInProbability) {
  const Distribution pert{DistributionKind::kPert, -0.3, -0.1, 0.05};
  double prev = -1.0;
  for (int i = 1; i < 100; ++i) {
    const double q = pert.quantile(i / 100.0);
    EXPECT_GT(q, prev);
    prev = q;
  }
}

TEST(TargetKind, RoundTripsNames) {
  for (const char* name : {"at_most",
                           "at_least",
                           "below_comparator",
                           "reach_comparator",
                           "at_least_comparator",
                           "half_difference",
                           "near_zero",
                           "maintain"}) {
    const auto kind = parse_target_kind(name);
    ASSERT_TRUE(kind) << name;
    EXPECT_EQ(to_string(*kind), name);
  }
  EXPECT_FALSE(parse_target_kind("at_mostest"));
}

}  // namespace
}  // namespace cspcast

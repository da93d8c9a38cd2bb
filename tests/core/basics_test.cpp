// SPDX-License-Identifier: MIT
#include <cspcast/distribution.hpp>
#include <cspcast/target.hpp>
#include <cspcast/year_month.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

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

TEST(Period, ARateDividesByTheMidYearPopulationInsideThePeriod) {
  EXPECT_EQ(Period::parse("FY2013/14")->population_year(), 2013);
  EXPECT_EQ(Period::parse("CY2014")->population_year(), 2014);
  // October 2013 to September 2014 holds 30 June 2014, not 30 June 2013.
  EXPECT_EQ(Period::parse("R12:2014-09")->population_year(), 2014);
  EXPECT_EQ(Period::parse("R12:2014-03")->population_year(), 2013);
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

TEST(Distribution, InverseCdfAgreesWithQuantileToTheLastPlaces) {
  // PERT shapes from 1 to 5 on each side (mode at either end, skewed,
  // symmetric), probabilities across (0, 1) including the far tails.
  const std::vector<Distribution> shapes = {
      {DistributionKind::kPert, -0.08, -0.03, 0.01},
      {DistributionKind::kPert, -0.3, -0.3, 0.05},
      {DistributionKind::kPert, -0.3, 0.05, 0.05},
      {DistributionKind::kPert, -0.2, -0.1, 0.0},
      {DistributionKind::kPert, 0.0, 0.0001, 0.5},
      {DistributionKind::kNormal, -0.04, 0.02, 0.0},
      {DistributionKind::kTriangular, -0.06, -0.03, 0.0}};
  for (const Distribution& d : shapes) {
    const InverseCdf inverse(d);
    double worst = 0.0;
    for (int i = 0; i < 20000; ++i) {
      const double u = (i + 0.5) / 20000.0;
      for (const double p : {u, u * 1e-9, 1.0 - u * 1e-9}) {
        const double want = d.quantile(p);
        const double got = inverse(p);
        const double scale = std::max(std::abs(want), d.c - d.a);
        worst = std::max(worst, std::abs(got - want) / scale);
      }
    }
    EXPECT_LE(worst, 2e-15) << d.describe();  // a few units in the last place
  }
}

TEST(Distribution, InverseCdfInterpolatesEveryPertShapeButTheEnds) {
  // Every PERT shape (alpha + beta = 6, alpha from 1 to 5): the quintic
  // pieces pass their check everywhere but the two end pieces (and, for a
  // shape near 1, one or two next to them), so draws take the fast path;
  // and they agree with the quantile.
  for (int i = 0; i <= 40; ++i) {
    const double mode = -0.1 + 0.15 * i / 40.0;
    const Distribution d{DistributionKind::kPert, -0.1, mode, 0.05};
    const InverseCdf inverse(d);
    EXPECT_LE(inverse.searched_pieces(), 4) << d.describe();
    double worst = 0.0;
    for (int k = 1; k < 2000; ++k) {
      const double u = k / 2000.0;
      worst = std::max(worst, std::abs(inverse(u) - d.quantile(u)) / 0.15);
    }
    EXPECT_LE(worst, 2e-15) << d.describe();
  }
  EXPECT_EQ(
      InverseCdf({DistributionKind::kNormal, 0.0, 1.0, 0.0}).searched_pieces(),
      0);
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

namespace cspcast {
namespace {

Target target_of(TargetKind kind,
                 std::optional<double> value = std::nullopt,
                 double tolerance = 0.0) {
  Target t;
  t.kind = kind;
  t.value = value;
  t.tolerance = tolerance;
  return t;
}

TEST(TargetCheck, EveryKindOnHandMadeValues) {
  // at most 19 per 1,000 (ASB): 18.9 meets it, 19.1 does not, 19 does.
  const Target at_most = target_of(TargetKind::kAtMost, 19.0);
  EXPECT_TRUE(check_target(at_most, 18.9, 0, 0).met);
  EXPECT_TRUE(check_target(at_most, 19.0, 0, 0).met);
  EXPECT_FALSE(check_target(at_most, 19.1, 0, 0).met);
  EXPECT_NEAR(check_target(at_most, 18.5, 0, 0).margin, 0.5, 1e-12);
  // at least 3,000 students (RUSH).
  const Target at_least = target_of(TargetKind::kAtLeast, 3000.0);
  EXPECT_TRUE(check_target(at_least, 3000, 0, 0).met);
  EXPECT_FALSE(check_target(at_least, 2999, 0, 0).met);
  EXPECT_NEAR(check_target(at_least, 3100, 0, 0).margin, 100, 1e-12);
  // maintain under the KCC value: strictly below.
  const Target below = target_of(TargetKind::kBelowComparator);
  EXPECT_TRUE(check_target(below, 8.9, 9.0, 0).met);
  EXPECT_FALSE(check_target(below, 9.0, 9.0, 0).met);
  EXPECT_NEAR(check_target(below, 8.0, 9.0, 0).bar, 9.0, 1e-12);
  // reduce to the Kent average: equal is enough.
  const Target reach = target_of(TargetKind::kReachComparator);
  EXPECT_TRUE(check_target(reach, 9.0, 9.0, 0).met);
  EXPECT_FALSE(check_target(reach, 9.01, 9.0, 0).met);
  // encourage reporting to match Kent: at least the comparator.
  const Target at_least_c = target_of(TargetKind::kAtLeastComparator);
  EXPECT_TRUE(check_target(at_least_c, 14.8, 14.7, 0).met);
  EXPECT_FALSE(check_target(at_least_c, 14.6, 14.7, 0).met);
  EXPECT_NEAR(check_target(at_least_c, 14.6, 14.7, 0).margin, -0.1, 1e-12);
  // half the difference: 2.86 in the base period against a comparator of
  // 1.90 gives a bar of 2.86 + (1.90 - 2.86) / 2 = 2.38.
  const Target half = target_of(TargetKind::kHalfDifference);
  const TargetCheck h = check_target(half, 2.30, 1.90, 2.86);
  EXPECT_NEAR(h.bar, 2.38, 1e-12);
  EXPECT_TRUE(h.met);
  EXPECT_FALSE(check_target(half, 2.39, 1.90, 2.86).met);
  // near zero: actual minus predicted reoffending within 1 point.
  const Target zero = target_of(TargetKind::kNearZero, std::nullopt, 1.0);
  EXPECT_TRUE(check_target(zero, -0.9, 0, 0).met);
  EXPECT_TRUE(check_target(zero, 1.0, 0, 0).met);
  EXPECT_FALSE(check_target(zero, -1.2, 0, 0).met);
  EXPECT_NEAR(check_target(zero, -0.25, 0, 0).margin, 0.75, 1e-12);
  // maintain within 10% of the base (MARAC repeats 22%).
  const Target keep = target_of(TargetKind::kMaintain, std::nullopt, 0.1);
  EXPECT_TRUE(check_target(keep, 24.1, 0, 22.0).met);
  EXPECT_TRUE(check_target(keep, 19.9, 0, 22.0).met);
  EXPECT_FALSE(check_target(keep, 24.3, 0, 22.0).met);
  EXPECT_FALSE(check_target(keep, 19.7, 0, 22.0).met);
  EXPECT_NEAR(check_target(keep, 23.1, 0, 22.0).margin, 0.05, 1e-12);
}

}  // namespace
}  // namespace cspcast

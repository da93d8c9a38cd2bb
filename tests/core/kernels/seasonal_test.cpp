// SPDX-License-Identifier: MIT
#include "support/eigen_matchers.hpp"

#include <cspcast/error.hpp>
#include <cspcast/kernels/seasonal.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace cspcast::kernels {
namespace {

// Shares are ratios of small integers: exact to rounding.
constexpr double kExact = 1e-12;

TEST(SeasonalProfile, MatchesHandComputedShares) {
  Vector y(8);
  y << 1, 2, 3, 4, 2, 2, 2, 2;  // cycle totals 10 and 8
  Vector shares(4);
  Vector spread(4);
  seasonal_profile(y, 4, 2, shares, spread);
  Vector expected(4);
  expected << (0.1 + 0.25) / 2, (0.2 + 0.25) / 2, (0.3 + 0.25) / 2,
      (0.4 + 0.25) / 2;
  EXPECT_VEC_NEAR(shares, expected, kExact);
  // Sample sd of two values a, b is |a - b| / sqrt(2).
  Vector sd(4);
  sd << 0.15, 0.05, 0.05, 0.15;
  EXPECT_VEC_NEAR(spread, sd / std::sqrt(2.0), kExact);
}

TEST(SeasonalProfile, UsesTheLastCyclesOnly) {
  Vector y(12);
  y << 100, 0, 0, 0, 1, 2, 3, 4, 1, 2, 3, 4;
  Vector shares(4);
  Vector spread(4);
  seasonal_profile(y, 4, 2, shares, spread);
  Vector expected(4);
  expected << 0.1, 0.2, 0.3, 0.4;
  EXPECT_VEC_NEAR(shares, expected, kExact);
  EXPECT_VEC_NEAR(spread, Vector::Zero(4), kExact);
}

TEST(AnticipatedVolumes, AppliesPastSharesToTheLatestYear) {
  Vector y(12);
  y << 1, 2, 3, 4, 2, 4, 6, 8, 10, 10, 10, 10;  // last cycle total 40
  Vector ant(4);
  Vector lo(4);
  Vector hi(4);
  anticipated_volumes(y, 4, 2, 2.0, ant, lo, hi);
  Vector expected(4);
  expected << 4, 8, 12, 16;
  EXPECT_VEC_NEAR(ant, expected, kExact);
  EXPECT_VEC_NEAR(lo, expected, kExact);  // identical shares: no spread
  EXPECT_VEC_NEAR(hi, expected, kExact);
}

TEST(AnticipatedVolumes, DynamicPeriodAgreesWithFixed) {
  Vector y(60);
  for (int i = 0; i < 60; ++i) y(i) = 10.0 + (i % 12) + 0.1 * i;
  Vector a12(12);
  Vector s12(12);
  seasonal_profile(y, 12, 5, a12, s12);
  // Period 6 twice over the same data uses the dynamic path.
  Vector a6(6);
  Vector s6(6);
  seasonal_profile(y, 6, 10, a6, s6);
  EXPECT_NEAR(a6.sum(), 1.0, kExact);
  EXPECT_NEAR(a12.sum(), 1.0, kExact);
}

TEST(SeasonalProfile, RejectsShortSeriesAndNegativeTotals) {
  Vector y(5);
  y << 1, 2, 3, 4, 5;
  Vector s(4);
  Vector d(4);
  EXPECT_THROW(seasonal_profile(y, 4, 2, s, d), DataError);
  Vector n(8);
  n << 1, 1, 1, 1, -1, -1, -1, -1;
  EXPECT_THROW(seasonal_profile(n, 4, 2, s, d), DataError);
}

// A cycle without events has no shares: it is left out, and with none
// left the shares are equal.
TEST(SeasonalProfile, LeavesOutCyclesWithoutEvents) {
  Vector s(4);
  Vector d(4);
  Vector y(12);
  y << 1, 2, 3, 4, 0, 0, 0, 0, 4, 3, 2, 1;
  EXPECT_EQ(seasonal_profile(y, 4, 3, s, d), 2);
  EXPECT_NEAR(s(0), 0.25, kExact);  // (0.1 + 0.4) / 2
  EXPECT_NEAR(s(1), 0.25, kExact);
  EXPECT_NEAR(d(0), std::sqrt(0.045), 1e-12);  // sd of 0.1 and 0.4
  Vector z = Vector::Zero(8);
  EXPECT_EQ(seasonal_profile(z, 4, 2, s, d), 0);
  EXPECT_NEAR(s(2), 0.25, kExact);
  EXPECT_EQ(d(2), 0.0);
}

}  // namespace
}  // namespace cspcast::kernels

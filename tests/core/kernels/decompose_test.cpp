// SPDX-License-Identifier: MIT
// Decompositions against R's stats::stl and stats::decompose on published
// series (tests/data/make_reference.R writes the reference files).
#include "support/reference_data.hpp"

#include <cspcast/error.hpp>
#include <cspcast/kernels/decompose.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace cspcast::kernels {
namespace {

using test::as_vector;
using test::read_columns;

void expect_close(const Vector& got,
                  const std::vector<double>& want,
                  double tol,
                  const char* what) {
  ASSERT_EQ(got.size(), static_cast<Eigen::Index>(want.size())) << what;
  double worst = 0.0;
  for (Eigen::Index i = 0; i < got.size(); ++i) {
    const double w = want[static_cast<std::size_t>(i)];
    if (std::isnan(w)) {
      EXPECT_TRUE(std::isnan(got(i))) << what << " at " << i;
      continue;
    }
    worst = std::max(worst, std::abs(got(i) - w));
  }
  EXPECT_LT(worst, tol) << what;
}

TEST(Stl, PeriodicMatchesRsStlOnNottem) {
  auto ref = read_columns("stl_nottem.csv");
  const Vector y = as_vector(ref["nottem"]);
  const Decomposition d = stl(y, 12);
  expect_close(d.seasonal, ref["stl_periodic_seasonal"], 1e-9, "seasonal");
  expect_close(d.trend, ref["stl_periodic_trend"], 1e-9, "trend");
  const Vector sum = d.trend + d.seasonal + d.remainder;
  EXPECT_LT((sum - y).cwiseAbs().maxCoeff(), 1e-12);
}

TEST(Stl, SeasonalWindowSevenMatchesRsStl) {
  auto ref = read_columns("stl_nottem.csv");
  const Vector y = as_vector(ref["nottem"]);
  StlOptions o;
  o.seasonal_window = 7;
  const Decomposition d = stl(y, 12, o);
  expect_close(d.seasonal, ref["stl7_seasonal"], 1e-9, "seasonal");
  expect_close(d.trend, ref["stl7_trend"], 1e-9, "trend");
}

TEST(Stl, RobustMatchesRsStl) {
  auto ref = read_columns("stl_nottem.csv");
  const Vector y = as_vector(ref["nottem"]);
  StlOptions o;
  o.seasonal_window = 7;
  o.inner = 1;
  o.outer = 5;
  const Decomposition d = stl(y, 12, o);
  expect_close(d.seasonal, ref["stl7_robust_seasonal"], 1e-9, "seasonal");
  expect_close(d.trend, ref["stl7_robust_trend"], 1e-9, "trend");
}

TEST(Stl, RecoversAnExactTrendAndSeason) {
  // y = 10 + 0.5 t + a fixed zero-mean pattern: periodic STL is exact.
  const double pattern[4] = {3.0, -1.0, -4.0, 2.0};
  Vector y(40);
  for (int t = 0; t < 40; ++t) y(t) = 10.0 + 0.5 * t + pattern[t % 4];
  StlOptions o;
  o.inner = 20;
  const Decomposition d = stl(y, 4, o);
  for (int t = 0; t < 40; ++t) {
    EXPECT_NEAR(d.seasonal(t), pattern[t % 4], 1e-6) << t;
    EXPECT_NEAR(d.trend(t), 10.0 + 0.5 * t, 1e-6) << t;
  }
}

TEST(ClassicalDecomposition, MatchesRsDecomposeOnCo2) {
  auto ref = read_columns("decompose_co2.csv");
  const Vector y = as_vector(ref["co2"]);
  const Decomposition a =
      classical_decomposition(y, 12, DecompositionType::kAdditive);
  expect_close(a.trend, ref["add_trend"], 1e-9, "additive trend");
  expect_close(a.seasonal, ref["add_seasonal"], 1e-9, "additive seasonal");
  const Decomposition m =
      classical_decomposition(y, 12, DecompositionType::kMultiplicative);
  expect_close(m.trend, ref["mult_trend"], 1e-9, "multiplicative trend");
  expect_close(
      m.seasonal, ref["mult_seasonal"], 1e-12, "multiplicative seasonal");
}

TEST(ClassicalDecomposition, HandComputedSmallCase) {
  // Period 2: trend(t) = (y(t-1) + 2 y(t) + y(t+1)) / 4.
  Vector y(6);
  y << 1, 3, 2, 4, 3, 5;
  const Decomposition d =
      classical_decomposition(y, 2, DecompositionType::kAdditive);
  EXPECT_TRUE(std::isnan(d.trend(0)));
  EXPECT_DOUBLE_EQ(d.trend(1), (1 + 6 + 2) / 4.0);
  EXPECT_DOUBLE_EQ(d.trend(2), (3 + 4 + 4) / 4.0);
  // Position 0 detrended: t=2: 2-2.75, t=4: 3-3.75 -> -0.75; position 1:
  // t=1: 3-2.25, t=3: 4-3.25 -> 0.75; already zero-mean.
  EXPECT_DOUBLE_EQ(d.figure(0), -0.75);
  EXPECT_DOUBLE_EQ(d.figure(1), 0.75);
}

TEST(ClassicalDecomposition, RefusesShortOrNonPositiveSeries) {
  Vector y = Vector::Constant(20, 5.0);
  EXPECT_THROW(
      (void)classical_decomposition(y, 12, DecompositionType::kAdditive),
      DataError);
  Vector z = Vector::Constant(30, 5.0);
  z(3) = 0.0;
  EXPECT_THROW(
      (void)classical_decomposition(z, 12, DecompositionType::kMultiplicative),
      DataError);
}

TEST(SeasonalityTest, FindsASeasonAndNotNoise) {
  auto ref = read_columns("stl_nottem.csv");
  EXPECT_TRUE(seasonality_test(as_vector(ref["nottem"]), 12));
  Vector trend(60);
  for (int t = 0; t < 60; ++t) trend(t) = 100.0 + t;
  EXPECT_FALSE(seasonality_test(trend, 12));
}

}  // namespace
}  // namespace cspcast::kernels

// SPDX-License-Identifier: MIT
#include <cspcast/error.hpp>
#include <cspcast/kernels/count.hpp>
#include <cspcast/kernels/random.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace cspcast::kernels {
namespace {

TEST(CountModel, PathsAreWholeNonNegativeNumbersAroundTheRate) {
  Rng rng(3, 3);
  Vector y(60);
  for (int t = 0; t < 60; ++t) y(t) = rng.poisson(5.0);
  const auto fit = fit_count_model(y, 12);
  Matrix paths(12, 4000);
  fit->simulate(1, 1, 0, paths);
  EXPECT_TRUE((paths.array() >= 0.0).all());
  EXPECT_TRUE((paths.array() == paths.array().floor()).all());
  // The sample mean of 60 Poisson(5) counts is within 0.9 of 5 (3 se).
  EXPECT_NEAR(paths.mean(), 5.0, 0.9);
  EXPECT_NEAR(paths.mean(), y.mean(), 0.3);
}

TEST(CountModel, RejectsNegativeAndFractionalCounts) {
  Vector y = Vector::Constant(24, 3.0);
  y(4) = -1.0;
  EXPECT_THROW((void)fit_count_model(y, 12), DataError);
  y(4) = 2.5;
  EXPECT_THROW((void)fit_count_model(y, 12), DataError);
  EXPECT_THROW((void)fit_count_model(Vector::Constant(6, 1.0), 12), DataError);
}

TEST(CountModel, AllZeroSeriesGivesSmallCounts) {
  const auto fit = fit_count_model(Vector::Zero(36), 12);
  Vector point(12);
  fit->point(point);
  EXPECT_GT(point.minCoeff(), 0.0);
  EXPECT_LT(point.maxCoeff(), 0.1);
}

}  // namespace
}  // namespace cspcast::kernels

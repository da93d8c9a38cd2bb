// SPDX-License-Identifier: MIT
#include <cspcast/error.hpp>
#include <cspcast/kernels/count.hpp>
#include <cspcast/kernels/forecast_model.hpp>
#include <cspcast/kernels/random.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

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

namespace cspcast::kernels {
namespace {

// Binomial draws (the cohort model's noise): whole, within 0..n, with the
// binomial's mean, variance and CDF, on both of its algorithms (inversion
// from zero for small n p, from the mode above) and for p above 0.5.
TEST(RandomBinomial, FollowsTheWholeProbabilityMassFunction) {
  // Every value, not only the mean and spread: the whole distribution of
  // 400,000 draws against the exact CDF (by lgamma), on both sides of the
  // switch from inversion to BTRS (a mean of 10) and on the cohort sizes
  // of the Maidstone pack.
  struct Case {
    double n;
    double p;
  };
  for (const Case c : {Case{40, 0.24},
                       Case{45, 0.23},
                       Case{348, 0.26},
                       Case{3412, 0.27},
                       Case{1000, 0.6}}) {
    Rng rng(7, static_cast<std::uint64_t>(c.n * 1000.0 * c.p));
    constexpr int kDraws = 400000;
    std::vector<double> freq(static_cast<std::size_t>(c.n) + 1, 0.0);
    for (int i = 0; i < kDraws; ++i) {
      freq[static_cast<std::size_t>(rng.binomial(c.n, c.p))] += 1.0 / kDraws;
    }
    // The largest gap between the empirical and the exact CDF (a
    // discrete Kolmogorov-Smirnov distance); sampling noise alone is
    // below 0.0025 here (1.63 / sqrt(400,000): the 1% level).
    double ecdf = 0.0;
    double cdf = 0.0;
    double gap = 0.0;
    for (std::size_t k = 0; k < freq.size(); ++k) {
      const auto kd = static_cast<double>(k);
      cdf += std::exp(std::lgamma(c.n + 1) - std::lgamma(kd + 1) -
                      std::lgamma(c.n - kd + 1) + kd * std::log(c.p) +
                      (c.n - kd) * std::log1p(-c.p));
      ecdf += freq[k];
      gap = std::max(gap, std::abs(ecdf - cdf));
    }
    EXPECT_LT(gap, 0.0026) << c.n << " " << c.p;
  }
}

TEST(RandomBinomial, MatchesTheBinomialDistribution) {
  struct Case {
    double n;
    double p;
  };
  for (const Case c : {Case{20, 0.3},
                       Case{348, 0.09},
                       Case{60, 0.17},
                       Case{348, 0.26},
                       Case{3412, 0.1},
                       Case{100, 0.8},
                       Case{5, 0.5}}) {
    Rng rng(42, static_cast<std::uint64_t>(c.n));
    constexpr int kDraws = 200000;
    double sum = 0.0;
    double sum2 = 0.0;
    const double mean = c.n * c.p;
    const double k0 = std::floor(mean);
    int at_most_k0 = 0;
    for (int i = 0; i < kDraws; ++i) {
      const double x = rng.binomial(c.n, c.p);
      ASSERT_EQ(x, std::floor(x));
      ASSERT_GE(x, 0.0);
      ASSERT_LE(x, c.n);
      sum += x;
      sum2 += x * x;
      at_most_k0 += x <= k0 ? 1 : 0;
    }
    const double var = c.n * c.p * (1.0 - c.p);
    const double m = sum / kDraws;
    EXPECT_NEAR(m, mean, 5.0 * std::sqrt(var / kDraws)) << c.n << " " << c.p;
    EXPECT_NEAR(sum2 / kDraws - m * m, var, 0.02 * var) << c.n << " " << c.p;
    // P(X <= floor(mean)) against the exact CDF.
    double cdf = 0.0;
    for (double k = 0; k <= k0; k += 1.0) {
      cdf += std::exp(std::lgamma(c.n + 1) - std::lgamma(k + 1) -
                      std::lgamma(c.n - k + 1) + k * std::log(c.p) +
                      (c.n - k) * std::log1p(-c.p));
    }
    EXPECT_NEAR(static_cast<double>(at_most_k0) / kDraws, cdf, 0.005)
        << c.n << " " << c.p;
  }
  Rng rng(1, 1);
  EXPECT_EQ(rng.binomial(0, 0.5), 0.0);
  EXPECT_EQ(rng.binomial(10, 0.0), 0.0);
  EXPECT_EQ(rng.binomial(10, 1.0), 10.0);
}

}  // namespace
}  // namespace cspcast::kernels

namespace cspcast::kernels {
namespace {

// The count model's draws: negative binomial (and Poisson) by inversion of
// one uniform, with the distribution's mean and variance on both of its
// searches (from zero, from the mode).
TEST(RandomNegativeBinomial, MatchesMeanAndVariance) {
  struct Case {
    double mean;
    double size;
  };
  const double inf = std::numeric_limits<double>::infinity();
  for (const Case c : {Case{0.4, 2.0},
                       Case{3.0, 0.7},
                       Case{12.0, 5.0},
                       Case{45.0, 8.0},
                       Case{2.5, inf},
                       Case{80.0, inf}}) {
    Rng rng(9, static_cast<std::uint64_t>(c.mean * 10));
    constexpr int kDraws = 200000;
    double sum = 0.0;
    double sum2 = 0.0;
    for (int i = 0; i < kDraws; ++i) {
      const double x = rng.negative_binomial(c.mean, c.size);
      ASSERT_EQ(x, std::floor(x));
      ASSERT_GE(x, 0.0);
      sum += x;
      sum2 += x * x;
    }
    const double var =
        c.mean + (std::isfinite(c.size) ? c.mean * c.mean / c.size : 0.0);
    const double m = sum / kDraws;
    EXPECT_NEAR(m, c.mean, 5.0 * std::sqrt(var / kDraws)) << c.mean;
    EXPECT_NEAR(sum2 / kDraws - m * m, var, 0.03 * var) << c.mean;
  }
}

// Skipping the months no one reads leaves the others as they were.
TEST(CountModel, MonthsNotReadAreSkippedWithoutChangingTheOthers) {
  Vector y(48);
  for (Eigen::Index t = 0; t < y.size(); ++t) {
    y(t) = static_cast<double>((t * 7) % 5 + (t % 12 < 6 ? 3 : 0));
  }
  const auto m =
      fit_forecast_model(y, 12, {ModelKind::kCount, Transform::kNone});
  Matrix all(24, 30);
  Matrix later(24, 30);
  m->simulate_paths(3, 4, 0, 1, all, 0);
  m->simulate_paths(3, 4, 0, 1, later, 15);
  EXPECT_EQ(all.bottomRows(9), later.bottomRows(9));
}

}  // namespace
}  // namespace cspcast::kernels

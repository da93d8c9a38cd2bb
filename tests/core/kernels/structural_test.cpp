// SPDX-License-Identifier: MIT
// The structural model against Durbin & Koopman (2012) section 8.2 (the
// figures KFAS reproduces) on the UK drivers KSI series (R's Seatbelts).
#include "support/reference_data.hpp"

#include <cspcast/kernels/random.hpp>
#include <cspcast/kernels/structural.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace cspcast::kernels {
namespace {

struct Seatbelts {
  Vector log_drivers;
  Vector log_petrol;
  Vector law;
};

// Log drivers, log petrol price and the law (tests/data/seatbelts.csv).
Seatbelts read_seatbelts() {
  auto c = test::read_columns("seatbelts.csv");
  for (double& v : c["drivers"]) v = std::log(v);
  for (double& v : c["PetrolPrice"]) v = std::log(v);
  return {test::as_vector(c["drivers"]),
          test::as_vector(c["PetrolPrice"]),
          test::as_vector(c["law"])};
}

TEST(Structural, ReproducesDurbinKoopmanOnTheSeatbeltLaw) {
  const Seatbelts s = read_seatbelts();
  ASSERT_EQ(s.log_drivers.size(), 192);
  const StructuralSpec spec{false, 12};
  // Local level and trigonometric seasonal, no regressors.
  const Matrix none(192, 0);
  const StructuralFit plain = fit_structural(spec, s.log_drivers, none);
  EXPECT_NEAR(plain.variances.irregular / 0.00341598, 1.0, 0.01);
  EXPECT_NEAR(plain.variances.level / 0.000935852, 1.0, 0.01);
  EXPECT_NEAR(plain.variances.seasonal / 5.01096e-7, 1.0, 0.10);
  // With the petrol price and the law as regressors.
  Matrix x(192, 2);
  x.col(0) = s.log_petrol;
  x.col(1) = s.law;
  const StructuralFit fit = fit_structural(spec, s.log_drivers, x);
  EXPECT_NEAR(fit.filter.beta(1) / -0.2377, 1.0, 0.002);
  EXPECT_NEAR(std::sqrt(fit.filter.beta_cov(1, 1)) / 0.0463, 1.0, 0.01);
  EXPECT_NEAR(fit.filter.beta(0) / -0.2914, 1.0, 0.005);
  std::cout << "plain: " << plain.variances.irregular << ' '
            << plain.variances.level << ' ' << plain.variances.seasonal
            << " loglik " << plain.filter.loglik << " evals "
            << plain.evaluations << "\nregression: law " << fit.filter.beta(1)
            << " se " << std::sqrt(fit.filter.beta_cov(1, 1)) << " petrol "
            << fit.filter.beta(0) << " se "
            << std::sqrt(fit.filter.beta_cov(0, 0)) << " evals "
            << fit.evaluations << '\n';
}

// A series of `n` months: random-walk level, a slowly changing seasonal
// pattern, noise, and a step of `beta` from month `at`.
Vector simulate(Rng& rng, int n, int at, double beta) {
  Vector y(n);
  double level = 5.0;
  std::array<double, 12> season{};
  for (int j = 0; j < 12; ++j)
    season[static_cast<std::size_t>(j)] =
        0.08 * std::sin(2.0 * 3.14159265 * j / 12.0);
  for (int t = 0; t < n; ++t) {
    level += 0.02 * rng.normal();
    auto& sj = season[static_cast<std::size_t>(t % 12)];
    sj += 0.004 * rng.normal();
    y(t) = level + sj + (t >= at ? beta : 0.0) + 0.05 * rng.normal();
  }
  return y;
}

// The 95% interval of the step covers the true step in 92-98% of 400
// simulated series with a step (four sizes), and contains zero in 92-98%
// of 400 without one.
TEST(StructuralCoverage, InterventionIntervalsHaveTheirCoverage) {
  const StructuralSpec spec{false, 12};
  const int n = 192;
  const int at = 132;
  Matrix x(n, 1);
  for (int t = 0; t < n; ++t) x(t, 0) = t >= at ? 1.0 : 0.0;
  const std::array<double, 4> sizes = {-0.3, -0.1, 0.05, 0.2};
  const int runs = 400;
  // Two threads, each its own share of the (seeded) series.
  std::array<int, 2> covered{};
  std::array<int, 2> zero_inside{};
  const auto work = [&](int part) {
    for (int i = part; i < runs; i += 2) {
      Rng rng(20260101, static_cast<std::uint64_t>(i));
      const double beta = sizes[static_cast<std::size_t>(i % 4)];
      const StructuralFit with =
          fit_structural(spec, simulate(rng, n, at, beta), x);
      const double b = with.filter.beta(0);
      const double se = std::sqrt(with.filter.beta_cov(0, 0));
      covered[static_cast<std::size_t>(part)] +=
          std::abs(b - beta) <= 1.959964 * se ? 1 : 0;
      Rng rng0(20260202, static_cast<std::uint64_t>(i));
      const StructuralFit without =
          fit_structural(spec, simulate(rng0, n, at, 0.0), x);
      const double b0 = without.filter.beta(0);
      const double se0 = std::sqrt(without.filter.beta_cov(0, 0));
      zero_inside[static_cast<std::size_t>(part)] +=
          std::abs(b0) <= 1.959964 * se0 ? 1 : 0;
    }
  };
  std::thread other(work, 1);
  work(0);
  other.join();
  const int c = covered[0] + covered[1];
  const int z = zero_inside[0] + zero_inside[1];
  std::cout << "coverage with a step: " << c << "/" << runs
            << ", zero inside without one: " << z << "/" << runs << '\n';
  EXPECT_GE(c, 368);  // 92%
  EXPECT_LE(c, 392);  // 98%
  EXPECT_GE(z, 368);
  EXPECT_LE(z, 392);
}

}  // namespace
}  // namespace cspcast::kernels

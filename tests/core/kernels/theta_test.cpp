// SPDX-License-Identifier: MIT
// Theta, combinations, STL+ETS, the residual bootstrap and the normal
// generator. Reference values from R's forecast::thetaf
// (tests/data/make_reference.R).
#include "support/reference_data.hpp"

#include <cspcast/kernels/ets.hpp>
#include <cspcast/kernels/random.hpp>
#include <cspcast/kernels/theta.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace cspcast::kernels {
namespace {

using test::as_vector;
using test::read_columns;

TEST(Theta, MatchesRsThetafOnUsAccDeaths) {
  const Vector y = as_vector(read_columns("usaccdeaths.csv")["y"]);
  auto ref = read_columns("thetaf_reference.csv");
  const auto model = fit_theta(y, 12);
  EXPECT_EQ(model->name(), "theta(seasonal x)");
  Vector point(12);
  model->point(point);
  for (int h = 0; h < 12; ++h) {
    // The smoothing parameter is found by a different optimiser: 0.2%.
    EXPECT_NEAR(point(h),
                ref["usaccdeaths_point"][static_cast<std::size_t>(h)],
                0.002 * point(h))
        << "h = " << h + 1;
  }
  // Intervals: R adds the seasonally adjusted series' standard error to the
  // reseasonalised mean; cspcast's paths are reseasonalised whole, so the
  // spread scales with the seasonal index. Compared without season below.
}

TEST(Theta, MatchesRsThetafWithoutSeason) {
  const Vector y = as_vector(read_columns("wwwusage.csv")["y"]);
  auto ref = read_columns("thetaf_reference.csv");
  const auto model = fit_theta(y, 12);
  EXPECT_EQ(model->name(), "theta");
  Vector point(12);
  model->point(point);
  for (int h = 0; h < 12; ++h) {
    EXPECT_NEAR(point(h),
                ref["wwwusage_point"][static_cast<std::size_t>(h)],
                0.002 * point(h))
        << "h = " << h + 1;
  }
  // The simulated 95% interval against R's analytic one, within 3%.
  constexpr int kPaths = 20000;
  Matrix paths(12, kPaths);
  model->simulate(7, 1, 0, paths);
  for (int h : {0, 5, 11}) {
    std::vector<double> row(static_cast<std::size_t>(kPaths));
    for (int c = 0; c < kPaths; ++c)
      row[static_cast<std::size_t>(c)] = paths(h, c);
    std::sort(row.begin(), row.end());
    const double width = ref["wwwusage_hi95"][static_cast<std::size_t>(h)] -
                         ref["wwwusage_lo95"][static_cast<std::size_t>(h)];
    EXPECT_NEAR(row[19499] - row[499], width, 0.03 * width) << "h = " << h + 1;
  }
}

TEST(Theta, DriftIsHalfTheRegressionSlope) {
  // A straight line: SES follows it with alpha near 1, and the forecast
  // continues it at half the slope (theta = 0 and 2 lines averaged).
  Vector y(40);
  for (int t = 0; t < 40; ++t) y(t) = 100.0 + 2.0 * t;
  const auto model = fit_theta(y, 1);
  Vector point(3);
  model->point(point);
  EXPECT_NEAR(point(1) - point(0), 1.0, 1e-6);
  EXPECT_NEAR(point(2) - point(1), 1.0, 1e-6);
}

TEST(Combination, PointIsTheMeanOfItsMembers) {
  const Vector y = as_vector(read_columns("usaccdeaths.csv")["y"]);
  std::vector<std::unique_ptr<ForecastModel>> members;
  members.push_back(fit_theta(y, 12));
  members.push_back(auto_ets(y, 12));
  Vector a(6);
  Vector b(6);
  members[0]->point(a);
  members[1]->point(b);
  const auto combo = make_combination(std::move(members));
  Vector c(6);
  combo->point(c);
  for (int h = 0; h < 6; ++h) EXPECT_NEAR(c(h), 0.5 * (a(h) + b(h)), 1e-9);
  // Paths alternate between the members: path 0 is member 0's path 0.
  Matrix p(6, 4);
  combo->simulate(3, 9, 0, p);
  Matrix q(6, 1);
  fit_theta(y, 12)->simulate(3, 9, 0, q);
  EXPECT_NEAR(p(0, 0), q(0, 0), 1e-9);
}

TEST(Combination, DefaultHasEtsDampedAndTheta) {
  const Vector y = as_vector(read_columns("usaccdeaths.csv")["y"]);
  const auto combo = fit_combination(y, 12);
  const std::string name = combo->name();
  EXPECT_NE(name.find("combo(ETS("), std::string::npos) << name;
  EXPECT_NE(name.find("theta"), std::string::npos) << name;
  EXPECT_NE(name.find(",Ad,"), std::string::npos) << name;
}

// The combination fits its members side by side (the family's searches
// and theta's smoothing share passes); each must be the model fitted on
// its own: the best member by AICc, the best damped one and theta, whose
// mean is the combination's point forecast, bit for bit.
TEST(Combination, MembersFittedTogetherEqualMembersFittedAlone) {
  const Vector y = as_vector(read_columns("usaccdeaths.csv")["y"]);
  for (const int period : {12, 1}) {
    auto family = fit_ets_family(y, period);
    ASSERT_FALSE(family.empty());
    std::size_t best = 0;
    std::size_t damped = family.size();
    for (std::size_t k = 0; k < family.size(); ++k) {
      if (family[k]->aicc() < family[best]->aicc()) best = k;
      if (family[k]->spec().trend == EtsTrend::kDamped &&
          (damped == family.size() ||
           family[k]->aicc() < family[damped]->aicc()))
        damped = k;
    }
    std::vector<std::unique_ptr<ForecastModel>> alone;
    alone.push_back(std::move(family[best]));
    if (damped < family.size() && damped != best)
      alone.push_back(std::move(family[damped]));
    alone.push_back(fit_theta(y, period));
    const auto expected = make_combination(std::move(alone));
    const auto combo = fit_combination(y, period);
    EXPECT_EQ(combo->name(), expected->name()) << period;
    Vector a(12);
    Vector b(12);
    combo->point(a);
    expected->point(b);
    for (int h = 0; h < 12; ++h) EXPECT_EQ(a(h), b(h)) << period << " " << h;
  }
}

TEST(StlEts, ReseasonalisesANonSeasonalEtsModel) {
  const Vector y = as_vector(read_columns("usaccdeaths.csv")["y"]);
  const auto model = fit_stl_ets(y, 12);
  EXPECT_EQ(model->name().rfind("STL + ETS(", 0), 0U) << model->name();
  EXPECT_NE(model->name().find(",N)"), std::string::npos) << model->name();
  Vector point(12);
  model->point(point);
  // July is the peak month of US accidental deaths; February the lowest.
  Eigen::Index top = 0;
  Eigen::Index low = 0;
  point.maxCoeff(&top);
  point.minCoeff(&low);
  EXPECT_EQ(top, 6);  // the series ends in December: h = 7 is July
  EXPECT_EQ(low, 1);
}

TEST(Bootstrap, PathsResampleTheResiduals) {
  Vector y(60);
  Rng rng(5, 5);
  for (int t = 0; t < 60; ++t) y(t) = 50.0 + 3.0 * rng.normal();
  EtsOptions options;
  options.bootstrap = true;
  const auto model = fit_ets(
      y,
      EtsSpec{EtsError::kAdditive, EtsTrend::kNone, EtsSeason::kNone, 12},
      options);
  ASSERT_TRUE(model);
  Vector point(1);
  model->point(point);
  Matrix paths(1, 5000);
  model->simulate(1, 2, 0, paths);
  std::set<double> distinct;
  for (int c = 0; c < 5000; ++c) distinct.insert(paths(0, c) - point(0));
  // At most one value per residual, centred, with the fitted variance.
  EXPECT_LE(distinct.size(), 60U);
  EXPECT_NEAR(paths.row(0).mean(), point(0), 0.2);
  const double var =
      (paths.row(0).array() - paths.row(0).mean()).square().mean();
  EXPECT_NEAR(var, model->sigma2(), 0.1 * model->sigma2());
}

TEST(Random, ZigguratNormalHasTheRightMomentsAndTails) {
  Rng rng(11, 3);
  const int n = 1'000'000;
  double s = 0.0;
  double s2 = 0.0;
  double s4 = 0.0;
  int beyond_196 = 0;
  int beyond_3 = 0;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    s += z;
    s2 += z * z;
    s4 += z * z * z * z;
    beyond_196 += std::abs(z) > 1.959964 ? 1 : 0;
    beyond_3 += z > 3.0 ? 1 : 0;
  }
  EXPECT_NEAR(s / n, 0.0, 0.005);
  EXPECT_NEAR(s2 / n, 1.0, 0.005);
  EXPECT_NEAR(s4 / n, 3.0, 0.05);
  EXPECT_NEAR(static_cast<double>(beyond_196) / n, 0.05, 0.001);
  // P(Z > 3) = 0.00135: about 1350 of a million, sd 37.
  EXPECT_NEAR(beyond_3, 1350, 150);
}

// The simulation draws each lane's first try apart (bits64 and
// normal_first_try, then normal_from when it is rejected): the same draws,
// in the same order, as normal() alone, rejections included.
TEST(Random, NormalDrawnInPartsEqualsNormal) {
  Rng whole(5, 8);
  Rng parts(5, 8);
  int rejected = 0;
  for (int i = 0; i < 200'000; ++i) {
    const double want = whole.normal();
    const std::uint64_t bits = parts.bits64();
    double got = 0.0;
    if (!Rng::normal_first_try(bits, got)) {
      got = parts.normal_from(bits);
      ++rejected;
    }
    ASSERT_EQ(got, want) << "draw " << i;
  }
  // About 1.2% of first tries are rejected (the wedges and the tail).
  EXPECT_GT(rejected, 1000);
  EXPECT_EQ(whole.uniform(), parts.uniform());
}

}  // namespace
}  // namespace cspcast::kernels

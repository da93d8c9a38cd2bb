// SPDX-License-Identifier: MIT
#include <cspcast/error.hpp>
#include <cspcast/kernels/ets.hpp>
#include <cspcast/kernels/random.hpp>

#include <Eigen/Eigenvalues>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <vector>

namespace cspcast::kernels {
namespace {

// With 600 observations the ML estimate of a smoothing parameter has a
// standard error of a few hundredths; 0.1 is a generous, still telling band.
constexpr double kParamTolerance = 0.1;

Vector simulate_local_level(double alpha, int n, std::uint64_t seed) {
  Rng rng(seed, 1);
  Vector y(n);
  double level = 100.0;
  for (int t = 0; t < n; ++t) {
    const double e = rng.normal();
    y(t) = level + e;
    level += alpha * e;
  }
  return y;
}

TEST(Ets, RecoversTheSmoothingParameterOfALocalLevelSeries) {
  const Vector y = simulate_local_level(0.3, 600, 7);
  const auto fit = fit_ets(
      y, EtsSpec{EtsError::kAdditive, EtsTrend::kNone, EtsSeason::kNone, 1});
  ASSERT_TRUE(fit);
  EXPECT_NEAR(fit->params().alpha, 0.3, kParamTolerance);
  EXPECT_NEAR(fit->sigma2(), 1.0, 0.15);
}

TEST(Ets, RecoversTrendAndSeasonalStructure) {
  Rng rng(11, 2);
  const int n = 240;
  Vector y(n);
  double level = 50.0;
  const double slope = 0.5;
  for (int t = 0; t < n; ++t) {
    const double season =
        10.0 * std::sin(2.0 * 3.141592653589793 * (t % 12) / 12.0);
    const double e = rng.normal();
    y(t) = level + slope + season + e;
    level += slope + 0.2 * e;
  }
  const auto fit = auto_ets(y, 12);
  ASSERT_TRUE(fit);
  EXPECT_NE(fit->spec().season, EtsSeason::kNone) << fit->name();
  EXPECT_NE(fit->spec().trend, EtsTrend::kNone) << fit->name();
  Vector f(12);
  fit->point(f);
  // Next year's mean is the current level plus the drift, seasons cancel.
  EXPECT_NEAR(f.mean(), level + 6.5 * slope, 4.0);
}

TEST(Ets, SimulatedPathsSpreadAroundThePointForecast) {
  const Vector y = simulate_local_level(0.3, 300, 3);
  const auto fit = fit_ets(
      y, EtsSpec{EtsError::kAdditive, EtsTrend::kNone, EtsSeason::kNone, 1});
  ASSERT_TRUE(fit);
  Matrix paths(6, 4000);
  fit->simulate(1, 2, 0, paths);
  Vector point(6);
  fit->point(point);
  // h-step variance of ETS(A,N,N): sigma^2 (1 + (h - 1) alpha^2).
  const double a = fit->params().alpha;
  for (int h = 0; h < 6; ++h) {
    const double mean = paths.row(h).mean();
    const double var = (paths.row(h).array() - mean).square().mean();
    const double expected = fit->sigma2() * (1.0 + h * a * a);
    EXPECT_NEAR(mean, point(h), 0.1);
    EXPECT_NEAR(var / expected, 1.0, 0.1) << "h=" << h + 1;
  }
}

TEST(Ets, PathsDoNotDependOnHowTheyAreSplit) {
  const Vector y = simulate_local_level(0.5, 100, 5);
  const auto fit = fit_ets(
      y, EtsSpec{EtsError::kAdditive, EtsTrend::kDamped, EtsSeason::kNone, 1});
  ASSERT_TRUE(fit);
  Matrix whole(10, 20);
  fit->simulate(9, 4, 0, whole);
  Matrix parts(10, 20);
  fit->simulate(9, 4, 0, parts.leftCols(7));
  fit->simulate(9, 4, 7, parts.rightCols(13));
  EXPECT_EQ(whole, parts);
}

TEST(Ets, MultiplicativeModelsNeedPositiveData) {
  Vector y = simulate_local_level(0.3, 100, 1);
  y(10) = -1.0;
  EXPECT_FALSE(fit_ets(
      y,
      EtsSpec{
          EtsError::kMultiplicative, EtsTrend::kNone, EtsSeason::kNone, 1}));
  EXPECT_TRUE(fit_ets(
      y, EtsSpec{EtsError::kAdditive, EtsTrend::kNone, EtsSeason::kNone, 1}));
}

TEST(Ets, AutoRejectsSeriesTooShortForAnyModel) {
  Vector y(3);
  y << 1, 2, 3;
  EXPECT_THROW((void)auto_ets(y, 12), DataError);
}

}  // namespace
}  // namespace cspcast::kernels

namespace cspcast::kernels {
namespace {

// The largest root modulus of the characteristic polynomial, by the
// eigenvalues of its companion matrix (the reference for Schur-Cohn).
double largest_root(const EtsParams& p, int m, double phi, double beta) {
  const double a = p.alpha;
  const double g = p.gamma;
  std::vector<double> c(static_cast<std::size_t>(m + 2));
  c[0] = phi * (1.0 - a - g);
  c[1] = a + beta - a * phi + g - 1.0;
  for (int k = 2; k < m; ++k)
    c[static_cast<std::size_t>(k)] = a + beta - a * phi;
  c[static_cast<std::size_t>(m)] = a + beta - phi;
  c[static_cast<std::size_t>(m) + 1] = 1.0;
  const int n = m + 1;
  Eigen::MatrixXd companion = Eigen::MatrixXd::Zero(n, n);
  for (int i = 1; i < n; ++i) companion(i, i - 1) = 1.0;
  for (int i = 0; i < n; ++i)
    companion(i, n - 1) = -c[static_cast<std::size_t>(i)];
  const Eigen::VectorXcd roots = companion.eigenvalues();
  return roots.cwiseAbs().maxCoeff();
}

// A positive monthly series with a multiplicative season, a drift and
// multiplicative noise: every one of the fifteen members can be fitted.
Vector simulate_seasonal_positive(int n, double drift, std::uint64_t seed) {
  Rng rng(seed, 3);
  Vector y(n);
  double level = 200.0;
  for (int t = 0; t < n; ++t) {
    const double season =
        1.0 + 0.3 * std::sin(2.0 * 3.141592653589793 * (t % 12) / 12.0);
    y(t) = level * season * (1.0 + 0.05 * rng.normal());
    level += drift;
  }
  return y;
}

// The family's searches share interleaved passes of the likelihood; each
// member must come out exactly as when it is fitted on its own (with the
// same warm start), whatever the others do.
TEST(Ets, FamilyFitsEqualMembersFittedOneByOne) {
  for (const auto& [n, drift, seed] :
       std::vector<std::tuple<int, double, std::uint64_t>>{
           {48, 0.0, 1}, {80, 1.5, 2}, {126, -0.8, 3}, {144, 3.0, 4}}) {
    const Vector y = simulate_seasonal_positive(n, drift, seed);
    const auto family = fit_ets_family(y, 12, AutoEtsOptions{});
    ASSERT_EQ(family.size(), 15U) << n;
    for (const auto& member : family) {
      EtsOptions options;
      if (member->spec().error == EtsError::kMultiplicative) {
        for (const auto& other : family) {
          if (other->spec().error == EtsError::kAdditive &&
              other->spec().trend == member->spec().trend &&
              other->spec().season == member->spec().season)
            options.start = &other->params();
        }
      }
      const auto alone = fit_ets(y, member->spec(), options);
      ASSERT_TRUE(alone) << member->name();
      const EtsParams& a = alone->params();
      const EtsParams& b = member->params();
      EXPECT_EQ(a.alpha, b.alpha) << member->name() << " n=" << n;
      EXPECT_EQ(a.beta, b.beta) << member->name();
      EXPECT_EQ(a.gamma, b.gamma) << member->name();
      EXPECT_EQ(a.phi, b.phi) << member->name();
      EXPECT_EQ(a.level, b.level) << member->name();
      EXPECT_EQ(a.slope, b.slope) << member->name();
      EXPECT_EQ(alone->aicc(), member->aicc()) << member->name();
    }
  }
}

// A period beyond the seasonal limit (daily data, 365) leaves the
// non-seasonal members, fitted as one by one.
TEST(Ets, FamilyWithAPeriodBeyondTheSeasonalLimitFitsTheOtherMembers) {
  const Vector y = simulate_seasonal_positive(120, 0.5, 9);
  const auto family = fit_ets_family(y, 365, AutoEtsOptions{});
  ASSERT_EQ(family.size(), 6U);
  for (const auto& member : family) {
    EXPECT_EQ(member->spec().season, EtsSeason::kNone) << member->name();
    if (member->spec().error == EtsError::kAdditive) {
      const auto alone = fit_ets(y, member->spec());
      ASSERT_TRUE(alone);
      EXPECT_EQ(alone->params().alpha, member->params().alpha);
      EXPECT_EQ(alone->aicc(), member->aicc()) << member->name();
    }
  }
}

TEST(EtsAdmissible, SchurCohnAgreesWithTheRootsOfTheCharacteristicPolynomial) {
  Rng rng(17, 4);
  int compared = 0;
  int agreed = 0;
  int admissible = 0;
  for (int i = 0; i < 3000; ++i) {
    EtsParams p;
    p.alpha = rng.uniform();
    p.beta = rng.uniform() * p.alpha;
    p.gamma = rng.uniform() * 1.2 * (1.0 - p.alpha);
    p.phi = 0.8 + 0.2 * rng.uniform();
    const EtsSpec spec{
        EtsError::kAdditive, EtsTrend::kDamped, EtsSeason::kAdditive, 12};
    const bool easy = p.gamma >= std::max(1.0 - 1.0 / p.phi - p.alpha, 0.0) &&
                      p.gamma <= 1.0 + 1.0 / p.phi - p.alpha &&
                      p.alpha >= 1.0 - 1.0 / p.phi -
                                     p.gamma * (1.0 - 12 + p.phi + p.phi * 12) /
                                         (2.0 * p.phi * 12) &&
                      p.beta >= -(1.0 - p.phi) * (p.gamma / 12 + p.alpha);
    const double r = largest_root(p, 12, p.phi, p.beta);
    if (std::abs(r - 1.0) < 1e-6) continue;  // too close to call
    const bool want = easy && r <= 1.0 + 1e-10;
    ++compared;
    agreed += ets_admissible(spec, p) == want ? 1 : 0;
    admissible += want ? 1 : 0;
  }
  EXPECT_GT(compared, 2900);
  EXPECT_EQ(agreed, compared);
  // Both kinds of case occur.
  EXPECT_GT(admissible, 300);
  EXPECT_LT(admissible, compared - 300);
}

}  // namespace
}  // namespace cspcast::kernels

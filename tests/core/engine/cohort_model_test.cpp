// SPDX-License-Identifier: MIT
// The reoffending plugin's cohort model (plugins/reoffending): it recovers
// a known rate and trend, its noise is the binomial noise of the cohort
// size, a quarter's months share one cohort's rate, and the cohort sizes
// are read with the follow-up lag.
#include "reoffending/cohort_model.hpp"

#include <cspcast/eigen_types.hpp>
#include <cspcast/error.hpp>
#include <cspcast/kernels/random.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace cspcast::reoffending {
namespace {

IndicatorSpec rate_spec() {
  IndicatorSpec s;
  s.id = "reoffending.reoffend_rate";
  s.unit = Unit::kPercentage;
  s.companions = {{"cohort", "cohort size"}};
  s.own_model = "cohort";
  return s;
}

// `months` months of rates drawn as reoffenders out of quarterly cohorts of
// `per_quarter` (spread evenly over the months), rate `p`.
ProjectionInput binomial_input(int months, double per_quarter, double p) {
  ProjectionInput in;
  in.indicator = rate_spec();
  in.series = in.indicator.id;
  in.history.id = in.indicator.id;
  in.history.start = YearMonth(2010, 1);
  kernels::Rng rng(11, 3);
  for (int q = 0; q < months / 3; ++q) {
    const double rate = 100.0 * rng.binomial(per_quarter, p) / per_quarter;
    for (int m = 0; m < 3; ++m) in.history.values.push_back(rate);
  }
  MonthlySeries cohort;
  cohort.id = "cohort";
  cohort.start = in.history.start - kFollowUpLagMonths;
  cohort.values.assign(
      static_cast<std::size_t>(months) + std::size_t{kFollowUpLagMonths},
      per_quarter / 3.0);
  in.companions = {cohort};
  in.horizon = in.history.end() + 24;
  return in;
}

TEST(CohortModel, RecoversTheRateAndAFlatTrend) {
  const auto m = CohortModel::fit(binomial_input(120, 600, 0.12));
  ASSERT_NE(m, nullptr);
  EXPECT_NEAR(1.0 / (1.0 + std::exp(-m->intercept())), 0.12, 0.006);
  EXPECT_NEAR(m->slope_per_year(), 0.0, 0.03);
  // Binomial data: dispersion about 1, so no beta-binomial extra.
  EXPECT_GT(m->dispersion(), 0.5);
  EXPECT_LT(m->dispersion(), 1.6);
}

TEST(CohortModel, NoiseIsTheCohortsBinomialNoiseAndAQuarterSharesOneRate) {
  const ProjectionInput in = binomial_input(120, 600, 0.12);
  const auto m = CohortModel::fit(in);
  const int months = in.months();
  constexpr int kPaths = 4000;
  Matrix out(months, kPaths);
  m->simulate(PathStreams(5, 9, 0, 1, kPaths),
              PathBlock(out.data(), months, kPaths, months));
  // The history ends in December: each projected quarter's three months
  // carry one rate (cohort months lag by 6, so quarters stay aligned).
  for (int c = 0; c < 50; ++c) {
    for (Eigen::Index r = 0; r + 2 < months; r += 3) {
      EXPECT_EQ(out(r, c), out(r + 1, c));
      EXPECT_EQ(out(r, c), out(r + 2, c));
    }
  }
  // The first projected quarter: sd of the rate about the binomial
  // sd of a 600 cohort (plus a little trend uncertainty).
  const Eigen::VectorXd first = out.row(0).transpose();
  const double mean = first.mean();
  const double sd =
      std::sqrt((first.array() - mean).square().sum() / (kPaths - 1));
  const double binomial_sd = 100.0 * std::sqrt(0.12 * 0.88 / 600.0);
  EXPECT_NEAR(mean, 12.0, 0.6);
  EXPECT_GT(sd, 0.95 * binomial_sd);
  EXPECT_LT(sd, 1.25 * binomial_sd);
}

TEST(CohortModel, ASmallerCohortGivesWiderPaths) {
  const auto spread = [](double per_quarter) {
    const ProjectionInput in = binomial_input(120, per_quarter, 0.1);
    const auto m = CohortModel::fit(in);
    Matrix out(in.months(), 2000);
    m->simulate(PathStreams(1, 2, 0, 1, 2000),
                PathBlock(out.data(), in.months(), 2000, in.months()));
    const Eigen::VectorXd last = out.row(in.months() - 1).transpose();
    return std::sqrt((last.array() - last.mean()).square().mean());
  };
  EXPECT_GT(spread(150), 1.6 * spread(1500));
}

TEST(CohortModel, OverdispersedHistoryBecomesBetaBinomial) {
  ProjectionInput in = binomial_input(120, 600, 0.12);
  // Alternate quarters 4 points apart: far more than binomial noise.
  for (std::size_t i = 0; i < in.history.values.size(); ++i) {
    in.history.values[i] += (i / 3) % 2 == 0 ? 2.0 : -2.0;
  }
  const auto m = CohortModel::fit(in);
  EXPECT_GT(m->dispersion(), 3.0);
  EXPECT_GT(m->rho(), 0.0);
  EXPECT_NE(m->name().find("beta-binomial"), std::string::npos);
}

TEST(CohortModel, NoCohortSeriesMeansTheCoreModelAndShortHistoryIsAnError) {
  ProjectionInput in = binomial_input(60, 300, 0.1);
  in.companions[0].values.clear();
  EXPECT_EQ(CohortModel::fit(in), nullptr);
  EXPECT_THROW((void)CohortModel::fit(binomial_input(9, 300, 0.1)), DataError);
  ProjectionInput zero = binomial_input(60, 300, 0.1);
  zero.companions[0].values[20] = 0.0;
  EXPECT_THROW((void)CohortModel::fit(zero), DataError);
}

}  // namespace
}  // namespace cspcast::reoffending

// SPDX-License-Identifier: MIT
// Accuracy scores on hand-computed values, and the rolling-origin tally.
#include <cspcast/engine/accuracy.hpp>
#include <cspcast/engine/backtest.hpp>
#include <cspcast/error.hpp>
#include <cspcast/format.hpp>

#include <gtest/gtest.h>

namespace cspcast {
namespace {

constexpr double kExact = 1e-12;  // hand arithmetic on small numbers

TEST(Accuracy, ScoresOnHandComputedValues) {
  // Training 1..6 with period 2: the seasonal naive scale is mean |y_t -
  // y_{t-2}| = 2.
  Vector train(6);
  train << 1, 2, 3, 4, 5, 6;
  Vector actual(2);
  actual << 10, 20;
  Vector point(2);
  point << 12, 20;
  Vector lo(2);
  lo << 11, 19;
  Vector hi(2);
  hi << 13, 21;
  const Accuracy a = accuracy(train, actual, point, lo, hi, lo, hi, 2);
  // sMAPE: 100 * mean(2|y - f| / (|y| + |f|)) = 100 * (4/22 + 0) / 2.
  EXPECT_NEAR(a.smape, 100.0 * (4.0 / 22.0) / 2.0, kExact);
  EXPECT_NEAR(a.mase, (2.0 / 2.0) / 2.0, kExact);
  EXPECT_NEAR(a.cov80, 0.5, kExact);  // 10 lies below [11, 13]
  // MSIS: mean(width + 40 * shortfall) / scale = ((2 + 40) + 2) / 2 / 2.
  EXPECT_NEAR(a.msis, ((2.0 + 40.0) + 2.0) / 2.0 / 2.0, kExact);
  EXPECT_TRUE(a.scaled);
}

TEST(Backtest, ReturnsOneRowPerModelAndOnePerModelAndSeries) {
  io::InputSeries s;
  s.id = "x";
  for (int t = 0; t < 60; ++t) {
    s.values.push_back(100.0 + 10.0 * ((t % 12) < 6) + 0.5 * t);
    s.lines.push_back(t + 2);
  }
  io::InputSeries other = s;
  other.id = "y";
  ForecastOptions o;
  o.horizon = 6;
  o.paths = 200;
  const BacktestResult r =
      backtest({s, other},
               {{ModelKind::kSeasonalNaive, Transform::kNone},
                {ModelKind::kDrift, Transform::kNone}},
               2,
               o);
  ASSERT_EQ(r.rows.size(), 2U);
  EXPECT_EQ(r.rows[0].model, "snaive");
  EXPECT_EQ(r.rows[0].forecasts, 4);  // 2 series x 2 origins
  EXPECT_EQ(r.per_series.size(), 4U);
  EXPECT_EQ(r.series, 2);
  EXPECT_THROW((void)backtest({s}, {{}}, 0, o), ConfigError);
  o.horizon = 100;
  EXPECT_THROW((void)backtest({s}, {{}}, 2, o), DataError);
}

TEST(Format, NumbersInShortestFormWithTenDigits) {
  EXPECT_EQ(format_number(1234.5), "1234.5");
  EXPECT_EQ(format_number(0.1 + 0.2), "0.3");
  EXPECT_EQ(format_number(-474.0), "-474");
  EXPECT_EQ(format_number(1e300), "1e+300");
}

}  // namespace
}  // namespace cspcast

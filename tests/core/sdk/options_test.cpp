// SPDX-License-Identifier: MIT
// The options convention and the enum tables.
#include <cspcast/distribution.hpp>
#include <cspcast/enum_names.hpp>
#include <cspcast/error.hpp>
#include <cspcast/indicator.hpp>
#include <cspcast/options.hpp>
#include <cspcast/results/anticipated.hpp>
#include <cspcast/results/forecast.hpp>
#include <cspcast/results/run.hpp>
#include <cspcast/results/solve.hpp>
#include <cspcast/target.hpp>

#include <gtest/gtest.h>

namespace cspcast {
namespace {

TEST(Options, EveryProblemIsReportedAtOnceByField) {
  RunOptions run;
  run.paths = 10;
  run.threads = -1;
  const auto problems = run.problems();
  ASSERT_EQ(problems.size(), 2U);
  EXPECT_EQ(problems[0].field, "paths");
  EXPECT_EQ(problems[0].message, "between 100 and 10000000 (got 10)");
  EXPECT_EQ(problems[1].field, "threads");
  try {
    validate(problems);
    ADD_FAILURE() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "paths: between 100 and 10000000 (got 10); threads: between 0 "
              "and 1024 (got -1)");
  }
  EXPECT_TRUE(RunOptions{}.problems().empty());
}

TEST(Options, EachStructChecksItsOwnRanges) {
  ForecastOptions f;
  f.horizon = 0;
  f.levels = {80, 100};
  ASSERT_EQ(f.problems().size(), 2U);
  EXPECT_EQ(f.problems()[0].field, "horizon");
  EXPECT_EQ(f.problems()[1].field, "levels");
  SolveRequest s;
  s.probability = 1.5;
  s.ramp_months = -1;
  ASSERT_EQ(s.problems().size(), 2U);
  EXPECT_EQ(s.problems()[0].field, "probability");
  AnticipatedOptions a;
  a.years = 0;
  a.z = 0.0;
  EXPECT_EQ(a.problems().size(), 2U);
  std::vector<OptionProblem> nan;
  check_range(nan, "z", std::nan(""), 0.0, 1.0);
  EXPECT_EQ(nan.size(), 1U);  // NaN is outside every range
}

TEST(EnumNames, NamesParseAndListTheChoicesInOrder) {
  enum class Colour { kRed, kGreen, kBlue };
  constexpr EnumNames<Colour, 3> kNames{{{
      {"red", Colour::kRed},
      {"green", Colour::kGreen},
      {"blue", Colour::kBlue},
  }}};
  EXPECT_EQ(kNames.name(Colour::kGreen), "green");
  EXPECT_EQ(kNames.parse("blue"), Colour::kBlue);
  EXPECT_FALSE(kNames.parse("Blue"));
  EXPECT_EQ(kNames.choices(), "red, green or blue");
  // Every user-facing enum round-trips through its table.
  for (const auto k : {ModelKind::kAuto, ModelKind::kCount, ModelKind::kStl}) {
    EXPECT_EQ(parse_model_kind(to_string(k)), k);
  }
  EXPECT_EQ(model_kind_choices(),
            "auto, ets, theta, combo, stl, damped, snaive, drift or count");
  EXPECT_EQ(basis_kind_choices(),
            "count, per_1000, per_10000, percentage or level");
  EXPECT_EQ(parse_target_kind("half_difference"), TargetKind::kHalfDifference);
  EXPECT_EQ(distribution_kind_choices(),
            "fixed, normal, lognormal, triangular, uniform or pert");
  EXPECT_EQ(parse_anticipated_level("latest"), AnticipatedLevel::kLatest);
  EXPECT_EQ(unit_choices(), "count, percentage or level");
  EXPECT_EQ(parse_transform("logit"), Transform::kLogit);
}

}  // namespace
}  // namespace cspcast

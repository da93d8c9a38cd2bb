// SPDX-License-Identifier: MIT
#include <cspcast/engine/model_choice.hpp>
#include <cspcast/error.hpp>
#include <cspcast/kernels/ets.hpp>

#include <gtest/gtest.h>

namespace cspcast {
namespace {

using kernels::EtsSpec;

TEST(ModelChoice, EtsMemberNamesRoundTrip) {
  for (const char* name :
       {"ETS(A,N,N)", "ETS(M,Ad,M)", "ETS(A,A,A)", "ETS(M,N,A)"}) {
    const auto spec = EtsSpec::parse(name, 12);
    ASSERT_TRUE(spec) << name;
    EXPECT_EQ(spec->name(), name);
    EXPECT_EQ(spec->period, 12);
  }
  EXPECT_EQ(EtsSpec::parse("ETS( M , Ad , N )", 4)->name(), "ETS(M,Ad,N)");
  for (const char* bad : {"ETS(A,N)",
                          "ETS(X,N,N)",
                          "ETS(A,Md,N)",
                          "ETS(A,N,N",
                          "ets(A,N,N)",
                          "ETS(A,N,N,N)",
                          ""}) {
    EXPECT_FALSE(EtsSpec::parse(bad, 12)) << bad;
  }
}

TEST(ModelChoice, ByNameSetsTheKindOrTheMember) {
  ForecastOptions o;
  choose_model_by_name("theta", o);
  EXPECT_EQ(o.model.kind, ModelKind::kTheta);
  EXPECT_FALSE(o.ets_member);
  choose_model_by_name("ETS(M,Ad,M)", o);
  EXPECT_EQ(o.model.kind, ModelKind::kEts);
  EXPECT_EQ(*o.ets_member, "ETS(M,Ad,M)");
  choose_model_by_name("auto", o);
  EXPECT_FALSE(o.ets_member);
  try {
    choose_model_by_name("arima", o);
    ADD_FAILURE() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "model: unknown model 'arima' (expected auto, ets, theta, combo, "
              "stl, damped, snaive, drift or count)");
  }
  EXPECT_THROW(choose_model_by_name("ETS(A,B,C)", o), ConfigError);
}

TEST(ModelChoice, ShortSeriesFallBackAndSayWhy) {
  io::InputSeries s{
      "short", {5, 6, 7, 6, 5, 6}, {2, 3, 4, 5, 6, 7}, {}, "short.csv"};
  const ConstVectorMap y(s.values.data(), 6);
  ForecastOptions o;
  o.model = {ModelKind::kEts, Transform::kNone};
  std::string fallback;
  const auto model = fit_with_fallback(s, y, o, fallback);
  ASSERT_TRUE(model);
  EXPECT_NE(fallback.find("used drift"), std::string::npos) << fallback;
  o.model = {ModelKind::kCount, Transform::kNone};
  s.values[2] = 7.5;
  EXPECT_THROW((void)fit_with_fallback(s, y, o, fallback), DataError);
}

}  // namespace
}  // namespace cspcast

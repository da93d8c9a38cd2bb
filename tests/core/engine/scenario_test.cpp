// SPDX-License-Identifier: MIT
#include "support/temp_dir.hpp"

#include <cspcast/error.hpp>
#include <cspcast/io/pack_reader.hpp>
#include <cspcast/scenario.hpp>

#include <gtest/gtest.h>

namespace cspcast {
namespace {

constexpr double kExact = 1e-12;

Intervention shaped(int ramp, std::optional<int> duration, double half_life) {
  Intervention iv;
  iv.start = YearMonth(2015, 4);
  iv.ramp_months = ramp;
  iv.duration_months = duration;
  iv.half_life_months = half_life;
  return iv;
}

TEST(InterventionStrength, RampsLinearly) {
  const Intervention iv = shaped(4, std::nullopt, 0.0);
  EXPECT_EQ(iv.strength(YearMonth(2015, 3)), 0.0);
  EXPECT_NEAR(iv.strength(YearMonth(2015, 4)), 0.25, kExact);
  EXPECT_NEAR(iv.strength(YearMonth(2015, 5)), 0.50, kExact);
  EXPECT_NEAR(iv.strength(YearMonth(2015, 7)), 1.00, kExact);
  EXPECT_NEAR(iv.strength(YearMonth(2018, 3)), 1.00, kExact);
}

TEST(InterventionStrength, DecaysByHalfLifeAfterTheEnd) {
  const Intervention iv = shaped(0, 12, 6.0);
  EXPECT_NEAR(
      iv.strength(YearMonth(2016, 3)), 1.0, kExact);  // last active month
  EXPECT_NEAR(iv.strength(YearMonth(2016, 4)), std::exp2(-1.0 / 6.0), kExact);
  EXPECT_NEAR(
      iv.strength(YearMonth(2016, 9)), 0.5, kExact);  // six months after
  EXPECT_NEAR(iv.strength(YearMonth(2017, 3)), 0.25, kExact);
}

TEST(InterventionStrength, StopsAtOnceWithoutHalfLife) {
  const Intervention iv = shaped(0, 3, 0.0);
  EXPECT_EQ(iv.strength(YearMonth(2015, 6)), 1.0);
  EXPECT_EQ(iv.strength(YearMonth(2015, 7)), 0.0);
}

TEST(ScenarioFile, InheritsRemovesAndChanges) {
  test::TempDir dir;
  test::write_file(dir.path() / "a.toml", R"(
[scenario]
name = "a"
[[intervention]]
lever = "asb.action_days"
start = "2015-04"
effect = { dist = "fixed", value = -0.1 }
[[intervention]]
lever = "asb.case_management"
start = "2015-04"
effect = { dist = "fixed", value = -0.02 }
)");
  test::write_file(dir.path() / "b.toml", R"(
[scenario]
name = "b"
extends = "a"
remove = ["asb.case_management"]
[[intervention]]
lever = "asb.action_days"
start = "2015-04"
effect = { dist = "fixed", value = -0.05 }
[[intervention]]
indicator = "asb.incidents"
start = "2016-04"
effect = { dist = "uniform", min = -0.1, max = 0.0 }
)");
  const Scenario a = io::read_scenario_file(dir.path() / "a.toml", {});
  const Scenario b = io::read_scenario_file(dir.path() / "b.toml", {a});
  ASSERT_EQ(b.interventions.size(), 2U);
  EXPECT_EQ(b.interventions[0].lever, "asb.action_days");
  EXPECT_DOUBLE_EQ(b.interventions[0].effect.a, -0.05);
  EXPECT_EQ(b.interventions[1].indicator, "asb.incidents");
  EXPECT_EQ(b.interventions[0].key, a.interventions[0].key);
}

void expect_error(const std::string& body, const std::string& needle) {
  test::TempDir dir;
  test::write_file(dir.path() / "s.toml", body);
  try {
    (void)io::read_scenario_file(dir.path() / "s.toml", {});
    ADD_FAILURE() << "no error for: " << body;
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("s.toml:"), std::string::npos)
        << e.what();
  }
}

TEST(ScenarioFile, BadInputNamesFileLineAndKey) {
  const std::string head =
      "[scenario]\nname = \"s\"\n[[intervention]]\nlever = \"asb.x\"\n";
  expect_error(head +
                   "start = \"2015-04\"\nramp_months = -2\neffect = { dist = "
                   "\"fixed\", value = -0.1 }\n",
               ":6: ramp_months: negative");
  expect_error(
      head +
          "start = \"2015-13\"\neffect = { dist = \"fixed\", value = -0.1 }\n",
      ":5: start: bad month");
  expect_error(head +
                   "start = \"2015-04\"\neffect = { dist = \"normal\", mean = "
                   "-0.1, sd = -1 }\n",
               "effect: normal needs");
  expect_error(
      head + "start = \"2015-04\"\neffect = { dist = \"gamma\", shape = 1 }\n",
      "unknown distribution");
  expect_error("[scenario]\nname = \"s\"\nextends = \"s\"\n",
               "inheritance cycle");
}

TEST(Pack, InheritanceCycleIsReported) {
  test::TempDir dir;
  const auto pack = test::copy_maidstone(dir.path());
  test::write_file(
      pack / "scenarios" / "baseline.toml",
      "[scenario]\nname = \"baseline\"\nextends = \"reduced-funding\"\n");
  try {
    (void)io::read_pack(pack);
    ADD_FAILURE() << "cycle not detected";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("inheritance cycle"),
              std::string::npos)
        << e.what();
  }
}

TEST(Pack, CsvFilesMayStartWithAByteOrderMark) {
  test::TempDir dir;
  const auto pack = test::copy_maidstone(dir.path());
  for (const char* file : {"history.csv", "population.csv"}) {
    test::write_file(pack / file,
                     "\xEF\xBB\xBF" + test::read_file(pack / file));
  }
  const Pack p = io::read_pack(pack);
  EXPECT_FALSE(p.history.empty());
  EXPECT_GT(p.population.at("all", 2017), 0.0);
}

TEST(ScenarioFiles, ParentsResolveInAnyOrderAndCyclesShowTheirChain) {
  test::TempDir dir;
  test::write_file(dir.path() / "c.toml",
                   "[scenario]\nname = \"c\"\nextends = \"b\"\n");
  test::write_file(dir.path() / "b.toml",
                   "[scenario]\nname = \"b\"\nextends = \"a\"\n");
  test::write_file(dir.path() / "a.toml", "[scenario]\nname = \"a\"\n");
  std::vector<PackFile> sums;
  const auto list = io::read_scenario_files({{dir.path() / "c.toml", "c.toml"},
                                             {dir.path() / "b.toml", "b.toml"},
                                             {dir.path() / "a.toml", "a.toml"}},
                                            {},
                                            &sums);
  ASSERT_EQ(list.size(), 3U);
  EXPECT_EQ(list[0].name, "c");  // the order of the files given
  EXPECT_EQ(sums.size(), 3U);
  EXPECT_EQ(sums[2].path, "a.toml");
  test::write_file(dir.path() / "a.toml",
                   "[scenario]\nname = \"a\"\nextends = \"c\"\n");
  try {
    (void)io::read_scenario_files({{dir.path() / "c.toml", "c.toml"},
                                   {dir.path() / "b.toml", "b.toml"},
                                   {dir.path() / "a.toml", "a.toml"}},
                                  {});
    ADD_FAILURE() << "cycle not detected";
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("extends: inheritance cycle c -> b -> a -> c"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("a.toml:3: 'a' extends 'c'"), std::string::npos)
        << what;
  }
}

TEST(ScenarioFiles, AnUnknownParentIsReportedInTheFileThatNamesIt) {
  test::TempDir dir;
  test::write_file(dir.path() / "ok.toml", "[scenario]\nname = \"ok\"\n");
  test::write_file(dir.path() / "bad.toml",
                   "[scenario]\nname = \"bad\"\nextends = \"nope\"\n");
  try {
    (void)io::read_scenario_files({{dir.path() / "ok.toml", "ok.toml"},
                                   {dir.path() / "bad.toml", "bad.toml"}},
                                  {});
    ADD_FAILURE() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "bad.toml:3: extends: unknown scenario 'nope'");
  }
}

}  // namespace
}  // namespace cspcast

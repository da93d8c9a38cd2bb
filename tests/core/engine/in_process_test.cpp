// SPDX-License-Identifier: MIT
// The engine with an in-process priority (no plugin library): the engine
// depends on PrioritySource only.
#include "support/temp_dir.hpp"

#include <cspcast/engine/engine.hpp>
#include <cspcast/error.hpp>
#include <cspcast/io/pack_reader.hpp>
#include <cspcast/priority_source.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace cspcast {
namespace {

class FakeAsb final : public PriorityModel {
 public:
  [[nodiscard]] PriorityInfo describe() const override {
    PriorityInfo info;
    info.title = "fake";
    IndicatorSpec ind;
    ind.id = "fake.incidents";
    ind.title = "incidents";
    ind.unit = Unit::kCount;
    ind.model = {ModelKind::kEts, Transform::kLog};
    info.indicators.push_back(ind);
    Lever lever;
    lever.id = "fake.patrols";
    lever.indicator = "fake.incidents";
    lever.default_effect = {DistributionKind::kFixed, -0.1, 0, 0};
    info.levers.push_back(lever);
    return info;
  }
};

// A small pack: five years of a seasonal count, one target, two scenarios.
std::filesystem::path small_pack(const std::filesystem::path& dir) {
  std::string history = "indicator,month,value\n";
  for (int i = 0; i < 60; ++i) {
    const YearMonth m = YearMonth(2010, 1) + i;
    const double v = std::round(100.0 + 20.0 * std::sin(i * 0.5236) - 0.3 * i);
    history +=
        "fake.incidents," + m.str() + "," + std::to_string(int(v)) + "\n";
  }
  test::write_file(dir / "history.csv", history);
  test::write_file(dir / "population.csv",
                   "group,year,population\nall,2015,1000\nall,2016,1000\n");
  test::write_file(dir / "targets.toml", R"([[target]]
id = "fewer"
indicator = "fake.incidents"
kind = "at_most"
value = 1150
period = "CY2016"
)");
  test::write_file(dir / "base.toml", "[scenario]\nname = \"base\"\n");
  test::write_file(dir / "act.toml", R"([scenario]
name = "act"
[[intervention]]
lever = "fake.patrols"
start = "2015-01"
effect = { dist = "fixed", value = -0.1 }
)");
  test::write_file(dir / "pack.toml", R"([pack]
name = "small"
horizon = "2016-12"
history = "history.csv"
population = "population.csv"
targets = "targets.toml"
scenarios = ["base.toml", "act.toml"]
)");
  return dir;
}

TEST(InProcess, TheEngineRunsOnAnInProcessPriority) {
  test::TempDir dir;
  std::vector<std::shared_ptr<const PrioritySource>> sources{
      std::make_shared<InProcessPriority>(std::make_shared<FakeAsb>(), "fake")};
  Engine engine(io::read_pack(small_pack(dir.path())), sources);
  RunOptions options;
  options.paths = 400;
  options.threads = 2;
  const RunResult r = engine.run(options);
  ASSERT_EQ(r.outcomes.size(), 2U);
  EXPECT_EQ(r.plugins.at(0).path, "(in process)");
  // A fixed 10% cut lowers the yearly total by exactly 10% on every path.
  EXPECT_NEAR(r.outcomes[1].median,
              0.9 * r.outcomes[0].median,
              1e-9 * r.outcomes[0].median);
  EXPECT_GE(r.outcomes[1].p_met, r.outcomes[0].p_met);
}

TEST(InProcess, ATargetOverSeveralPeriodsIsMetWhenMetInEachOnTheSamePath) {
  test::TempDir dir;
  small_pack(dir.path());
  test::write_file(dir.path() / "population.csv",
                   "group,year,population\nall,2015,1000\nall,2016,1000\n");
  test::write_file(dir.path() / "targets.toml", R"([[target]]
id = "both"
indicator = "fake.incidents"
kind = "at_most"
value = 1150
periods = ["CY2015", "CY2016"]
[[target]]
id = "each"
indicator = "fake.incidents"
kind = "at_most"
value = 1150
period = "CY2016"
each_year_from = "CY2015"
[[target]]
id = "y2015"
indicator = "fake.incidents"
kind = "at_most"
value = 1150
period = "CY2015"
[[target]]
id = "y2016"
indicator = "fake.incidents"
kind = "at_most"
value = 1150
period = "CY2016"
)");
  std::vector<std::shared_ptr<const PrioritySource>> sources{
      std::make_shared<InProcessPriority>(std::make_shared<FakeAsb>(), "fake")};
  Engine engine(io::read_pack(dir.path()), sources);
  RunOptions options;
  options.paths = 500;
  engine.prepare(options);
  const auto& targets = engine.pack().targets;
  ASSERT_EQ(targets[0].judged_periods().size(), 2U);
  EXPECT_EQ(targets[1].period_label(), "each of CY2015 to CY2016");
  const Scenario& base = engine.pack().scenarios.front();
  const TargetPaths both = engine.evaluate(targets[0], base);
  const TargetPaths each = engine.evaluate(targets[1], base);
  const TargetPaths y15 = engine.evaluate(targets[2], base);
  const TargetPaths y16 = engine.evaluate(targets[3], base);
  int met_both = 0;
  for (std::size_t p = 0; p < both.met.size(); ++p) {
    EXPECT_EQ(both.met[p], static_cast<char>(y15.met[p] && y16.met[p])) << p;
    EXPECT_EQ(each.met[p], both.met[p]) << p;
    met_both += both.met[p];
  }
  // The value shown is the last period's.
  EXPECT_EQ(both.value, y16.value);
  EXPECT_GT(met_both, 0);
}

TEST(InProcess, AnUndeclaredIndicatorNamesFileAndLine) {
  test::TempDir dir;
  small_pack(dir.path());
  std::vector<std::shared_ptr<const PrioritySource>> none;
  try {
    Engine e(io::read_pack(dir.path()), none);
    ADD_FAILURE() << "no error";
  } catch (const PluginError& e) {
    EXPECT_NE(
        std::string(e.what()).find("history.csv:2: indicator: "
                                   "'fake.incidents' needs plugin 'fake'"),
        std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace cspcast

// SPDX-License-Identifier: MIT
#include "support/temp_dir.hpp"

#include <cspcast/engine.hpp>
#include <cspcast/error.hpp>
#include <cspcast/pack.hpp>
#include <cspcast/plugin/registry.hpp>

#include <gtest/gtest.h>

namespace cspcast {
namespace {

constexpr int kPaths = 500;

std::vector<plugin::GuardedModel> load_models() {
  plugin::PluginRegistry registry;
  plugin::DiscoveryOptions d;
  d.plugin_dirs = {CSPCAST_TEST_PLUGIN_DIR};
  d.use_environment = false;
  d.use_default_dirs = false;
  registry.load(d);
  std::vector<plugin::GuardedModel> models;
  for (const auto& p : registry.plugins()) models.emplace_back(p);
  return models;
}

Engine maidstone(RunOptions& options) {
  Engine engine(read_pack(std::filesystem::path(CSPCAST_TEST_SOURCE_DIR) /
                          "scenarios" / "maidstone"),
                load_models());
  options.paths = kPaths;
  options.threads = 2;
  engine.prepare(options);
  return engine;
}

const Target& target(const Engine& e, const std::string& id) {
  for (const auto& t : e.pack().targets) {
    if (t.id == id) return t;
  }
  throw Error("no target " + id);
}

Scenario fixed_effect(const std::string& lever, double effect) {
  Scenario s;
  s.name = "fixed";
  Intervention iv;
  iv.lever = lever;
  iv.start = YearMonth(2014, 4);
  iv.effect = Distribution{DistributionKind::kFixed, effect, 0.0, 0.0};
  iv.key = "test@" + lever;
  s.interventions.push_back(iv);
  return s;
}

TEST(Engine, FixedTenPercentCutLowersEveryPathByExactlyTenPercent) {
  RunOptions options;
  Engine e = maidstone(options);
  const Target& t = target(e, "asb-rate");
  const TargetPaths base = e.evaluate(t, Scenario{});
  const TargetPaths cut = e.evaluate(t, fixed_effect("asb.action_days", -0.1));
  ASSERT_EQ(base.value.size(), kPaths);
  for (Eigen::Index p = 0; p < base.value.size(); ++p) {
    EXPECT_NEAR(cut.value(p), 0.9 * base.value(p), 1e-9 * base.value(p));
  }
}

TEST(Engine, SpilloverAppliesItsFractionOfTheEffect) {
  RunOptions options;
  Engine e = maidstone(options);
  // Street outreach acts on needles and spills 0.15 of its effect onto ASB.
  const Target& t = target(e, "asb-rate");
  const TargetPaths base = e.evaluate(t, Scenario{});
  const TargetPaths out =
      e.evaluate(t, fixed_effect("substance_misuse.street_outreach", -0.2));
  for (Eigen::Index p = 0; p < base.value.size(); ++p) {
    EXPECT_NEAR(
        out.value(p), (1.0 - 0.2 * 0.15) * base.value(p), 1e-9 * base.value(p));
  }
}

TEST(Engine, StrongerReductionNeverLowersTheChanceOfAnAtMostTarget) {
  RunOptions options;
  Engine e = maidstone(options);
  const Target& t = target(e, "asb-rate");
  double prev = -1.0;
  for (double effect = 0.0; effect >= -0.3; effect -= 0.02) {
    Scenario s = fixed_effect("asb.action_days", effect);
    s.interventions[0].effect =
        Distribution{DistributionKind::kNormal, effect, 0.02, 0.0};
    const double p = e.probability(t, s);
    EXPECT_GE(p, prev) << "effect " << effect;
    prev = p;
  }
}

TEST(Engine, ResultsDoNotDependOnThreadCount) {
  auto run = [](int threads) {
    Engine e(read_pack(std::filesystem::path(CSPCAST_TEST_SOURCE_DIR) /
                       "scenarios" / "maidstone"),
             load_models());
    RunOptions o;
    o.paths = 300;
    o.threads = threads;
    return e.run(o);
  };
  const RunResult one = run(1);
  const RunResult two = run(2);
  ASSERT_EQ(one.outcomes.size(), two.outcomes.size());
  for (std::size_t i = 0; i < one.outcomes.size(); ++i) {
    EXPECT_EQ(one.outcomes[i].p_met, two.outcomes[i].p_met);
    EXPECT_EQ(one.outcomes[i].median, two.outcomes[i].median);
  }
}

TEST(Engine, EveryTargetOfTheMaidstonePackIsEvaluated) {
  RunOptions options;
  Engine e = maidstone(options);
  EXPECT_EQ(e.pack().targets.size(), 19U);
  const RunResult r = e.run(options);
  EXPECT_EQ(r.outcomes.size(), 19U * e.pack().scenarios.size());
}

TEST(Engine, UnknownLeverIsRejectedWithItsLocation) {
  RunOptions options;
  Engine e = maidstone(options);
  Scenario s = fixed_effect("asb.no_such_lever", -0.1);
  s.interventions[0].where = "x.toml:7";
  try {
    e.validate(s);
    ADD_FAILURE() << "no error";
  } catch (const ConfigError& err) {
    EXPECT_NE(std::string(err.what()).find("x.toml:7: lever: unknown lever"),
              std::string::npos)
        << err.what();
  }
}

}  // namespace
}  // namespace cspcast

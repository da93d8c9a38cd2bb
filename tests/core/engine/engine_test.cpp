// SPDX-License-Identifier: MIT
#include "support/in_process.hpp"
#include "support/temp_dir.hpp"

#include <cspcast/engine/engine.hpp>
#include <cspcast/engine/solve.hpp>
#include <cspcast/error.hpp>
#include <cspcast/io/pack_reader.hpp>
#include <cspcast/report/solve_report.hpp>

#include <gtest/gtest.h>

#include <set>

namespace cspcast {
namespace {

constexpr int kPaths = 500;

using test::in_process_models;

Engine maidstone(RunOptions& options) {
  Engine engine(io::read_pack(std::filesystem::path(CSPCAST_TEST_SOURCE_DIR) /
                              "scenarios" / "maidstone"),
                in_process_models());
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

Target history_total(const std::string& indicator, const std::string& fy) {
  Target t;
  t.id = "history-total";
  t.indicator = indicator;
  t.kind = TargetKind::kAtMost;
  t.value = 1e12;
  t.period = *Period::parse(fy);
  return t;
}

double raw_total(const Pack& pack,
                 const std::string& indicator,
                 const Period& period) {
  const MonthlySeries& s = pack.history.at(indicator);
  double total = 0.0;
  for (YearMonth t = period.first; t <= period.last; t = t + 1) {
    total += s.values[static_cast<std::size_t>(t - s.start)];
  }
  return total;
}

// The Maidstone pack with its recording change edited.
Engine with_recording_change(const std::string& factor, bool carry) {
  test::TempDir dir;
  const auto pack = test::copy_maidstone(dir.path());
  std::string text = test::read_file(pack / "pack.toml");
  const auto at = text.find("factor = {");
  text.replace(at, text.find('\n', at) - at, "factor = " + factor);
  const auto c = text.find("carry_forward = true");
  text.replace(c, 20, carry ? "carry_forward = true" : "carry_forward = false");
  test::write_file(pack / "pack.toml", text);
  Engine engine(io::read_pack(pack), in_process_models());
  RunOptions options;
  options.paths = kPaths;
  options.threads = 2;
  options.all_months = true;  // evaluates targets that are not the pack's
  engine.prepare(options);
  return engine;
}

TEST(Engine, FixedRecordingFactorScalesHistoryBeforeTheChange) {
  Engine e = with_recording_change("1.174", true);
  const Target t = history_total("nte_violence.vap", "FY2012/13");
  const double raw = raw_total(e.pack(), t.indicator, t.period);
  const TargetPaths v = e.evaluate(t, Scenario{});
  for (Eigen::Index p = 0; p < v.value.size(); ++p) {
    EXPECT_NEAR(v.value(p), raw * 1.174, 1e-9 * raw);
  }
  // After the change the history is as recorded.
  const Target after = history_total("nte_violence.vap", "FY2013/14");
  const double raw_after = raw_total(e.pack(), t.indicator, after.period);
  EXPECT_NEAR(e.evaluate(after, Scenario{}).value(0), raw_after, 1e-9);
}

TEST(Engine, UncertainRecordingFactorGivesEachPathItsOwnStratum) {
  Engine e = with_recording_change(
      "{ dist = \"uniform\", min = 1.10, max = 1.26 }", true);
  const Target t = history_total("nte_violence.vap", "FY2012/13");
  const double raw = raw_total(e.pack(), t.indicator, t.period);
  const TargetPaths v = e.evaluate(t, Scenario{});
  std::set<double> factors;
  for (Eigen::Index p = 0; p < v.value.size(); ++p) {
    const double f = v.value(p) / raw;
    EXPECT_GT(f, 1.10);
    EXPECT_LT(f, 1.26);
    factors.insert(std::round(f * 1e6) / 1e6);
  }
  // Sixteen equal-probability strata: 1.105, 1.115, ..., 1.255.
  EXPECT_EQ(factors.size(), 16U);
  EXPECT_NEAR(*factors.begin(), 1.105, 1e-6);
  EXPECT_NEAR(*factors.rbegin(), 1.255, 1e-6);
  EXPECT_NEAR(v.value.mean() / raw, 1.18, 0.01);
}

TEST(Engine, RecordingChangeNotCarriedForwardPutsAllOnTheOldBasis) {
  Engine carried = with_recording_change("1.2", true);
  Engine old = with_recording_change("1.2", false);
  const Target before = history_total("nte_violence.vap", "FY2012/13");
  const Target after = history_total("nte_violence.vap", "FY2013/14");
  const Target future = history_total("nte_violence.vap", "FY2016/17");
  const double raw_before =
      raw_total(old.pack(), before.indicator, before.period);
  const double raw_after = raw_total(old.pack(), after.indicator, after.period);
  EXPECT_NEAR(old.evaluate(before, Scenario{}).value(0), raw_before, 1e-9);
  EXPECT_NEAR(old.evaluate(after, Scenario{}).value(0), raw_after / 1.2, 1e-9);
  const TargetPaths a = carried.evaluate(future, Scenario{});
  const TargetPaths b = old.evaluate(future, Scenario{});
  for (Eigen::Index p = 0; p < a.value.size(); ++p) {
    EXPECT_NEAR(b.value(p), a.value(p) / 1.2, 1e-9 * a.value(p));
  }
}

TEST(Engine, ScenarioPopulationProjectionChangesRatesOnly) {
  RunOptions options;
  Engine e = maidstone(options);
  const Target& t = target(e, "asb-rate");
  const TargetPaths base = e.evaluate(t, Scenario{});
  Scenario grown;
  const int year = t.period.first.year();
  const double pop = e.pack().population.at("all", year);
  grown.population.by_group["all"][year] = pop * 1.25;
  const TargetPaths rate = e.evaluate(t, grown);
  for (Eigen::Index p = 0; p < base.value.size(); ++p) {
    EXPECT_NEAR(rate.value(p), base.value(p) / 1.25, 1e-9 * base.value(p));
  }
  // Growth from the last year given extends the table.
  PopulationTable table;
  table.by_group["all"] = {{2015, 1000.0}};
  table.growth["all"] = 0.1;
  EXPECT_NEAR(table.at("all", 2017), 1210.0, 1e-9);
  EXPECT_THROW((void)table.at("all", 2014), ConfigError);
}

TEST(Solve, RoundTripReachesTheRequestedProbability) {
  RunOptions options;
  options.paths = 1000;
  Engine e = maidstone(options);
  SolveRequest req;
  req.target = "asb-rate";
  req.scenario = "action-plan";
  req.lever = "asb.action_days";
  req.probability = 0.8;
  const SolveResult r = solve(e, req, options);
  ASSERT_TRUE(r.reachable);
  EXPECT_FALSE(r.already_met);
  EXPECT_LT(r.effect, 0.0);
  EXPECT_GT(r.effect_se, 0.0);
  EXPECT_NEAR(r.p_at_effect, 0.8, 0.02);
  // Slightly less effect falls short: it is the smallest.
  Scenario weaker = r.solved;
  for (auto& iv : weaker.interventions) {
    if (iv.lever == "asb.action_days") iv.effect.a = r.effect * 0.98;
  }
  EXPECT_LT(e.probability(target(e, "asb-rate"), weaker), 0.8);
  // The written scenario, read back against the pack, gives the same P.
  test::TempDir dir;
  test::write_file(dir.path() / "solved.toml", report::solved_scenario_toml(r));
  const Scenario back =
      io::read_scenario_file(dir.path() / "solved.toml", e.pack().scenarios);
  e.validate(back);
  EXPECT_NEAR(e.probability(target(e, "asb-rate"), back), 0.8, 0.02);
}

TEST(Solve, SaysWhenNoEffectInTheLeversRangeIsEnough) {
  RunOptions options;
  Engine e = maidstone(options);
  SolveRequest req;
  req.target = "asb-rate";
  req.scenario = "baseline";
  req.lever = "asb.youth_outreach";
  req.probability = 0.999;
  const SolveResult r = solve(e, req, options);
  EXPECT_FALSE(r.reachable);
  EXPECT_LT(r.best_p, 0.999);
  EXPECT_NE(report::solve_summary(r).find("no effect in that range"),
            std::string::npos);
  // Without a lever: a uniform effect on the indicator, added from the
  // month after its history.
  req.lever.clear();
  req.probability = 0.9;
  const SolveResult u = solve(e, req, options);
  ASSERT_TRUE(u.reachable);
  EXPECT_FALSE(u.already_met);
  EXPECT_LT(u.effect, 0.0);
  EXPECT_EQ(u.indicator, "asb.incidents");
  EXPECT_NEAR(u.p_at_effect, 0.9, 0.02);
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
    Engine e(io::read_pack(std::filesystem::path(CSPCAST_TEST_SOURCE_DIR) /
                           "scenarios" / "maidstone"),
             in_process_models());
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

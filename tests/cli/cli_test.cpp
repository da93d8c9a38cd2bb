// SPDX-License-Identifier: MIT
// End-to-end: runs the `cspcast` program as a user would.
#include "cli/support.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <string>

namespace cspcast {
namespace {

namespace fs = std::filesystem;

using test::contains;
using test::Result;

Result run(const std::string& args) { return test::run_cli(args); }

TEST(Cli, DefaultRunPrintsTheMaidstoneTargetTable) {
  const Result r = run("run --paths 400");
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* target :
       {"asb-rate", "drug-offences-rate", "vap-rate", "marac-repeats"}) {
    EXPECT_TRUE(contains(r.out, target)) << target;
  }
  for (const char* scenario : {"baseline", "action-plan", "reduced-funding"}) {
    EXPECT_TRUE(contains(r.out, scenario)) << scenario;
  }
  EXPECT_TRUE(
      std::regex_search(r.out, std::regex("(on track|at risk|off track)")));
  EXPECT_TRUE(contains(r.out, "models:"));
}

// The bundled pack's reoffending rate (and its Kent comparator) are
// projected by the reoffending plugin's own model: its paths too are the
// same whatever the threads (blocks of 512 paths on either thread).
TEST(Cli, SameSeedGivesIdenticalResultsForOneAndTwoThreads) {
  const Result one = run("run --paths 1100 --seed 7 --threads 1 --format csv");
  const Result two = run("run --paths 1100 --seed 7 --threads 2 --format csv");
  ASSERT_EQ(one.code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  const Result other =
      run("run --paths 1100 --seed 8 --threads 2 --format csv");
  EXPECT_NE(one.out, other.out);
}

TEST(Cli, OutWritesResultsWithAManifest) {
  test::TempDir dir;
  const Result r = run("run --paths 300 --out '" + dir.path().string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = test::read_file(dir.path() / "results.csv");
  EXPECT_EQ(csv.rfind("scenario,target,indicator,period,basis,p_met,p_met_se,"
                      "mean,median,lo80,hi80,",
                      0),
            0U);
  // 19 targets x 3 scenarios + header.
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 58);
  const std::string json = test::read_file(dir.path() / "results.json");
  for (const char* key : {"\"seed\"",
                          "\"fnv1a64\"",
                          "\"cspcast_version\"",
                          "\"plugins\"",
                          "\"comparisons\"",
                          "\"best_scenario\"",
                          "\"models\""}) {
    EXPECT_TRUE(contains(json, key)) << key;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "results.json.tmp"));
}

TEST(Cli, PluginsListsTheSixPriorities) {
  const Result r = run("plugins");
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* name : {"asb ",
                           "reoffending ",
                           "road_safety ",
                           "substance_misuse ",
                           "domestic_abuse ",
                           "nte_violence "}) {
    EXPECT_TRUE(contains(r.out, name)) << name;
  }
  EXPECT_TRUE(contains(r.out, "6 plugin(s) loaded, 0 failed"));
  // The models plugins bring, with the companion series they read.
  EXPECT_TRUE(contains(r.out,
                       "    own model: cohort binomial or beta-binomial (logit "
                       "trend, quarterly cohorts, follow-up lag 6 months) "
                       "(companion series: cohort)"))
      << r.out;
}

TEST(Cli, PluginsCheckRunsTheConformanceSuiteOnEveryPluginModel) {
  const Result good = run("plugins --check");
  EXPECT_EQ(good.code, 0) << good.out << good.err;
  EXPECT_TRUE(contains(good.out,
                       "check reoffending.reoffend_rate (reoffending): "
                       "conforms"))
      << good.out;
  const Result bad = run(std::string("plugins --check --plugin-dir '") +
                         CSPCAST_TEST_MODEL_FIXTURE_DIR + "'");
  EXPECT_EQ(bad.code, 1) << bad.out << bad.err;
  EXPECT_TRUE(contains(bad.out, "check faulty_model.nan (faulty_model): FAILS"))
      << bad.out;
  EXPECT_TRUE(contains(bad.out, "7 plugin model(s) checked")) << bad.out;
}

TEST(Cli, BacktestPackScoresThePluginModelAgainstTheCoreModel) {
  test::TempDir dir;
  const fs::path csv = dir.path() / "scores.csv";
  const Result r =
      run("backtest-pack --origins 4 --paths 500 --out '" + csv.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(
      r.out, std::regex("\nreoffending\\.reoffend_rate \\(own\\) +[0-9.]+ ")))
      << r.out;
  EXPECT_TRUE(std::regex_search(
      r.out, std::regex("\nreoffending\\.reoffend_rate \\(core\\) +[0-9.]+ ")))
      << r.out;
  EXPECT_TRUE(contains(r.out, "all: own")) << r.out;
  EXPECT_TRUE(contains(r.out, "all: core")) << r.out;
  const std::string scores = test::read_file(csv);
  EXPECT_TRUE(contains(scores,
                       "reoffending.reoffend_rate,own: reoffending: "
                       "cohort binomial"))
      << scores;
  // Without the cohort sizes there is no plugin model to score.
  const fs::path pack = test::copy_maidstone(dir.path());
  ASSERT_TRUE(
      test::edit(pack / "pack.toml", "companions = \"companions.csv\"\n", ""));
  const Result none = run("backtest-pack --pack '" + pack.string() + "'");
  EXPECT_EQ(none.code, 1);
  EXPECT_TRUE(contains(none.err, "no series with a plugin's own model"))
      << none.err;
}

TEST(Cli, RunNamesThePluginModelInItsModelList) {
  const Result r = run("run --paths 200");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(
      r.out,
      std::regex("\n  reoffending\\.reoffend_rate +reoffending: cohort "
                 "binomial \\(logit trend, quarterly cohorts, lag 6\\)\n")))
      << r.out;
  // The comparator with its cohort sizes too; percentage comparators
  // without their own model on the logit scale, like their indicator.
  EXPECT_TRUE(contains(r.out,
                       "kent:reoffending.reoffend_rate              "
                       "reoffending: cohort binomial"))
      << r.out;
  EXPECT_TRUE(std::regex_search(
      r.out,
      std::regex("kent:domestic_abuse\\.repeat_victims_pct +[^\n]* on "
                 "logit\\(y/100\\)\n")))
      << r.out;
}

// A pack of one indicator of the faulty-model fixture, run through the CLI:
// an error naming plugin, series and file, exit 1, no results written.
TEST(Cli, AFaultyPluginModelEndsTheRunWithAnErrorNotACrash) {
  test::TempDir dir;
  const fs::path pack = dir.path() / "pack";
  fs::create_directories(pack);
  test::write_file(pack / "pack.toml",
                   "[pack]\nname = \"faulty\"\nhorizon = \"2016-03\"\n"
                   "target_period = \"FY2015/16\"\nhistory = \"history.csv\"\n"
                   "population = \"population.csv\"\n"
                   "targets = \"targets.toml\"\n"
                   "scenarios = [\"baseline.toml\"]\n");
  test::write_file(pack / "baseline.toml",
                   "[scenario]\nname = \"baseline\"\ntitle = \"b\"\n");
  std::string history = "indicator,month,value\n";
  for (int t = 0; t < 48; ++t) {
    history += "faulty_model.out_of_range," +
               std::to_string(2011 + (t + 3) / 12) + "-" +
               (((t + 3) % 12) + 1 < 10 ? "0" : "") +
               std::to_string(((t + 3) % 12) + 1) + "," +
               std::to_string(10 + t % 4) + "\n";
  }
  test::write_file(pack / "history.csv", history);
  test::write_file(pack / "population.csv",
                   "group,year,population\nall,2015,100000\nall,2016,100000\n");
  test::write_file(pack / "targets.toml",
                   "[[target]]\nid = \"t\"\ntitle = \"t\"\n"
                   "indicator = \"faulty_model.out_of_range\"\n"
                   "kind = \"at_most\"\nvalue = 50\nbasis = \"percentage\"\n"
                   "source = \"test\"\n");
  const Result r = test::run_cli("run --pack '" + pack.string() +
                                 "' --paths 100 --plugin-dir '" +
                                 CSPCAST_TEST_MODEL_FIXTURE_DIR + "' --out '" +
                                 (dir.path() / "out").string() + "'");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "plugin 'faulty_model'")) << r.err;
  EXPECT_TRUE(contains(r.err, "series 'faulty_model.out_of_range'")) << r.err;
  EXPECT_TRUE(contains(r.err, "history.csv:2")) << r.err;
  EXPECT_TRUE(contains(r.err, "a percentage outside 0 to 100")) << r.err;
  EXPECT_FALSE(contains(r.out, "P(met)")) << r.out;
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "results.csv"));
}

TEST(Cli, BrokenPluginsAreListedWhileGoodOnesLoad) {
  const Result r = run(std::string("plugins --plugin-dir '") +
                       CSPCAST_TEST_FIXTURE_DIR + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "6 plugin(s) loaded, 6 failed"));
  EXPECT_TRUE(contains(
      r.out,
      "cspcast_plugin_wrong_abi.so': ABI version 3, this build supports 2"));
  EXPECT_TRUE(contains(
      r.out,
      "cspcast_plugin_old_abi.so': ABI version 1, this build supports 2"));
  EXPECT_TRUE(
      contains(r.out, "cspcast_plugin_not_a_plugin.so': not a cspcast plugin"));
  EXPECT_TRUE(contains(r.out, "fixture: describe always throws"));
  const Result strict =
      run(std::string("plugins --strict-plugins --plugin-dir '") +
          CSPCAST_TEST_FIXTURE_DIR + "'");
  EXPECT_EQ(strict.code, 1);
}

TEST(Cli, HelpVersionAndUsageErrors) {
  EXPECT_EQ(run("--version").code, 0);
  EXPECT_TRUE(contains(run("--version").out, "cspcast 0."));
  for (const char* cmd : {"run --help", "plugins --help", "compare --help"}) {
    const Result r = run(cmd);
    EXPECT_EQ(r.code, 0) << cmd;
    EXPECT_TRUE(contains(r.out, "--")) << cmd;
  }
  EXPECT_EQ(run("").code, 2);
  EXPECT_EQ(run("frobnicate").code, 2);
  EXPECT_EQ(run("run --paths many").code, 2);
  EXPECT_EQ(run("run --format xml").code, 2);
  // Out-of-range option values are usage errors in every command.
  EXPECT_EQ(run("run --paths 5").code, 2);
  EXPECT_EQ(run("solve --target asb-rate --probability 1.5").code, 2);
  EXPECT_EQ(run("run --threads -1").code, 2);
}

TEST(Cli, CompareGivesPairedCsv) {
  const Result r =
      run("compare action-plan reduced-funding --paths 400 --format csv");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(
      r.out.rfind(
          "target,scenario_a,scenario_b,p_a_better,p_b_better,mean_difference",
          0),
      0U);
  EXPECT_TRUE(contains(r.out, "asb-rate,action-plan,reduced-funding,"));
}

// A copy of the Maidstone pack with one edit; the run must fail with exit 1,
// an error naming the file, line and field, and nothing written to --out.
void expect_bad_pack(const std::string& file,
                     const std::string& from,
                     const std::string& to,
                     const std::string& message) {
  test::TempDir dir;
  const fs::path pack = test::copy_maidstone(dir.path());
  const fs::path out = dir.path() / "out";
  if (!from.empty()) {
    std::string text = test::read_file(pack / file);
    ASSERT_NE(text.find(from), std::string::npos) << from;
    // Every occurrence, so a renamed indicator leaves no gap behind.
    for (auto at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
    test::write_file(pack / file, text);
  } else {
    fs::remove(pack / file);
  }
  const Result r = run("run --paths 200 --pack '" + pack.string() +
                       "' --out '" + out.string() + "'");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex(message))) << r.err;
  EXPECT_FALSE(fs::exists(out / "results.csv"));
  EXPECT_FALSE(fs::exists(out / "results.json"));
}

TEST(Cli, MalformedPacksNameFileLineAndField) {
  expect_bad_pack(
      "history.csv", "", "", "pack.toml:[0-9]+: history: missing file");
  expect_bad_pack("history.csv",
                  "asb.incidents,2010-05,",
                  "asb.incidents,2010-5,",
                  "history.csv:[0-9]+: month: bad month \\(got '2010-5'");
  expect_bad_pack(
      "history.csv",
      "asb.incidents,2010-05,",
      "asb.incidents,2010-05,-",
      "history.csv:[0-9]+: value: negative count for 'asb.incidents'");
  expect_bad_pack("history.csv",
                  "asb.incidents,2010-05,",
                  "asb.incidents,2010-05,x",
                  "history.csv:[0-9]+: value: not a number \\(got 'x");
  expect_bad_pack(
      "history.csv",
      "asb.incidents,",
      "asb.incident,",
      "history.csv:[0-9]+: indicator: unknown indicator 'asb.incident'");
  expect_bad_pack("history.csv",
                  "asb.incidents,",
                  "hoarding.cases,",
                  "history.csv:[0-9]+: indicator: 'hoarding.cases' needs "
                  "plugin 'hoarding'");
  expect_bad_pack(
      "targets.toml",
      "kind = \"at_most\"",
      "kind = \"at_worst\"",
      "targets.toml:[0-9]+: kind: unknown target kind \\(got 'at_worst'");
  expect_bad_pack(
      "scenarios/action-plan.toml",
      "lever = \"asb.action_days\"",
      "lever = \"asb.action_nights\"",
      "action-plan.toml:[0-9]+: lever: unknown lever 'asb.action_nights'");
  expect_bad_pack("scenarios/action-plan.toml",
                  "start = \"2015-04\"",
                  "start = \"2019-04\"",
                  "action-plan.toml:[0-9]+: start: after the horizon");
  expect_bad_pack("scenarios/action-plan.toml",
                  "ramp_months = 3",
                  "ramp_months = -3",
                  "action-plan.toml:[0-9]+: ramp_months: negative");
  expect_bad_pack("scenarios/action-plan.toml",
                  "mean = -0.04, sd = 0.02",
                  "mean = -0.04, sd = -0.02",
                  "action-plan.toml:[0-9]+: effect: normal needs");
  expect_bad_pack("scenarios/action-plan.toml",
                  "lever = \"asb.case_management\"",
                  "indicator = \"asb.incidentz\"",
                  "action-plan.toml:[0-9]+: indicator: unknown indicator "
                  "'asb.incidentz'");
  expect_bad_pack("scenarios/baseline.toml",
                  "name = \"baseline\"",
                  "name = \"baseline\"\nextends = \"reduced-funding\"",
                  "inheritance cycle");
  expect_bad_pack("pack.toml",
                  "min = 1.152",
                  "min = -1.152",
                  "pack.toml:[0-9]+: factor: (triangular needs|must be "
                  "positive)");
}

TEST(Cli, SolveWritesAScenarioThatRunsAtTheRequestedProbability) {
  test::TempDir dir;
  const fs::path file = dir.path() / "solved.toml";
  const Result s =
      run("solve --target asb-rate --scenario action-plan --lever "
          "asb.action_days --probability 0.8 --paths 1000 --write-scenario '" +
          file.string() + "'");
  ASSERT_EQ(s.code, 0) << s.err;
  EXPECT_TRUE(contains(s.out, "effect needed for P(met) >= 0.8"));
  ASSERT_TRUE(fs::exists(file));
  EXPECT_TRUE(contains(test::read_file(file), "extends = 'action-plan'"));
  const Result r =
      run("run --paths 1000 --format csv --scenario '" + file.string() +
          "' --out '" + (dir.path() / "out").string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  // The scenario file is an input: the manifest lists it with a checksum.
  EXPECT_TRUE(contains(test::read_file(dir.path() / "out" / "results.json"),
                       "solved.toml"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      r.out,
      m,
      std::regex("action-plan\\+asb.action_days,asb-rate,[^,]*,[^,]*"
                 ",[^,]*,([0-9.]+),")))
      << r.out;
  EXPECT_NEAR(std::stod(m[1].str()), 0.8, 0.02);
  // A bad request writes nothing.
  const fs::path none = dir.path() / "none.toml";
  const Result bad =
      run("solve --target no-such --write-scenario '" + none.string() + "'");
  EXPECT_EQ(bad.code, 1);
  EXPECT_TRUE(contains(bad.err, "unknown target 'no-such'"));
  EXPECT_FALSE(fs::exists(none));
}

}  // namespace
}  // namespace cspcast

namespace cspcast {
namespace {

// A monthly CSV with `count` series of `months` values from 2010-01: a
// level, a trend and a season, deterministic.
std::string monthly_csv(int count, int months) {
  std::string out = "series_id,month,value\n";
  for (int s = 0; s < count; ++s) {
    for (int t = 0; t < months; ++t) {
      const double v = 100.0 + 10.0 * s + 0.5 * t +
                       8.0 * std::sin(2.0 * 3.141592653589793 * t / 12.0) +
                       ((t * 7919 + s * 104729) % 13) - 6.0;
      const int year = 2010 + t / 12;
      const int month = t % 12 + 1;
      out += "s" + std::to_string(s) + "," + std::to_string(year) + "-" +
             (month < 10 ? "0" : "") + std::to_string(month) + "," +
             std::to_string(v) + "\n";
    }
  }
  return out;
}

TEST(CliForecast, WritesTheScoredFormatWithTimingAndLog) {
  test::TempDir dir;
  test::write_file(dir.path() / "in.csv", monthly_csv(3, 60));
  const fs::path out = dir.path() / "fc.csv";
  const Result r =
      run("forecast --input '" + (dir.path() / "in.csv").string() +
          "' --horizon 6 --paths 500 --out '" + out.string() +
          "' --paths-out '" + (dir.path() / "p.csv").string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string text = test::read_file(out);
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "series_id,h,point,lo80,hi80,lo95,hi95");
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1 + 3 * 6);
  EXPECT_TRUE(contains(text, "\ns2,6,"));
  // Intervals nest around the point.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      text, m, std::regex("s0,1,([^,]+),([^,]+),([^,]+),([^,]+),([^,\n]+)")));
  const double point = std::stod(m[1]);
  EXPECT_LT(std::stod(m[4]), std::stod(m[2]));
  EXPECT_LT(std::stod(m[2]), point);
  EXPECT_LT(point, std::stod(m[3]));
  EXPECT_LT(std::stod(m[3]), std::stod(m[5]));
  EXPECT_TRUE(contains(test::read_file(dir.path() / "fc_timing.csv"),
                       "per_series_ms,n_series,n_fallback"));
  EXPECT_TRUE(contains(test::read_file(dir.path() / "fc_log.csv"), "combo("));
  const std::string paths = test::read_file(dir.path() / "p.csv");
  EXPECT_EQ(std::count(paths.begin(), paths.end(), '\n'), 1 + 3 * 500 * 6);
  // Same seed, other thread count: the same file.
  const fs::path two = dir.path() / "fc2.csv";
  ASSERT_EQ(
      run("forecast --input '" + (dir.path() / "in.csv").string() +
          "' --horizon 6 --paths 500 --threads 2 --out '" + two.string() + "'")
          .code,
      0);
  EXPECT_EQ(test::read_file(two), text);
}

TEST(CliForecast, EveryModelRunsAndHoldoutAndSplitAreHonoured) {
  test::TempDir dir;
  test::write_file(dir.path() / "in.csv", monthly_csv(2, 48));
  for (const char* model :
       {"auto", "ets", "theta", "combo", "stl", "damped", "snaive", "drift"}) {
    const fs::path out = dir.path() / (std::string(model) + ".csv");
    const Result r =
        run("forecast --input '" + (dir.path() / "in.csv").string() +
            "' --model " + model + " --horizon 12 --holdout 12 --paths 200 " +
            "--bootstrap --out '" + out.string() + "'");
    EXPECT_EQ(r.code, 0) << model << ": " << r.err;
  }
  // A byte-order mark, as spreadsheets write, and Windows line ends.
  test::write_file(dir.path() / "bom.csv",
                   "\xEF\xBB\xBFseries_id,month,value\r\nb,2010-01,5\r\n"
                   "b,2010-02,6\r\nb,2010-03,7\r\nb,2010-04,8\r\n");
  EXPECT_EQ(run("forecast --input '" + (dir.path() / "bom.csv").string() +
                "' --horizon 1 --model drift --paths 200 --out '" +
                (dir.path() / "b.csv").string() + "'")
                .code,
            0);
  EXPECT_TRUE(contains(test::read_file(dir.path() / "b.csv"), "b,1,9"));
  // A split column: test rows are ignored.
  test::write_file(dir.path() / "split.csv",
                   "series_id,period,value,split\n"
                   "a,1,10,train\na,2,12,train\na,3,11,train\na,4,13,train\n"
                   "a,5,12,train\na,6,14,train\na,7,13,train\na,8,15,train\n"
                   "a,9,99999,test\n");
  const Result r =
      run("forecast --input '" + (dir.path() / "split.csv").string() +
          "' --horizon 1 --model drift --paths 200 --out '" +
          (dir.path() / "s.csv").string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string text = test::read_file(dir.path() / "s.csv");
  // Drift from 10 to 15 over 7 steps: 15 + 5/7.
  EXPECT_TRUE(contains(text, "a,1,15.71428571")) << text;
}

void expect_bad_forecast_input(const std::string& csv,
                               const std::string& message) {
  test::TempDir dir;
  test::write_file(dir.path() / "in.csv", csv);
  const fs::path out = dir.path() / "fc.csv";
  const Result r = run("forecast --input '" + (dir.path() / "in.csv").string() +
                       "' --horizon 3 --out '" + out.string() + "'");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex(message))) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST(CliForecast, BadInputNamesSeriesAndLine) {
  expect_bad_forecast_input(
      "series_id,month,value\na,2010-01,5\na,2010-02,x\n",
      "in.csv:3: value: not a number \\(got 'x'\\) in series 'a'");
  expect_bad_forecast_input(
      "series_id,month,value\na,2010-01,5\na,2010-02,6\na,2010-02,7\n",
      "in.csv:4: month: duplicate 2010-02 in series 'a' \\(also at line 3\\)");
  expect_bad_forecast_input(
      "series_id,month,value\na,2010-01,5\na,2010-02,6\na,2010-04,7\n",
      "in.csv:4: month: gap in series 'a': 2010-04 follows 2010-02 "
      "\\(missing 2010-03\\)");
  expect_bad_forecast_input("series_id,month,value\nb,2010-01,5\nb,2010-02,6\n",
                            "in.csv:2: series 'b': .*too short");
  expect_bad_forecast_input("id,month,value\na,2010-01,5\n",
                            "in.csv:1: header: expected series_id");
  expect_bad_forecast_input("series_id,month,value\na,2010-13,5\n",
                            "in.csv:2: month: bad month");
  // A multiplicative model asked for by name on a series with a zero.
  std::string zero = "series_id,month,value\n";
  for (int t = 0; t < 30; ++t) {
    zero += "z,20" + std::to_string(10 + t / 12) + "-" +
            (t % 12 < 9 ? "0" : "") + std::to_string(t % 12 + 1) + "," +
            (t == 7 ? "0" : std::to_string(10 + t % 5)) + "\n";
  }
  test::TempDir dir;
  test::write_file(dir.path() / "in.csv", zero);
  const Result r = run("forecast --input '" + (dir.path() / "in.csv").string() +
                       "' --horizon 3 --model 'ETS(M,N,N)' --out '" +
                       (dir.path() / "fc.csv").string() + "'");
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(contains(r.err,
                       "in.csv:2: series 'z': ETS(M,N,N) needs positive "
                       "values (got 0 at line 9)"))
      << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "fc.csv"));
  const Result ok =
      run("forecast --input '" + (dir.path() / "in.csv").string() +
          "' --horizon 3 --model 'ETS(A,N,N)' --out '" +
          (dir.path() / "fc.csv").string() + "'");
  EXPECT_EQ(ok.code, 0) << ok.err;
}

TEST(CliForecast, ShortSeriesFallBackAndSayWhy) {
  test::TempDir dir;
  test::write_file(dir.path() / "in.csv",
                   "series_id,month,value\nc,2010-01,5\nc,2010-02,6\n"
                   "c,2010-03,8\nc,2010-04,9\n");
  const fs::path out = dir.path() / "fc.csv";
  const Result r = run("forecast --input '" + (dir.path() / "in.csv").string() +
                       "' --horizon 2 --out '" + out.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "series 'c'")) << r.err;
  EXPECT_TRUE(contains(r.err, "used drift")) << r.err;
  EXPECT_TRUE(
      contains(test::read_file(dir.path() / "fc_log.csv"), "used drift"));
  EXPECT_TRUE(contains(test::read_file(dir.path() / "fc_timing.csv"), ",1,"));
}

TEST(CliBacktest, PrintsAccuracyPerModel) {
  test::TempDir dir;
  test::write_file(dir.path() / "in.csv", monthly_csv(2, 60));
  const Result r = run("backtest --input '" + (dir.path() / "in.csv").string() +
                       "' --horizon 6 --origins 2 --paths 200 --model ets "
                       "--model snaive --out '" +
                       (dir.path() / "bt.csv").string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "sMAPE"));
  EXPECT_TRUE(std::regex_search(r.out, std::regex("\nets +[0-9.]+ +[0-9.]+")));
  EXPECT_TRUE(contains(r.out, "\nsnaive"));
  EXPECT_TRUE(contains(test::read_file(dir.path() / "bt.csv"),
                       "model,series,forecasts,smape,mase,cov80,cov95"));
  const Result each =
      run("backtest --input '" + (dir.path() / "in.csv").string() +
          "' --horizon 6 --origins 2 --paths 200 --model ets --model snaive "
          "--per-series '" +
          (dir.path() / "each.csv").string() + "'");
  ASSERT_EQ(each.code, 0) << each.err;
  const std::string rows = test::read_file(dir.path() / "each.csv");
  EXPECT_TRUE(contains(rows, "\ns0,ets,2,"));
  EXPECT_TRUE(contains(rows, "\ns1,snaive,2,"));
  EXPECT_TRUE(contains(each.out, "lowest MASE per series"));
  EXPECT_TRUE(std::regex_search(each.out, std::regex("\n  s1 +(ets|snaive)")));
  const Result too_short =
      run("backtest --input '" + (dir.path() / "in.csv").string() +
          "' --horizon 100 --origins 2 --model ets");
  EXPECT_EQ(too_short.code, 1);
  EXPECT_TRUE(contains(too_short.err, "no series is long enough"))
      << too_short.err;
  // A pack's history.csv (comments, `indicator` column) backtests as is.
  const Result pack =
      run("backtest --input '" + std::string(CSPCAST_TEST_SOURCE_DIR) +
          "/scenarios/maidstone/history.csv' --horizon 12 --origins 1 "
          "--paths 200 --model theta --per-series '" +
          (dir.path() / "pack.csv").string() + "'");
  ASSERT_EQ(pack.code, 0) << pack.err;
  EXPECT_TRUE(contains(pack.out, "asb.incidents"));
  EXPECT_TRUE(contains(pack.out, "rolling origin: 18 series"));
}

TEST(CliAnticipated, FlagsMonthsOutsideTheExpectedRange) {
  // Six years with the same shape and some noise; the last December
  // doubles.
  std::string csv = "series_id,month,value\n";
  for (int t = 0; t < 72; ++t) {
    double v = 100.0 + (t % 12 == 6 ? 30.0 : 0.0) + ((t * 7919) % 11 - 5);
    if (t == 71) v *= 2.0;
    const int month = t % 12 + 1;
    csv += "x," + std::to_string(2009 + t / 12) + "-" +
           (month < 10 ? "0" : "") + std::to_string(month) + "," +
           std::to_string(v) + "\n";
  }
  test::TempDir dir;
  test::write_file(dir.path() / "in.csv", csv);
  const Result r =
      run("anticipated --input '" + (dir.path() / "in.csv").string() +
          "' --out '" + (dir.path() / "a.csv").string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("2014-12 +202\\.0.*ABOVE")))
      << r.out;
  // The level is the previous year's: one odd December does not make the
  // other months look low.
  EXPECT_TRUE(
      std::regex_search(r.out, std::regex("2014-01 +101\\.0[ .0-9to]+\n")))
      << r.out;
  EXPECT_TRUE(
      contains(test::read_file(dir.path() / "a.csv"), "x,2014-12,202,"));
  // Too short for five years of seasonality.
  test::write_file(dir.path() / "short.csv",
                   "series_id,month,value\nx,2010-01,1\nx,2010-02,2\n");
  const Result bad =
      run("anticipated --input '" + (dir.path() / "short.csv").string() + "'");
  EXPECT_EQ(bad.code, 1);
  EXPECT_TRUE(contains(bad.err, "series 'x' has 2 months")) << bad.err;
}

}  // namespace
}  // namespace cspcast

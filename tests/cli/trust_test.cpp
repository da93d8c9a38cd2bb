// SPDX-License-Identifier: MIT
// Answers a board can trust: statuses that Monte Carlo noise cannot flip,
// and no silent acceptance of inputs that change conclusions.
#include "cli/support.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace cspcast {
namespace {

namespace fs = std::filesystem;
using test::contains;
using test::edit;
using test::run_cli;

// The rows of `run --format csv` after its header, split at commas.
std::vector<std::vector<std::string>> rows(const std::string& csv) {
  std::vector<std::vector<std::string>> out;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream cells(line);
    for (std::string c; std::getline(cells, c, ',');) f.push_back(c);
    out.push_back(std::move(f));
  }
  return out;
}

// (scenario, target) -> status, from `run --format csv`.
std::map<std::string, std::string> statuses(const std::string& csv) {
  std::map<std::string, std::string> out;
  for (const auto& f : rows(csv)) {
    if (f.size() > 12) out[f[0] + "/" + f[1]] = f[12];
  }
  return out;
}

TEST(Trust, NoSettledStatusDiffersBetweenSeeds) {
  std::map<std::string, std::set<std::string>> seen;
  int borderline = 0;
  for (const char* seed : {"1", "2", "3", "4"}) {
    const auto r = run_cli(std::string("run --format csv --seed ") + seed);
    ASSERT_EQ(r.code, 0) << r.err;
    const auto s = statuses(r.out);
    ASSERT_EQ(s.size(), 57U);
    for (const auto& [key, status] : s) {
      if (status == "borderline") {
        ++borderline;
      } else {
        seen[key].insert(status);
      }
    }
  }
  for (const auto& [key, set] : seen) {
    EXPECT_EQ(set.size(), 1U)
        << key << " has " << set.size() << " settled statuses across seeds";
  }
  // Only the few outcomes whose P(met) lies within Monte Carlo error of
  // 0.5 or 0.8 are borderline (docs/user-guide.md gives the count).
  EXPECT_LT(borderline, 4 * 57 / 10);
}

TEST(Trust, ABorderlineStatusSaysBetweenWhatWithItsInterval) {
  const auto r = run_cli("run --format json --paths 400 --seed 3");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "\"p_met_lo95\""));
  EXPECT_TRUE(contains(r.out, "\"no_best_scenario\""));
  const auto t = run_cli("run --paths 400 --seed 3");
  ASSERT_EQ(t.code, 0) << t.err;
  // Scenarios within Monte Carlo error of each other on a target are
  // never a "best": all three tie on some target of the pack.
  EXPECT_TRUE(std::regex_search(
      t.out,
      std::regex("none: [a-z-]+, [a-z-]+ and [a-z-]+ tie for best within "
                 "Monte Carlo error")))
      << t.out;
}

TEST(Trust, PrecisionRunsMorePathsUntilStatusesSettle) {
  const auto r = run_cli("run --format csv --paths 500 --precision 0.005");
  ASSERT_EQ(r.code, 0) << r.err;
  // Every status is settled, or still borderline with its standard error
  // at most the 0.005 asked for (a P(met) within Monte Carlo error of a
  // threshold: the other stopping rule). Fewer than at 500 paths.
  int borderline = 0;
  for (const auto& f : rows(r.out)) {
    ASSERT_GT(f.size(), 12U);
    if (f[12] != "borderline") continue;
    ++borderline;
    EXPECT_LE(std::stod(f[6]), 0.005) << f[0] << " " << f[1];
  }
  const auto first = run_cli("run --format csv --paths 500");
  int before = 0;
  for (const auto& [key, status] : statuses(first.out)) {
    before += status == "borderline" ? 1 : 0;
  }
  EXPECT_LT(borderline, before) << r.out;
  const auto j = run_cli("run --format json --paths 500 --precision 0.005");
  EXPECT_TRUE(contains(j.out, "\"rounds\"")) << j.out.substr(0, 400);
  EXPECT_EQ(run_cli("run --precision 0.7").code, 2);
}

// A copy of the bundled pack for one test.
struct PackCopy {
  test::TempDir dir;
  fs::path pack = test::copy_maidstone(dir.path());
  [[nodiscard]] std::string arg() const {
    return "--pack '" + pack.string() + "'";
  }
};

TEST(Trust, AnInterventionInsideTheHistoryIsRefusedUnlessAllowed) {
  PackCopy p;
  const fs::path plan = p.pack / "scenarios" / "action-plan.toml";
  ASSERT_TRUE(edit(plan, "start = \"2015-09\"", "start = \"2013-09\""));
  const auto r = run_cli("run --paths 200 " + p.arg());
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(std::regex_search(
      r.err,
      std::regex("action-plan.toml:[0-9]+: start: inside the history of "
                 "'[a-z_.]+' \\(got 2013-09; the history ends 2014-09\\)")))
      << r.err;
  ASSERT_TRUE(edit(plan,
                   "start = \"2013-09\"",
                   "start = \"2013-09\"\nallow_in_history = true"));
  EXPECT_EQ(run_cli("run --paths 200 " + p.arg()).code, 0);
}

TEST(Trust, AComparatorEndingLongBeforeItsIndicatorIsAWarningEverywhere) {
  PackCopy p;
  const fs::path file = p.pack / "comparators.csv";
  std::istringstream in(test::read_file(file));
  std::string kept;
  for (std::string line; std::getline(in, line);) {
    // The Kent DA incidents comparator stops two years early: its rows
    // after March 2012 go.
    const std::string prefix = "kent,domestic_abuse.incidents,";
    // Rows are comparator,indicator,basis,month,value: the month is the
    // 7 characters after the third comma.
    const std::size_t month = line.rfind(',', line.rfind(',') - 1) + 1;
    const bool drop =
        line.rfind(prefix, 0) == 0 && line.substr(month, 7) > "2012-03";
    if (!drop) kept += line + "\n";
  }
  test::write_file(file, kept);
  const auto r = run_cli("run --paths 200 --format json " + p.arg());
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string warning =
      "comparator 'kent' for 'domestic_abuse.incidents' ends 2012-03, 30 "
      "months before the indicator's history (2014-09)";
  EXPECT_TRUE(contains(r.err, warning)) << r.err;
  EXPECT_TRUE(contains(r.out, warning));  // in the manifest
  EXPECT_TRUE(contains(run_cli("run --paths 200 " + p.arg()).out, warning));
}

TEST(Trust, AScenarioWrittenForOnePackIsRefusedByAnother) {
  test::TempDir dir;
  const fs::path file = dir.path() / "solved.toml";
  ASSERT_EQ(run_cli("solve --target needles --paths 400 --write-scenario '" +
                    file.string() + "'")
                .code,
            0);
  EXPECT_TRUE(contains(test::read_file(file), "pack = 'maidstone'"));
  EXPECT_EQ(run_cli("run --paths 400 --scenario '" + file.string() + "'").code,
            0);
  PackCopy p;
  ASSERT_TRUE(
      edit(p.pack / "pack.toml", "name = \"maidstone\"", "name = \"other\""));
  const auto r = run_cli("run --paths 400 " + p.arg() + " --scenario '" +
                         file.string() + "'");
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(contains(r.err, "solved.toml:"));
  EXPECT_TRUE(contains(r.err, "pack: written for pack 'maidstone'")) << r.err;
  EXPECT_EQ(run_cli("run --paths 400 " + p.arg() +
                    " --allow-other-pack "
                    "--scenario '" +
                    file.string() + "'")
                .code,
            0);
  // The same pack with other data is another version of it.
  PackCopy changed;
  ASSERT_TRUE(edit(changed.pack / "population.csv", "all,2014,", "all,2014,1"));
  EXPECT_EQ(run_cli("run --paths 400 " + changed.arg() + " --scenario '" +
                    file.string() + "'")
                .code,
            1);
}

TEST(Trust, TargetPeriodsOutsideTheHistoryAreRefused) {
  {
    PackCopy p;
    // Every target's period is the pack's target_period unless stated.
    ASSERT_TRUE(edit(p.pack / "pack.toml", "FY2017/18", "FY2012/13"));
    ASSERT_TRUE(
        edit(p.pack / "targets.toml", "each_year_from = \"FY2015/16\"", ""));
    const auto r = run_cli("run --paths 200 " + p.arg());
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(contains(r.err, "period: ends before the history of")) << r.err;
  }
  {
    PackCopy p;
    ASSERT_TRUE(edit(p.pack / "targets.toml",
                     "base_period = \"R12:2014-09\"",
                     "base_period = \"FY2014/15\""));
    const auto r = run_cli("run --paths 200 " + p.arg());
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(std::regex_search(
        r.err,
        std::regex("targets.toml:[0-9]+: base_period: ends after the "
                   "history of '[a-z_.]+' \\(got FY2014/15")))
        << r.err;
  }
}

TEST(Outputs, AreCheckedBeforeTheWorkAndLeaveNothingWhenItFails) {
  test::TempDir dir;
  // A pack error after the output folder was checked (and created): the
  // folder goes again.
  PackCopy p;
  ASSERT_TRUE(edit(
      p.pack / "targets.toml", "kind = \"at_most\"", "kind = \"at_worst\""));
  const fs::path out = dir.path() / "new" / "out";
  const auto r =
      run_cli("run --paths 200 " + p.arg() + " --out '" + out.string() + "'");
  EXPECT_EQ(r.code, 1);
  EXPECT_FALSE(fs::exists(dir.path() / "new")) << r.err;
  // An output that cannot be written is named before any input is read.
  const auto f =
      run_cli("forecast --input '" + (dir.path() / "none.csv").string() +
              "' --horizon 3 --out /proc/cspcast-no/fc.csv");
  EXPECT_EQ(f.code, 1);
  EXPECT_TRUE(contains(f.err, "/proc/cspcast-no")) << f.err;
  EXPECT_FALSE(contains(f.err, "none.csv")) << f.err;
  const auto s =
      run_cli("solve --target needles --paths 200 --write-scenario '" +
              dir.path().string() + "'");
  EXPECT_EQ(s.code, 1);
  EXPECT_TRUE(contains(s.err, "cannot write (it is a folder)")) << s.err;
}

TEST(Trust, NoPluginFoundSaysWhereItLookedAndHowToPointElsewhere) {
  // A copy of the program, away from the build tree's plugins, as a user
  // who copied the binary would run it.
  test::TempDir empty;
  const fs::path copy = empty.path() / "cspcast";
  fs::copy_file(CSPCAST_TEST_CLI, copy);
  const std::string cmd = "CSPCAST_PLUGIN_PATH= '" + copy.string() +
                          "' plugins > '" + (empty.path() / "out").string() +
                          "' 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const std::string out = test::read_file(empty.path() / "out");
  EXPECT_TRUE(contains(out, "no priority plugin found (looked in: ")) << out;
  EXPECT_TRUE(contains(out, "--plugin-dir DIR or CSPCAST_PLUGIN_PATH")) << out;
}

}  // namespace
}  // namespace cspcast

// SPDX-License-Identifier: MIT
// `cspcast report`, `cspcast monitor` and the fan files of `run --out`.
#include "support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <regex>

namespace cspcast::test {
namespace {

namespace fs = std::filesystem;

TEST(Report, EveryNumberInThePageIsTheRunsAtTheSameSeed) {
  TempDir dir;
  const fs::path html = dir.path() / "report.html";
  const auto r = run_cli("report --paths 600 --seed 5 --threads 2 --out '" +
                         html.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = run_cli("run --paths 600 --seed 5 --threads 1 --format json");
  ASSERT_EQ(j.code, 0) << j.err;
  const auto run = nlohmann::json::parse(j.out);
  std::map<std::string, std::pair<double, double>> expected;
  for (const auto& o : run["outcomes"]) {
    expected[o["target"].get<std::string>() + "|" +
             o["scenario"].get<std::string>()] = {o["p_met"].get<double>(),
                                                  o["median"].get<double>()};
  }
  const std::string page = read_file(html);
  const std::regex cell(
      "data-target=\"([^\"]+)\" data-scenario=\"([^\"]+)\" "
      "data-p-met=\"([^\"]+)\" data-median=\"([^\"]+)\"");
  std::size_t seen = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), cell);
       it != std::sregex_iterator();
       ++it) {
    const std::string key = (*it)[1].str() + "|" + (*it)[2].str();
    ASSERT_EQ(expected.count(key), 1U) << key;
    EXPECT_EQ(std::stod((*it)[3].str()), expected[key].first) << key;
    EXPECT_EQ(std::stod((*it)[4].str()), expected[key].second) << key;
    ++seen;
  }
  EXPECT_EQ(seen, expected.size());
  EXPECT_EQ(seen, 57U);
  // Statuses and best scenarios as the run gives them.
  for (const auto& o : run["outcomes"]) {
    const std::string status = o["status"].get<std::string>();
    EXPECT_TRUE(contains(page, status)) << status;
  }
  for (const auto& [target, best] : run["best_scenario"].items()) {
    EXPECT_TRUE(contains(page, "<td>" + best.get<std::string>() + "</td></tr>"))
        << target;
  }
  // Self-contained: no reference outside the file, no script.
  EXPECT_FALSE(std::regex_search(
      page, std::regex("(src|href)=\"[^\"#]|url\\(|@import|<script")));
  EXPECT_LT(page.size(), 2U * 1024 * 1024);
  // The pack's reconstructed and assumed data are labelled on page one.
  EXPECT_TRUE(
      contains(page, "are marked <span class=\"quality\">reconstructed"))
      << page.substr(0, 2000);
  EXPECT_TRUE(
      contains(page, "populations are <span class=\"quality\">assumed"));
}

TEST(Report, ChartsAsFilesAndTheEffectsNeeded) {
  TempDir dir;
  const fs::path html = dir.path() / "r.html";
  const fs::path charts = dir.path() / "charts";
  const auto r = run_cli(
      "report --paths 300 --scenario baseline --scenario action-plan "
      "--solve --out '" +
      html.string() + "' --charts '" + charts.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::exists(charts / "asb-rate.svg"));
  EXPECT_TRUE(fs::exists(charts / "asb-rate-distribution.svg"));
  EXPECT_TRUE(fs::exists(charts / "monitor-asb.incidents.svg"));
  EXPECT_TRUE(contains(read_file(charts / "asb-rate.svg"), "<svg xmlns="));
  const std::string page = read_file(html);
  EXPECT_TRUE(contains(page, "What would it take?"));
  EXPECT_TRUE(contains(page, "asb.action_days"));
  EXPECT_TRUE(contains(r.err, "--solve took"));
}

TEST(Report, BadInputLeavesNoFile) {
  TempDir dir;
  const fs::path html = dir.path() / "out" / "r.html";
  auto r = run_cli("report --paths 300 --scenario nope --out '" +
                   html.string() + "'");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "nope")) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
  r = run_cli("report --paths 300");
  EXPECT_EQ(r.code, 2);
  write_file(dir.path() / "file", "x");
  r = run_cli("report --paths 300 --out '" +
              (dir.path() / "file" / "r.html").string() + "'");
  EXPECT_EQ(r.code, 1) << r.err;
  r = run_cli("report --paths 300 --pack '" + (dir.path() / "nopack").string() +
              "' --out '" + html.string() + "'");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(contains(r.err, "nopack")) << r.err;
  EXPECT_FALSE(fs::exists(html));
}

TEST(Monitor, FlagsOnlyObservedMonthsOutsideTheirRange) {
  // The bundled pack is all reconstructed or assumed: nothing is flagged.
  auto r = run_cli("monitor --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  int outside = 0;
  for (const auto& i : j["indicators"]) {
    for (const auto& m : i["months"]) {
      EXPECT_FALSE(m["flagged"].get<bool>());
      outside += m["outside"].get<bool>() ? 1 : 0;
    }
  }
  EXPECT_GT(outside, 0);
  // The same pack with its quality column dropped: observed months outside
  // their range are exceptions.
  TempDir dir;
  const fs::path pack = copy_maidstone(dir.path());
  std::string history = read_file(pack / "history.csv");
  history = std::regex_replace(
      history, std::regex(",(reconstructed|assumed)\n"), "\n");
  history = std::regex_replace(history, std::regex(",quality\n"), "\n");
  write_file(pack / "history.csv", history);
  r = run_cli("monitor --format json --pack '" + pack.string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  int flagged = 0;
  for (const auto& i : j["indicators"]) {
    for (const auto& m : i["months"])
      flagged += m["flagged"].get<bool>() ? 1 : 0;
  }
  EXPECT_EQ(flagged, outside);
  // A month of the history, and a bad one.
  r = run_cli("monitor --month 2013-03");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "2012-04 to 2013-03")) << r.out;
  EXPECT_EQ(run_cli("monitor --month 2013-13").code, 2);
  EXPECT_EQ(run_cli("monitor --years 0").code, 2);
}

TEST(Fans, RunOutWritesThemAndTheLastPointIsTheRunsMedian) {
  TempDir dir;
  const auto r = run_cli("run --paths 500 --seed 9 --format json --out '" +
                         (dir.path() / "out").string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(dir.path() / "out" / "fans.csv");
  EXPECT_TRUE(contains(csv, "kind,scenario,series,basis,month,history,median"));
  EXPECT_TRUE(
      contains(csv, "indicator,baseline,asb.incidents,count,2014-10,0,"));
  const auto j =
      nlohmann::json::parse(read_file(dir.path() / "out" / "results.json"));
  ASSERT_TRUE(j.contains("fans"));
  std::map<std::string, double> median;
  for (const auto& o : j["outcomes"]) {
    median[o["target"].get<std::string>() + "|" +
           o["scenario"].get<std::string>()] = o["median"].get<double>();
  }
  int checked = 0;
  for (const auto& f : j["fans"]) {
    if (f["kind"] != "target" || f["series"] != "asb-rate") continue;
    const auto& last = f["points"].back();
    EXPECT_EQ(last["month"], "2018-03");
    EXPECT_NEAR(last["median"].get<double>(),
                median["asb-rate|" + f["scenario"].get<std::string>()],
                1e-9);
    ++checked;
  }
  EXPECT_EQ(checked, 3);
}

}  // namespace
}  // namespace cspcast::test

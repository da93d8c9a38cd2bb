// SPDX-License-Identifier: MIT
// `cspcast estimate` as a user runs it: the Seatbelts figures through the
// CLI, the JSON keys, bad input, threads, and the lever round trip.
#include "support.hpp"
#include "support/reference_data.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

namespace cspcast::test {
namespace {

namespace fs = std::filesystem;

// tests/data/seatbelts.csv (January 1969 on) as a series CSV: drivers
// and petrol.
fs::path seatbelts_series(const fs::path& dir) {
  const auto c = read_columns("seatbelts.csv");
  std::string drivers;
  std::string petrol;
  for (std::size_t i = 0; i < c.at("drivers").size(); ++i) {
    std::ostringstream month;
    month << 1969 + i / 12 << '-' << (i % 12 < 9 ? "0" : "") << i % 12 + 1;
    std::ostringstream d;
    d.precision(17);
    d << c.at("PetrolPrice")[i];
    drivers += "drivers," + month.str() + "," +
               std::to_string(static_cast<int>(c.at("drivers")[i])) + "\n";
    petrol += "petrol," + month.str() + "," + d.str() + "\n";
  }
  fs::path file = dir / "seatbelts_series.csv";
  write_file(file, "series_id,month,value\n" + drivers + petrol);
  return file;
}

TEST(Estimate, TheSeatbeltLawThroughTheCommandLine) {
  TempDir dir;
  const fs::path input = seatbelts_series(dir.path());
  const std::string base = "estimate --input '" + input.string() +
                           "' --series drivers --at 1983-02 --log "
                           "--regressor petrol --format json";
  const auto r = run_cli(base + " --placebo 4 --threads 1");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_NEAR(j["effect"]["estimate"].get<double>() / -0.2377, 1.0, 0.002);
  EXPECT_NEAR(j["effect"]["se"].get<double>() / 0.0463, 1.0, 0.01);
  EXPECT_NEAR(j["effect"]["percent"].get<double>(),
              100.0 * std::expm1(j["effect"]["estimate"].get<double>()),
              1e-9);
  for (const char* k : {"lo95", "hi95"}) EXPECT_TRUE(j["effect"].contains(k));
  for (const char* k : {"irregular", "level", "seasonal"}) {
    EXPECT_TRUE(j["variances"].contains(k)) << k;
  }
  EXPECT_TRUE(j.contains("loglik"));
  EXPECT_EQ(j["counterfactual"].size(), 23U);  // Feb 1983 to Dec 1984
  EXPECT_EQ(j["placebo"]["fits"].size(), 4U);
  // The same with two threads.
  const auto r2 = run_cli(base + " --placebo 4 --threads 2");
  ASSERT_EQ(r2.code, 0) << r2.err;
  EXPECT_EQ(r2.out, r.out);
}

TEST(Estimate, BadInputNamesTheSeriesAndMonth) {
  TempDir dir;
  const fs::path input = seatbelts_series(dir.path());
  const std::string base = "estimate --input '" + input.string() + "' ";
  auto r = run_cli(base + "--series drivers --at 1990-01");
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(contains(r.err,
                       "series 'drivers': intervention month 1990-01 "
                       "outside the series"))
      << r.err;
  r = run_cli(base + "--series drivers --at 1970-06");
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(contains(r.err,
                       "17 months before 1970-06; the model needs at "
                       "least three years"))
      << r.err;
  // A regressor with missing months.
  std::string text = read_file(input);
  text.erase(text.find("petrol,1975-03"),
             text.find('\n', text.find("petrol,1975-03")) -
                 text.find("petrol,1975-03") + 1);
  std::string shortened;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("petrol,", 0) == 0 && line.substr(7, 7) > "1975-02")
      continue;
    shortened += line + "\n";
  }
  write_file(dir.path() / "short.csv", shortened);
  r = run_cli("estimate --input '" + (dir.path() / "short.csv").string() +
              "' --series drivers --at 1983-02 --regressor petrol");
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(contains(r.err, "regressor 'petrol' has no value for 1975-03"))
      << r.err;
  // Non-positive values under --log.
  write_file(
      dir.path() / "zero.csv", std::string("series_id,month,value\n") + [] {
        std::string s;
        for (int m = 0; m < 60; ++m) {
          s += "x," + std::to_string(2010 + m / 12) + "-" +
               (m % 12 < 9 ? "0" : "") + std::to_string(m % 12 + 1) + "," +
               (m == 20 ? "0" : "5") + "\n";
        }
        return s;
      }());
  r = run_cli("estimate --input '" + (dir.path() / "zero.csv").string() +
              "' --series x --at 2013-06 --log");
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(contains(r.err, "series 'x' 2011-09: 0") &&
              contains(r.err, "not positive under --log"))
      << r.err;
  EXPECT_EQ(run_cli("estimate --input '" + (dir.path() / "zero.csv").string() +
                    "' --series x --at 2013-06 --log --log-offset 1")
                .code,
            0);
  EXPECT_EQ(run_cli(base + "--series drivers --at 1983-02 --kind ramp:0").code,
            2);
}

TEST(Estimate, QuartersRampsAndPulses) {
  TempDir dir;
  const fs::path input = seatbelts_series(dir.path());
  const std::string base = "estimate --input '" + input.string() +
                           "' --series drivers --at 1983-02 --log "
                           "--format json ";
  for (const char* kind :
       {"--aggregate quarter", "--kind ramp:3", "--kind pulse", "--trend"}) {
    const auto r = run_cli(base + kind);
    ASSERT_EQ(r.code, 0) << kind << ": " << r.err;
    const auto j = nlohmann::json::parse(r.out);
    const double b = j["effect"]["estimate"].get<double>();
    EXPECT_TRUE(std::isfinite(b)) << kind;
    if (std::string(kind) != "--kind pulse") {
      // The law's fall is there at every aggregation and shape.
      EXPECT_LT(j["effect"]["hi95"].get<double>(), 0.0) << kind << " " << b;
    }
  }
  const auto q =
      nlohmann::json::parse(run_cli(base + "--aggregate quarter").out);
  EXPECT_EQ(q["observations"].get<int>(), 64);
}

TEST(Estimate, TheLeverRoundTripsIntoAScenario) {
  TempDir dir;
  const fs::path input = seatbelts_series(dir.path());
  const fs::path lever = dir.path() / "lever.toml";
  auto r = run_cli("estimate --input '" + input.string() +
                   "' --series drivers --at 1983-02 --log --format json "
                   "--write-lever '" +
                   lever.string() +
                   "' --indicator asb.incidents --start 2015-04 --widen 1.5");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const double beta = j["effect"]["estimate"].get<double>();
  const double se = j["effect"]["se"].get<double>();
  const std::string text = read_file(lever);
  std::ostringstream median;
  median.precision(10);
  median << std::expm1(beta);
  EXPECT_TRUE(contains(text, "median = " + median.str())) << text;
  std::ostringstream sdlog;
  sdlog.precision(10);
  sdlog << se * 1.5;
  EXPECT_TRUE(contains(text, "sdlog = " + sdlog.str())) << text;
  // The written scenario runs on the bundled pack as it is.
  const auto run =
      run_cli("run --paths 300 --scenario '" + lever.string() + "'");
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(contains(run.out, "estimated-drivers"));
}

}  // namespace
}  // namespace cspcast::test

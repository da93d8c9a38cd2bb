// SPDX-License-Identifier: MIT
#include "support/temp_dir.hpp"

#include <cspcast/error.hpp>
#include <cspcast/io/series_csv.hpp>

#include <gtest/gtest.h>

namespace cspcast::io {
namespace {

std::string error_of(const std::string& text, InputOptions options = {}) {
  test::TempDir dir;
  test::write_file(dir.path() / "in.csv", text);
  try {
    (void)read_series_csv(dir.path() / "in.csv", options);
  } catch (const DataError& e) {
    const std::string what = e.what();
    const std::string prefix = (dir.path() / "in.csv").string();
    return what.rfind(prefix, 0) == 0 ? "in.csv" + what.substr(prefix.size())
                                      : what;
  }
  return "";
}

TEST(SeriesCsv, RowsInAnyOrderBecomeSeriesInFirstSeenOrder) {
  test::TempDir dir;
  test::write_file(dir.path() / "in.csv",
                   "series_id,month,value\n"
                   "b,2020-02,5\n"
                   "a,2020-01,1\n"
                   "b,2020-01,4\n"
                   "a,2020-02,2\n"
                   "a,2020-03,3\n");
  const auto s = read_series_csv(dir.path() / "in.csv", {12, 1});
  ASSERT_EQ(s.size(), 2U);
  EXPECT_EQ(s[0].id, "b");
  EXPECT_EQ(s[0].values, (std::vector<double>{4}));  // holdout 1
  EXPECT_EQ(s[1].id, "a");
  EXPECT_EQ(s[1].values, (std::vector<double>{1, 2}));
  EXPECT_EQ(s[1].lines, (std::vector<int>{3, 5}));
  EXPECT_EQ(s[1].first_month->str(), "2020-01");
}

// Every group size gives the series read_series_csv gives, in order.
TEST(SeriesCsv, StreamGivesTheSameSeriesInGroups) {
  test::TempDir dir;
  std::string text = "series_id,period,value,split\n";
  for (int s = 0; s < 7; ++s) {
    for (int p = 1; p <= 3 + s; ++p) {
      text += "s" + std::to_string(s) + "," + std::to_string(p) + "," +
              std::to_string(10 * s + p) + "," +
              (p == 3 + s ? "test" : "train") + "\n";
    }
  }
  test::write_file(dir.path() / "in.csv", text);
  const InputOptions options{12, 1};
  const auto whole = read_series_csv(dir.path() / "in.csv", options);
  ASSERT_EQ(whole.size(), 7U);
  for (const std::size_t group : {1U, 2U, 3U, 7U, 100U}) {
    SeriesCsvStream stream(dir.path() / "in.csv", options);
    std::vector<InputSeries> got;
    for (;;) {
      auto part = stream.next(group);
      if (part.empty()) break;
      EXPECT_LE(part.size(), group);
      for (auto& s : part) got.push_back(std::move(s));
    }
    ASSERT_EQ(got.size(), whole.size()) << group;
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].id, whole[i].id);
      EXPECT_EQ(got[i].values, whole[i].values);
      EXPECT_EQ(got[i].lines, whole[i].lines);
    }
    EXPECT_TRUE(stream.next(group).empty());
  }
}

TEST(SeriesCsv, StreamRefusesASeriesThatResumesAndAnEmptyFile) {
  test::TempDir dir;
  test::write_file(dir.path() / "in.csv",
                   "series_id,month,value\n"
                   "a,2020-01,1\n"
                   "b,2020-01,4\n"
                   "a,2020-02,2\n");
  SeriesCsvStream stream(dir.path() / "in.csv", {});
  try {
    (void)stream.next(10);
    FAIL() << "no error";
  } catch (const SeriesNotContiguous& e) {
    EXPECT_NE(std::string(e.what()).find("in.csv:4: series 'a' resumes"),
              std::string::npos)
        << e.what();
  }
  test::write_file(dir.path() / "empty.csv", "series_id,month,value\n");
  SeriesCsvStream empty(dir.path() / "empty.csv", {});
  EXPECT_THROW((void)empty.next(10), DataError);
}

TEST(SeriesCsv, PeriodsSplitAndAPacksIndicatorColumn) {
  test::TempDir dir;
  test::write_file(dir.path() / "m3.csv",
                   "series_id,period,value,split\n"
                   "N1,1,10,train\nN1,2,11,train\nN1,3,12,test\n");
  const auto m3 = read_series_csv(dir.path() / "m3.csv", {});
  ASSERT_EQ(m3.size(), 1U);
  EXPECT_EQ(m3[0].values, (std::vector<double>{10, 11}));
  EXPECT_FALSE(m3[0].first_month);
  test::write_file(dir.path() / "h.csv",
                   "indicator,month,value\nasb.incidents,2013-01,7\n");
  EXPECT_EQ(read_series_csv(dir.path() / "h.csv", {})[0].id, "asb.incidents");
}

TEST(SeriesCsv, BadInputNamesFileLineFieldAndSeries) {
  const std::string head = "series_id,month,value\n";
  EXPECT_EQ(error_of(head + "a,2020-01,x\n"),
            "in.csv:2: value: not a number (got 'x') in series 'a'");
  EXPECT_EQ(error_of(head + "a,2020-13,1\n"),
            "in.csv:2: month: bad month (got '2020-13'; expected YYYY-MM) in "
            "series 'a'");
  EXPECT_EQ(error_of(head + "a,2020-01,1\na,2020-03,1\n"),
            "in.csv:3: month: gap in series 'a': 2020-03 follows 2020-01 "
            "(missing 2020-02)");
  EXPECT_EQ(error_of(head + "a,2020-01,1\na,2020-01,2\n"),
            "in.csv:3: month: duplicate 2020-01 in series 'a' (also at line "
            "2)");
  EXPECT_EQ(error_of(head + "a,2020-01\n"),
            "in.csv:2: expected 3 fields (got 2)");
  EXPECT_EQ(error_of("id,value\n"),
            "in.csv:1: header: expected series_id (or indicator), value and "
            "month (YYYY-MM) or period (1..n) (got 'id,value')");
  EXPECT_EQ(error_of(head), "in.csv: no data rows");
  EXPECT_EQ(
      error_of(head + "a,2020-01,1\n", {12, 1}),
      "in.csv:2: series 'a' has 1 values, not more than the holdout of 1");
}

}  // namespace
}  // namespace cspcast::io

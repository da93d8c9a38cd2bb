// SPDX-License-Identifier: MIT
// The output transaction: all files or none.
#include "support/temp_dir.hpp"

#include <cspcast/error.hpp>
#include <cspcast/io/csv.hpp>
#include <cspcast/report/forecast_report.hpp>
#include <cspcast/report/output.hpp>

#include <gtest/gtest.h>

namespace cspcast::report {
namespace {

namespace fs = std::filesystem;

TEST(OutputTransaction, CommitPutsEveryFileInPlace) {
  test::TempDir dir;
  OutputTransaction t;
  t.make_folder(dir.path() / "out" / "deep");
  t.stage(dir.path() / "out" / "deep" / "a.csv", "a\n");
  t.stream(dir.path() / "out" / "b.csv") << "b\n";
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "deep" / "a.csv"));
  t.commit();
  EXPECT_EQ(test::read_file(dir.path() / "out" / "deep" / "a.csv"), "a\n");
  EXPECT_EQ(test::read_file(dir.path() / "out" / "b.csv"), "b\n");
  // Nothing else is left beside them.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path() / "out"),
                          fs::directory_iterator{}),
            2);
}

TEST(OutputTransaction, AFailureLeavesNoFileOrFolderBehind) {
  test::TempDir dir;
  test::write_file(dir.path() / "keep.csv", "old\n");
  try {
    OutputTransaction t;
    t.make_folder(dir.path() / "new");
    t.stage(dir.path() / "new" / "a.csv", "a\n");
    t.stage(dir.path() / "keep.csv", "new\n");
    // The third output cannot be written: a folder stands in its place.
    fs::create_directories(dir.path() / "taken");
    t.stage(dir.path() / "taken", "x\n");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("taken: cannot write"),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(fs::exists(dir.path() / "new"));
  EXPECT_EQ(test::read_file(dir.path() / "keep.csv"), "old\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()),
                          fs::directory_iterator{}),
            2);  // keep.csv and taken/
}

TEST(OutputTransaction, AnUnwritableFolderIsAnErrorNamingTheFile) {
  EXPECT_THROW(write_atomically("/proc/cspcast-no/such.csv", "x"), Error);
}

TEST(CsvWriters, IdsWithCommasAndQuotesRoundTripThroughTheReader) {
  SeriesForecast f;
  f.id = "Maidstone/violence, \"sexual\" offences";
  f.point = Vector::Constant(2, 1.5);
  f.lower = Matrix::Constant(1, 2, 1.0);
  f.upper = Matrix::Constant(1, 2, 2.0);
  const std::string text = forecasts_csv({f}, {80});
  io::CsvReader csv(std::make_unique<io::MemorySource>(text, "fc.csv"));
  ASSERT_TRUE(csv.next());
  EXPECT_EQ(csv.field(0), f.id);
  EXPECT_EQ(csv.fields().size(), 5U);
  EXPECT_EQ(csv.field(2), "1.5");
}

}  // namespace
}  // namespace cspcast::report

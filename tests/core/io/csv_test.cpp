// SPDX-License-Identifier: MIT
// The one CSV layer: quotes, BOM, CRLF, comments, rows across blocks,
// file:line in every message, and the checksum of the bytes read.
#include <cspcast/error.hpp>
#include <cspcast/io/csv.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace cspcast::io {
namespace {

// Every row's fields, as strings.
std::vector<std::vector<std::string>> rows_of(const std::string& text) {
  CsvReader csv(std::make_unique<MemorySource>(text, "mem.csv"));
  std::vector<std::vector<std::string>> out;
  out.emplace_back(csv.header().begin(), csv.header().end());
  while (csv.next()) {
    out.emplace_back(csv.fields().begin(), csv.fields().end());
  }
  return out;
}

TEST(Csv, QuotesCommasEscapesAndLineEnds) {
  const auto rows = rows_of(
      "\xEF\xBB\xBF"
      "a,b,c\r\n"
      "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
      "# a comment\r\n"
      "\r\n"
      "  2 ,\t3\t, \"\"\n"
      "4,\"two\nlines\",5");
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "3", ""}));
  EXPECT_EQ(rows[3], (std::vector<std::string>{"4", "two\nlines", "5"}));
}

TEST(Csv, LineNumbersCountSkippedLinesAndQuotedBreaks) {
  CsvReader csv(std::make_unique<MemorySource>(
      "# head\nid,v\n\n\"a\nb\",1\nc,2\n", "f.csv"));
  EXPECT_EQ(csv.header_line(), 2);
  ASSERT_TRUE(csv.next());
  EXPECT_EQ(csv.line(), 4);
  ASSERT_TRUE(csv.next());
  EXPECT_EQ(csv.line(), 6);
  EXPECT_EQ(csv.where("v"), "f.csv:6: v");
  EXPECT_FALSE(csv.next());
}

TEST(Csv, RowsLongerThanABlockAndManyRowsStream) {
  // Rows far longer than the read block, and many rows: every field
  // arrives whole whatever the block boundaries.
  std::string text = "id,value\n";
  const std::string long_id(200'000, 'x');
  text += long_id + ",1\n";
  for (int i = 0; i < 20'000; ++i)
    text += "s" + std::to_string(i) + ",\"" + std::to_string(i) + "\"\n";
  CsvReader csv(std::make_unique<MemorySource>(text, "big.csv"));
  ASSERT_TRUE(csv.next());
  EXPECT_EQ(csv.field(0), long_id);
  int n = 0;
  while (csv.next()) {
    ASSERT_EQ(csv.field(1), std::to_string(n)) << csv.where();
    ++n;
  }
  EXPECT_EQ(n, 20'000);
  EXPECT_EQ(csv.checksum(), fnv1a64(text));
}

TEST(Csv, MalformedQuotesAndEmptyFilesNameFileAndLine) {
  EXPECT_THROW(
      {
        try {
          (void)rows_of("a\n\"open\n");
        } catch (const DataError& e) {
          EXPECT_EQ(std::string(e.what()),
                    "mem.csv:2: quoted field not closed before the end");
          throw;
        }
      },
      DataError);
  EXPECT_THROW((void)rows_of("a\n\"x\"y\n"), DataError);
  try {
    (void)rows_of("# only a comment\n\n");
    ADD_FAILURE() << "no error for an empty file";
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()), "mem.csv: empty file (no header line)");
  }
}

TEST(Csv, NumbersAreWholeFieldsAndFinite) {
  EXPECT_EQ(parse_number("12.5"), 12.5);
  EXPECT_EQ(parse_number("-3e2"), -300.0);
  EXPECT_FALSE(parse_number(""));
  EXPECT_FALSE(parse_number("1,296"));
  EXPECT_FALSE(parse_number("12x"));
  EXPECT_FALSE(parse_number("nan"));
  EXPECT_FALSE(parse_number("inf"));
}

TEST(Source, ChecksumIsFnv1aOfTheBytesAndHexHasSixteenDigits) {
  EXPECT_EQ(fnv1a64(""), kFnvOffset);
  EXPECT_EQ(hex64(fnv1a64("a")), "af63dc4c8601ec8c");  // FNV-1a 64 of "a"
  EXPECT_EQ(hex64(0x1), "0000000000000001");
}

}  // namespace
}  // namespace cspcast::io

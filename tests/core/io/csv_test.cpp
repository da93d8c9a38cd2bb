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

TEST(Csv, MutatedInputsParseOrFailWithAMessageNeverCrash) {
  // Valid rows mutated byte by byte (quotes, commas, line ends, NULs, a
  // BOM in the wrong place): every input either reads to its end or throws
  // DataError naming the file; under ASan and UBSan in CI, nothing else.
  const std::string seed =
      "series_id,month,value\r\n\"a, \"\"b\"\"\",2020-01,1\n# "
      "c\nb,2020-02,\"2\"\n";
  const std::string alphabet =
      std::string("\",\r\n# \t\xEF\xBB\xBF", 10) + std::string(1, '\0') + "x9";
  std::uint64_t state = 42;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33U;
  };
  int parsed = 0;
  int refused = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text = seed;
    const auto edits = 1 + next() % 6;
    for (std::uint64_t e = 0; e < edits; ++e) {
      const auto at = next() % (text.size() + 1);
      const char c = alphabet[next() % alphabet.size()];
      switch (next() % 3) {
        case 0:
          text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c);
          break;
        case 1:
          if (at < text.size()) text[at] = c;
          break;
        default:
          if (at < text.size())
            text.erase(text.begin() + static_cast<std::ptrdiff_t>(at));
      }
    }
    try {
      CsvReader csv(std::make_unique<MemorySource>(text, "fuzz.csv"));
      while (csv.next()) {
        for (const auto field : csv.fields())
          ASSERT_LE(field.size(), text.size());
      }
      ++parsed;
    } catch (const DataError& e) {
      ASSERT_EQ(std::string(e.what()).rfind("fuzz.csv", 0), 0U) << e.what();
      ++refused;
    }
  }
  EXPECT_GT(parsed, 0);
  EXPECT_GT(refused, 0);
}

TEST(Source, ChecksumIsFnv1aOfTheBytesAndHexHasSixteenDigits) {
  EXPECT_EQ(fnv1a64(""), kFnvOffset);
  EXPECT_EQ(hex64(fnv1a64("a")), "af63dc4c8601ec8c");  // FNV-1a 64 of "a"
  EXPECT_EQ(hex64(0x1), "0000000000000001");
}

}  // namespace
}  // namespace cspcast::io

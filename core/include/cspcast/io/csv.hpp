// SPDX-License-Identifier: MIT
// The one CSV layer every reader and importer stands on (RFC 4180 as
// spreadsheets and publishers write it):
// - fields separated by commas; a field in double quotes may hold commas,
//   line breaks and doubled quotes (`""` is one `"`);
// - LF or CRLF line ends; a UTF-8 byte-order mark before the header is
//   dropped; spaces and tabs around an unquoted field are not part of it;
// - empty lines and lines whose first character is `#` are skipped;
// - the first row that is not skipped is the header.
// Streaming: the input is read in blocks, each row's fields are views into
// the read buffer (or, for a quoted field with `""`, into a per-row scratch
// buffer reused from row to row), so nothing is allocated per row once the
// buffers have grown to the longest row. Messages are built only when a
// caller reports a problem, with the file, line and field.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/io/source.hpp>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cspcast::io {

class CSPCAST_CORE_API CsvReader {
 public:
  /// Reads from `source` (owned). Throws DataError naming the source when
  /// it has no header row (`<name>: empty file (<expectation>)`).
  explicit CsvReader(std::unique_ptr<ByteSource> source,
                     std::string_view empty_expectation = "no header line");
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  CsvReader(CsvReader&&) noexcept;
  CsvReader& operator=(CsvReader&&) noexcept;
  ~CsvReader();

  /// The header's fields (as written, trimmed).
  [[nodiscard]] const std::vector<std::string>& header() const {
    return header_;
  }
  [[nodiscard]] int header_line() const { return header_line_; }
  /// The column of `name` in the header, or nullopt.
  [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const;

  /// Moves to the next data row; false at the end of the input.
  bool next();
  /// The current row's fields (valid until the next call of next()).
  [[nodiscard]] std::span<const std::string_view> fields() const {
    return {fields_.data(), fields_.size()};
  }
  /// Field `i` of the current row, or "" when the row is shorter.
  [[nodiscard]] std::string_view field(std::size_t i) const {
    return i < fields_.size() ? fields_[i] : std::string_view{};
  }
  /// For files of a fixed layout: drops the current row's empty cells past
  /// the header's width (spreadsheets save them), and throws DataError
  /// `<name>:<line>: N fields, more than the header's M ...` when more
  /// non-empty fields than columns remain (a decimal comma, an unquoted
  /// comma in a name).
  void require_header_width();
  /// The line the current row starts on (1-based, as an editor counts).
  [[nodiscard]] int line() const { return line_; }
  [[nodiscard]] const std::string& name() const;
  /// `<name>:<line>` of the current row.
  [[nodiscard]] std::string where() const;
  /// `<name>:<line>: <field>` of the current row.
  [[nodiscard]] std::string where(std::string_view field) const;
  /// FNV-1a 64 of every byte read (of the whole input after the last row).
  [[nodiscard]] std::uint64_t checksum() const;

 private:
  bool read_row();
  bool fill();
  std::unique_ptr<ByteSource> source_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;  // unread bytes are [begin_, end_)
  std::size_t end_ = 0;
  bool eof_ = false;
  std::string scratch_;  // unescaped quoted fields of the current row
  std::vector<std::string_view> fields_;
  std::vector<std::string> header_;
  int header_line_ = 0;
  int line_ = 0;       // the line the current row starts on
  int next_line_ = 1;  // the line the next row starts on
};

/// Opens a CSV file. Throws `DataError` "<name>: cannot open the file".
CSPCAST_CORE_API CsvReader
open_csv(const std::filesystem::path& file,
         const std::string& name,
         std::string_view empty_expectation = "no header line");

/// Parses a decimal number in a whole field (`from_chars`: no spaces, no
/// thousands separators); nullopt when it is not one or not finite.
CSPCAST_CORE_API std::optional<double> parse_number(std::string_view text);

/// The largest magnitude a value in an input may have (1e15): beyond it
/// the models' sums of squares and the report's fixed-point columns lose
/// meaning, and such a figure is a typing or export mistake in any
/// community-safety series. Readers refuse it naming the file and line.
inline constexpr double kLargestValue = 1e15;
/// "" when |v| <= kLargestValue, else the reason ("implausibly large ...").
CSPCAST_CORE_API std::string implausible(double v);

}  // namespace cspcast::io

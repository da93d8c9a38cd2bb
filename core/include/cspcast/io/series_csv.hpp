// SPDX-License-Identifier: MIT
// The tidy series CSV every importer writes and `forecast`, `backtest` and
// `anticipated` read: `series_id,month,value` (or `period` for series
// without calendar months, as the M3 data).
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/error.hpp>
#include <cspcast/year_month.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cspcast::io {

/// One series of a series CSV, in time order.
struct InputSeries {
  std::string id;
  std::vector<double> values;
  std::vector<int> lines;                // the file line of each value
  std::optional<YearMonth> first_month;  // with a `month` column
  std::string file;                      // the file it was read from
  /// `<file>:<first line>: series '<id>'`, for messages.
  [[nodiscard]] std::string origin() const {
    return (file.empty() ? std::string("input") : file) + ":" +
           std::to_string(lines.empty() ? 0 : lines.front()) + ": series '" +
           id + "'";
  }
};

struct InputOptions {
  int frequency = 12;  // seasonal period
  int holdout = 0;     // drop the last H values of each series
};

/// Reads `series_id` (or a pack's `indicator`), `value` plus `month`
/// (YYYY-MM) or `period` (1..n), and an optional `split` (only `train`
/// rows are used). Rows may come in any order; within a series, months or
/// periods must be unique and consecutive. Series keep the order of their
/// first row. Streams the file (one CSV layer, io/csv.hpp); throws
/// DataError naming the file, line, column and series.
CSPCAST_CORE_API std::vector<InputSeries> read_series_csv(
    const std::filesystem::path& file, const InputOptions& options);

/// The rows of a series resume after another series has begun: a file
/// that SeriesCsvStream cannot read a group at a time (read_series_csv
/// can).
class CSPCAST_CORE_API SeriesNotContiguous : public DataError {
 public:
  using DataError::DataError;
};

/// The same file read a group of series at a time, so that memory does
/// not grow with the number of series: for files whose rows of each series
/// are together (sorted by series, as every importer and the M3/M4 files
/// write them). Same checks and messages as read_series_csv; a series
/// whose rows resume after another series began throws
/// SeriesNotContiguous (callers then read the whole file). Remembers 8
/// bytes per series read, to tell a resumed series from a new one.
class CSPCAST_CORE_API SeriesCsvStream {
 public:
  SeriesCsvStream(const std::filesystem::path& file,
                  const InputOptions& options);
  SeriesCsvStream(const SeriesCsvStream&) = delete;
  SeriesCsvStream& operator=(const SeriesCsvStream&) = delete;
  SeriesCsvStream(SeriesCsvStream&&) noexcept;
  SeriesCsvStream& operator=(SeriesCsvStream&&) noexcept;
  ~SeriesCsvStream();
  /// The next `count` series (fewer at the end of the file, none after
  /// it), in file order. Throws DataError "<file>: no data rows" when the
  /// file has none.
  std::vector<InputSeries> next(std::size_t count);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cspcast::io

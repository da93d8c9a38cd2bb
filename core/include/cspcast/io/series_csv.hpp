// SPDX-License-Identifier: MIT
// The tidy series CSV every importer writes and `forecast`, `backtest` and
// `anticipated` read: `series_id,month,value` (or `period` for series
// without calendar months, as the M3 data).
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/year_month.hpp>

#include <filesystem>
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

}  // namespace cspcast::io

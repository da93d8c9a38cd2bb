// SPDX-License-Identifier: MIT
// What the importers produce: series with gaps, the breaks found in the
// files, population figures; and the mapping from source series to a
// pack's indicators. Value types only (io reads them, report writes them).
#pragma once

#include <cspcast/year_month.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cspcast {

/// One imported series: `<area>/<what>` with its monthly values.
struct ImportedSeries {
  std::string id;
  std::string area;
  std::string area_code;  // ONS code where the source or names give one
  YearMonth first;
  std::vector<double> values;  // consecutive months from `first`; NaN: gap
};

/// A category (or recording) change found in the files: in `month`,
/// `ended` stopped being published and `started` began, for `group`
/// (a police force, or an area for STATS19).
struct ImportBreak {
  std::string group;
  YearMonth month;
  std::vector<std::string> ended;
  std::vector<std::string> started;
  /// For a recording change with a known size: what history before
  /// `month` is multiplied by to be on the new basis (STATS19: adjusted
  /// over reported KSI before the move to injury-based reporting).
  std::optional<double> factor;
};

struct ImportResult {
  std::vector<ImportedSeries> series;  // sorted by id
  std::vector<ImportBreak> breaks;     // sorted by group, month
  /// What the user must know (files skipped, gaps, unlocated rows, unknown
  /// categories, breaks): printed on stderr, one line each.
  std::vector<std::string> notes;
  /// A comment line for the top of the series file (source, basis).
  std::string provenance;
};

/// One population figure: an area's group in a mid-year.
struct PopulationFigure {
  std::string area;
  std::string area_code;
  int year = 0;
  std::string group;  // all, age10_17, under16
  double value = 0.0;
};

struct PopulationImport {
  std::vector<PopulationFigure> figures;  // sorted by area, group, year
  std::vector<std::string> notes;
};

/// The mapping from source series to indicators (TOML, `[[indicator]]`
/// with `id`, `series` (summed) and `note`; `[[unmapped]]` with `id` and
/// `why`).
struct PackMapping {
  struct Entry {
    std::string indicator;
    std::vector<std::string> series;  // the part after `<area>/`
    std::string note;
  };
  struct Unmapped {
    std::string indicator;
    std::string why;
  };
  std::vector<Entry> entries;
  std::vector<Unmapped> unmapped;
  std::string text;  // as read (copied into the pack for editing)
};

}  // namespace cspcast

// SPDX-License-Identifier: MIT
// `cspcast new-pack`: imported series and population to the files of a
// pack that `cspcast run` runs straight away (docs/data-sources.md).
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/indicator.hpp>
#include <cspcast/results/import.hpp>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace cspcast::report {

struct NewPackInput {
  std::string area;  // the name as in the series files
  std::string area_code;
  std::vector<ImportedSeries> series;  // of this area only
  std::vector<ImportBreak> breaks;
  std::vector<PopulationFigure> population;  // of this area only
  std::vector<IndicatorSpec> indicators;     // of the installed plugins
  PackMapping mapping;
  std::optional<YearMonth> horizon;
  std::string sources;                  // the command's inputs, for the README
  std::vector<std::string> provenance;  // each series file's source and basis
};

struct PackFiles {
  std::vector<std::pair<std::string, std::string>> files;  // relative, text
  std::vector<std::string> notes;
};

/// Builds the pack's files. Throws DataError when no indicator can be
/// mapped or the area has no population.
CSPCAST_CORE_API PackFiles build_pack(const NewPackInput& in);

/// A folder name for an area: `Tunbridge Wells` -> `tunbridge-wells`.
CSPCAST_CORE_API std::string slug(const std::string& area);

}  // namespace cspcast::report

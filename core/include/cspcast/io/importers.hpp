// SPDX-License-Identifier: MIT
// Published files to tidy series: police.uk street-level crime, the DfT
// road casualty files (STATS19) and ONS mid-year population estimates.
// Every importer streams its files through the one CSV layer (io/csv.hpp),
// names the file, line and field of any problem, and reports (never drops)
// what it cannot place. docs/data-sources.md describes each format.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/results/import.hpp>
#include <cspcast/year_month.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cspcast::io {

/// The `code,name` table that bridges ONS codes (DfT, ONS) and names
/// (police.uk): `--area-names FILE`.
struct CSPCAST_CORE_API AreaNames {
  std::map<std::string, std::string> name_of;  // code -> name
  std::map<std::string, std::string> code_of;  // name -> code
  /// Reads `code,name` (header required); throws DataError naming the
  /// file and line of a duplicate or empty field.
  static AreaNames read(const std::filesystem::path& file);
  /// The area a user named (code or name): its name, or nullopt.
  [[nodiscard]] std::optional<std::string> resolve(
      const std::string& code_or_name) const;
};

struct PoliceUkOptions {
  std::optional<std::filesystem::path> lsoa_lookup;  // lsoa_code,area
  std::vector<std::string> areas;                    // keep only these
  AreaNames names;
};

/// `cspcast import police-uk`: every `YYYY-MM-<force>-street.csv` under
/// the sources (zip archives, folders or files) to monthly counts per area
/// and crime type. Other police.uk files are skipped with a note.
CSPCAST_CORE_API ImportResult
import_police_uk(const std::vector<std::filesystem::path>& sources,
                 const PoliceUkOptions& options);

/// The police.uk crime types, current and past (docs/data-sources.md).
CSPCAST_CORE_API const std::vector<std::string>& police_uk_crime_types();

struct Stats19Options {
  std::vector<std::string> areas;  // codes or names (through `names`)
  AreaNames names;
  /// Severity from the adjusted probabilities (injury-based reporting)
  /// rather than as reported by the police.
  bool adjusted = false;
};

/// `cspcast import stats19`: collision and casualty files (told apart by
/// their headers) to monthly casualties by severity per local authority.
CSPCAST_CORE_API ImportResult
import_stats19(const std::vector<std::filesystem::path>& files,
               const Stats19Options& options);

/// `cspcast import population`: ONS mid-year estimates, wide tables (one
/// year a file) or Nomis long CSV, to the pack's groups. `areas` (codes or
/// names) keeps only those.
CSPCAST_CORE_API PopulationImport
import_population(const std::vector<std::filesystem::path>& files,
                  const std::vector<std::string>& areas,
                  const AreaNames& names);

/// Reads a series file an importer wrote (`series_id,month,value` with
/// optional `area` and `area_code`; months may have gaps) and the breaks
/// file beside it when there is one. Throws DataError naming file, line
/// and field.
CSPCAST_CORE_API ImportResult read_imported(const std::filesystem::path& file);

/// Parses a mapping from source series to indicators (TOML); `name` is
/// used in messages (file:line).
CSPCAST_CORE_API PackMapping parse_mapping(const std::string& text,
                                           const std::string& name);
/// The mapping shipped with cspcast for the six priorities.
CSPCAST_CORE_API const std::string& default_mapping_text();

/// Reads a population table `import population` wrote (`area`,
/// `area_code`, `group`, `year`, `population`).
CSPCAST_CORE_API PopulationImport
read_imported_population(const std::filesystem::path& file);

}  // namespace cspcast::io

// SPDX-License-Identifier: MIT
// `cspcast import police-uk|stats19|population`: published files to the
// tidy series CSV (and population table) a pack is built from.
#include "../common.hpp"
#include "commands.hpp"

#include <cspcast/io/importers.hpp>
#include <cspcast/report/import_report.hpp>
#include <cspcast/report/output.hpp>

#include <iostream>

namespace cspcast::cli {
namespace {

const char* const kImportUsage =
    "usage: cspcast import police-uk SOURCE... --out series.csv [options]\n"
    "       cspcast import stats19 FILE... --out series.csv [options]\n"
    "       cspcast import population FILE... --out population.csv [options]";

void print_notes(const std::vector<std::string>& notes) {
  for (const auto& n : notes) std::cerr << "cspcast import: " << n << '\n';
}

struct Common {
  std::vector<std::string> inputs;
  std::string out;
  std::vector<std::string> areas;
  std::string area_names;
};

po::options_description common_options(Common& c, const char* what) {
  po::options_description d(what);
  add_help(d);
  d.add_options()("input",
                  po::value(&c.inputs)->multitoken(),
                  "the downloaded files (also given without --input)")(
      "out", po::value(&c.out), "the file to write (required)")(
      "area",
      po::value(&c.areas)->composing(),
      "keep only this area (name or ONS code; repeatable)")(
      "area-names",
      po::value(&c.area_names),
      "CSV code,name bridging ONS codes and names");
  return d;
}

bool parse_common(const Args& args, po::options_description& d, Common& c) {
  po::positional_options_description pos;
  pos.add("input", -1);
  if (parse(args, d, kImportUsage, &pos)) return true;
  if (c.inputs.empty()) throw po::error("import needs at least one input file");
  if (c.out.empty()) throw po::error("import needs --out FILE");
  return false;
}

std::vector<std::filesystem::path> paths(const std::vector<std::string>& v) {
  return {v.begin(), v.end()};
}

int police_uk(const Args& args) {
  Common c;
  std::string lookup;
  auto d = common_options(c, "Import police.uk street-level crime");
  d.add_options()("lsoa-lookup",
                  po::value(&lookup),
                  "CSV lsoa_code,area: group LSOAs into your own areas "
                  "(default: the local authority in the LSOA name)");
  if (parse_common(args, d, c)) return kOk;
  report::OutputTransaction files;
  files.check(c.out);
  const std::string breaks = report::breaks_path(c.out);
  files.check(breaks);
  io::PoliceUkOptions o;
  if (!lookup.empty()) o.lsoa_lookup = lookup;
  o.areas = c.areas;
  if (!c.area_names.empty()) o.names = io::AreaNames::read(c.area_names);
  const auto r = io::import_police_uk(paths(c.inputs), o);
  files.stage(c.out, report::imported_series_csv(r));
  files.stage(breaks, report::breaks_csv(r));
  files.commit();
  print_notes(r.notes);
  std::cerr << "cspcast import: wrote " << r.series.size() << " series to "
            << c.out << " and " << r.breaks.size() << " breaks to " << breaks
            << '\n';
  return kOk;
}

int stats19(const Args& args) {
  Common c;
  std::string severity = "reported";
  auto d = common_options(c, "Import DfT road casualty files (STATS19)");
  d.add_options()("severity",
                  po::value(&severity)->default_value(severity),
                  "reported (as the police recorded it) or adjusted (the "
                  "DfT's injury-based probabilities: continuous values)");
  if (parse_common(args, d, c)) return kOk;
  if (severity != "reported" && severity != "adjusted") {
    throw po::error("--severity: expected reported or adjusted (got '" +
                    severity + "')");
  }
  report::OutputTransaction files;
  files.check(c.out);
  const std::string breaks = report::breaks_path(c.out);
  files.check(breaks);
  io::Stats19Options o;
  o.areas = c.areas;
  o.adjusted = severity == "adjusted";
  if (!c.area_names.empty()) o.names = io::AreaNames::read(c.area_names);
  const auto r = io::import_stats19(paths(c.inputs), o);
  files.stage(c.out, report::imported_series_csv(r));
  files.stage(breaks, report::breaks_csv(r));
  files.commit();
  print_notes(r.notes);
  std::cerr << "cspcast import: wrote " << r.series.size() << " series to "
            << c.out << '\n';
  return kOk;
}

int population(const Args& args) {
  Common c;
  auto d = common_options(c, "Import ONS mid-year population estimates");
  if (parse_common(args, d, c)) return kOk;
  report::OutputTransaction files;
  files.check(c.out);
  io::AreaNames names;
  if (!c.area_names.empty()) names = io::AreaNames::read(c.area_names);
  const auto p = io::import_population(paths(c.inputs), c.areas, names);
  files.stage(c.out, report::population_csv(p));
  files.commit();
  print_notes(p.notes);
  std::cerr << "cspcast import: wrote " << p.figures.size()
            << " population figures to " << c.out << '\n';
  return kOk;
}

}  // namespace

int cmd_import(const Args& args) {
  if (args.empty() || args.front() == "--help" || args.front() == "-h") {
    std::cout << kImportUsage
              << "\n\n`cspcast import <source> --help` shows its "
              << "options; docs/data-sources.md describes each source.\n";
    if (args.empty())
      throw po::error(
          "import needs a source: police-uk, stats19 or population");
    return kOk;
  }
  const std::string& source = args.front();
  const Args rest(args.begin() + 1, args.end());
  if (source == "police-uk") return police_uk(rest);
  if (source == "stats19") return stats19(rest);
  if (source == "population") return population(rest);
  throw po::error("import: unknown source '" + source +
                  "' (expected police-uk, stats19 or population)");
}

}  // namespace cspcast::cli

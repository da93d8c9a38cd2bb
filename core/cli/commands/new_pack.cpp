// SPDX-License-Identifier: MIT
// `cspcast new-pack DIR`: a pack from imported series and population.
#include "../common.hpp"
#include "commands.hpp"

#include <cspcast/error.hpp>
#include <cspcast/io/importers.hpp>
#include <cspcast/io/source.hpp>
#include <cspcast/report/new_pack.hpp>
#include <cspcast/report/output.hpp>

#include <iostream>
#include <set>

namespace cspcast::cli {
namespace {

const char* const kNewPackUsage =
    "usage: cspcast new-pack DIR --series FILE [--series FILE] --population "
    "FILE (--area NAME | --per-area) [options]";

std::string read_text(const std::string& file) {
  const auto bytes = io::read_file_bytes(file, file, "mapping file");
  return bytes.text;
}

// The area's series and population, or an error naming the file that has
// no row for it.
report::NewPackInput area_input(const std::string& area,
                                const std::vector<std::string>& series_files,
                                const std::vector<ImportResult>& series,
                                const PopulationImport& population,
                                const std::string& population_file,
                                const io::AreaNames& names) {
  report::NewPackInput in;
  const std::string name = names.resolve(area).value_or(area);
  for (std::size_t i = 0; i < series.size(); ++i) {
    bool any = false;
    for (const auto& s : series[i].series) {
      if (s.area == name || s.area_code == area || s.area == area) {
        in.area = s.area;
        if (!s.area_code.empty()) in.area_code = s.area_code;
        in.series.push_back(s);
        any = true;
      }
    }
    if (!any) {
      throw DataError(series_files[i] + ": no row for area '" + area +
                      "' (give the name or ONS code as the file has it, "
                      "or --area-names FILE)");
    }
    in.breaks.insert(
        in.breaks.end(), series[i].breaks.begin(), series[i].breaks.end());
  }
  // A series file names the area; the rest use that name.
  for (auto& s : in.series) s.id = in.area + s.id.substr(s.area.size());
  for (const auto& f : population.figures) {
    if (f.area == in.area || f.area == name || f.area == area ||
        (!f.area_code.empty() &&
         (f.area_code == area || f.area_code == in.area_code))) {
      in.population.push_back(f);
      if (in.area_code.empty()) in.area_code = f.area_code;
    }
  }
  if (in.population.empty()) {
    throw DataError(population_file + ": no row for area '" + area + "'");
  }
  return in;
}

struct NewPackArgs {
  std::string dir;
  std::vector<std::string> series_files;
  std::string population_file;
  std::vector<std::string> areas;
  bool per_area = false;
  std::string mapping_file;
  std::string area_names;
  std::string horizon;
  PluginOptions plugins;
};

po::options_description new_pack_options(NewPackArgs& a) {
  po::options_description own("New pack");
  add_help(own);
  own.add_options()("dir", po::value(&a.dir), "the folder to write")(
      "series",
      po::value(&a.series_files)->composing(),
      "a series file from `cspcast import` (repeatable)")(
      "population",
      po::value(&a.population_file),
      "the population file from `cspcast import population`")(
      "area", po::value(&a.areas)->composing(), "the area (name or ONS code)")(
      "per-area",
      po::bool_switch(&a.per_area),
      "one pack per area of the series into DIR/<area>")(
      "mapping",
      po::value(&a.mapping_file),
      "series-to-indicator mapping (default: the one cspcast ships; a copy "
      "is written into the pack)")(
      "area-names", po::value(&a.area_names), "CSV code,name")(
      "horizon",
      po::value(&a.horizon),
      "the plan horizon YYYY-MM (default: the March at least three years "
      "after the history ends)");
  po::options_description all;
  all.add(own).add(plugin_options(a.plugins));
  return all;
}

std::optional<YearMonth> check_args(const NewPackArgs& a) {
  if (a.dir.empty()) throw po::error("new-pack needs DIR");
  if (a.series_files.empty()) throw po::error("new-pack needs --series FILE");
  if (a.population_file.empty())
    throw po::error("new-pack needs --population FILE");
  if (a.areas.empty() == !a.per_area) {
    throw po::error("new-pack needs --area NAME (one or more) or --per-area");
  }
  std::optional<YearMonth> h;
  if (!a.horizon.empty()) {
    h = YearMonth::parse(a.horizon);
    if (!h) {
      throw po::error("--horizon: expected YYYY-MM (got '" + a.horizon + "')");
    }
  }
  return h;
}

std::vector<IndicatorSpec> installed_indicators(const PluginOptions& p) {
  const plugin::PluginRegistry registry = load_plugins(p);
  std::vector<IndicatorSpec> indicators;
  for (const auto& loaded : registry.plugins()) {
    const auto& declared = loaded.model()->info().indicators;
    indicators.insert(indicators.end(), declared.begin(), declared.end());
  }
  return indicators;
}

// Every area of the series files (not a force's unlocated or unmapped rows).
std::vector<std::string> areas_of(const std::vector<ImportResult>& series) {
  std::set<std::string> seen;
  for (const auto& r : series) {
    for (const auto& s : r.series) {
      if (s.area.find('/') == std::string::npos) seen.insert(s.area);
    }
  }
  return {seen.begin(), seen.end()};
}

}  // namespace

int cmd_new_pack(const Args& args) {
  NewPackArgs a;
  const po::options_description all = new_pack_options(a);
  po::positional_options_description pos;
  pos.add("dir", 1);
  if (parse(args, all, kNewPackUsage, &pos)) return kOk;
  const std::optional<YearMonth> h = check_args(a);
  report::OutputTransaction files;
  files.make_folder(a.dir);
  const PackMapping mapping =
      a.mapping_file.empty()
          ? io::parse_mapping(io::default_mapping_text(), "default mapping")
          : io::parse_mapping(read_text(a.mapping_file), a.mapping_file);
  io::AreaNames names;
  if (!a.area_names.empty()) names = io::AreaNames::read(a.area_names);
  std::vector<ImportResult> series;
  series.reserve(a.series_files.size());
  for (const auto& f : a.series_files) series.push_back(io::read_imported(f));
  const PopulationImport population =
      io::read_imported_population(a.population_file);
  const std::vector<IndicatorSpec> indicators = installed_indicators(a.plugins);
  if (a.per_area) a.areas = areas_of(series);
  std::string sources;
  for (const auto& f : a.series_files)
    sources += (sources.empty() ? "" : ", ") + f;
  sources += ", " + a.population_file;
  int written = 0;
  for (const auto& area : a.areas) {
    report::NewPackInput in;
    try {
      in = area_input(
          area, a.series_files, series, population, a.population_file, names);
    } catch (const DataError& e) {
      if (!a.per_area) throw;
      std::cerr << "cspcast new-pack: skipped '" << area << "': " << e.what()
                << '\n';
      continue;
    }
    in.indicators = indicators;
    in.mapping = mapping;
    in.horizon = h;
    in.sources = sources;
    for (const auto& r : series) in.provenance.push_back(r.provenance);
    const auto built = report::build_pack(in);
    const std::filesystem::path root =
        a.per_area || a.areas.size() > 1
            ? std::filesystem::path(a.dir) / report::slug(in.area)
            : std::filesystem::path(a.dir);
    for (const auto& n : built.notes) {
      std::cerr << "cspcast new-pack: " << in.area << ": " << n << '\n';
    }
    for (const auto& [rel, text] : built.files) {
      files.make_folder((root / rel).parent_path());
      files.stage(root / rel, text);
    }
    ++written;
    std::cerr << "cspcast new-pack: wrote " << root.string() << '\n';
  }
  if (written == 0) throw DataError("new-pack: no pack written");
  files.commit();
  return kOk;
}

}  // namespace cspcast::cli

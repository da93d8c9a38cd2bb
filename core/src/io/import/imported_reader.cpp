// SPDX-License-Identifier: MIT
// The importers' own outputs read back, for `cspcast new-pack`.
#include "import_common.hpp"

#include <cspcast/error.hpp>
#include <cspcast/io/csv.hpp>
#include <cspcast/io/importers.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

namespace cspcast::io {
namespace {

std::size_t need(const CsvReader& csv, std::string_view name) {
  const auto c = csv.column(name);
  if (!c) {
    throw DataError(csv.name() + ":" + std::to_string(csv.header_line()) +
                    ": header: missing column '" + std::string(name) + "'");
  }
  return *c;
}

std::vector<std::string> split(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const auto semi = s.find(';');
    out.emplace_back(s.substr(0, semi));
    if (semi == std::string_view::npos) break;
    s.remove_prefix(semi + 1);
  }
  return out;
}

// The importer's provenance line (`# <source, basis>`), when there is one.
std::string provenance_of(const std::filesystem::path& file) {
  std::string out;
  {
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (f != nullptr) {
      std::array<char, 512> line{};
      if (std::fgets(line.data(), static_cast<int>(line.size()), f) !=
              nullptr &&
          line[0] == '#') {
        std::string text(line.data());
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
          text.pop_back();
        out = text.substr(text.size() > 1 && text[1] == ' ' ? 2 : 1);
      }
      std::fclose(f);
    }
  }
  return out;
}

// The breaks file beside a series file, when there is one.
std::vector<ImportBreak> read_breaks(const std::filesystem::path& file);

}  // namespace

namespace {

std::vector<ImportBreak> read_breaks(const std::filesystem::path& file) {
  std::vector<ImportBreak> out;
  std::string breaks = file.string();
  const auto dot = breaks.rfind('.');
  breaks = (dot == std::string::npos ? breaks : breaks.substr(0, dot)) +
           ".breaks.csv";
  if (std::filesystem::exists(breaks)) {
    CsvReader b =
        open_csv(breaks, breaks, "expected group,month,ended,started");
    const std::size_t c_group = need(b, "group");
    const std::size_t c_m = need(b, "month");
    const std::size_t c_ended = need(b, "ended");
    const std::size_t c_started = need(b, "started");
    const auto c_factor = b.column("factor");
    while (b.next()) {
      b.require_header_width();
      ImportBreak k;
      k.group = std::string(b.field(c_group));
      const auto m = YearMonth::parse(b.field(c_m));
      if (!m) throw DataError(b.where("month") + ": malformed month");
      k.month = *m;
      k.ended = split(b.field(c_ended));
      k.started = split(b.field(c_started));
      if (c_factor && !b.field(*c_factor).empty()) {
        k.factor = parse_number(b.field(*c_factor));
        if (!k.factor || *k.factor <= 0.0) {
          throw DataError(b.where("factor") + ": expected a positive number");
        }
      }
      out.push_back(std::move(k));
    }
  }
  return out;
}

}  // namespace

ImportResult read_imported(const std::filesystem::path& file) {
  ImportResult r;
  r.provenance = provenance_of(file);
  CsvReader csv =
      open_csv(file, file.string(), "expected series_id,month,value");
  const std::size_t c_id = need(csv, "series_id");
  const std::size_t c_month = need(csv, "month");
  const std::size_t c_value = need(csv, "value");
  const auto c_area = csv.column("area");
  const auto c_code = csv.column("area_code");
  std::map<std::string, std::map<int, double>> values;
  std::map<std::string, std::pair<std::string, std::string>> areas;
  while (csv.next()) {
    csv.require_header_width();
    const std::string id(csv.field(c_id));
    if (id.empty()) throw DataError(csv.where("series_id") + ": empty");
    const auto m = YearMonth::parse(csv.field(c_month));
    if (!m) {
      throw DataError(csv.where("month") + ": malformed month '" +
                      std::string(csv.field(c_month)) + "' (expected YYYY-MM)");
    }
    const auto v = parse_number(csv.field(c_value));
    if (!v) {
      throw DataError(csv.where("value") + ": not a number: '" +
                      std::string(csv.field(c_value)) + "'");
    }
    if (const std::string why = implausible(*v); !why.empty()) {
      throw DataError(csv.where("value") + ": " + why);
    }
    if (!values[id].emplace(m->index(), *v).second) {
      throw DataError(csv.where("month") + ": " + m->str() +
                      " given twice for series '" + id + "'");
    }
    if (areas.count(id) == 0U) {
      std::string area = c_area ? std::string(csv.field(*c_area)) : "";
      if (area.empty()) {
        const auto slash = id.find('/');
        area = slash == std::string::npos ? id : id.substr(0, slash);
      }
      areas[id] = {area, c_code ? std::string(csv.field(*c_code)) : ""};
    }
  }
  for (const auto& [id, months] : values) {
    ImportedSeries s;
    s.id = id;
    s.area = areas[id].first;
    s.area_code = areas[id].second;
    s.first = YearMonth::from_index(months.begin()->first);
    for (int m = months.begin()->first; m <= months.rbegin()->first; ++m) {
      const auto it = months.find(m);
      s.values.push_back(it != months.end() ? it->second : kGap);
    }
    r.series.push_back(std::move(s));
  }
  r.breaks = read_breaks(file);
  return r;
}

PopulationImport read_imported_population(const std::filesystem::path& file) {
  PopulationImport p;
  CsvReader csv = open_csv(
      file, file.string(), "expected area,area_code,group,year,population");
  const std::size_t c_area = need(csv, "area");
  const auto c_code = csv.column("area_code");
  const std::size_t c_group = need(csv, "group");
  const std::size_t c_year = need(csv, "year");
  const std::size_t c_pop = need(csv, "population");
  while (csv.next()) {
    csv.require_header_width();
    PopulationFigure f;
    f.area = std::string(csv.field(c_area));
    if (c_code) f.area_code = std::string(csv.field(*c_code));
    f.group = std::string(csv.field(c_group));
    const auto y = parse_number(csv.field(c_year));
    if (!y || *y < 1900 || *y > 2200 || *y != std::floor(*y)) {
      throw DataError(csv.where("year") + ": expected a year");
    }
    f.year = static_cast<int>(*y);
    const auto v = parse_number(csv.field(c_pop));
    if (!v || *v <= 0.0) {
      throw DataError(csv.where("population") + ": expected a positive count");
    }
    f.value = *v;
    p.figures.push_back(std::move(f));
  }
  return p;
}

}  // namespace cspcast::io

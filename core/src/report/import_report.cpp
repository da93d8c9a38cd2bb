// SPDX-License-Identifier: MIT
#include "format.hpp"

#include <cspcast/format.hpp>
#include <cspcast/report/import_report.hpp>

#include <cmath>
#include <sstream>

namespace cspcast::report {

std::string imported_series_csv(const ImportResult& r) {
  std::string out;
  out.reserve(std::size_t{64} * 1024U);
  out += "# " + r.provenance + "\n";
  out += "series_id,month,value,area,area_code\n";
  for (const auto& s : r.series) {
    const std::string id = csv_field(s.id);
    const std::string tail =
        "," + csv_field(s.area) + "," + csv_field(s.area_code) + "\n";
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      const double v = s.values[i];
      if (std::isnan(v)) continue;  // a gap: no row
      out += id;
      out += ',';
      out += (s.first + static_cast<int>(i)).str();
      out += ',';
      out += format_number(v);
      out += tail;
    }
  }
  return out;
}

std::string breaks_csv(const ImportResult& r) {
  std::string out = "group,month,ended,started,factor\n";
  const auto list = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ";") + x;
    return csv_field(s);
  };
  for (const auto& b : r.breaks) {
    out += csv_field(b.group) + "," + b.month.str() + "," + list(b.ended) +
           "," + list(b.started) + "," +
           (b.factor ? format_number(*b.factor, 6) : "") + "\n";
  }
  return out;
}

std::string population_csv(const PopulationImport& p) {
  std::string out = "area,area_code,group,year,population,basis\n";
  for (const auto& f : p.figures) {
    out += csv_field(f.area) + "," + csv_field(f.area_code) + "," + f.group +
           "," + std::to_string(f.year) + "," + format_number(f.value) +
           ",estimate\n";
  }
  return out;
}

std::string breaks_path(const std::string& series_file) {
  const auto dot = series_file.rfind('.');
  const auto slash = series_file.find_last_of('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
    return series_file + ".breaks.csv";
  }
  return series_file.substr(0, dot) + ".breaks.csv";
}

}  // namespace cspcast::report

// SPDX-License-Identifier: MIT
#include "format.hpp"

#include <cspcast/report/anticipated_report.hpp>

#include <iomanip>
#include <sstream>

namespace cspcast::report {

std::string anticipated_table(const AnticipatedResult& r) {
  std::ostringstream out;
  for (const auto& s : r.series) {
    if (!s.skipped.empty()) {
      out << s.id << ": skipped: " << s.skipped << '\n';
      continue;
    }
    out << s.id << " (latest year from " << s.latest_from.str()
        << ", seasonality of the " << r.options.years
        << " years before it, level: " << to_string(r.options.level)
        << " year)\n";
    if (!s.note.empty()) out << "  note: " << s.note << '\n';
    out << "  month      value  anticipated   expected range\n";
    for (const auto& m : s.months) {
      out << "  " << m.month.str() << std::fixed << std::setprecision(1)
          << std::setw(10) << m.value << std::setw(13) << m.anticipated << "   "
          << std::setw(7) << m.lower << " to " << std::setw(7) << m.upper
          << (m.outside() ? (m.above() ? "  ABOVE" : "  BELOW") : "") << '\n';
    }
  }
  out << anticipated_summary(r.outside(), r.skipped());
  return out.str();
}

std::string anticipated_summary(int outside, int skipped) {
  std::string s =
      std::to_string(outside) + " month(s) outside the expected range";
  if (skipped > 0) {
    s += "; " + std::to_string(skipped) +
         " series skipped (too short for the years asked)";
  }
  return s + '\n';
}

std::string anticipated_series_table(const AnticipatedResult& r) {
  std::string all = anticipated_table(r);
  // Without the closing line.
  const auto cut = all.rfind('\n', all.size() - 2);
  return cut == std::string::npos ? std::string() : all.substr(0, cut + 1);
}

std::string anticipated_csv(const AnticipatedResult& r) {
  std::ostringstream csv;
  csv << "series_id,month,value,anticipated,lower,upper,outside,years_used,"
         "note\n";
  for (const auto& s : r.series) {
    if (!s.skipped.empty()) {
      csv << csv_field(s.id) << ",,,,,,skipped,0," << csv_field(s.skipped)
          << '\n';
      continue;
    }
    for (const auto& m : s.months) {
      csv << csv_field(s.id) << ',' << m.month.str() << ',' << m.value << ','
          << m.anticipated << ',' << m.lower << ',' << m.upper << ','
          << (m.outside() ? "yes" : "no") << ',' << s.years_used << ','
          << csv_field(s.note) << '\n';
    }
  }
  return csv.str();
}

}  // namespace cspcast::report

// SPDX-License-Identifier: MIT
#include "format.hpp"

#include <cspcast/report/monitor_report.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

namespace cspcast::report {
namespace {

std::string pct(double actual, double anticipated) {
  if (anticipated == 0.0) return "n/a";
  const double d = 100.0 * (actual / anticipated - 1.0);
  return (d >= 0 ? "+" : "") + fixed(d, 1) + "%";
}

std::string flag_text(bool outside, bool flagged, const std::string& quality) {
  if (flagged) return "EXCEPTION";
  if (outside) return "outside (" + quality + ": not flagged)";
  return "within";
}

}  // namespace

std::string monitor_table(const MonitorResult& r) {
  std::ostringstream out;
  out << "cspcast monitor: pack '" << r.pack_name
      << "', anticipated volumes from each month's share of the year over up "
         "to "
      << r.options.years << " years, range +/- " << r.options.z << " sd\n\n";
  out << pad("indicator", 38) << pad("month", 9) << pad("value", 9)
      << pad("anticipated", 13) << pad("range", 20) << "flag\n";
  for (const auto& mi : r.indicators) {
    if (mi.months.empty()) {
      out << pad(mi.indicator, 38) << mi.note << '\n';
      continue;
    }
    const auto& last = mi.months.back();
    const int d = decimals_for(last.m.anticipated);
    out << pad(mi.indicator, 38) << pad(last.m.month.str(), 9)
        << pad(fixed(last.m.value, d), 9)
        << pad(fixed(last.m.anticipated, d), 13)
        << pad("[" + fixed(last.m.lower, d) + ", " + fixed(last.m.upper, d) +
                   "]",
               20)
        << flag_text(last.m.outside(), last.flagged, last.quality) << '\n';
  }
  out << "\nfinancial year to date (cumulative actual against cumulative "
         "anticipated):\n\n";
  out << pad("indicator", 38) << pad("months", 18) << pad("actual", 10)
      << pad("anticipated", 13) << pad("diff", 9) << pad("range", 22)
      << "flag\n";
  for (const auto& mi : r.indicators) {
    if (mi.months.empty()) continue;
    const int d = decimals_for(mi.fytd_anticipated);
    const std::string quality =
        mi.fytd_outside && !mi.fytd_flagged ? "not all observed" : "";
    out << pad(mi.indicator, 38)
        << pad(mi.fytd_from.str() + " to " + mi.months.back().m.month.str(), 18)
        << pad(fixed(mi.fytd_actual, d), 10)
        << pad(fixed(mi.fytd_anticipated, d), 13)
        << pad(pct(mi.fytd_actual, mi.fytd_anticipated), 9)
        << pad("[" + fixed(mi.fytd_lower, d) + ", " + fixed(mi.fytd_upper, d) +
                   "]",
               22)
        << flag_text(mi.fytd_outside, mi.fytd_flagged, quality) << '\n';
  }
  int flagged = 0;
  for (const auto& mi : r.indicators) {
    for (const auto& m : mi.months) flagged += m.flagged ? 1 : 0;
  }
  out << "\n"
      << flagged
      << " exception(s) in the months shown (outside the range on an "
         "observed month); reconstructed and assumed months are never "
         "flagged.\n";
  return out.str();
}

std::string monitor_csv(const MonitorResult& r) {
  std::ostringstream out;
  out << std::setprecision(10);
  out << "indicator,month,value,anticipated,lower,upper,quality,outside,"
         "flagged\n";
  for (const auto& mi : r.indicators) {
    for (const auto& m : mi.months) {
      out << csv_field(mi.indicator) << ',' << m.m.month.str() << ','
          << m.m.value << ',' << m.m.anticipated << ',' << m.m.lower << ','
          << m.m.upper << ',' << m.quality << ',' << (m.m.outside() ? 1 : 0)
          << ',' << (m.flagged ? 1 : 0) << '\n';
    }
    if (!mi.months.empty()) {
      out << csv_field(mi.indicator) << ",fytd:" << mi.fytd_from.str() << ".."
          << mi.months.back().m.month.str() << ',' << mi.fytd_actual << ','
          << mi.fytd_anticipated << ',' << mi.fytd_lower << ',' << mi.fytd_upper
          << ",," << (mi.fytd_outside ? 1 : 0) << ','
          << (mi.fytd_flagged ? 1 : 0) << '\n';
    }
  }
  return out.str();
}

std::string monitor_json(const MonitorResult& r) {
  nlohmann::json j;
  j["pack"] = r.pack_name;
  j["years"] = r.options.years;
  j["z"] = r.options.z;
  j["indicators"] = nlohmann::json::array();
  for (const auto& mi : r.indicators) {
    nlohmann::json i = {{"indicator", mi.indicator},
                        {"years_used", mi.years_used},
                        {"note", mi.note}};
    i["months"] = nlohmann::json::array();
    for (const auto& m : mi.months) {
      i["months"].push_back({{"month", m.m.month.str()},
                             {"value", m.m.value},
                             {"anticipated", m.m.anticipated},
                             {"lower", m.m.lower},
                             {"upper", m.m.upper},
                             {"quality", m.quality},
                             {"outside", m.m.outside()},
                             {"flagged", m.flagged}});
    }
    if (!mi.months.empty()) {
      i["fytd"] = {{"from", mi.fytd_from.str()},
                   {"to", mi.months.back().m.month.str()},
                   {"actual", mi.fytd_actual},
                   {"anticipated", mi.fytd_anticipated},
                   {"lower", mi.fytd_lower},
                   {"upper", mi.fytd_upper},
                   {"percent_difference",
                    mi.fytd_anticipated != 0.0
                        ? 100.0 * (mi.fytd_actual / mi.fytd_anticipated - 1.0)
                        : 0.0},
                   {"outside", mi.fytd_outside},
                   {"flagged", mi.fytd_flagged}};
    }
    j["indicators"].push_back(std::move(i));
  }
  return j.dump(2) + "\n";
}

}  // namespace cspcast::report

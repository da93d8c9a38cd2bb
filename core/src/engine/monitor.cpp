// SPDX-License-Identifier: MIT
#include <cspcast/engine/anticipated.hpp>
#include <cspcast/engine/monitor.hpp>
#include <cspcast/error.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace cspcast {

namespace {

// The 12 months to `last` of one indicator against anticipated volumes,
// and its financial year to date.
void fill(const Pack& pack,
          const MonthlySeries& h,
          YearMonth last,
          int years,
          const MonitorOptions& options,
          MonitorIndicator& mi) {
  const std::string& id = mi.indicator;
  const int n = last - h.start + 1;
  io::InputSeries s;
  s.id = id;
  s.first_month = h.start;
  s.values.assign(h.values.begin(), h.values.begin() + n);
  s.lines.assign(static_cast<std::size_t>(n), 0);
  AnticipatedOptions ao;
  ao.years = years;
  ao.z = options.z;
  const AnticipatedResult a = anticipated({s}, ao, pack.history_file);
  mi.years_used = years;
  const auto quality = pack.history_quality.find(id);
  double half2 = 0.0;
  bool all_observed = true;
  mi.fytd_from = YearMonth(last.financial_year(), 4);
  for (const auto& m : a.series.front().months) {
    MonitorMonth mm;
    mm.m = m;
    mm.quality = "observed";
    if (quality != pack.history_quality.end()) {
      const auto q = quality->second.find(m.month);
      if (q != quality->second.end()) mm.quality = q->second;
    }
    mm.flagged = m.outside() && mm.quality == "observed";
    if (m.month >= mi.fytd_from) {
      mi.fytd_actual += m.value;
      mi.fytd_anticipated += m.anticipated;
      const double half = 0.5 * (m.upper - m.lower);
      half2 += half * half;
      all_observed = all_observed && mm.quality == "observed";
    }
    mi.months.push_back(mm);
  }
  // Monthly deviations taken as independent: the range of the sum is
  // the anticipated sum +/- the root of the summed squared half-widths.
  double spread = std::sqrt(half2);
  if (mi.averaged) {
    const double k = static_cast<double>(last - mi.fytd_from + 1);
    mi.fytd_actual /= k;
    mi.fytd_anticipated /= k;
    spread /= k;
  }
  mi.fytd_lower = mi.fytd_anticipated - spread;
  mi.fytd_upper = mi.fytd_anticipated + spread;
  if (!mi.averaged) {
    // A count cannot be negative: the range's lower end stops at 0.
    mi.fytd_lower = std::max(0.0, mi.fytd_lower);
    for (auto& mm : mi.months) mm.m.lower = std::max(0.0, mm.m.lower);
  }
  mi.fytd_outside =
      mi.fytd_actual < mi.fytd_lower || mi.fytd_actual > mi.fytd_upper;
  mi.fytd_flagged = mi.fytd_outside && all_observed;
}

}  // namespace

MonitorResult monitor(const Pack& pack, const MonitorOptions& options) {
  if (options.years < 1 || options.years > 50) {
    throw ConfigError("years: expected 1 to 50 (got " +
                      std::to_string(options.years) + ")");
  }
  if (!(options.z > 0.0 && options.z <= 10.0)) {
    throw ConfigError("z: expected a number in (0, 10]");
  }
  MonitorResult r;
  r.options = options;
  r.pack_name = pack.name;
  // Percentages and levels are averaged over the year to date, counts
  // summed; the pack's targets say which is which.
  std::set<std::string> averaged;
  for (const auto& t : pack.targets) {
    if (t.basis.kind == BasisKind::kPercentage ||
        t.basis.kind == BasisKind::kLevel) {
      averaged.insert(t.indicator);
    }
  }
  for (const auto& [id, h] : pack.history) {
    MonitorIndicator mi;
    mi.indicator = id;
    mi.averaged = averaged.count(id) != 0U;
    const YearMonth last = options.month.value_or(h.end());
    if (last > h.end() || last < h.start) {
      mi.note = "no history in " + last.str() + " (history " + h.start.str() +
                " to " + h.end().str() + ")";
      r.indicators.push_back(std::move(mi));
      continue;
    }
    const int n = last - h.start + 1;
    const int years = std::min(options.years, n / 12 - 1);
    if (years < 1) {
      mi.note = "under two years of history to " + last.str();
      r.indicators.push_back(std::move(mi));
      continue;
    }
    fill(pack, h, last, years, options, mi);
    r.indicators.push_back(std::move(mi));
  }
  return r;
}

}  // namespace cspcast

// SPDX-License-Identifier: MIT
#include "format.hpp"

#include <cspcast/report/run_report.hpp>
#include <cspcast/version.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace cspcast::report {
namespace {

nlohmann::json manifest(const RunResult& r) {
  nlohmann::json m;
  m["cspcast_version"] = CSPCAST_VERSION_STRING;
  m["seed"] = r.options.seed;
  m["paths"] = r.options.paths;
  m["threads"] = r.threads_used;
  m["note"] = "results do not depend on the thread count";
  m["pack"] = {{"name", r.pack_name}, {"dir", r.pack_dir}};
  for (const auto& f : r.pack_files) {
    m["pack"]["files"].push_back({{"path", f.path}, {"fnv1a64", f.fnv1a64}});
  }
  for (const auto& p : r.plugins) {
    m["plugins"].push_back(
        {{"name", p.name}, {"version", p.version}, {"path", p.path}});
  }
  m["scenarios"] = r.scenarios;
  m["warnings"] = r.warnings;
  if (!r.precision_rounds.empty()) {
    m["precision"] = {{"standard_error", r.options.precision},
                      {"max_paths", r.options.max_paths},
                      {"rounds", r.precision_rounds}};
  }
  return m;
}

nlohmann::json pairs_array(const RunResult& r) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& p : r.pairs) {
    j.push_back({{"target", p.target},
                 {"scenario_a", p.scenario_a},
                 {"scenario_b", p.scenario_b},
                 {"p_a_better", p.p_a_better},
                 {"p_b_better", p.p_b_better},
                 {"mean_difference", p.mean_difference},
                 {"mean_difference_se", p.mean_difference_se},
                 {"p_met_difference", p.p_met_difference}});
  }
  return j;
}

// The status as a board reads it: a borderline one says between what, and
// its interval.
std::string status_text(const TargetOutcome& o) {
  if (o.borderline.empty()) return o.status;
  return "borderline: " + o.borderline + " [" + fixed(o.p_met_ci.lo, 3) + ", " +
         fixed(o.p_met_ci.hi, 3) + "]";
}

void best_table(const RunResult& r, std::ostream& out) {
  out << "\nbest scenario per target (highest P(met), named when it beats the "
         "next by more than\nthe paired Monte Carlo error and reaches P(met) "
      << num(kBestFloor) << "):\n";
  std::string last;
  for (const auto& o : r.outcomes) {
    if (o.target == last) continue;
    last = o.target;
    const auto best = r.best_scenario.find(o.target);
    out << "  " << pad(o.target, 25)
        << (best != r.best_scenario.end()
                ? best->second
                : "none: " + r.no_best_reason.at(o.target))
        << '\n';
  }
}

}  // namespace

std::string results_json(const RunResult& r) {
  nlohmann::json j;
  j["manifest"] = manifest(r);
  for (const auto& o : r.outcomes) {
    j["outcomes"].push_back({{"target", o.target},
                             {"scenario", o.scenario},
                             {"indicator", o.indicator},
                             {"period", o.period},
                             {"basis", o.basis},
                             {"p_met", o.p_met},
                             {"p_met_se", o.p_met_se},
                             {"p_met_lo95", o.p_met_ci.lo},
                             {"p_met_hi95", o.p_met_ci.hi},
                             {"mean", o.mean},
                             {"median", o.median},
                             {"lo80", o.lo80},
                             {"hi80", o.hi80},
                             {"bar", o.threshold_median},
                             {"status", o.status},
                             {"borderline", o.borderline}});
  }
  j["best_scenario"] = r.best_scenario;
  j["no_best_scenario"] = r.no_best_reason;
  j["comparisons"] = pairs_array(r);
  for (const auto& m : r.models) {
    j["models"].push_back({{"series", m.series},
                           {"plugin", m.plugin},
                           {"model", m.model},
                           {"history_months", m.history_months},
                           {"recording_change", m.recording_change},
                           {"fitted", m.fitted}});
  }
  if (!r.fans.empty()) {
    for (const auto& f : r.fans) {
      nlohmann::json fan = {{"kind", f.kind},
                            {"scenario", f.scenario},
                            {"series", f.series},
                            {"basis", f.basis}};
      for (const auto& p : f.points) {
        nlohmann::json point = {{"month", p.month.str()},
                                {"history", p.history},
                                {"median", p.median},
                                {"lo50", p.lo50},
                                {"hi50", p.hi50},
                                {"lo80", p.lo80},
                                {"hi80", p.hi80},
                                {"lo95", p.lo95},
                                {"hi95", p.hi95}};
        if (f.kind == "target") point["bar"] = p.bar;
        fan["points"].push_back(std::move(point));
      }
      if (!f.histogram.empty()) {
        fan["histogram"] = {{"edges", f.histogram_edges},
                            {"shares", f.histogram}};
      }
      j["fans"].push_back(std::move(fan));
    }
  }
  return j.dump(2) + "\n";
}

std::string fans_csv(const RunResult& r) {
  std::ostringstream out;
  out << std::setprecision(10);
  out << "kind,scenario,series,basis,month,history,median,lo50,hi50,lo80,"
         "hi80,lo95,hi95,bar\n";
  for (const auto& f : r.fans) {
    const std::string head = f.kind + "," + csv_field(f.scenario) + "," +
                             csv_field(f.series) + "," + f.basis + ",";
    for (const auto& p : f.points) {
      out << head << p.month.str() << ',' << (p.history ? 1 : 0) << ','
          << p.median << ',' << p.lo50 << ',' << p.hi50 << ',' << p.lo80 << ','
          << p.hi80 << ',' << p.lo95 << ',' << p.hi95 << ',';
      if (f.kind == "target") out << p.bar;
      out << '\n';
    }
  }
  return out.str();
}

std::string comparison_json(const RunResult& r) {
  nlohmann::json j;
  j["manifest"] = manifest(r);
  j["comparisons"] = pairs_array(r);
  return j.dump(2) + "\n";
}

std::string results_csv(const RunResult& r) {
  std::ostringstream out;
  out << "scenario,target,indicator,period,basis,p_met,p_met_se,mean,median,"
         "lo80,hi80,bar,status,p_met_lo95,p_met_hi95,borderline\n";
  for (const auto& o : r.outcomes) {
    out << csv_field(o.scenario) << ',' << csv_field(o.target) << ','
        << o.indicator << ',' << csv_field(o.period) << ',' << o.basis << ','
        << num(o.p_met) << ',' << num(o.p_met_se) << ',' << num(o.mean) << ','
        << num(o.median) << ',' << num(o.lo80) << ',' << num(o.hi80) << ','
        << num(o.threshold_median) << ',' << o.status << ','
        << num(o.p_met_ci.lo) << ',' << num(o.p_met_ci.hi) << ','
        << o.borderline << '\n';
  }
  return out.str();
}

std::string pairs_csv(const RunResult& r) {
  std::ostringstream out;
  out << "target,scenario_a,scenario_b,p_a_better,p_b_better,mean_difference,"
         "mean_difference_se,p_met_difference\n";
  for (const auto& p : r.pairs) {
    out << csv_field(p.target) << ',' << csv_field(p.scenario_a) << ','
        << csv_field(p.scenario_b) << ',' << num(p.p_a_better) << ','
        << num(p.p_b_better) << ',' << num(p.mean_difference) << ','
        << num(p.mean_difference_se) << ',' << num(p.p_met_difference) << '\n';
  }
  return out.str();
}

std::string results_table(const RunResult& r) {
  std::ostringstream out;
  out << "cspcast " << CSPCAST_VERSION_STRING << ": pack '" << r.pack_name
      << "', " << r.options.paths << " paths, seed " << r.options.seed
      << "\n\n";
  for (const auto& w : r.warnings) out << "warning: " << w << '\n';
  if (!r.warnings.empty()) out << '\n';
  // The period column is as wide as its longest label (a target over
  // several years reads "each of FY2015/16 to FY2017/18").
  std::size_t period_width = 10;
  for (const auto& o : r.outcomes) {
    period_width = std::max(period_width, o.period.size() + 1);
  }
  out << pad("target", 25) << pad("scenario", 17) << pad("period", period_width)
      << pad("basis", 11) << pad("P(met)", 13) << pad("median", 9)
      << pad("80% interval", 19) << pad("bar", 9) << "status\n";
  std::string last;
  for (const auto& o : r.outcomes) {
    if (o.target != last && !last.empty()) out << '\n';
    const int d = decimals_for(o.median);
    out << pad(o.target == last ? "" : o.target, 25) << pad(o.scenario, 17)
        << pad(o.period, period_width) << pad(o.basis, 11)
        << pad(fixed(o.p_met, 2) + " ±" + fixed(o.p_met_se, 3), 13)
        << pad(fixed(o.median, d), 9)
        << pad("[" + fixed(o.lo80, d) + ", " + fixed(o.hi80, d) + "]", 19)
        << pad(fixed(o.threshold_median, decimals_for(o.threshold_median)), 9)
        << status_text(o) << '\n';
    last = o.target;
  }
  if (r.scenarios.size() > 1) best_table(r, out);
  if (!r.precision_rounds.empty()) {
    out << "\n--precision " << num(r.options.precision) << ": paths";
    for (const int n : r.precision_rounds) out << ' ' << n;
    out << " (cap " << r.options.max_paths << ")\n";
  }
  out << "\nmodels:\n";
  for (const auto& m : r.models) {
    out << "  " << pad(m.series, 44) << m.model;
    if (!m.recording_change.empty()) out << " (" << m.recording_change << ")";
    out << '\n';
  }
  return out.str();
}

std::string pairs_table(const RunResult& r) {
  std::ostringstream out;
  out << pad("target", 25) << pad("A", 17) << pad("B", 17)
      << pad("P(A better)", 13) << pad("P(B better)", 13) << pad("E[A-B]", 12)
      << "P(met) A-B\n";
  for (const auto& p : r.pairs) {
    out << pad(p.target, 25) << pad(p.scenario_a, 17) << pad(p.scenario_b, 17)
        << pad(fixed(p.p_a_better, 3), 13) << pad(fixed(p.p_b_better, 3), 13)
        << pad(num(p.mean_difference, 4), 12) << fixed(p.p_met_difference, 3)
        << '\n';
  }
  return out.str();
}

}  // namespace cspcast::report

// SPDX-License-Identifier: MIT
// The board report: one HTML page, inline CSS and SVG, no script.
#include "charts.hpp"
#include "format.hpp"
#include "svg.hpp"

#include <cspcast/report/html_report.hpp>
#include <cspcast/version.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

namespace cspcast::report {
namespace {

using svg::escape;

const char* const kCss = R"(
body { font-family: Arial, Helvetica, sans-serif; color: #0B0C0C; margin: 24px auto; max-width: 960px; line-height: 1.4; font-size: 15px; }
h1 { font-size: 26px; margin-bottom: 4px; } h2 { font-size: 21px; margin-top: 32px; border-bottom: 2px solid #12436D; }
h3 { font-size: 17px; margin-bottom: 4px; }
p.meta { color: #3D3D3D; font-size: 13px; margin-top: 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0 16px; }
th, td { border-bottom: 1px solid #BFBFBF; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #F3F2F1; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.status { display: inline-block; padding: 1px 6px; border-radius: 3px; font-weight: bold; color: #FFFFFF; white-space: nowrap; }
.on-track { background: #12436D; } .at-risk { background: #F46A25; color: #0B0C0C; }
.off-track { background: #801650; } .borderline { background: #FFFFFF; color: #0B0C0C; border: 2px dashed #3D3D3D; white-space: normal; }
#targets td:nth-child(2) { width: 24%; } #targets td:last-child { font-size: 12px; width: 16%; }
.flag { color: #801650; font-weight: bold; }
.quality { color: #3D3D3D; font-style: italic; }
figure { margin: 8px 0 16px; } figcaption { font-size: 12px; color: #3D3D3D; }
svg { max-width: 100%; height: auto; }
section.target, section.indicator { break-inside: avoid; page-break-inside: avoid; }
.note { font-size: 12px; color: #3D3D3D; }
code { font-size: 12px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, tr { break-inside: avoid; page-break-inside: avoid; }
  section.summary { break-after: page; page-break-after: always; }
  .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

std::string fixed2(double v, int d) { return fixed(v, d); }

// A value for a table: decimals by size.
std::string val(double v) { return fixed2(v, decimals_for(v)); }

// Full precision, for data attributes (the test compares with the JSON).
std::string exact(double v) {
  std::array<char, 40> buf{};
  std::snprintf(buf.data(), buf.size(), "%.17g", v);
  return buf.data();
}

std::string status_class(const std::string& status) {
  if (status == "on track") return "on-track";
  if (status == "at risk") return "at-risk";
  if (status == "off track") return "off-track";
  return "borderline";
}

std::string status_html(const TargetOutcome& o) {
  if (o.status == "borderline") {
    return "<span class=\"status borderline\">borderline: " +
           escape(o.borderline) + "</span> <small>[" +
           fixed2(o.p_met_ci.lo, 3) + ", " + fixed2(o.p_met_ci.hi, 3) +
           "]</small>";
  }
  return "<span class=\"status " + status_class(o.status) + "\">" +
         escape(o.status) + "</span>";
}

// What the pack marks as reconstructed, assumed or projected, said on the
// first page: a board must know which figures are not observed.
std::string data_quality(const Pack& pack) {
  std::map<std::string, int> months;  // quality -> months
  std::map<std::string, std::string> first;
  std::map<std::string, std::string> last;
  for (const auto& [id, marks] : pack.history_quality) {
    for (const auto& [month, quality] : marks) {
      ++months[quality];
      const std::string m = month.str();
      if (first[quality].empty() || m < first[quality]) first[quality] = m;
      if (last[quality].empty() || m > last[quality]) last[quality] = m;
    }
  }
  std::map<std::string, std::pair<int, int>> years;  // basis -> first, last
  for (const auto& [group, marks] : pack.population_basis) {
    for (const auto& [year, basis] : marks) {
      auto [it, fresh] = years.emplace(basis, std::make_pair(year, year));
      if (!fresh) {
        it->second.first = std::min(it->second.first, year);
        it->second.second = std::max(it->second.second, year);
      }
    }
  }
  if (months.empty() && years.empty()) {
    return "<p class=\"note\">Data quality: every history month and "
           "population in the pack is marked as observed or estimated.</p>\n";
  }
  std::string out =
      "<p class=\"note\" id=\"quality\"><strong>Data quality.</strong> ";
  for (const auto& [quality, n] : months) {
    out += std::to_string(n) +
           " indicator-months of history are marked <span "
           "class=\"quality\">" +
           escape(quality) + "</span> (" + first[quality] + " to " +
           last[quality] + "); ";
  }
  for (const auto& [basis, range] : years) {
    out += "populations are <span class=\"quality\">" + escape(basis) +
           "</span> for " + std::to_string(range.first) + " to " +
           std::to_string(range.second) + "; ";
  }
  out +=
      "the pack's README says how. Monitoring never flags an exception on "
      "a month that is not observed.</p>\n";
  return out;
}

void summary(std::string& h, const ReportInput& in) {
  const RunResult& r = *in.run;
  h += "<section class=\"summary\"><h2>Targets</h2>\n<table id=\"targets\">\n"
       "<thead><tr><th>target</th><th>as the plan words it</th><th>period</th>";
  for (const auto& s : r.scenarios) h += "<th>" + escape(s) + "</th>";
  h += "<th>best scenario</th></tr></thead>\n<tbody>\n";
  for (const auto& t : in.pack->targets) {
    h += "<tr><td><a href=\"#t-" + escape(t.id) + "\">" + escape(t.id) +
         "</a></td><td>" + escape(t.title) + "</td><td>" +
         escape(t.period_label()) + "</td>";
    for (const auto& o : r.outcomes) {
      if (o.target != t.id) continue;
      h += "<td class=\"num\" data-target=\"" + escape(o.target) +
           "\" data-scenario=\"" + escape(o.scenario) + "\" data-p-met=\"" +
           exact(o.p_met) + "\" data-median=\"" + exact(o.median) + "\">" +
           fixed2(o.p_met, 2) + " &#177;" + fixed2(o.p_met_se, 3) + "<br>" +
           status_html(o) + "</td>";
    }
    const auto best = r.best_scenario.find(t.id);
    const auto why = r.no_best_reason.find(t.id);
    h += "<td>" +
         (best != r.best_scenario.end()
              ? escape(best->second)
              : "none: " +
                    escape(why != r.no_best_reason.end() ? why->second : "")) +
         "</td></tr>\n";
  }
  h += "</tbody></table>\n<p class=\"note\">P(met): the share of " +
       std::to_string(r.options.paths) +
       " simulated paths on which the target is met, &#177; its Monte Carlo "
       "standard error. Status: on track at 0.8 or more, at risk from 0.5, "
       "off track below; <em>borderline</em> when 0.5 or 0.8 lies inside the "
       "95% Monte Carlo interval shown. The best scenario is named only when "
       "it beats the next by more than the paired Monte Carlo error.</p>\n";
  h += data_quality(*in.pack) + "</section>\n";
}

void target_sections(std::string& h, const ReportInput& in, Report& out) {
  const RunResult& r = *in.run;
  h += "<h2>Each target</h2>\n";
  for (const auto& t : in.pack->targets) {
    h += "<section class=\"target\" id=\"t-" + escape(t.id) + "\"><h3>" +
         escape(t.id) + ": " + escape(t.title) + "</h3>\n<p class=\"meta\">" +
         escape(t.indicator) + ", " +
         escape(basis_label(to_string(t.basis.kind))) + ", judged over " +
         escape(t.period_label()) +
         (t.source.empty() ? "" : "; plan: " + escape(t.source)) +
         (t.note.empty() ? "" : "; reading: " + escape(t.note)) +
         "</p>\n<ul>\n";
    for (const auto& o : r.outcomes) {
      if (o.target != t.id) continue;
      h += "<li>" + escape(o.scenario) + ": " + status_html(o) + ", P(met) " +
           fixed2(o.p_met, 2) + " (95% interval " + fixed2(o.p_met_ci.lo, 3) +
           " to " + fixed2(o.p_met_ci.hi, 3) + "); median " + val(o.median) +
           ", 80% of paths " + val(o.lo80) + " to " + val(o.hi80) + "; bar " +
           val(o.threshold_median) + "</li>\n";
    }
    h += "</ul>\n";
    const std::string fan = fan_chart(t, r, *in.pack);
    const std::string hist = histogram_chart(t, r);
    h +=
        "<figure>" + fan + "<figcaption>Rolling " +
        std::to_string(t.period.months()) +
        "-month value on the target's basis: history, then each "
        "scenario's median and bands; dashed: the bar.</figcaption></figure>\n";
    h += "<figure>" + hist + "<figcaption>Distribution of the value in " +
         escape(t.period_label()) +
         " by scenario, and the bar.</figcaption></figure>\n";
    h += "</section>\n";
    out.charts.emplace_back(t.id + ".svg", fan);
    out.charts.emplace_back(t.id + "-distribution.svg", hist);
  }
}

void comparison(std::string& h, const RunResult& r) {
  if (r.pairs.empty()) return;
  h += "<h2>Scenarios compared, path by path</h2>\n<table id=\"pairs\">"
       "<thead><tr><th>target</th><th>A</th><th>B</th><th>P(A better)</th>"
       "<th>P(B better)</th><th>E[A &#8722; B]</th><th>P(met) A &#8722; B</th>"
       "</tr></thead><tbody>\n";
  for (const auto& p : r.pairs) {
    h += "<tr><td>" + escape(p.target) + "</td><td>" + escape(p.scenario_a) +
         "</td><td>" + escape(p.scenario_b) + "</td><td class=\"num\">" +
         fixed2(p.p_a_better, 3) + "</td><td class=\"num\">" +
         fixed2(p.p_b_better, 3) + "</td><td class=\"num\">" +
         svg::num(p.mean_difference) + " &#177;" +
         svg::num(1.96 * p.mean_difference_se) + "</td><td class=\"num\">" +
         fixed2(p.p_met_difference, 3) + "</td></tr>\n";
  }
  h += "</tbody></table>\n<p class=\"note\">The same simulated paths under "
       "both scenarios (common random numbers): a difference shown is caused "
       "by the scenarios, not by simulation noise. E[A &#8722; B] in the "
       "target's basis with its 95% Monte Carlo margin.</p>\n";
}

void solves(std::string& h, const ReportInput& in) {
  if (in.solves.empty()) return;
  h += "<h2>What would it take?</h2>\n<table id=\"solve\"><thead><tr>"
       "<th>target</th><th>lever</th><th>on scenario</th><th>P(met) without "
       "it</th><th>effect needed for P(met) " +
       fixed2(in.solves.front().request.probability, 2) +
       "</th></tr></thead><tbody>\n";
  for (const auto& s : in.solves) {
    std::string answer;
    if (s.already_met) {
      answer = "none: already met";
    } else if (!s.reachable) {
      answer = "not reachable in its range (best P(met) " +
               fixed2(s.best_p, 3) + " at " + percent(s.best_effect) + ")";
    } else {
      answer =
          percent(s.effect) + " (Monte Carlo se " + percent(s.effect_se) + ")";
    }
    h += "<tr><td>" + escape(s.request.target) + "</td><td>" +
         escape(s.request.lever.empty() ? s.indicator + " (directly)"
                                        : s.request.lever) +
         "</td><td>" + escape(s.request.scenario) + "</td><td class=\"num\">" +
         fixed2(s.p_without, 3) + "</td><td>" + escape(answer) + "</td></tr>\n";
  }
  h += "</tbody></table>\n<p class=\"note\">Solved on the same paths as the "
       "run (" +
       fixed2(in.solve_cpu_seconds, 1) + " s CPU).</p>\n";
}

void monitoring(std::string& h, const ReportInput& in, Report& out) {
  if (in.monitor == nullptr) return;
  const MonitorResult& m = *in.monitor;
  h += "<h2>Monitoring: recent months against anticipated volumes</h2>\n"
       "<p>Each month against the volume anticipated from the seasonal "
       "pattern of up to " +
       std::to_string(m.options.years) +
       " previous years applied to the level of the year before (Kent "
       "practice), with its range (&#177;" +
       svg::num(m.options.z) +
       " standard deviations of the month's share). A month outside its "
       "range is an <span class=\"flag\">exception</span>, except on months "
       "the pack marks as reconstructed or assumed, which are labelled and "
       "never flagged.</p>\n<table id=\"monitor\"><thead><tr><th>indicator"
       "</th><th>latest month</th><th>value</th><th>anticipated</th><th>"
       "range</th><th>flag</th><th>year to date: actual / anticipated</th>"
       "</tr></thead><tbody>\n";
  for (const auto& mi : m.indicators) {
    if (mi.months.empty()) {
      h += "<tr><td>" + escape(mi.indicator) + "</td><td colspan=\"6\">" +
           escape(mi.note) + "</td></tr>\n";
      continue;
    }
    const auto& l = mi.months.back();
    const std::string flag =
        l.flagged ? "<span class=\"flag\">exception</span>"
        : l.quality != "observed"
            ? "<span class=\"quality\">" + escape(l.quality) + "</span>"
            : (l.m.outside() ? "outside" : "within");
    const double d = mi.fytd_anticipated != 0.0
                         ? 100.0 * (mi.fytd_actual / mi.fytd_anticipated - 1.0)
                         : 0.0;
    h += "<tr><td><a href=\"#m-" + escape(mi.indicator) + "\">" +
         escape(mi.indicator) + "</a></td><td>" + l.m.month.str() +
         "</td><td class=\"num\">" + val(l.m.value) +
         "</td><td class=\"num\">" + val(l.m.anticipated) +
         "</td><td class=\"num\">" + val(l.m.lower) + " to " + val(l.m.upper) +
         "</td><td>" + flag + "</td><td class=\"num\">" + val(mi.fytd_actual) +
         " / " + val(mi.fytd_anticipated) + " (" + (d >= 0 ? "+" : "") +
         fixed2(d, 1) + "%)" +
         (mi.fytd_flagged ? " <span class=\"flag\">outside range</span>"
          : mi.fytd_outside
              ? " <span class=\"quality\">outside (not all observed)</span>"
              : "") +
         "</td></tr>\n";
  }
  h += "</tbody></table>\n";
  for (const auto& mi : m.indicators) {
    if (mi.months.empty()) continue;
    std::string labels;
    for (const auto& mm : mi.months) {
      if (mm.quality != "observed") {
        labels =
            "Months marked reconstructed or assumed in the pack are "
            "drawn hollow and never flagged.";
        break;
      }
    }
    const std::string chart = monitor_chart(mi);
    h += "<section class=\"indicator\" id=\"m-" + escape(mi.indicator) +
         "\"><h3>" + escape(mi.indicator) + "</h3><figure>" + chart +
         "<figcaption>" + std::to_string(mi.years_used) +
         " years of seasonal pattern. " + labels +
         "</figcaption></figure></section>\n";
    out.charts.emplace_back("monitor-" + mi.indicator + ".svg", chart);
  }
}

void manifest(std::string& h, const ReportInput& in) {
  const RunResult& r = *in.run;
  h += "<h2>Run manifest</h2>\n<table id=\"manifest\"><tbody>\n";
  const auto row = [&](const std::string& k, const std::string& v) {
    h += "<tr><th>" + escape(k) + "</th><td>" + v + "</td></tr>\n";
  };
  row("program", escape(std::string("cspcast ") + CSPCAST_VERSION_STRING));
  row("date", escape(in.date));
  row("seed", std::to_string(r.options.seed));
  row("paths",
      std::to_string(r.options.paths) +
          (r.precision_rounds.empty() ? "" : " (after --precision rounds)"));
  row("pack", escape(r.pack_name) + " (" + escape(r.pack_dir) + ")");
  std::string files;
  for (const auto& f : r.pack_files) {
    files += "<code>" + escape(f.path) + "</code> fnv1a64 <code>" +
             escape(f.fnv1a64) + "</code><br>";
  }
  row("files", files);
  std::string plugins;
  for (const auto& p : r.plugins) {
    plugins += escape(p.name + " " + p.version) + " <code>" + escape(p.path) +
               "</code><br>";
  }
  row("plugins", plugins);
  std::string scen;
  for (const auto& s : r.scenarios) scen += escape(s) + " ";
  row("scenarios", scen);
  std::string models;
  for (const auto& m : r.models) {
    models +=
        escape(m.series) + ": " + escape(m.model) +
        (m.recording_change.empty() ? ""
                                    : " (" + escape(m.recording_change) + ")") +
        (m.fitted.empty() ? "" : " [" + escape(m.fitted) + "]") + "<br>";
  }
  row("models", models);
  std::string warnings;
  for (const auto& w : r.warnings) warnings += escape(w) + "<br>";
  row("warnings", warnings.empty() ? "none" : warnings);
  h += "</tbody></table>\n<p class=\"note\">Results do not depend on the "
       "number of threads; the same seed and paths give the same numbers "
       "(<code>cspcast run --seed " +
       std::to_string(r.options.seed) + " --paths " +
       std::to_string(r.options.paths) + "</code>).</p>\n";
}

}  // namespace

Report html_report(const ReportInput& in) {
  Report out;
  const RunResult& r = *in.run;
  std::string h;
  h.reserve(1 << 20);
  h += "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta "
       "charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, "
       "initial-scale=1\">\n"
       "<title>" +
       escape(in.pack->title.empty() ? r.pack_name : in.pack->title) +
       ": will the targets be met?</title>\n<style>" + kCss +
       "</style>\n</head>\n<body>\n<header><h1>Will the targets be met?</h1>\n"
       "<p class=\"meta\">" +
       escape(in.pack->title.empty() ? r.pack_name : in.pack->title) + "; " +
       std::to_string(r.options.paths) + " simulated paths, seed " +
       std::to_string(r.options.seed) + "; cspcast " + CSPCAST_VERSION_STRING +
       ", " + escape(in.date) + "</p></header>\n<main>\n";
  for (const auto& w : r.warnings) {
    h += "<p class=\"flag\">Warning: " + escape(w) + "</p>\n";
  }
  summary(h, in);
  target_sections(h, in, out);
  comparison(h, r);
  solves(h, in);
  monitoring(h, in, out);
  manifest(h, in);
  h += "</main>\n</body>\n</html>\n";
  out.html = std::move(h);
  return out;
}

}  // namespace cspcast::report

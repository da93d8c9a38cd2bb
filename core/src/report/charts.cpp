// SPDX-License-Identifier: MIT
#include "charts.hpp"

#include "format.hpp"
#include "svg.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cspcast::report {
namespace {

std::string val(double v) { return fixed(v, decimals_for(v)); }

}  // namespace

static const Fan* find_fan(const RunResult& r,
                           std::string_view kind,
                           const std::string& scenario,
                           const std::string& series) {
  for (const auto& f : r.fans) {
    if (f.kind == kind && f.scenario == scenario && f.series == series)
      return &f;
  }
  return nullptr;
}

std::string basis_label(const std::string& basis) {
  if (basis == "per_1000") return "per 1,000 population";
  if (basis == "per_10000") return "per 10,000 population";
  if (basis == "percentage") return "%";
  if (basis == "count") return "count";
  return basis;
}

// The fan chart of one target: rolling value on the target's basis, the
// projection's bands per scenario, the bar, the target period(s) and the
// recording changes.
// The 50%, 80% and 95% bands of each scenario, widest first.
static void draw_bands(svg::Canvas& c,
                       const svg::Frame& f,
                       const std::vector<const Fan*>& fans) {
  // Bands, widest first, then medians with a label at the end.
  for (std::size_t k = 0; k < fans.size(); ++k) {
    const char* colour = svg::kPalette[k % svg::kPalette.size()];
    const auto band = [&](auto lo_of, auto hi_of, const char* opacity) {
      std::vector<std::pair<double, double>> pts;
      const auto& ps = fans[k]->points;
      for (const auto& p : ps) {
        if (!p.history) pts.emplace_back(f.x(p.month.index()), f.y(lo_of(p)));
      }
      for (auto it = ps.rbegin(); it != ps.rend(); ++it) {
        if (!it->history)
          pts.emplace_back(f.x(it->month.index()), f.y(hi_of(*it)));
      }
      c.polygon(pts,
                std::string("fill=\"") + colour + "\" fill-opacity=\"" +
                    opacity + "\" stroke=\"none\"");
    };
    band([](const FanPoint& p) { return p.lo95; },
         [](const FanPoint& p) { return p.hi95; },
         "0.10");
    band([](const FanPoint& p) { return p.lo80; },
         [](const FanPoint& p) { return p.hi80; },
         "0.14");
    band([](const FanPoint& p) { return p.lo50; },
         [](const FanPoint& p) { return p.hi50; },
         "0.20");
  }
}

// The recorded history, then each scenario's median, labelled.
static void draw_medians(svg::Canvas& c,
                         const svg::Frame& f,
                         const std::vector<const Fan*>& fans) {
  // History (the same under every scenario).
  std::vector<std::pair<double, double>> past;
  const FanPoint* last_past = nullptr;
  for (const auto& p : fans.front()->points) {
    if (p.history) {
      past.emplace_back(f.x(p.month.index()), f.y(p.median));
      last_past = &p;
    }
  }
  c.polyline(past, "stroke=\"#0B0C0C\" stroke-width=\"2\"");
  std::vector<std::pair<double, std::size_t>> labels;
  for (std::size_t k = 0; k < fans.size(); ++k) {
    const char* colour = svg::kPalette[k % svg::kPalette.size()];
    const char* dash = svg::kDashes[k % svg::kDashes.size()];
    std::vector<std::pair<double, double>> pts;
    if (last_past != nullptr)
      pts.emplace_back(f.x(last_past->month.index()), f.y(last_past->median));
    for (const auto& p : fans[k]->points) {
      if (!p.history) pts.emplace_back(f.x(p.month.index()), f.y(p.median));
    }
    c.polyline(pts,
               std::string("stroke=\"") + colour +
                   "\" stroke-width=\"2\" stroke-dasharray=\"" + dash + "\"");
    if (!pts.empty()) labels.emplace_back(pts.back().second, k);
  }
  // Labels at the line ends, at least 13 units apart.
  std::sort(labels.begin(), labels.end());
  double previous = -1e9;
  for (auto& [y, k] : labels) {
    y = std::max(y + 4, previous + 13);
    previous = y;
    c.text(f.left + f.width + 6,
           y,
           fans[k]->scenario,
           std::string("fill=\"") + svg::kPalette[k % svg::kPalette.size()] +
               "\" font-size=\"11\"");
  }
}

// The recording changes of the target's indicator, marked on the axis.
static void draw_changes(svg::Canvas& c,
                         const svg::Frame& f,
                         const Target& t,
                         const Pack& pack) {
  // Recording changes, marked on the axis.
  for (const auto& rc : pack.recording_changes) {
    if (rc.indicator != t.indicator) continue;
    const double x = rc.from.index();
    if (x < f.x0 || x > f.x1) continue;
    c.line(f.x(x),
           f.top,
           f.x(x),
           f.top + f.height,
           "stroke=\"#801650\" stroke-width=\"1\" stroke-dasharray=\"1 3\"");
    c.text(f.x(x) + 3,
           f.top + f.height - 6,
           "recording change " + rc.from.str(),
           "fill=\"#801650\" font-size=\"11\"");
  }
}

static void draw_legend(svg::Canvas& c,
                        const svg::Frame& f,
                        const std::vector<const Fan*>& fans) {
  // Legend.
  double lx = f.left;
  const double ly = f.top + f.height + 40;
  c.line(lx, ly, lx + 22, ly, "stroke=\"#0B0C0C\" stroke-width=\"2\"");
  c.text(lx + 26, ly + 4, "recorded", "font-size=\"11\"");
  lx += 90;
  for (std::size_t k = 0; k < fans.size(); ++k) {
    c.line(lx,
           ly,
           lx + 22,
           ly,
           std::string("stroke=\"") + svg::kPalette[k % svg::kPalette.size()] +
               "\" stroke-width=\"2\" stroke-dasharray=\"" +
               svg::kDashes[k % svg::kDashes.size()] + "\"");
    c.text(
        lx + 26, ly + 4, fans[k]->scenario + " (median)", "font-size=\"11\"");
    lx += 34 + 6.2 * static_cast<double>(fans[k]->scenario.size() + 9);
  }
  c.line(lx,
         ly,
         lx + 22,
         ly,
         "stroke=\"#0B0C0C\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"");
  c.text(lx + 26, ly + 4, "bar", "font-size=\"11\"");
  c.text(f.left,
         ly + 20,
         "Shading: 50%, 80% and 95% of simulated paths (darker is more "
         "likely).",
         "fill=\"#3D3D3D\" font-size=\"11\"");
}

std::string fan_chart(const Target& t, const RunResult& r, const Pack& pack) {
  std::vector<const Fan*> fans;
  for (const auto& s : r.scenarios) {
    if (const Fan* f = find_fan(r, "target", s, t.id)) fans.push_back(f);
  }
  svg::Canvas c(700,
                330,
                t.id + ": " + t.title,
                "Rolling " + std::to_string(t.period.months()) +
                    "-month value on the target's basis (" +
                    basis_label(to_string(t.basis.kind)) +
                    "): recorded history, and the projection's median with "
                    "50%, 80% and 95% of paths under each scenario, against "
                    "the bar.");
  if (fans.empty() || fans.front()->points.empty()) return c.str();
  svg::Frame f;
  f.left = 64;
  f.top = 34;
  f.width = 500;
  f.height = 230;
  f.x0 = fans.front()->points.front().month.index() - 0.5;
  f.x1 = fans.front()->points.back().month.index() + 0.5;
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (const Fan* fan : fans) {
    for (const auto& p : fan->points) {
      lo = std::min({lo, p.lo95, p.bar});
      hi = std::max({hi, p.hi95, p.bar});
    }
  }
  const double pad = 0.06 * (hi - lo > 0 ? hi - lo : 1.0);
  f.y0 = std::max(0.0, lo - pad);
  f.y1 = hi + pad;
  const auto ticks = svg::ticks(f.y0, f.y1);
  if (!ticks.empty()) {
    f.y0 = std::min(f.y0, ticks.front());
    f.y1 = std::max(f.y1, ticks.back());
  }
  for (const auto& period : t.judged_periods()) {
    c.rect(f.x(period.first.index() - 0.5),
           f.top,
           f.x(period.last.index() + 0.5) - f.x(period.first.index() - 0.5),
           f.height,
           "fill=\"#F3F2F1\"");
  }
  c.text(f.x(t.judged_periods().back().last.index() + 0.5) - 2,
         f.top + 12,
         "target period",
         "fill=\"#3D3D3D\" font-size=\"11\"",
         "end");
  svg::month_axes(c, f, basis_label(to_string(t.basis.kind)));
  draw_bands(c, f, fans);
  draw_medians(c, f, fans);
  // The bar (the comparator's median for comparator targets).
  std::vector<std::pair<double, double>> bar;
  for (const auto& p : fans.front()->points) {
    bar.emplace_back(f.x(p.month.index()), f.y(p.bar));
  }
  c.polyline(
      bar, "stroke=\"#0B0C0C\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"");
  if (!bar.empty()) {
    c.text(f.left + 4,
           bar.front().second - 5,
           "bar",
           "fill=\"#0B0C0C\" font-size=\"11\"");
  }
  draw_changes(c, f, t, pack);
  draw_legend(c, f, fans);
  return c.str();
}

// The distribution of the value in the judged period, per scenario.
std::string histogram_chart(const Target& t, const RunResult& r) {
  std::vector<const Fan*> fans;
  for (const auto& s : r.scenarios) {
    if (const Fan* f = find_fan(r, "target", s, t.id)) fans.push_back(f);
  }
  svg::Canvas c(700,
                230,
                t.id + ": distribution in " + t.period_label(),
                "Share of simulated paths by the value in the target period, "
                "per scenario, with the bar.");
  if (fans.empty() || fans.front()->histogram.empty()) return c.str();
  svg::Frame f;
  f.left = 64;
  f.top = 24;
  f.width = 500;
  f.height = 140;
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  double top = 0.0;
  for (const Fan* fan : fans) {
    lo = std::min(lo, fan->histogram_edges.front());
    hi = std::max(hi, fan->histogram_edges.back());
    for (const double s : fan->histogram) top = std::max(top, s);
  }
  const double bar = fans.front()->points.back().bar;
  lo = std::min(lo, bar);
  hi = std::max(hi, bar);
  f.x0 = lo - 0.02 * (hi - lo);
  f.x1 = hi + 0.02 * (hi - lo);
  f.y0 = 0;
  f.y1 = top * 1.1 + 1e-12;
  svg::value_axes(
      c,
      f,
      basis_label(to_string(t.basis.kind)) + " in " + t.period_label(),
      "share of paths");
  for (std::size_t k = 0; k < fans.size(); ++k) {
    const auto& e = fans[k]->histogram_edges;
    const auto& h = fans[k]->histogram;
    std::vector<std::pair<double, double>> pts;
    pts.emplace_back(f.x(e.front()), f.y(0));
    for (std::size_t b = 0; b < h.size(); ++b) {
      pts.emplace_back(f.x(e[b]), f.y(h[b]));
      pts.emplace_back(f.x(e[b + 1]), f.y(h[b]));
    }
    pts.emplace_back(f.x(e.back()), f.y(0));
    c.polyline(pts,
               std::string("stroke=\"") +
                   svg::kPalette[k % svg::kPalette.size()] +
                   "\" stroke-width=\"1.5\" stroke-dasharray=\"" +
                   svg::kDashes[k % svg::kDashes.size()] + "\"");
    c.text(f.left + f.width + 6,
           f.top + 12 + 14.0 * static_cast<double>(k),
           fans[k]->scenario,
           std::string("fill=\"") + svg::kPalette[k % svg::kPalette.size()] +
               "\" font-size=\"11\"");
  }
  c.line(f.x(bar),
         f.top,
         f.x(bar),
         f.top + f.height,
         "stroke=\"#0B0C0C\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"");
  c.text(f.x(bar) + 4, f.top + 10, "bar " + val(bar), "font-size=\"11\"");
  return c.str();
}

std::string monitor_chart(const MonitorIndicator& mi) {
  svg::Canvas c(700,
                220,
                mi.indicator + ": recent months against anticipated",
                "Monthly value against the anticipated volume and its range "
                "from the seasonal pattern of past years; exceptions marked.");
  if (mi.months.empty()) return c.str();
  svg::Frame f;
  f.left = 64;
  f.top = 24;
  f.width = 500;
  f.height = 140;
  f.x0 = mi.months.front().m.month.index() - 0.5;
  f.x1 = mi.months.back().m.month.index() + 0.5;
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (const auto& m : mi.months) {
    lo = std::min({lo, m.m.lower, m.m.value});
    hi = std::max({hi, m.m.upper, m.m.value});
  }
  const double pad = 0.08 * (hi - lo > 0 ? hi - lo : 1.0);
  f.y0 = std::max(0.0, lo - pad);
  f.y1 = hi + pad;
  svg::month_axes(c, f, "per month");
  std::vector<std::pair<double, double>> range;
  for (const auto& m : mi.months)
    range.emplace_back(f.x(m.m.month.index()), f.y(m.m.lower));
  for (auto it = mi.months.rbegin(); it != mi.months.rend(); ++it)
    range.emplace_back(f.x(it->m.month.index()), f.y(it->m.upper));
  c.polygon(range, "fill=\"#6BACE6\" fill-opacity=\"0.35\" stroke=\"none\"");
  std::vector<std::pair<double, double>> ant;
  std::vector<std::pair<double, double>> act;
  for (const auto& m : mi.months) {
    ant.emplace_back(f.x(m.m.month.index()), f.y(m.m.anticipated));
    act.emplace_back(f.x(m.m.month.index()), f.y(m.m.value));
  }
  c.polyline(
      ant, "stroke=\"#2073BC\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"");
  c.polyline(act, "stroke=\"#12436D\" stroke-width=\"2\"");
  for (const auto& m : mi.months) {
    const double x = f.x(m.m.month.index());
    const double y = f.y(m.m.value);
    if (m.flagged) {
      c.circle(x, y, 6, "fill=\"#801650\" stroke=\"#0B0C0C\"");
      c.text(x,
             y - 10,
             "exception",
             "fill=\"#801650\" font-size=\"11\"",
             "middle");
    } else if (m.quality != "observed") {
      c.circle(x,
               y,
               3.5,
               "fill=\"#FFFFFF\" stroke=\"#12436D\" stroke-width=\"1.5\"");
    } else {
      c.circle(x, y, 3.5, "fill=\"#12436D\"");
    }
  }
  const double ly = f.top + f.height + 40;
  c.line(f.left, ly, f.left + 22, ly, "stroke=\"#12436D\" stroke-width=\"2\"");
  c.text(f.left + 26,
         ly + 4,
         "recorded (hollow: reconstructed or assumed)",
         "font-size=\"11\"");
  c.line(f.left + 280,
         ly,
         f.left + 302,
         ly,
         "stroke=\"#2073BC\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"");
  c.text(f.left + 306,
         ly + 4,
         "anticipated; shaded: its range",
         "font-size=\"11\"");
  return c.str();
}

}  // namespace cspcast::report

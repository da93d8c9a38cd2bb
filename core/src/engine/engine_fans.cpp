// SPDX-License-Identifier: MIT
// The paths summarised month by month, for charts and fan files: each
// indicator's monthly value under each scenario, and each target's value
// over a rolling window of its period's length on the target's basis,
// with the bar. Quantiles come from the same paths as the run's P(met),
// so a chart's last point is the run's own median and interval.
#include "engine_impl.hpp"

#include <cspcast/error.hpp>
#include <cspcast/kernels/quantiles.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace cspcast {
namespace {

constexpr std::array<double, 7> kProbs = {
    0.5, 0.25, 0.75, 0.1, 0.9, 0.025, 0.975};

void fill(FanPoint& p, const std::array<double, 7>& q) {
  p.median = q[0];
  p.lo50 = q[1];
  p.hi50 = q[2];
  p.lo80 = q[3];
  p.hi80 = q[4];
  p.lo95 = q[5];
  p.hi95 = q[6];
}

constexpr int kBins = 30;

// The share of values in each of kBins bins over [q 0.5%, q 99.5%]
// (values outside counted in the end bins).
void histogram(const Vector& v,
               kernels::QuantileSelector& select,
               std::vector<double>& edges,
               std::vector<double>& shares) {
  std::array<double, 2> q{};
  const std::array<double, 2> probs = {0.005, 0.995};
  select.compute(v.data(), v.size(), probs.data(), 2, q.data());
  double lo = q[0];
  double hi = q[1];
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  edges.resize(kBins + 1);
  for (int b = 0; b <= kBins; ++b) {
    edges[static_cast<std::size_t>(b)] = lo + (hi - lo) * b / kBins;
  }
  shares.assign(kBins, 0.0);
  for (Eigen::Index i = 0; i < v.size(); ++i) {
    const int b = std::clamp(
        static_cast<int>(std::floor((v(i) - lo) / (hi - lo) * kBins)),
        0,
        kBins - 1);
    shares[static_cast<std::size_t>(b)] += 1.0;
  }
  for (double& s : shares) s /= static_cast<double>(v.size());
}

}  // namespace

void Engine::Impl::indicator_fans(const std::vector<const Scenario*>& scenarios,
                                  RunResult& r) const {
  kernels::QuantileSelector select;
  ScenarioView view;
  std::vector<double> buffer;
  std::vector<double> row;
  std::array<double, 7> q{};
  for (const auto* scenario : scenarios) {
    for (const auto& [id, s] : sims) {
      if (s.plugin.empty()) continue;  // comparators: in the target fans
      scenario_view(id, s, *scenario, view);
      const ConstMatrixRef paths = materialise(view, buffer);
      Fan f;
      f.kind = "indicator";
      f.scenario = scenario->name;
      f.series = id;
      f.basis = to_string(indicators.at(id).first.unit);
      for (Eigen::Index t = 0; t < paths.rows(); ++t) {
        row.resize(static_cast<std::size_t>(paths.cols()));
        for (Eigen::Index p = 0; p < paths.cols(); ++p) {
          row[static_cast<std::size_t>(p)] = paths(t, p);
        }
        FanPoint point;
        point.month = s.month_of(t);
        select.compute(row.data(),
                       static_cast<std::ptrdiff_t>(row.size()),
                       kProbs.data(),
                       7,
                       q.data());
        fill(point, q);
        point.bar = std::numeric_limits<double>::quiet_NaN();
        f.points.push_back(point);
      }
      r.fans.push_back(std::move(f));
    }
  }
}

Fan Engine::Impl::target_fan(const Target& target,
                             const Scenario& scenario,
                             const TargetPaths& judged) const {
  const SeriesSim& base = sim(target.indicator);
  const bool mean = indicators.at(target.indicator).first.unit != Unit::kCount;
  const auto n = static_cast<Eigen::Index>(prepared_for.paths);
  ScenarioView view;
  scenario_view(target.indicator, base, scenario, view);
  PopulationTable changed;
  const PopulationTable& population = population_for(scenario, changed);
  Vector base_value;
  if (target.base_period) {
    aggregate(
        view, *target.base_period, target.basis, mean, population, base_value);
  }
  Fan f;
  f.kind = "target";
  f.scenario = scenario.name;
  f.series = target.id;
  f.basis = to_string(target.basis.kind);
  const auto periods = target.judged_periods();
  const Period& last = periods.back();
  const int len = last.months();
  // Windows must lie inside the history of the indicator and of its
  // comparator, and have a population.
  YearMonth earliest = base.history.start + (len - 1);
  if (uses_comparator(target.kind) &&
      target.kind != TargetKind::kHalfDifference) {
    const Comparator* c =
        pack.find_comparator(target.comparator, target.indicator);
    earliest = std::max(earliest, c->history.start + (len - 1));
  }
  const YearMonth from = std::max(earliest, base.history.end() - 23);
  kernels::QuantileSelector select;
  std::array<double, 7> q{};
  for (YearMonth m = from; m <= last.last; m = m + 1) {
    const Period window{m - (len - 1), m, ""};
    if (target.basis.is_rate()) {
      try {
        (void)population.at(target.basis.population_group,
                            window.population_year());
      } catch (const ConfigError&) {
        continue;  // no population that year: no point
      }
    }
    TargetPaths tp;
    tp.met.assign(static_cast<std::size_t>(n), 1);
    tp.margin.setConstant(n, std::numeric_limits<double>::infinity());
    judge(target, window, view, mean, population, base_value, tp);
    FanPoint point;
    point.month = m;
    point.history = m <= base.history.end();
    select.compute(
        tp.value.data(), tp.value.size(), kProbs.data(), 7, q.data());
    fill(point, q);
    select.compute(
        tp.threshold.data(), tp.threshold.size(), kProbs.data(), 1, q.data());
    point.bar = q[0];
    f.points.push_back(point);
  }
  histogram(judged.value, select, f.histogram_edges, f.histogram);
  return f;
}

}  // namespace cspcast

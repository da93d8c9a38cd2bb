// SPDX-License-Identifier: MIT
// Rolling-origin evaluation of models on a series CSV.
#include <cspcast/engine/accuracy.hpp>
#include <cspcast/engine/backtest.hpp>
#include <cspcast/engine/forecast.hpp>
#include <cspcast/error.hpp>

#include <algorithm>
#include <map>

namespace cspcast {
namespace {

// Sums of accuracy over forecasts, averaged into a row.
struct Tally {
  BacktestRow sum;
  int scaled = 0;
  double ms = 0.0;
  void add(const Accuracy& a, double fit_ms, bool fell_back) {
    ++sum.forecasts;
    sum.smape += a.smape;
    sum.cov80 += a.cov80;
    sum.cov95 += a.cov95;
    if (a.scaled) {
      sum.mase += a.mase;
      sum.msis += a.msis;
      ++scaled;
    }
    ms += fit_ms;
    if (fell_back) ++sum.fallbacks;
  }
  [[nodiscard]] BacktestRow row(const std::string& model,
                                const std::string& id) const {
    BacktestRow r = sum;
    r.model = model;
    r.series_id = id;
    r.series = 1;
    const auto n = static_cast<double>(std::max(1, sum.forecasts));
    r.smape /= n;
    r.cov80 /= n;
    r.cov95 /= n;
    r.mase /= std::max(1, scaled);
    r.msis /= std::max(1, scaled);
    r.ms_per_fit = ms / n;
    return r;
  }
};

// Every series cut at every origin: the cuts, and for each the series and
// the cut length.
struct Cuts {
  std::vector<io::InputSeries> series;
  std::vector<std::pair<std::size_t, int>> from;
};

Cuts cut_all(const std::vector<io::InputSeries>& series,
             int origins,
             int horizon) {
  Cuts cuts;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const auto n = static_cast<int>(series[i].values.size());
    for (int k = 1; k <= origins; ++k) {
      const int len = n - horizon - (origins - k);
      if (len < 3) continue;
      io::InputSeries c = series[i];
      c.values.resize(static_cast<std::size_t>(len));
      c.lines.resize(static_cast<std::size_t>(len));
      c.id = series[i].id + "@" + std::to_string(len);
      cuts.series.push_back(std::move(c));
      cuts.from.emplace_back(i, len);
    }
  }
  if (cuts.series.empty()) {
    throw DataError("backtest: no series is long enough for horizon " +
                    std::to_string(horizon) + " and origins " +
                    std::to_string(origins) +
                    " (each needs at least horizon + origins + 2 values)");
  }
  return cuts;
}

// Scores each cut's forecast against the values that follow it.
void score(const std::vector<io::InputSeries>& series,
           const Cuts& cuts,
           const std::vector<SeriesForecast>& fc,
           const ForecastOptions& options,
           Tally& all,
           std::map<std::size_t, Tally>& by_series) {
  for (std::size_t j = 0; j < fc.size(); ++j) {
    const auto& s = series[cuts.from[j].first];
    const int len = cuts.from[j].second;
    const ConstVectorMap train(s.values.data(), len);
    const ConstVectorMap actual(s.values.data() + len, options.horizon);
    const Accuracy a = accuracy(train,
                                actual,
                                fc[j].point,
                                fc[j].lower.row(0).transpose(),
                                fc[j].upper.row(0).transpose(),
                                fc[j].lower.row(1).transpose(),
                                fc[j].upper.row(1).transpose(),
                                options.period);
    const bool fell_back = !fc[j].fallback.empty();
    all.add(a, fc[j].ms, fell_back);
    by_series[cuts.from[j].first].add(a, fc[j].ms, fell_back);
  }
}

}  // namespace

BacktestResult backtest(const std::vector<io::InputSeries>& series,
                        const std::vector<ModelSpec>& models,
                        int origins,
                        ForecastOptions options,
                        const Progress& progress) {
  if (origins < 1) {
    throw ConfigError("origins: at least 1 (got " + std::to_string(origins) +
                      ")");
  }
  options.levels = {80, 95};
  options.keep_paths = false;
  BacktestResult result;
  result.series = static_cast<int>(series.size());
  result.origins = origins;
  result.options = options;
  const int total = static_cast<int>(models.size() * series.size());
  int done_before = 0;
  for (const auto& spec : models) {
    options.model = spec;
    const Cuts cuts = cut_all(series, origins, options.horizon);
    const auto fc = forecast_all(cuts.series, options, [&](int d, int) {
      if (progress) {
        progress(done_before +
                     d * static_cast<int>(series.size()) /
                         std::max<int>(1, static_cast<int>(cuts.series.size())),
                 total);
      }
    });
    done_before += static_cast<int>(series.size());
    Tally all;
    std::map<std::size_t, Tally> by_series;
    score(series, cuts, fc, options, all, by_series);
    BacktestRow row = all.row(to_string(spec.kind), "");
    row.series = static_cast<int>(series.size());
    for (const auto& [i, tally] : by_series) {
      result.per_series.push_back(
          tally.row(to_string(spec.kind), series[i].id));
    }
    result.rows.push_back(row);
  }
  return result;
}

}  // namespace cspcast

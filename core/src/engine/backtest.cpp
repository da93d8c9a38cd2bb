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

struct Backtester::Impl {
  std::vector<ModelSpec> models;
  int origins = 0;
  ForecastOptions options;
  std::vector<Tally> all;  // per model, over every series added
  int series = 0;
};

Backtester::Backtester(std::vector<ModelSpec> models,
                       int origins,
                       ForecastOptions options)
    : impl_(std::make_unique<Impl>()) {
  if (origins < 1) {
    throw ConfigError("origins: at least 1 (got " + std::to_string(origins) +
                      ")");
  }
  options.levels = {80, 95};
  options.keep_paths = false;
  impl_->all.resize(models.size());
  impl_->models = std::move(models);
  impl_->origins = origins;
  impl_->options = options;
}
Backtester::Backtester(Backtester&&) noexcept = default;
Backtester& Backtester::operator=(Backtester&&) noexcept = default;
Backtester::~Backtester() = default;

std::vector<BacktestRow> Backtester::add(
    const std::vector<io::InputSeries>& series, const Progress& progress) {
  Impl& im = *impl_;
  std::vector<BacktestRow> per_series;
  const int total = static_cast<int>(im.models.size() * series.size());
  int done_before = 0;
  ForecastOptions options = im.options;
  for (std::size_t m = 0; m < im.models.size(); ++m) {
    const ModelSpec& spec = im.models[m];
    options.model = spec;
    const Cuts cuts = cut_all(series, im.origins, options.horizon);
    const auto fc = forecast_all(cuts.series, options, [&](int d, int) {
      if (progress) {
        progress(done_before +
                     d * static_cast<int>(series.size()) /
                         std::max<int>(1, static_cast<int>(cuts.series.size())),
                 total);
      }
    });
    done_before += static_cast<int>(series.size());
    std::map<std::size_t, Tally> by_series;
    score(series, cuts, fc, options, im.all[m], by_series);
    for (const auto& [i, tally] : by_series) {
      per_series.push_back(tally.row(to_string(spec.kind), series[i].id));
    }
  }
  im.series += static_cast<int>(series.size());
  return per_series;
}

BacktestResult Backtester::result() const {
  const Impl& im = *impl_;
  if (im.all.empty() || im.all.front().sum.forecasts == 0) {
    throw DataError("backtest: no series is long enough for horizon " +
                    std::to_string(im.options.horizon) + " and origins " +
                    std::to_string(im.origins) +
                    " (each needs at least horizon + origins + 2 values)");
  }
  BacktestResult result;
  result.series = im.series;
  result.origins = im.origins;
  result.options = im.options;
  for (std::size_t m = 0; m < im.models.size(); ++m) {
    BacktestRow row = im.all[m].row(to_string(im.models[m].kind), "");
    row.series = im.series;
    result.rows.push_back(row);
  }
  return result;
}

BacktestResult backtest(const std::vector<io::InputSeries>& series,
                        const std::vector<ModelSpec>& models,
                        int origins,
                        ForecastOptions options,
                        const Progress& progress) {
  Backtester b(models, origins, std::move(options));
  std::vector<BacktestRow> per_series = b.add(series, progress);
  BacktestResult result = b.result();
  result.per_series = std::move(per_series);
  return result;
}

}  // namespace cspcast

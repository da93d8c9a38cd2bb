// SPDX-License-Identifier: MIT
// The plugins' own models against the core's, by rolling origin on the
// pack's own history (`cspcast backtest-pack`).
#include "engine_impl.hpp"

#include <cspcast/engine/accuracy.hpp>
#include <cspcast/error.hpp>
#include <cspcast/kernels/quantiles.hpp>
#include <cspcast/kernels/random.hpp>

#include <array>

namespace cspcast {
namespace {

constexpr int kMinTrainMonths = 12;

struct Sums {
  int forecasts = 0;
  double smape = 0.0;
  double mase = 0.0;
  double cov80 = 0.0;
  double cov95 = 0.0;
  double msis = 0.0;
  void add(const Accuracy& a) {
    ++forecasts;
    smape += a.smape;
    mase += a.mase;
    cov80 += a.cov80;
    cov95 += a.cov95;
    msis += a.msis;
  }
  void add(const Sums& o) {
    forecasts += o.forecasts;
    smape += o.smape;
    mase += o.mase;
    cov80 += o.cov80;
    cov95 += o.cov95;
    msis += o.msis;
  }
  [[nodiscard]] BacktestRow row(std::string model,
                                std::string series_id,
                                int series) const {
    BacktestRow r;
    r.model = std::move(model);
    r.series_id = std::move(series_id);
    r.series = series;
    r.forecasts = forecasts;
    const double n = forecasts > 0 ? forecasts : 1;
    r.smape = smape / n;
    r.mase = mase / n;
    r.cov80 = cov80 / n;
    r.cov95 = cov95 / n;
    r.msis = msis / n;
    return r;
  }
};

// The accuracy of `model`'s forecast of `actual` from `train`.
Accuracy score(const kernels::ForecastModel& model,
               const std::vector<double>& train,
               const ConstVectorRef& actual,
               int paths,
               std::uint64_t seed,
               std::uint64_t key) {
  const Eigen::Index h = actual.size();
  Vector point(h);
  model.point(point);
  Matrix sims(h, paths);
  model.simulate(seed, key, 0, sims);
  constexpr std::array<double, 4> kProbs{0.1, 0.9, 0.025, 0.975};
  std::array<Vector, 4> q;
  for (auto& v : q) v.resize(h);
  kernels::QuantileSelector select;
  std::vector<double> row(static_cast<std::size_t>(paths));
  std::array<double, 4> out{};
  for (Eigen::Index t = 0; t < h; ++t) {
    for (int p = 0; p < paths; ++p)
      row[static_cast<std::size_t>(p)] = sims(t, p);
    select.compute(row.data(), paths, kProbs.data(), 4, out.data());
    for (std::size_t i = 0; i < 4; ++i) q[i](t) = out[i];
  }
  const ConstVectorMap y(train.data(), static_cast<Eigen::Index>(train.size()));
  return accuracy(y, actual, point, q[0], q[1], q[2], q[3], kPeriod);
}

}  // namespace

BacktestResult Engine::backtest_own_models(int horizon,
                                           int origins,
                                           int paths,
                                           std::uint64_t seed) {
  if (horizon < 1 || origins < 1 || paths < 10) {
    throw ConfigError(
        "backtest: horizon and origins must be at least 1, paths at least 10");
  }
  auto& im = *impl_;
  im.prepared = false;  // make_sims() replaces the series
  const std::vector<SeriesSim*> order = im.make_sims();
  BacktestResult r;
  r.origins = origins;
  r.options.horizon = horizon;
  r.options.paths = paths;
  r.options.seed = seed;
  r.input = im.pack.dir.string();
  Sums own_all;
  Sums core_all;
  for (const SeriesSim* s : order) {
    if (!s->own) continue;
    const std::vector<double> adjusted = adjusted_history(
        *s, s->change == nullptr ? 1.0 : s->change->factor_at(0.5));
    const int n = s->history.size();
    const std::uint64_t key = kernels::hash_key(s->id);
    Sums own;
    Sums core;
    std::string own_name;
    std::string core_name;
    for (int k = 1; k <= origins; ++k) {
      const int cut = n - horizon - (origins - k);
      if (cut < kMinTrainMonths) continue;
      SeriesSim train = *s;
      train.history.values.assign(adjusted.begin(), adjusted.begin() + cut);
      const std::vector<double>& y = train.history.values;
      const ConstVectorMap actual(adjusted.data() + cut, horizon);
      const auto own_model =
          im.fit_own(train, y, train.history.end() + horizon);
      if (!own_model) continue;  // no companion for this series
      const auto core_model = kernels::fit_forecast_model(
          ConstVectorMap(y.data(), cut), kPeriod, s->spec);
      own.add(score(*own_model, y, actual, paths, seed, key));
      core.add(score(*core_model, y, actual, paths, seed, key));
      own_name = own_model->name();
      core_name = core_model->name();
    }
    if (own.forecasts == 0) continue;
    ++r.series;
    r.per_series.push_back(own.row("own: " + own_name, s->id, 1));
    r.per_series.push_back(core.row("core: " + core_name, s->id, 1));
    own_all.add(own);
    core_all.add(core);
  }
  if (r.series == 0) {
    throw DataError(im.pack.dir.string() +
                    ": backtest: no series with a plugin's own model and at "
                    "least " +
                    std::to_string(kMinTrainMonths + horizon) +
                    " months of history");
  }
  r.rows.push_back(own_all.row("own", "", r.series));
  r.rows.push_back(core_all.row("core", "", r.series));
  return r;
}

}  // namespace cspcast

// SPDX-License-Identifier: MIT
#include <cspcast/distribution.hpp>
#include <cspcast/kernels/count.hpp>
#include <cspcast/kernels/ets.hpp>
#include <cspcast/kernels/quantiles.hpp>
#include <cspcast/kernels/random.hpp>
#include <cspcast/kernels/theta.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

namespace {

using cspcast::Matrix;
using cspcast::Vector;
using namespace cspcast::kernels;

Vector seasonal_series(Eigen::Index n, std::uint64_t seed) {
  Rng rng(seed, 1);
  Vector y(n);
  double level = 200.0;
  for (Eigen::Index t = 0; t < n; ++t) {
    const double e = rng.normal() * 5.0;
    y(t) = level * (1.0 + 0.2 * std::sin(0.5235987755982988 *
                                         static_cast<double>(t % 12))) +
           e;
    level += 0.3 + 0.1 * e;
  }
  return y;
}

void BM_EtsLik_DampedSeasonal(benchmark::State& state) {
  const Vector y = seasonal_series(state.range(0), 1);
  const auto fit = fit_ets(
      y,
      EtsSpec{
          EtsError::kAdditive, EtsTrend::kDamped, EtsSeason::kAdditive, 12});
  const EtsParams p = fit->params();
  for (auto _ : state) {
    double v = ets_lik(y, fit->spec(), p);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_EtsLik_DampedSeasonal)
    ->ArgNames({"n"})
    ->RangeMultiplier(4)
    ->Range(64, 1 << 12);

void BM_EtsFit_DampedSeasonal(benchmark::State& state) {
  const Vector y = seasonal_series(state.range(0), 2);
  for (auto _ : state) {
    auto fit = fit_ets(
        y,
        EtsSpec{
            EtsError::kAdditive, EtsTrend::kDamped, EtsSeason::kAdditive, 12});
    benchmark::DoNotOptimize(fit.get());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EtsFit_DampedSeasonal)->ArgNames({"n"})->Arg(60)->Arg(144);

void BM_EtsAuto(benchmark::State& state) {
  const Vector y = seasonal_series(state.range(0), 3);
  for (auto _ : state) {
    auto fit = auto_ets(y, 12);
    benchmark::DoNotOptimize(fit.get());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EtsAuto)->ArgNames({"n"})->Arg(60)->Arg(144);

// Paths of 48 months (a plan horizon) from a fitted model.
void simulate_paths(benchmark::State& state, const ForecastModel& model) {
  Matrix paths(48, state.range(0));
  for (auto _ : state) {
    model.simulate(1, 2, 0, paths);
    benchmark::DoNotOptimize(paths.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * 48);
}

void BM_EtsSimulate(benchmark::State& state) {
  const Vector y = seasonal_series(144, 4);
  const auto fit = fit_ets(y,
                           EtsSpec{EtsError::kMultiplicative,
                                   EtsTrend::kDamped,
                                   EtsSeason::kMultiplicative,
                                   12});
  simulate_paths(state, *fit);
}
BENCHMARK(BM_EtsSimulate)
    ->ArgNames({"paths"})
    ->RangeMultiplier(4)
    ->Range(64, 1 << 14);

void BM_CountSimulate(benchmark::State& state) {
  Rng rng(5, 5);
  Vector y(60);
  for (Eigen::Index t = 0; t < 60; ++t) {
    y(t) = rng.poisson(6.0 + 2.0 * static_cast<double>(t % 12 < 6));
  }
  simulate_paths(state, *fit_count_model(y, 12));
}
BENCHMARK(BM_CountSimulate)
    ->ArgNames({"paths"})
    ->RangeMultiplier(4)
    ->Range(64, 1 << 14);

void BM_ThetaFit(benchmark::State& state) {
  const Vector y = seasonal_series(state.range(0), 4);
  for (auto _ : state) {
    auto fit = fit_theta(y, 12);
    benchmark::DoNotOptimize(fit.get());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ThetaFit)->ArgNames({"n"})->Arg(60)->Arg(144);

// The default model: every ETS member, the best damped one and theta.
void BM_CombinationFit(benchmark::State& state) {
  const Vector y = seasonal_series(state.range(0), 5);
  for (auto _ : state) {
    auto fit = fit_combination(y, 12);
    benchmark::DoNotOptimize(fit.get());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CombinationFit)->ArgNames({"n"})->Arg(60)->Arg(144);

void BM_CombinationSimulate(benchmark::State& state) {
  const Vector y = seasonal_series(144, 6);
  const auto fit = fit_combination(y, 12);
  Matrix paths(18, state.range(0));
  for (auto _ : state) {
    fit->simulate(1, 2, 0, paths);
    benchmark::DoNotOptimize(paths.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * 18);
}
BENCHMARK(BM_CombinationSimulate)->ArgNames({"paths"})->Arg(2000);

void BM_NormalZiggurat(benchmark::State& state) {
  Rng rng(1, 2);
  for (auto _ : state) {
    double v = rng.normal();
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NormalZiggurat);

// The four interval ends (80% and 95%) of 1,000 path values, as
// `cspcast forecast` takes them at every horizon.
void BM_IntervalQuantiles(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Rng rng(8, 9);
  std::vector<std::vector<double>> rows(64, std::vector<double>(n));
  for (auto& row : rows) {
    for (double& x : row) x = 100.0 + 10.0 * rng.normal();
  }
  const double probs[4] = {0.025, 0.1, 0.9, 0.975};
  double out[4];
  QuantileSelector select;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& row = rows[i++ % rows.size()];
    select.compute(row.data(), static_cast<std::ptrdiff_t>(n), probs, 4, out);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_IntervalQuantiles)->ArgNames({"paths"})->Arg(1000)->Arg(4000);

// A PERT effect's draws (the action plan's -8% / -3% / +1%): one per path
// through the tabulated inverse CDF, and the table itself (built once per
// effect in a run).
void BM_PertEffectDraw(benchmark::State& state) {
  const cspcast::Distribution pert{
      cspcast::DistributionKind::kPert, -0.08, -0.03, 0.01};
  const cspcast::InverseCdf inverse(pert);
  Rng rng(3, 4);
  for (auto _ : state) {
    double v = inverse(rng.uniform());
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PertEffectDraw);

void BM_PertEffectTable(benchmark::State& state) {
  const cspcast::Distribution pert{
      cspcast::DistributionKind::kPert, -0.08, -0.03, 0.01};
  for (auto _ : state) {
    const cspcast::InverseCdf inverse(pert);
    benchmark::DoNotOptimize(&inverse);
  }
}
BENCHMARK(BM_PertEffectTable);

}  // namespace

// SPDX-License-Identifier: MIT
#include <cspcast/kernels/decompose.hpp>
#include <cspcast/kernels/random.hpp>
#include <cspcast/kernels/seasonal.hpp>

#include <benchmark/benchmark.h>

namespace {

using cspcast::Vector;
using namespace cspcast::kernels;

// A pool of positive seasonal series built once from a fixed seed; the loop
// cycles through it so caches are not always warm.
std::vector<Vector> make_pool(Eigen::Index n) {
  cspcast::kernels::Rng rng(42, 1);
  std::vector<Vector> pool(8, Vector(n));
  for (auto& y : pool) {
    for (Eigen::Index t = 0; t < n; ++t)
      y(t) = 100.0 + 20.0 * ((t % 12) < 6) + rng.normal();
  }
  return pool;
}

void BM_SeasonalProfile(benchmark::State& state, int period) {
  const auto n = static_cast<Eigen::Index>(state.range(0));
  const auto pool = make_pool(n);
  Vector shares(period);
  Vector spread(period);
  const int years = static_cast<int>(n / period);
  std::size_t i = 0;
  for (auto _ : state) {
    cspcast::kernels::seasonal_profile(
        pool[i++ % pool.size()], period, years, shares, spread);
    benchmark::DoNotOptimize(shares.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * n);
}
void BM_SeasonalProfile_Fixed12(benchmark::State& state) {
  BM_SeasonalProfile(state, 12);
}
void BM_SeasonalProfile_Dynamic(benchmark::State& state) {
  BM_SeasonalProfile(state, 13);
}
BENCHMARK(BM_SeasonalProfile_Fixed12)
    ->ArgNames({"n"})
    ->RangeMultiplier(4)
    ->Range(64, 1 << 16);
BENCHMARK(BM_SeasonalProfile_Dynamic)
    ->ArgNames({"n"})
    ->RangeMultiplier(4)
    ->Range(64, 1 << 16);

void BM_AnticipatedVolumes_Fixed12(benchmark::State& state) {
  const auto pool =
      make_pool(72);  // six years: five reference years and the latest
  Vector ant(12);
  Vector lo(12);
  Vector hi(12);
  std::size_t i = 0;
  for (auto _ : state) {
    cspcast::kernels::anticipated_volumes(
        pool[i++ % pool.size()], 12, 5, 1.96, ant, lo, hi);
    benchmark::DoNotOptimize(ant.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * 72);
}
BENCHMARK(BM_AnticipatedVolumes_Fixed12);

// A trend, a season and deterministic noise.
Vector trend_and_season(Eigen::Index n) {
  Vector y(n);
  for (Eigen::Index t = 0; t < n; ++t) {
    y(t) = 100.0 + 0.1 * static_cast<double>(t) +
           10.0 * std::sin(0.5235987755982988 * static_cast<double>(t)) +
           static_cast<double>((t * 7919) % 13);
  }
  return y;
}

void BM_ClassicalDecomposition(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const Vector y = trend_and_season(n);
  Vector trend(n);
  Vector seasonal(n);
  Vector figure(12);
  for (auto _ : state) {
    classical_decomposition_into(
        y, 12, DecompositionType::kMultiplicative, trend, seasonal, figure);
    benchmark::DoNotOptimize(figure.data());
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_ClassicalDecomposition)
    ->ArgNames({"n"})
    ->Arg(60)
    ->Arg(144)
    ->Arg(4096);

void BM_Stl(benchmark::State& state, int seasonal_window) {
  const Eigen::Index n = state.range(0);
  const Vector y = trend_and_season(n);
  StlOptions o;
  o.seasonal_window = seasonal_window;
  for (auto _ : state) {
    const Decomposition d = stl(y, 12, o);
    benchmark::DoNotOptimize(d.trend.data());
  }
  state.SetItemsProcessed(state.iterations() * n);
}
void BM_Stl_Periodic(benchmark::State& state) { BM_Stl(state, 0); }
void BM_Stl_Window11(benchmark::State& state) { BM_Stl(state, 11); }
BENCHMARK(BM_Stl_Periodic)->ArgNames({"n"})->Arg(60)->Arg(144)->Arg(4096);
BENCHMARK(BM_Stl_Window11)->ArgNames({"n"})->Arg(60)->Arg(144)->Arg(4096);

}  // namespace

// SPDX-License-Identifier: MIT
// The structural model of `cspcast estimate`: one diffuse likelihood
// evaluation (the kernel the optimiser calls) and a whole fit, on a
// 192-month series with an intervention regressor (the size of the
// Seatbelts series; the budget is 50 ms CPU for an estimate).
#include <cspcast/kernels/random.hpp>
#include <cspcast/kernels/structural.hpp>

#include <benchmark/benchmark.h>

#include <cmath>

namespace {

using namespace cspcast;

struct Data {
  Vector y;
  Matrix x;
};

Data make(int n) {
  kernels::Rng rng(7, 1);
  Data d{Vector(n), Matrix(n, 1)};
  double level = 7.0;
  for (int t = 0; t < n; ++t) {
    level += 0.02 * rng.normal();
    const double w = t >= n * 2 / 3 ? 1.0 : 0.0;
    d.x(t, 0) = w;
    d.y(t) = level + 0.1 * std::sin(6.283185307 * t / 12.0) - 0.2 * w +
             0.05 * rng.normal();
  }
  return d;
}

void BM_Structural_Loglik(benchmark::State& state) {
  const Data d = make(static_cast<int>(state.range(0)));
  kernels::StructuralModel model({false, 12}, d.y, d.x);
  const kernels::StructuralVariances v{0.003, 0.0005, 0.0, 1e-6};
  for (auto _ : state) benchmark::DoNotOptimize(model.loglik(v));
}
BENCHMARK(BM_Structural_Loglik)->ArgNames({"n"})->Arg(192)->Arg(600);

void BM_Structural_Fit(benchmark::State& state) {
  const Data d = make(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(kernels::fit_structural({false, 12}, d.y, d.x));
  }
}
BENCHMARK(BM_Structural_Fit)
    ->ArgNames({"n"})
    ->Arg(192)
    ->Unit(benchmark::kMillisecond);

}  // namespace

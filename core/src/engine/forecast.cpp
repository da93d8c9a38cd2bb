// SPDX-License-Identifier: MIT
#include "parallel.hpp"

#include <cspcast/engine/forecast.hpp>
#include <cspcast/engine/model_choice.hpp>
#include <cspcast/error.hpp>
#include <cspcast/kernels/quantiles.hpp>
#include <cspcast/kernels/random.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>

namespace cspcast {
namespace {

// CPU time of the calling thread, in ms: the per-series time in
// `_timing.csv` and `_log.csv` (not wall time, which other threads and
// processes would inflate).
double thread_cpu_ms() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 +
         static_cast<double>(t.tv_nsec) * 1e-6;
}

SeriesForecast forecast_one(const io::InputSeries& s,
                            const ForecastOptions& o,
                            Matrix& paths) {
  const double start = thread_cpu_ms();
  SeriesForecast f;
  f.id = s.id;
  f.n = static_cast<int>(s.values.size());
  const ConstVectorMap y(s.values.data(),
                         static_cast<Eigen::Index>(s.values.size()));
  auto model = fit_with_fallback(s, y, o, f.fallback);
  f.model = model->name();
  f.point.resize(o.horizon);
  model->point(f.point);
  paths.resize(o.horizon, o.paths);
  model->simulate(o.seed, kernels::hash_key(s.id), 0, paths);
  if (!f.point.allFinite() || !paths.allFinite()) {
    throw NumericError(s.origin() + ": model " + f.model +
                       " gave non-finite forecasts");
  }
  const auto levels = static_cast<Eigen::Index>(o.levels.size());
  f.lower.resize(levels, o.horizon);
  f.upper.resize(levels, o.horizon);
  if (o.keep_paths) f.paths = paths;
  // Interval ends: the lower ends, then the upper.
  std::vector<double> probs(static_cast<std::size_t>(2 * levels));
  std::vector<double> q(probs.size());
  for (Eigen::Index l = 0; l < levels; ++l) {
    const double a = (1.0 - o.levels[static_cast<std::size_t>(l)] / 100.0) / 2;
    probs[static_cast<std::size_t>(l)] = a;
    probs[static_cast<std::size_t>(levels + l)] = 1.0 - a;
  }
  // Paths x horizon: each step's values contiguous (storage kept by the
  // thread: a fresh matrix per series cost a page fault per 4 KB).
  thread_local Matrix by_step;
  by_step = paths.transpose();
  kernels::QuantileSelector select;
  for (Eigen::Index h = 0; h < o.horizon; ++h) {
    select.compute(by_step.col(h).data(),
                   o.paths,
                   probs.data(),
                   static_cast<int>(probs.size()),
                   q.data());
    for (Eigen::Index l = 0; l < levels; ++l) {
      f.lower(l, h) = q[static_cast<std::size_t>(l)];
      f.upper(l, h) = q[static_cast<std::size_t>(levels + l)];
    }
  }
  f.ms = thread_cpu_ms() - start;
  return f;
}

}  // namespace

std::vector<OptionProblem> ForecastOptions::problems() const {
  std::vector<OptionProblem> out;
  check_range(out, "horizon", horizon, 1, 10'000);
  check_range(out, "period", period, 1, 1'000);
  check_range(out, "paths", paths, 100, 1'000'000);
  check_range(out, "threads", threads, 0, 1024);
  for (const int l : levels) check_range(out, "levels", l, 1, 99);
  return out;
}

std::vector<SeriesForecast> forecast_all(
    const std::vector<io::InputSeries>& series,
    const ForecastOptions& options,
    const Progress& progress) {
  validate(options.problems());
  std::vector<SeriesForecast> out(series.size());
  std::atomic<int> done{0};
  std::mutex progress_mutex;
  const int threads = std::max(1, options.threads);
  detail::parallel_for(static_cast<int>(series.size()), threads, [&](int i) {
    // One paths matrix per thread, reused from series to series.
    thread_local Matrix paths;
    const auto& s = series[static_cast<std::size_t>(i)];
    auto& f = out[static_cast<std::size_t>(i)];
    try {
      f = forecast_one(s, options, paths);
    } catch (const Error& e) {
      // One series that cannot be modelled is reported and left out.
      f = SeriesForecast{};
      f.id = s.id;
      f.n = static_cast<int>(s.values.size());
      f.skipped = e.what();
    }
    const int d = ++done;
    if (progress) {
      const std::lock_guard<std::mutex> lock(progress_mutex);
      progress(d, static_cast<int>(series.size()));
    }
  });
  return out;
}

}  // namespace cspcast

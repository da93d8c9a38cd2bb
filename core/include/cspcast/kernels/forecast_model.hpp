// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/eigen_types.hpp>
#include <cspcast/indicator.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace cspcast::kernels {

/// A model fitted to one series, able to give point forecasts and sample
/// paths. Fitted objects are immutable: simulate() may be called from
/// several threads at once.
class CSPCAST_CORE_API ForecastModel {
 public:
  ForecastModel() = default;
  ForecastModel(const ForecastModel&) = default;
  ForecastModel& operator=(const ForecastModel&) = default;
  ForecastModel(ForecastModel&&) = default;
  ForecastModel& operator=(ForecastModel&&) = default;
  virtual ~ForecastModel();

  /// A short name such as `ETS(A,Ad,A)` or `NB(trend,season)`.
  [[nodiscard]] virtual std::string name() const = 0;
  /// Point forecasts for h = 1..out.size().
  virtual void point(VectorRef out) const = 0;
  /// Sample paths: column c of `out` (out.rows() = horizon) is path
  /// first_path + c, drawn from Rng(seed, mix(key, path)) so that each path
  /// is the same whatever the split between calls or threads.
  void simulate(std::uint64_t seed,
                std::uint64_t key,
                int first_path,
                MatrixRef out) const {
    simulate_paths(seed, key, first_path, 1, out);
  }
  /// The same for every `step`-th path: column c of `out` is path
  /// first_path + c * step (a combination hands each member its share of
  /// a block at once, so that the member can run several paths side by
  /// side). Rows before `first_read` will not be read by the caller: a
  /// model may leave them on its inner scale (a transform is undone only
  /// on the rows read); the random numbers drawn do not change.
  virtual void simulate_paths(std::uint64_t seed,
                              std::uint64_t key,
                              int first_path,
                              int step,
                              MatrixRef out,
                              Eigen::Index first_read) const = 0;
  void simulate_paths(std::uint64_t seed,
                      std::uint64_t key,
                      int first_path,
                      int step,
                      MatrixRef out) const {
    simulate_paths(seed, key, first_path, step, out, 0);
  }
  /// Small-sample corrected AIC on the fitted scale (NaN when undefined).
  [[nodiscard]] virtual double aicc() const = 0;
};

/// Options shared by every fitter.
struct FitOptions {
  /// Paths resample the model's centred one-step residuals (scaled to the
  /// fitted variance) instead of drawing Gaussian errors.
  bool bootstrap = false;
};

/// Fits the model `spec` asks for to `y` (monthly when period == 12),
/// applying its transform first. Throws DataError when `y` cannot support
/// the model (too short, values outside the transform's domain).
CSPCAST_CORE_API std::unique_ptr<ForecastModel> fit_forecast_model(
    const ConstVectorRef& y,
    int period,
    const ModelSpec& spec,
    const FitOptions& options = {});

/// Seasonal naive: y(n+h) = y(n+h-period), seasonal random-walk paths.
CSPCAST_CORE_API std::unique_ptr<ForecastModel> fit_seasonal_naive(
    const ConstVectorRef& y, int period, const FitOptions& options = {});
/// Random walk with drift.
CSPCAST_CORE_API std::unique_ptr<ForecastModel> fit_drift(
    const ConstVectorRef& y, const FitOptions& options = {});

}  // namespace cspcast::kernels

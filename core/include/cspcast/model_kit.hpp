// SPDX-License-Identifier: MIT
// The core's kernels as building blocks for plugin models: a narrow facade
// of value types (docs/plugin-guide.md), so that a plugin composes the
// core's ETS, theta and count models instead of copying them, and the ABI
// surface stays this header. Versioned with the plugin ABI.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/indicator.hpp>
#include <cspcast/projection.hpp>

#include <memory>
#include <string>
#include <vector>

/// Bumped with any change to this header (covered by
/// CSPCAST_PLUGIN_ABI_VERSION as well).
#define CSPCAST_MODEL_KIT_VERSION 1u

namespace cspcast::kernels {
class ForecastModel;
}

namespace cspcast::kit {

/// A core model (any ModelKind, with its transform) fitted to a monthly
/// series. Copies share the fitted model; immutable and safe to simulate
/// from several threads.
class CSPCAST_CORE_API CoreModel {
 public:
  /// Fits `spec` to monthly values `y` (period 12). Throws DataError when
  /// `y` cannot support it (too short, outside the transform's domain).
  static CoreModel fit(const std::vector<double>& y, const ModelSpec& spec);
  [[nodiscard]] std::string name() const;
  /// AICc on the fitted scale (NaN when undefined).
  [[nodiscard]] double aicc() const;
  /// Point forecasts for h = 1..horizon.
  [[nodiscard]] std::vector<double> point(int horizon) const;
  /// Paths on the series' scale into `out`, column c from the streams'
  /// path c (the same numbers as the core model would draw for it).
  void simulate(const PathStreams& streams, PathBlock out) const;

 private:
  explicit CoreModel(std::shared_ptr<const kernels::ForecastModel> model);
  std::shared_ptr<const kernels::ForecastModel> model_;
};

/// The p-quantile of `values` (linear interpolation between order
/// statistics, R's type 7); p in [0, 1], values not empty.
CSPCAST_CORE_API double quantile(std::vector<double> values, double p);

/// logit(p) and its inverse, for models of shares.
CSPCAST_CORE_API double logit(double p);
CSPCAST_CORE_API double logistic(double x);

}  // namespace cspcast::kit

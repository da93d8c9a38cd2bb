// SPDX-License-Identifier: MIT
// Private: a plugin's own projection model as one of the engine's
// forecast models. It hands the plugin the same per-path random streams a
// core model draws from, and checks every value the plugin writes (filled,
// finite, within the unit), turning a fault into a PluginError naming the
// plugin, the series and the file.
#pragma once

#include <cspcast/kernels/forecast_model.hpp>
#include <cspcast/projection.hpp>

#include <memory>
#include <string>

namespace cspcast {

/// What a series' values must be.
enum class ValueRange {
  kWholeNonNegative,  // counts
  kPercentage,        // [0, 100]
  kNonNegative,       // rates
  kAny,               // levels
};

class PluginModelAdapter final : public kernels::ForecastModel {
 public:
  /// `who` names the plugin, its file and the series for messages;
  /// `first_month` is the month of the paths' first row.
  PluginModelAdapter(std::shared_ptr<const ProjectionModel> model,
                     const std::string& plugin,
                     std::string who,
                     ValueRange range,
                     YearMonth first_month);
  [[nodiscard]] std::string name() const override { return name_; }
  void point(VectorRef out) const override;
  void simulate_paths(std::uint64_t seed,
                      std::uint64_t key,
                      int first_path,
                      int step,
                      MatrixRef out,
                      Eigen::Index first_read) const override;
  [[nodiscard]] double aicc() const override;
  [[nodiscard]] const std::string& description() const { return description_; }

 private:
  std::shared_ptr<const ProjectionModel> model_;
  std::string who_;
  ValueRange range_;
  YearMonth first_month_;
  std::string name_;
  std::string description_;
};

}  // namespace cspcast

// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/indicator.hpp>
#include <cspcast/lever.hpp>
#include <cspcast/projection.hpp>
#include <cspcast/series.hpp>

#include <memory>
#include <string>
#include <vector>

namespace cspcast {

/// What a priority plugin declares about itself.
struct PriorityInfo {
  std::string title;
  std::vector<IndicatorSpec> indicators;
  std::vector<Lever> levers;
};

/// The interface every priority plugin implements. Objects are created and
/// destroyed by the plugin's descriptor; the host keeps the library loaded
/// while any object lives. Calls come from one thread at a time.
class CSPCAST_CORE_API PriorityModel {
 public:
  PriorityModel() = default;
  PriorityModel(const PriorityModel&) = delete;
  PriorityModel& operator=(const PriorityModel&) = delete;
  PriorityModel(PriorityModel&&) = delete;
  PriorityModel& operator=(PriorityModel&&) = delete;
  virtual ~PriorityModel();

  /// Indicators, levers and spillovers of this priority.
  [[nodiscard]] virtual PriorityInfo describe() const = 0;

  /// The model for one indicator, given its (recording-adjusted) history.
  /// The default returns the spec declared in describe(); plugins override
  /// it to choose by the data (a count model when counts are small).
  [[nodiscard]] virtual ModelSpec choose_model(
      const IndicatorSpec& indicator, const MonthlySeries& history) const;

  /// The plugin's own model for an indicator that declares `own_model`
  /// (and for its comparators' series), fitted to `input`; nullptr to use
  /// the core's model from choose_model() (the default; also the answer
  /// when a companion the model needs is not in the pack). Throws
  /// DataError when the history cannot support the model.
  [[nodiscard]] virtual std::unique_ptr<ProjectionModel> fit_projection(
      const ProjectionInput& input) const;
};

/// For plugins' choose_model(): the count model when the history of a count
/// indicator averages fewer than `threshold` a month (Gaussian models misstate
/// the spread of a handful of events), else the indicator's declared model.
CSPCAST_CORE_API ModelSpec count_model_if_small(const IndicatorSpec& indicator,
                                                const MonthlySeries& history,
                                                double threshold);

}  // namespace cspcast

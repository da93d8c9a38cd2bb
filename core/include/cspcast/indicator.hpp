// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cspcast {

/// What one monthly value of an indicator is.
enum class Unit {
  kCount,       // events in the month; the period value is the sum
  kPercentage,  // a share in [0, 100]; the period value is the mean
  kLevel,       // a signed level (a gap between rates); period value: mean
};
CSPCAST_CORE_API std::string to_string(Unit unit);
CSPCAST_CORE_API std::optional<Unit> parse_unit(std::string_view text);
/// "count, percentage or level".
CSPCAST_CORE_API std::string unit_choices();

/// The scale on which the model is fitted; paths are transformed back.
enum class Transform {
  kNone,
  kLog,    // log(y + 1): multiplicative structure, positive paths
  kLogit,  // logit(y / 100) for percentages: paths stay in (0, 100)
};
CSPCAST_CORE_API std::string to_string(Transform transform);
CSPCAST_CORE_API std::optional<Transform> parse_transform(
    std::string_view text);
CSPCAST_CORE_API std::string transform_choices();

/// Which forecasting kernel projects the indicator.
enum class ModelKind {
  kAuto,           // the recommended automatic model (docs/models.md)
  kEts,            // ETS family chosen by AICc
  kTheta,          // theta method with seasonal adjustment (thetaf)
  kCombo,          // mean of best ETS, best damped ETS and theta
  kStl,            // STL + non-seasonal ETS (stlf)
  kDampedEts,      // ETS(A,Ad,A) on the transformed scale
  kSeasonalNaive,  // last year's month, with bootstrap errors
  kDrift,          // random walk with drift
  kCount,          // negative binomial with season and trend, for small counts
};
CSPCAST_CORE_API std::string to_string(ModelKind kind);
CSPCAST_CORE_API std::optional<ModelKind> parse_model_kind(
    std::string_view text);
/// "auto, ets, theta, combo, stl, damped, snaive, drift or count".
CSPCAST_CORE_API std::string model_kind_choices();

struct ModelSpec {
  ModelKind kind = ModelKind::kAuto;
  Transform transform = Transform::kNone;
};

/// A series an indicator's own model needs beside its history (a cohort
/// size, an exposure), given in the pack's companions file
/// (docs/pack-format.md).
struct CompanionSpec {
  std::string name;  // [a-z0-9_]+, as in the companions file
  std::string title;
};

/// One indicator a priority plugin understands, identified `priority.name`.
struct IndicatorSpec {
  std::string id;
  std::string title;
  Unit unit = Unit::kCount;
  /// The core model, used when the plugin brings none (or cannot fit its
  /// own to the data given).
  ModelSpec model;
  /// Where the plan defines it (section and table row).
  std::string source;
  /// Series the plugin's own model reads beside the history.
  std::vector<CompanionSpec> companions{};
  /// The name of the plugin's own model for this indicator
  /// (PriorityModel::fit_projection), empty when it has none: listed by
  /// `cspcast plugins`.
  std::string own_model{};
};

}  // namespace cspcast

// SPDX-License-Identifier: MIT
// Units, transforms and model kinds of indicators.
#include <cspcast/enum_names.hpp>
#include <cspcast/indicator.hpp>

namespace cspcast {
namespace {

constexpr EnumNames<Unit, 3> kUnits{{{
    {"count", Unit::kCount},
    {"percentage", Unit::kPercentage},
    {"level", Unit::kLevel},
}}};
constexpr EnumNames<Transform, 3> kTransforms{{{
    {"none", Transform::kNone},
    {"log", Transform::kLog},
    {"logit", Transform::kLogit},
}}};
constexpr EnumNames<ModelKind, 9> kModels{{{
    {"auto", ModelKind::kAuto},
    {"ets", ModelKind::kEts},
    {"theta", ModelKind::kTheta},
    {"combo", ModelKind::kCombo},
    {"stl", ModelKind::kStl},
    {"damped", ModelKind::kDampedEts},
    {"snaive", ModelKind::kSeasonalNaive},
    {"drift", ModelKind::kDrift},
    {"count", ModelKind::kCount},
}}};

}  // namespace

std::string to_string(Unit unit) { return kUnits.name(unit); }
std::optional<Unit> parse_unit(std::string_view text) {
  return kUnits.parse(text);
}
std::string unit_choices() { return kUnits.choices(); }

std::string to_string(Transform transform) {
  return kTransforms.name(transform);
}
std::optional<Transform> parse_transform(std::string_view text) {
  return kTransforms.parse(text);
}
std::string transform_choices() { return kTransforms.choices(); }

std::string to_string(ModelKind kind) { return kModels.name(kind); }
std::optional<ModelKind> parse_model_kind(std::string_view text) {
  return kModels.parse(text);
}
std::string model_kind_choices() { return kModels.choices(); }

}  // namespace cspcast

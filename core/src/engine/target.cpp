// SPDX-License-Identifier: MIT
#include <cspcast/target.hpp>

#include <array>
#include <cmath>
#include <utility>

namespace cspcast {
namespace {

constexpr std::array<std::pair<std::string_view, TargetKind>, 8> kKinds{{
    {"at_most", TargetKind::kAtMost},
    {"at_least", TargetKind::kAtLeast},
    {"below_comparator", TargetKind::kBelowComparator},
    {"reach_comparator", TargetKind::kReachComparator},
    {"at_least_comparator", TargetKind::kAtLeastComparator},
    {"half_difference", TargetKind::kHalfDifference},
    {"near_zero", TargetKind::kNearZero},
    {"maintain", TargetKind::kMaintain},
}};
constexpr std::array<std::pair<std::string_view, BasisKind>, 5> kBases{{
    {"count", BasisKind::kCount},
    {"per_1000", BasisKind::kPer1000},
    {"per_10000", BasisKind::kPer10000},
    {"percentage", BasisKind::kPercentage},
    {"level", BasisKind::kLevel},
}};

}  // namespace

std::string to_string(TargetKind kind) {
  for (const auto& [name, v] : kKinds) {
    if (v == kind) return std::string(name);
  }
  return "?";
}
std::optional<TargetKind> parse_target_kind(std::string_view text) {
  for (const auto& [name, v] : kKinds) {
    if (name == text) return v;
  }
  return std::nullopt;
}
bool uses_comparator(TargetKind kind) {
  return kind == TargetKind::kBelowComparator ||
         kind == TargetKind::kReachComparator ||
         kind == TargetKind::kAtLeastComparator ||
         kind == TargetKind::kHalfDifference;
}
bool higher_is_better(TargetKind kind) {
  return kind == TargetKind::kAtLeast || kind == TargetKind::kAtLeastComparator;
}
std::string to_string(BasisKind kind) {
  for (const auto& [name, v] : kBases) {
    if (v == kind) return std::string(name);
  }
  return "?";
}
std::optional<BasisKind> parse_basis_kind(std::string_view text) {
  for (const auto& [name, v] : kBases) {
    if (name == text) return v;
  }
  return std::nullopt;
}

TargetCheck check_target(const Target& target,
                         double value,
                         double comparator,
                         double base) {
  TargetCheck c;
  const double v = value;
  switch (target.kind) {
    case TargetKind::kAtMost:
      c.bar = target.value.value_or(0.0);
      c.margin = c.bar - v;
      c.met = v <= c.bar;
      break;
    case TargetKind::kAtLeast:
      c.bar = target.value.value_or(0.0);
      c.margin = v - c.bar;
      c.met = v >= c.bar;
      break;
    case TargetKind::kBelowComparator:
      c.bar = comparator;
      c.margin = c.bar - v;
      c.met = v < c.bar;
      break;
    case TargetKind::kReachComparator:
      c.bar = comparator;
      c.margin = c.bar - v;
      c.met = v <= c.bar;
      break;
    case TargetKind::kAtLeastComparator:
      c.bar = comparator;
      c.margin = v - c.bar;
      c.met = v >= c.bar;
      break;
    case TargetKind::kHalfDifference:
      c.bar = base + 0.5 * (comparator - base);
      c.margin = c.bar - v;
      c.met = v <= c.bar;
      break;
    case TargetKind::kNearZero:
      c.bar = target.tolerance;
      c.margin = c.bar - std::abs(v);
      c.met = std::abs(v) <= c.bar;
      break;
    case TargetKind::kMaintain:
      c.bar = base;
      c.margin = target.tolerance - std::abs(v / base - 1.0);
      c.met = c.margin >= 0.0;
      break;
  }
  return c;
}

}  // namespace cspcast

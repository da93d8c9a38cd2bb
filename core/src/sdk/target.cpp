// SPDX-License-Identifier: MIT
#include <cspcast/enum_names.hpp>
#include <cspcast/target.hpp>

#include <cmath>

namespace cspcast {
namespace {

constexpr EnumNames<TargetKind, 8> kKinds{{{
    {"at_most", TargetKind::kAtMost},
    {"at_least", TargetKind::kAtLeast},
    {"below_comparator", TargetKind::kBelowComparator},
    {"reach_comparator", TargetKind::kReachComparator},
    {"at_least_comparator", TargetKind::kAtLeastComparator},
    {"half_difference", TargetKind::kHalfDifference},
    {"near_zero", TargetKind::kNearZero},
    {"maintain", TargetKind::kMaintain},
}}};
constexpr EnumNames<BasisKind, 5> kBases{{{
    {"count", BasisKind::kCount},
    {"per_1000", BasisKind::kPer1000},
    {"per_10000", BasisKind::kPer10000},
    {"percentage", BasisKind::kPercentage},
    {"level", BasisKind::kLevel},
}}};

}  // namespace

std::string to_string(TargetKind kind) { return kKinds.name(kind); }
std::optional<TargetKind> parse_target_kind(std::string_view text) {
  return kKinds.parse(text);
}
std::string target_kind_choices() { return kKinds.choices(); }

bool uses_comparator(TargetKind kind) {
  return kind == TargetKind::kBelowComparator ||
         kind == TargetKind::kReachComparator ||
         kind == TargetKind::kAtLeastComparator ||
         kind == TargetKind::kHalfDifference;
}

std::string to_string(BasisKind kind) { return kBases.name(kind); }
std::optional<BasisKind> parse_basis_kind(std::string_view text) {
  return kBases.parse(text);
}
std::string basis_kind_choices() { return kBases.choices(); }

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
      // A base of zero (say an all-zero percentage history) has no
      // relative band: maintained means staying at zero.
      c.margin = base == 0.0 ? -std::abs(v)
                             : target.tolerance - std::abs(v / base - 1.0);
      c.met = c.margin >= 0.0;
      break;
  }
  return c;
}

}  // namespace cspcast

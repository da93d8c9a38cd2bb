// SPDX-License-Identifier: MIT
// Small value types of the public SDK: months, periods, units, models.
#include <cspcast/indicator.hpp>
#include <cspcast/priority_model.hpp>
#include <cspcast/year_month.hpp>

#include <array>
#include <charconv>
#include <cstdio>
#include <utility>

namespace cspcast {
namespace {

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

template <typename E, std::size_t N>
std::optional<E> parse_enum(
    std::string_view text,
    const std::array<std::pair<std::string_view, E>, N>& names) {
  for (const auto& [name, value] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string enum_name(
    E value, const std::array<std::pair<std::string_view, E>, N>& names) {
  for (const auto& [name, v] : names) {
    if (v == value) return std::string(name);
  }
  return "?";
}

constexpr std::array<std::pair<std::string_view, Unit>, 3> kUnits{{
    {"count", Unit::kCount},
    {"percentage", Unit::kPercentage},
    {"level", Unit::kLevel},
}};
constexpr std::array<std::pair<std::string_view, Transform>, 3> kTransforms{{
    {"none", Transform::kNone},
    {"log", Transform::kLog},
    {"logit", Transform::kLogit},
}};
constexpr std::array<std::pair<std::string_view, ModelKind>, 9> kModels{{
    {"auto", ModelKind::kAuto},
    {"ets", ModelKind::kEts},
    {"theta", ModelKind::kTheta},
    {"combo", ModelKind::kCombo},
    {"stl", ModelKind::kStl},
    {"damped", ModelKind::kDampedEts},
    {"snaive", ModelKind::kSeasonalNaive},
    {"drift", ModelKind::kDrift},
    {"count", ModelKind::kCount},
}};

}  // namespace

std::optional<YearMonth> YearMonth::parse(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  auto year = parse_int(text.substr(0, 4));
  auto month = parse_int(text.substr(5, 2));
  if (!year || !month || *month < 1 || *month > 12 || *year < 1000) {
    return std::nullopt;
  }
  return YearMonth(*year, *month);
}

std::string YearMonth::str() const {
  std::array<char, 16> buf{};
  std::snprintf(buf.data(), buf.size(), "%04d-%02d", year(), month());
  return buf.data();
}

std::optional<Period> Period::parse(std::string_view text) {
  if (text.size() == 9 && text.substr(0, 2) == "FY" && text[6] == '/') {
    auto start = parse_int(text.substr(2, 4));
    auto end2 = parse_int(text.substr(7, 2));
    if (!start || !end2 || (*start + 1) % 100 != *end2) return std::nullopt;
    return Period{
        YearMonth(*start, 4), YearMonth(*start + 1, 3), std::string(text)};
  }
  if (text.size() == 6 && text.substr(0, 2) == "CY") {
    auto year = parse_int(text.substr(2, 4));
    if (!year) return std::nullopt;
    return Period{YearMonth(*year, 1), YearMonth(*year, 12), std::string(text)};
  }
  if (text.size() == 11 && text.substr(0, 4) == "R12:") {
    auto last = YearMonth::parse(text.substr(4));
    if (!last) return std::nullopt;
    return Period{*last - 11, *last, std::string(text)};
  }
  return std::nullopt;
}

std::string to_string(Unit unit) { return enum_name(unit, kUnits); }
std::optional<Unit> parse_unit(std::string_view text) {
  return parse_enum(text, kUnits);
}
std::string to_string(Transform transform) {
  return enum_name(transform, kTransforms);
}
std::optional<Transform> parse_transform(std::string_view text) {
  return parse_enum(text, kTransforms);
}
std::string to_string(ModelKind kind) { return enum_name(kind, kModels); }
std::optional<ModelKind> parse_model_kind(std::string_view text) {
  return parse_enum(text, kModels);
}

PriorityModel::~PriorityModel() = default;

ModelSpec PriorityModel::choose_model(const IndicatorSpec& indicator,
                                      const MonthlySeries& /*history*/) const {
  return indicator.model;
}

ModelSpec count_model_if_small(const IndicatorSpec& indicator,
                               const MonthlySeries& history,
                               double threshold) {
  if (indicator.unit != Unit::kCount || history.values.empty())
    return indicator.model;
  double total = 0.0;
  for (const double v : history.values) total += v;
  if (total / static_cast<double>(history.size()) < threshold) {
    return {ModelKind::kCount, Transform::kNone};
  }
  return indicator.model;
}

}  // namespace cspcast

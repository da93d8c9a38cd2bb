// SPDX-License-Identifier: MIT
// targets.toml: the plan's targets as data.
#include "pack_parts.hpp"

#include <cspcast/error.hpp>

#include <set>

namespace cspcast::io {

namespace fs = std::filesystem;

namespace {
void check_target(const TomlFile& f,
                  const toml::table& t,
                  const Target& target,
                  const std::string& kind,
                  YearMonth horizon);
}  // namespace

Period read_period(const TomlFile& f,
                   const toml::table& t,
                   const std::string& key,
                   const std::optional<Period>& fallback) {
  const auto text = f.optional_string(t, key);
  if (!text) {
    if (fallback) return *fallback;
    throw ConfigError(f.where(t) + ": " + key +
                      ": missing (expected a period such as FY2017/18)");
  }
  auto period = Period::parse(*text);
  if (!period) {
    throw ConfigError(f.where(t, key) + ": " + key + ": bad period (got '" +
                      *text + "'; expected FY2017/18, CY2017 or R12:2018-03)");
  }
  return *period;
}

std::string read_targets(Pack& pack,
                         const fs::path& file,
                         const std::string& display,
                         const std::optional<Period>& default_period) {
  const TomlFile f(file, display);
  const auto* list = f.root()["target"].as_array();
  if (list == nullptr) throw ConfigError(display + ": no [[target]] tables");
  std::set<std::string> ids;
  for (const auto& node : *list) {
    const auto* t = node.as_table();
    if (t == nullptr)
      throw ConfigError(f.where(node) + ": target: expected a table");
    Target target;
    target.where = f.where(*t);
    target.id = f.required_string(*t, "id");
    if (!ids.insert(target.id).second) {
      throw ConfigError(f.where(*t, "id") + ": id: duplicate target '" +
                        target.id + "'");
    }
    target.title = f.optional_string(*t, "title").value_or(target.id);
    target.indicator = f.required_string(*t, "indicator");
    const std::string kind = f.required_string(*t, "kind");
    auto parsed = parse_target_kind(kind);
    if (!parsed) {
      throw ConfigError(f.where(*t, "kind") +
                        ": kind: unknown target kind (got '" + kind +
                        "'; expected " + target_kind_choices() + ")");
    }
    target.kind = *parsed;
    target.basis =
        read_basis(f.optional_string(*t, "basis").value_or("count"),
                   f.optional_string(*t, "population").value_or("all"),
                   f.where(*t, "basis") + ": basis");
    target.period = read_period(f, *t, "period", default_period);
    target.value = f.optional_number(*t, "value");
    target.comparator = f.optional_string(*t, "comparator").value_or("");
    target.tolerance = f.optional_number(*t, "tolerance").value_or(0.0);
    target.source = f.optional_string(*t, "source").value_or("");
    target.note = f.optional_string(*t, "note").value_or("");
    if (t->contains("base_period"))
      target.base_period = read_period(f, *t, "base_period", {});
    check_target(f, *t, target, kind, pack.horizon);
    pack.targets.push_back(std::move(target));
  }
  return f.checksum();
}

namespace {

// What a target of each kind needs, and its period within the horizon.
void check_target(const TomlFile& f,
                  const toml::table& t,
                  const Target& target,
                  const std::string& kind,
                  YearMonth horizon) {
  const std::string at = f.where(t);
  if ((target.kind == TargetKind::kAtMost ||
       target.kind == TargetKind::kAtLeast) &&
      !target.value) {
    throw ConfigError(at + ": value: missing (kind " + kind +
                      " needs a value)");
  }
  if (uses_comparator(target.kind) && target.comparator.empty()) {
    throw ConfigError(at + ": comparator: missing (kind " + kind +
                      " needs a comparator)");
  }
  if ((target.kind == TargetKind::kHalfDifference ||
       target.kind == TargetKind::kMaintain) &&
      !target.base_period) {
    throw ConfigError(at + ": base_period: missing (kind " + kind +
                      " needs a base period)");
  }
  if ((target.kind == TargetKind::kNearZero ||
       target.kind == TargetKind::kMaintain) &&
      !(target.tolerance > 0.0)) {
    throw ConfigError(at + ": tolerance: must be positive for kind " + kind);
  }
  if (target.period.last > horizon) {
    throw ConfigError(
        f.where(t, "period") + ": period: ends after the pack horizon (got " +
        target.period.last.str() + "; expected <= " + horizon.str() + ")");
  }
}

}  // namespace

}  // namespace cspcast::io

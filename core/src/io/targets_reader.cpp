// SPDX-License-Identifier: MIT
// targets.toml: the plan's targets as data.
#include "pack_parts.hpp"

#include <cspcast/error.hpp>

#include <set>

namespace cspcast::io {

namespace fs = std::filesystem;

namespace {
void read_periods(const TomlFile& f,
                  const toml::table& t,
                  Target& target,
                  const std::optional<Period>& default_period);
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
    read_periods(f, *t, target, default_period);
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

// `period`, or several: `periods = ["FY2015/16", ...]` (in time order), or
// `each_year_from = "FY2015/16"` (every financial year from that one to
// `period`).
void read_periods(const TomlFile& f,
                  const toml::table& t,
                  Target& target,
                  const std::optional<Period>& default_period) {
  if (const auto* list = t["periods"].as_array()) {
    if (t.contains("period") || t.contains("each_year_from")) {
      throw ConfigError(f.where(t, "periods") +
                        ": periods: give periods, or period (with an optional "
                        "each_year_from), not both");
    }
    for (const auto& node : *list) {
      const auto* text = node.as_string();
      const auto p =
          text != nullptr ? Period::parse(text->get()) : std::nullopt;
      if (!p) {
        throw ConfigError(f.where(node) +
                          ": periods: expected periods such as FY2017/18");
      }
      if (!target.periods.empty() && p->first <= target.periods.back().last) {
        throw ConfigError(f.where(node) + ": periods: not in time order (" +
                          p->label + " after " + target.periods.back().label +
                          ")");
      }
      target.periods.push_back(*p);
    }
    if (target.periods.empty()) {
      throw ConfigError(f.where(t, "periods") + ": periods: empty");
    }
    target.period = target.periods.back();
    return;
  }
  target.period = read_period(f, t, "period", default_period);
  if (!t.contains("each_year_from")) return;
  const Period from = read_period(f, t, "each_year_from", {});
  if (from.months() != 12 || target.period.months() != 12 ||
      (target.period.first - from.first) % 12 != 0 ||
      from.first > target.period.first) {
    throw ConfigError(f.where(t, "each_year_from") +
                      ": each_year_from: expected a year-long period on or "
                      "before " +
                      target.period.label +
                      " and a whole number "
                      "of years before it (got " +
                      from.label + ")");
  }
  for (YearMonth m = from.first; m <= target.period.first; m = m + 12) {
    const int y = m.year();
    Period p{m, m + 11, target.period.label};
    if (target.period.label.rfind("FY", 0) == 0) {
      const std::string end = std::to_string((y + 1) % 100);
      p.label =
          "FY" + std::to_string(y) + "/" + (end.size() < 2 ? "0" : "") + end;
    } else if (target.period.label.rfind("CY", 0) == 0) {
      p.label = "CY" + std::to_string(y);
    } else {
      p.label = "R12:" + (m + 11).str();
    }
    target.periods.push_back(p);
  }
}

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

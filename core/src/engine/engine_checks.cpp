// SPDX-License-Identifier: MIT
// The pack checked against the priorities' declarations before any work:
// every indicator declared, values within their unit, targets on a basis
// that suits them, comparators present, scenarios within the horizon.
#include "engine_impl.hpp"

#include <cspcast/error.hpp>

#include <algorithm>
#include <sstream>

namespace cspcast {
namespace {

// A comparator may end this many months before its indicator's history
// without a warning (annual comparators are published a year behind).
constexpr int kComparatorLagMonths = 12;

std::string fmt(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

// "a, b, c" of the keys of `map` that belong to `plugin`.
template <typename Map>
std::string known_of(const Map& map, const std::string& plugin) {
  std::string known;
  for (const auto& [k, v] : map) {
    if (plugin_of(k) == plugin) known += (known.empty() ? "" : ", ") + k;
  }
  return known;
}

}  // namespace

void Engine::Impl::validate_indicators() {
  for (std::size_t k = 0; k < sources.size(); ++k) {
    for (const auto& ind : sources[k]->info().indicators) {
      if (plugin_of(ind.id) != sources[k]->name()) {
        throw PluginError(sources[k]->name() + " (" + sources[k]->location() +
                          "): declares indicator '" + ind.id +
                          "' outside its priority");
      }
      indicators.emplace(ind.id, std::pair{ind, k});
    }
    for (const auto& lever : sources[k]->info().levers)
      levers.emplace(lever.id, lever);
  }
  for (const auto& [id, series] : pack.history) validate_history(id, series);
  for (const auto& c : pack.comparators) {
    const auto h = pack.history.find(c.indicator);
    if (h == pack.history.end()) {
      throw ConfigError(c.where + ": indicator: comparator '" + c.id +
                        "' for '" + c.indicator + "', which has no history");
    }
    const int behind = h->second.end() - c.history.end();
    if (behind > kComparatorLagMonths) {
      warnings.push_back(
          c.where + ": comparator '" + c.id + "' for '" + c.indicator +
          "' ends " + c.history.end().str() + ", " + std::to_string(behind) +
          " months before the indicator's history (" + h->second.end().str() +
          "): it is projected " + std::to_string(behind) + " months further");
    }
  }
  validate_companions();
}

void Engine::Impl::validate_companions() const {
  for (const auto& [series, named] : pack.companions) {
    for (const auto& entry : named) {
      const std::string& name = entry.first;
      const std::string& where = pack.companion_where.at(series + "|" + name);
      const auto colon = series.find(':');
      const std::string indicator =
          colon == std::string::npos ? series : series.substr(colon + 1);
      const bool known = colon == std::string::npos
                             ? pack.history.count(series) > 0
                             : pack.find_comparator(series.substr(0, colon),
                                                    indicator) != nullptr;
      if (!known) {
        throw ConfigError(where + ": series: '" + series +
                          "' is neither an indicator with history nor a "
                          "comparator (comparator:indicator) of the pack");
      }
      const auto it = indicators.find(indicator);
      const auto& declared = it->second.first.companions;
      if (std::none_of(declared.begin(), declared.end(), [&](const auto& c) {
            return c.name == name;
          })) {
        std::string names;
        for (const auto& c : declared) {
          names += (names.empty() ? "" : ", ") + c.name;
        }
        throw ConfigError(where + ": companion: '" + name +
                          "' is not a companion series of '" + indicator +
                          "' (its plugin declares: " +
                          (names.empty() ? "none" : names) + ")");
      }
    }
  }
}

void Engine::Impl::validate_history(const std::string& id,
                                    const MonthlySeries& series) {
  const std::string& where = pack.history_where.at(id);
  const std::string plugin = plugin_of(id);
  const bool loaded =
      std::any_of(sources.begin(), sources.end(), [&](const auto& m) {
        return m->name() == plugin;
      });
  if (!loaded) {
    throw PluginError(where + ": indicator: '" + id + "' needs plugin '" +
                      plugin +
                      "', which is not loaded (see `cspcast plugins`)");
  }
  const auto it = indicators.find(id);
  if (it == indicators.end()) {
    throw ConfigError(where + ": indicator: unknown indicator '" + id +
                      "' (plugin '" + plugin +
                      "' declares: " + known_of(indicators, plugin) + ")");
  }
  const Unit unit = it->second.first.unit;
  const auto& lines = pack.history_lines.at(id);
  for (std::size_t i = 0; i < series.values.size(); ++i) {
    const double v = series.values[i];
    const std::string at =
        pack.history_file + ":" + std::to_string(lines[i]) + ": value";
    if (unit == Unit::kCount && v < 0.0) {
      throw DataError(at + ": negative count for '" + id + "' (got " + fmt(v) +
                      "; expected >= 0)");
    }
    if (unit == Unit::kPercentage && (v < 0.0 || v > 100.0)) {
      throw DataError(at + ": percentage out of range for '" + id + "' (got " +
                      fmt(v) + "; expected 0 to 100)");
    }
  }
  if (series.end() >= pack.horizon) {
    throw ConfigError(where + ": month: history of '" + id +
                      "' reaches the horizon " + pack.horizon.str());
  }
}

void Engine::Impl::validate_targets() const {
  for (const auto& t : pack.targets) validate_target(t);
}

void Engine::Impl::validate_target(const Target& t) const {
  const auto h = pack.history.find(t.indicator);
  if (h == pack.history.end()) {
    throw ConfigError(t.where + ": indicator: no history for '" + t.indicator +
                      "'");
  }
  const Unit unit = indicators.at(t.indicator).first.unit;
  const bool count_basis =
      t.basis.kind == BasisKind::kCount || t.basis.is_rate();
  if ((unit == Unit::kCount) != count_basis) {
    throw ConfigError(t.where + ": basis: " + to_string(t.basis.kind) +
                      " does not suit a " + to_string(unit) + " indicator");
  }
  if (t.basis.is_rate()) {
    std::vector<std::optional<Period>> years{t.base_period};
    for (const auto& p : t.judged_periods()) years.emplace_back(p);
    for (const auto& p : years) {
      if (!p) continue;
      try {
        (void)pack.population.at(t.basis.population_group,
                                 p->population_year());
      } catch (const ConfigError& e) {
        throw ConfigError(t.where + ": basis: a " + to_string(t.basis.kind) +
                          " rate over " + p->label +
                          " needs the population of '" +
                          t.basis.population_group + "': " + e.what());
      }
    }
  }
  const Comparator* c = nullptr;
  if (uses_comparator(t.kind)) {
    c = pack.find_comparator(t.comparator, t.indicator);
    if (c == nullptr) {
      throw ConfigError(t.where + ": comparator: no comparator '" +
                        t.comparator + "' for '" + t.indicator +
                        "' in the comparators file");
    }
    if (c->basis.kind != t.basis.kind) {
      throw ConfigError(t.where + ": basis: comparator '" + t.comparator +
                        "' is " + to_string(c->basis.kind) + ", the target " +
                        to_string(t.basis.kind));
    }
  }
  if (t.period.last < h->second.end()) {
    throw ConfigError(t.where + ": period: ends before the history of '" +
                      t.indicator + "' does (got " + t.period.label +
                      "; the history ends " + h->second.end().str() +
                      "): nothing is left to project");
  }
  if (!t.base_period) return;
  if (t.base_period->first < h->second.start) {
    throw ConfigError(t.where +
                      ": base_period: starts before the history of '" +
                      t.indicator + "' (" + h->second.start.str() + ")");
  }
  if (t.base_period->last > h->second.end()) {
    throw ConfigError(t.where + ": base_period: ends after the history of '" +
                      t.indicator + "' (got " + t.base_period->label +
                      "; the history ends " + h->second.end().str() + ")");
  }
  if (t.kind == TargetKind::kHalfDifference &&
      (t.base_period->last > h->second.end() ||
       t.base_period->last > c->history.end() ||
       t.base_period->first < c->history.start)) {
    throw ConfigError(t.where +
                      ": base_period: must lie within the history of '" +
                      t.indicator + "' and its comparator");
  }
}

void Engine::validate(const Scenario& scenario) const {
  const Pack& pack = impl_->pack;
  for (const auto& iv : scenario.interventions) {
    std::string indicator = iv.indicator;
    if (!iv.lever.empty()) {
      const Lever* lever = find_lever(iv.lever);
      if (lever == nullptr) {
        const std::string known = known_of(impl_->levers, plugin_of(iv.lever));
        throw ConfigError(iv.where + ": lever: unknown lever '" + iv.lever +
                          "'" +
                          (known.empty() ? "" : " (known: " + known + ")"));
      }
      indicator = lever->indicator;
    }
    const auto h = pack.history.find(indicator);
    if (h == pack.history.end()) {
      throw ConfigError(
          iv.where +
          (iv.lever.empty()
               ? ": indicator: unknown indicator '" + indicator + "'"
               : ": lever: '" + iv.lever + "' acts on '" + indicator + "'") +
          ", which has no history in this pack (" + pack.history_file + ")");
    }
    if (iv.start <= h->second.end() && !iv.allow_in_history) {
      throw ConfigError(
          iv.where + ": start: inside the history of '" + indicator +
          "' (got " + iv.start.str() + "; the history ends " +
          h->second.end().str() +
          "): the history already holds part of its effect; start after "
          "the history, or set allow_in_history = true to apply it to the "
          "projection only");
    }
    if (iv.start > pack.horizon) {
      throw ConfigError(iv.where + ": start: after the horizon (got " +
                        iv.start.str() + "; expected <= " + pack.horizon.str() +
                        ")");
    }
    if (!iv.spillovers) continue;
    for (const auto& sp : *iv.spillovers) {
      if (pack.history.find(sp.indicator) == pack.history.end()) {
        throw ConfigError(iv.where +
                          ": spillover.indicator: unknown indicator '" +
                          sp.indicator + "'");
      }
    }
  }
}

}  // namespace cspcast

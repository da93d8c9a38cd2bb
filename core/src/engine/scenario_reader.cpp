// SPDX-License-Identifier: MIT
#include "toml_util.hpp"

#include <cspcast/error.hpp>
#include <cspcast/pack.hpp>
#include <cspcast/scenario.hpp>

#include <algorithm>
#include <cmath>

namespace cspcast {
namespace {

using detail::TomlFile;

Intervention read_intervention(const TomlFile& f, const toml::table& t) {
  Intervention iv;
  iv.where = f.where(t);
  iv.lever = f.optional_string(t, "lever").value_or("");
  iv.indicator = f.optional_string(t, "indicator").value_or("");
  if (iv.lever.empty() == iv.indicator.empty()) {
    throw ConfigError(iv.where +
                      ": lever: give exactly one of lever or indicator");
  }
  const std::string start = f.required_string(t, "start");
  auto ym = YearMonth::parse(start);
  if (!ym) {
    throw ConfigError(f.where(t, "start") + ": start: bad month (got '" +
                      start + "'; expected YYYY-MM)");
  }
  iv.start = *ym;
  iv.ramp_months = f.optional_int(t, "ramp_months").value_or(0);
  if (iv.ramp_months < 0) {
    throw ConfigError(f.where(t, "ramp_months") +
                      ": ramp_months: negative (got " +
                      std::to_string(iv.ramp_months) + "; expected >= 0)");
  }
  iv.duration_months = f.optional_int(t, "duration_months");
  if (iv.duration_months && *iv.duration_months < 1) {
    throw ConfigError(f.where(t, "duration_months") +
                      ": duration_months: must be >= 1 (got " +
                      std::to_string(*iv.duration_months) + ")");
  }
  iv.half_life_months = f.optional_number(t, "half_life_months").value_or(0.0);
  if (iv.half_life_months < 0.0) {
    throw ConfigError(f.where(t, "half_life_months") +
                      ": half_life_months: negative (got " +
                      std::to_string(iv.half_life_months) + "; expected >= 0)");
  }
  const auto* effect = t["effect"].as_table();
  if (effect == nullptr)
    throw ConfigError(iv.where + ": effect: missing table");
  iv.effect = detail::read_distribution(f, *effect, "effect");
  if (const auto* spill = t["spillover"].as_array()) {
    std::vector<Spillover> list;
    for (const auto& node : *spill) {
      const auto* s = node.as_table();
      if (s == nullptr)
        throw ConfigError(f.where(node) + ": spillover: expected a table");
      Spillover sp;
      sp.indicator = f.required_string(*s, "indicator");
      sp.fraction = f.required_number(*s, "fraction");
      if (std::abs(sp.fraction) > 10.0) {
        throw ConfigError(f.where(*s, "fraction") +
                          ": spillover.fraction: outside [-10, 10] (got " +
                          std::to_string(sp.fraction) + ")");
      }
      sp.reason = f.optional_string(*s, "reason").value_or("");
      list.push_back(sp);
    }
    iv.spillovers = std::move(list);
  }
  iv.note = f.optional_string(t, "note").value_or("");
  iv.key = f.optional_string(t, "key").value_or(
      (iv.lever.empty() ? iv.indicator : iv.lever) + "@" + iv.start.str());
  return iv;
}

}  // namespace

double Intervention::strength(YearMonth t) const {
  const int d = t - start;
  if (d < 0) return 0.0;
  auto ramp = [&](int k) {
    return ramp_months > 0 ? std::min(1.0, (k + 1.0) / ramp_months) : 1.0;
  };
  if (!duration_months || d < *duration_months) return ramp(d);
  if (half_life_months <= 0.0) return 0.0;
  const double since_end = d - *duration_months + 1.0;
  return ramp(*duration_months - 1) * std::exp2(-since_end / half_life_months);
}

Scenario read_scenario_file(const std::filesystem::path& file,
                            const std::vector<Scenario>& known) {
  const TomlFile f(file, file.string());
  const auto* meta = f.root()["scenario"].as_table();
  if (meta == nullptr)
    throw ConfigError(f.display() + ": [scenario]: missing table");
  Scenario s;
  s.file = file.string();
  s.name = f.required_string(*meta, "name");
  s.title = f.optional_string(*meta, "title").value_or(s.name);
  s.description = f.optional_string(*meta, "description").value_or("");
  s.extends = f.optional_string(*meta, "extends").value_or("");
  if (!s.extends.empty()) {
    if (s.extends == s.name) {
      throw ConfigError(f.where(*meta, "extends") +
                        ": extends: inheritance cycle ('" + s.name +
                        "' extends itself)");
    }
    const auto parent =
        std::find_if(known.begin(), known.end(), [&](const Scenario& k) {
          return k.name == s.extends;
        });
    if (parent == known.end()) {
      throw detail::UnknownParent(f.where(*meta, "extends") +
                                  ": extends: unknown scenario '" + s.extends +
                                  "'");
    }
    s.interventions = parent->interventions;
    s.population = parent->population;
  }
  if (const auto* pop = f.root()["population"].as_table()) {
    for (const auto& [group_key, node] : *pop) {
      const std::string group(group_key.str());
      const auto* years = node.as_table();
      if (years == nullptr) {
        throw ConfigError(f.where(node) + ": population." + group +
                          ": expected a table of years (2017 = 171000) and "
                          "an optional growth rate");
      }
      for (const auto& [key_text, value] : *years) {
        const std::string key(key_text.str());
        const std::string field = "population." + group + "." + key;
        if (key == "growth") {
          const double g = f.required_number(*years, key);
          if (g <= -0.5 || g >= 0.5) {
            throw ConfigError(f.where(value) + ": " + field +
                              ": annual growth outside (-0.5, 0.5) (got " +
                              std::to_string(g) + ")");
          }
          s.population.growth[group] = g;
          s.population.by_group[group];
          continue;
        }
        const bool is_year =
            key.size() == 4 && std::all_of(key.begin(), key.end(), [](char c) {
              return c >= '0' && c <= '9';
            });
        if (!is_year) {
          throw ConfigError(f.where(value) + ": " + field +
                            ": unknown key (expected a year such as 2017, "
                            "or growth)");
        }
        const double v = f.required_number(*years, key);
        if (!(v > 0.0)) {
          throw ConfigError(f.where(value) + ": " + field +
                            ": must be positive (got " + std::to_string(v) +
                            ")");
        }
        s.population.by_group[group][std::stoi(key)] = v;
      }
    }
  }
  if (const auto* remove = (*meta)["remove"].as_array()) {
    for (const auto& node : *remove) {
      const auto* r = node.as_string();
      if (r == nullptr)
        throw ConfigError(f.where(node) + ": remove: expected strings");
      const std::string what = r->get();
      const auto before = s.interventions.size();
      std::erase_if(s.interventions, [&](const Intervention& iv) {
        return iv.key == what || iv.lever == what || iv.indicator == what;
      });
      if (s.interventions.size() == before) {
        throw ConfigError(f.where(node) +
                          ": remove: no inherited intervention matches '" +
                          what + "'");
      }
    }
  }
  if (const auto* list = f.root()["intervention"].as_array()) {
    std::vector<std::string> own_keys;
    for (const auto& node : *list) {
      const auto* t = node.as_table();
      if (t == nullptr)
        throw ConfigError(f.where(node) + ": intervention: expected a table");
      Intervention iv = read_intervention(f, *t);
      if (std::find(own_keys.begin(), own_keys.end(), iv.key) !=
          own_keys.end()) {
        throw ConfigError(iv.where + ": key: two interventions with key '" +
                          iv.key + "' (give each a distinct key)");
      }
      own_keys.push_back(iv.key);
      // Same key as an inherited intervention: this one changes it.
      const auto same =
          std::find_if(s.interventions.begin(),
                       s.interventions.end(),
                       [&](const Intervention& k) { return k.key == iv.key; });
      if (same != s.interventions.end()) {
        *same = std::move(iv);
      } else {
        s.interventions.push_back(std::move(iv));
      }
    }
  }
  return s;
}

}  // namespace cspcast

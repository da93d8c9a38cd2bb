// SPDX-License-Identifier: MIT
#include "toml_file.hpp"

#include <cspcast/error.hpp>
#include <cspcast/io/pack_reader.hpp>
#include <cspcast/scenario.hpp>

#include <algorithm>
#include <cmath>

namespace cspcast::io {
namespace {

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
  iv.effect = read_distribution(f, *effect, "effect");
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
  iv.allow_in_history = f.optional_bool(t, "allow_in_history").value_or(false);
  iv.key = f.optional_string(t, "key").value_or(
      (iv.lever.empty() ? iv.indicator : iv.lever) + "@" + iv.start.str());
  return iv;
}

// One scenario file as written, before its parent is applied.
struct Draft {
  Scenario own;            // name, title, description, extends, file
  std::string extends_at;  // file:line of `extends`
  PopulationTable population;
  std::vector<std::pair<std::string, std::string>> remove;  // (what, where)
  std::vector<Intervention> interventions;
  std::string checksum;
};

void read_population_years(const TomlFile& f,
                           const std::string& group,
                           const toml::table& years,
                           PopulationTable& out) {
  for (const auto& [key_text, value] : years) {
    const std::string key(key_text.str());
    const std::string field = "population." + group + "." + key;
    if (key == "growth") {
      const double g = f.required_number(years, key);
      if (g <= -0.5 || g >= 0.5) {
        throw ConfigError(f.where(value) + ": " + field +
                          ": annual growth outside (-0.5, 0.5) (got " +
                          std::to_string(g) + ")");
      }
      out.growth[group] = g;
      out.by_group[group];
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
    const double v = f.required_number(years, key);
    if (!(v > 0.0)) {
      throw ConfigError(f.where(value) + ": " + field +
                        ": must be positive (got " + std::to_string(v) + ")");
    }
    out.by_group[group][std::stoi(key)] = v;
  }
}

void read_population(const TomlFile& f, Draft& d) {
  const auto* pop = f.root()["population"].as_table();
  if (pop == nullptr) return;
  for (const auto& [group_key, node] : *pop) {
    const std::string group(group_key.str());
    const auto* years = node.as_table();
    if (years == nullptr) {
      throw ConfigError(f.where(node) + ": population." + group +
                        ": expected a table of years (2017 = 171000) and "
                        "an optional growth rate");
    }
    read_population_years(f, group, *years, d.population);
  }
}

void read_interventions(const TomlFile& f, Draft& d) {
  const auto* list = f.root()["intervention"].as_array();
  if (list == nullptr) return;
  for (const auto& node : *list) {
    const auto* t = node.as_table();
    if (t == nullptr)
      throw ConfigError(f.where(node) + ": intervention: expected a table");
    Intervention iv = read_intervention(f, *t);
    for (const auto& other : d.interventions) {
      if (other.key == iv.key) {
        throw ConfigError(iv.where + ": key: two interventions with key '" +
                          iv.key + "' (give each a distinct key)");
      }
    }
    d.interventions.push_back(std::move(iv));
  }
}

Draft parse_draft(const ScenarioSource& source) {
  const TomlFile f(source.file, source.display);
  const auto* meta = f.root()["scenario"].as_table();
  if (meta == nullptr)
    throw ConfigError(f.display() + ": [scenario]: missing table");
  Draft d;
  d.checksum = f.checksum();
  Scenario& s = d.own;
  s.file = source.display;
  s.name = f.required_string(*meta, "name");
  s.title = f.optional_string(*meta, "title").value_or(s.name);
  s.description = f.optional_string(*meta, "description").value_or("");
  s.extends = f.optional_string(*meta, "extends").value_or("");
  d.extends_at = f.where(*meta, "extends");
  s.pack = f.optional_string(*meta, "pack").value_or("");
  s.pack_fingerprint =
      f.optional_string(*meta, "pack_fingerprint").value_or("");
  s.pack_where = f.where(*meta, "pack");
  if (!s.extends.empty() && s.extends == s.name) {
    throw ConfigError(d.extends_at + ": extends: inheritance cycle ('" +
                      s.name + "' extends itself)");
  }
  read_population(f, d);
  if (const auto* remove = (*meta)["remove"].as_array()) {
    for (const auto& node : *remove) {
      const auto* r = node.as_string();
      if (r == nullptr)
        throw ConfigError(f.where(node) + ": remove: expected strings");
      d.remove.emplace_back(r->get(), f.where(node));
    }
  }
  read_interventions(f, d);
  return d;
}

// The draft on top of its parent (nullptr: no parent).
Scenario resolve(const Draft& d, const Scenario* parent) {
  Scenario s = d.own;
  if (parent != nullptr) {
    s.interventions = parent->interventions;
    s.population = parent->population;
  }
  for (const auto& [group, years] : d.population.by_group) {
    for (const auto& [year, value] : years)
      s.population.by_group[group][year] = value;
    s.population.by_group[group];
  }
  for (const auto& [group, rate] : d.population.growth) {
    s.population.growth[group] = rate;
  }
  for (const auto& removal : d.remove) {
    const std::string& what = removal.first;
    const std::string& where = removal.second;
    const auto before = s.interventions.size();
    std::erase_if(s.interventions, [&](const Intervention& iv) {
      return iv.key == what || iv.lever == what || iv.indicator == what;
    });
    if (s.interventions.size() == before) {
      throw ConfigError(
          where + ": remove: no inherited intervention matches '" + what + "'");
    }
  }
  for (const auto& iv : d.interventions) {
    // Same key as an inherited intervention: this one changes it.
    const auto same =
        std::find_if(s.interventions.begin(),
                     s.interventions.end(),
                     [&](const Intervention& k) { return k.key == iv.key; });
    if (same != s.interventions.end()) {
      *same = iv;
    } else {
      s.interventions.push_back(iv);
    }
  }
  return s;
}

const Scenario* find(const std::vector<Scenario>& list,
                     const std::string& name) {
  for (const auto& s : list) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

// The chain of `extends` from draft `i` back to itself, for the message.
std::string cycle_chain(const std::vector<Draft>& drafts, std::size_t i) {
  std::string chain = drafts[i].own.name;
  std::string links;
  std::size_t k = i;
  for (std::size_t step = 0; step < drafts.size(); ++step) {
    links += "; " + drafts[k].extends_at + ": '" + drafts[k].own.name +
             "' extends '" + drafts[k].own.extends + "'";
    chain += " -> " + drafts[k].own.extends;
    if (drafts[k].own.extends == drafts[i].own.name) break;
    for (std::size_t j = 0; j < drafts.size(); ++j) {
      if (drafts[j].own.name == drafts[k].own.extends) {
        k = j;
        break;
      }
    }
  }
  return chain + links;
}

}  // namespace

std::vector<Scenario> read_scenario_files(
    const std::vector<ScenarioSource>& sources,
    const std::vector<Scenario>& known,
    std::vector<PackFile>* checksums) {
  std::vector<Draft> drafts;
  drafts.reserve(sources.size());
  for (const auto& source : sources) drafts.push_back(parse_draft(source));
  // A parent must be a draft or already known.
  for (const auto& d : drafts) {
    if (d.own.extends.empty() || find(known, d.own.extends) != nullptr)
      continue;
    const bool among =
        std::any_of(drafts.begin(), drafts.end(), [&](const Draft& o) {
          return o.own.name == d.own.extends;
        });
    if (!among) {
      throw ConfigError(d.extends_at + ": extends: unknown scenario '" +
                        d.own.extends + "'");
    }
  }
  // Resolve parents first; a round that resolves nothing is a cycle.
  std::vector<Scenario> done = known;
  std::vector<std::optional<Scenario>> resolved(drafts.size());
  std::size_t left = drafts.size();
  while (left > 0) {
    std::size_t progressed = 0;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
      if (resolved[i]) continue;
      const auto& d = drafts[i];
      const Scenario* parent =
          d.own.extends.empty() ? nullptr : find(done, d.own.extends);
      if (!d.own.extends.empty() && parent == nullptr) continue;
      resolved[i] = resolve(d, parent);
      done.push_back(*resolved[i]);
      ++progressed;
      --left;
    }
    if (progressed == 0) {
      // Walking up from any unresolved draft ends inside the cycle.
      std::size_t k = 0;
      while (resolved[k]) ++k;
      for (std::size_t step = 0; step < drafts.size(); ++step) {
        for (std::size_t j = 0; j < drafts.size(); ++j) {
          if (drafts[j].own.name == drafts[k].own.extends) {
            k = j;
            break;
          }
        }
      }
      throw ConfigError(drafts[k].extends_at + ": extends: inheritance cycle " +
                        cycle_chain(drafts, k));
    }
  }
  std::vector<Scenario> out;
  out.reserve(drafts.size());
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    out.push_back(std::move(*resolved[i]));
    if (checksums != nullptr) {
      checksums->push_back({sources[i].display, drafts[i].checksum});
    }
  }
  return out;
}

Scenario read_scenario_file(const std::filesystem::path& file,
                            const std::vector<Scenario>& known) {
  return read_scenario_files({{file, file.string()}}, known).front();
}

}  // namespace cspcast::io

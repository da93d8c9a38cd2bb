// SPDX-License-Identifier: MIT
// The mapping from imported series to a pack's indicators, and the one
// cspcast ships for the six priorities.
#include "../toml_file.hpp"

#include <cspcast/error.hpp>
#include <cspcast/io/importers.hpp>

namespace cspcast::io {

namespace {

const char* const kDefaultMapping =
    R"(# cspcast new-pack: which imported series become which indicator.
# Edit this file and give it back with --mapping FILE. Each [[indicator]]
# sums the listed series of the area (the part after "<area>/"); an
# indicator that no public series measures is [[unmapped]] with the reason,
# and new-pack leaves it out of the pack rather than fill it with an
# approximate series.

[[indicator]]
id = "asb.incidents"
series = ["Anti-social behaviour"]
note = """police.uk 'Anti-social behaviour': incidents recorded by the force
(personal, nuisance and environmental together), by the place reported.
Not the council's own ASB case load."""

[[indicator]]
id = "substance_misuse.drug_offences"
series = ["Drugs"]
note = """police.uk 'Drugs': possession, supply and production offences
recorded by the force. Recorded drug offences follow police activity
(stop and search, operations) as much as drug use."""

[[indicator]]
id = "road_safety.casualties"
series = ["casualties"]
note = "STATS19: every casualty of a reported injury collision in the district, all severities and ages."

[[indicator]]
id = "road_safety.ksi"
series = ["ksi"]
note = """STATS19: killed or seriously injured casualties in the district.
With --severity adjusted at import, sums of the DfT's probabilities of a
serious injury (continuous); as reported otherwise, and the move of the
force to injury-based reporting (CRASH) becomes a recording change."""

[[indicator]]
id = "road_safety.casualties_u16"
series = ["casualties_u16"]
note = "STATS19: casualties aged 0 to 15 (age unknown not counted)."

[[indicator]]
id = "road_safety.ksi_u16"
series = ["ksi_u16"]
note = "STATS19: killed or seriously injured aged 0 to 15."

[[unmapped]]
id = "nte_violence.vap"
why = """police.uk publishes 'Violence and sexual offences', which is
violence against the person PLUS sexual offences, with no night-time
economy flag: not the plan's indicator. Use the force's own VAP extract."""

[[unmapped]]
id = "domestic_abuse.incidents"
why = "police.uk has no domestic abuse flag; DA incidents come from the force's own data."

[[unmapped]]
id = "domestic_abuse.repeat_victims_pct"
why = "no public monthly source (the force's DA data)."

[[unmapped]]
id = "domestic_abuse.oss_visitors"
why = "the One Stop Shop's own records."

[[unmapped]]
id = "domestic_abuse.marac_repeat_pct"
why = "SafeLives publishes MARAC data quarterly by area, not monthly."

[[unmapped]]
id = "nte_violence.assault_admissions"
why = "hospital admissions (HES) are not published by month and district."

[[unmapped]]
id = "substance_misuse.alcohol_admissions"
why = "OHID's Local Alcohol Profiles are annual."

[[unmapped]]
id = "substance_misuse.needles"
why = "the council's own needle-finds log."

[[unmapped]]
id = "reoffending.offending_population_pct"
why = "MoJ proven reoffending statistics are quarterly cohorts; not imported yet."

[[unmapped]]
id = "reoffending.reoffend_rate"
why = "MoJ proven reoffending statistics are quarterly cohorts; not imported yet."

[[unmapped]]
id = "reoffending.actual_minus_predicted"
why = "a modelled measure from the probation provider."

[[unmapped]]
id = "road_safety.rush_students"
why = "the road safety team's delivery records."
)";

}  // namespace

const std::string& default_mapping_text() {
  static const std::string kText = kDefaultMapping;
  return kText;
}

PackMapping parse_mapping(const std::string& text, const std::string& name) {
  PackMapping m;
  m.text = text;
  const TomlFile f = TomlFile::parse_text(text, name);
  const auto list = [&](const char* key) -> const toml::array* {
    const toml::node* n = f.root().get(key);
    if (n == nullptr) return nullptr;
    const auto* a = n->as_array();
    if (a == nullptr) {
      throw ConfigError(f.where(*n) + ": " + key + ": expected [[" + key +
                        "]]");
    }
    return a;
  };
  if (const auto* a = list("indicator")) {
    for (const auto& node : *a) {
      const auto* t = node.as_table();
      if (t == nullptr) throw ConfigError(f.where(node) + ": expected a table");
      PackMapping::Entry e;
      e.indicator = f.required_string(*t, "id");
      const toml::node* s = t->get("series");
      const auto* arr = s != nullptr ? s->as_array() : nullptr;
      if (arr == nullptr || arr->empty()) {
        throw ConfigError(f.where(*t, "series") +
                          ": series: expected a list of series names");
      }
      for (const auto& x : *arr) {
        const auto v = x.value<std::string>();
        if (!v || v->empty()) {
          throw ConfigError(f.where(x) + ": series: expected a name");
        }
        e.series.push_back(*v);
      }
      e.note = f.optional_string(*t, "note").value_or("");
      m.entries.push_back(std::move(e));
    }
  }
  if (const auto* a = list("unmapped")) {
    for (const auto& node : *a) {
      const auto* t = node.as_table();
      if (t == nullptr) throw ConfigError(f.where(node) + ": expected a table");
      m.unmapped.push_back({f.required_string(*t, "id"),
                            f.optional_string(*t, "why").value_or("")});
    }
  }
  return m;
}

}  // namespace cspcast::io

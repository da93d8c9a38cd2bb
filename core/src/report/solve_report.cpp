// SPDX-License-Identifier: MIT
// `cspcast solve`'s answer as text, JSON and a scenario file.
#include "format.hpp"

#include <cspcast/error.hpp>
#include <cspcast/report/solve_report.hpp>
#include <cspcast/version.hpp>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <sstream>

namespace cspcast::report {
namespace {

std::string num4(double v) { return num(v, 4); }

}  // namespace

std::string solve_summary(const SolveResult& r) {
  std::ostringstream out;
  const std::string what =
      r.request.lever.empty()
          ? "a uniform effect on " + r.indicator
          : "lever " + r.request.lever + " (on " + r.indicator + ")";
  out << "target " << r.request.target << ", base scenario "
      << r.request.scenario << ", " << what << " (seed " << r.options.seed
      << ", " << r.options.paths << " paths)\n";
  out << "  effects searched: " << percent(r.range_lo) << " to "
      << percent(r.range_hi) << "\n";
  out << "  P(met) with this effect at zero: " << num4(r.p_without) << "\n";
  if (r.already_met) {
    out << "  already at P(met) >= " << num4(r.request.probability)
        << " without any effect\n";
  } else if (!r.reachable) {
    out << "  no effect in that range reaches P(met) = "
        << num4(r.request.probability)
        << ": the best is P(met) = " << num4(r.best_p) << " at "
        << percent(r.best_effect) << "\n";
  } else {
    out << "  effect needed for P(met) >= " << num4(r.request.probability)
        << ": " << percent(r.effect) << " (Monte Carlo se "
        << percent(r.effect_se) << "; P(met) there " << num4(r.p_at_effect)
        << ")\n";
    out << "  for P(met) " << num4(r.request.probability - kSolveBand) << ": "
        << percent(r.effect_low) << "; for "
        << num4(r.request.probability + kSolveBand) << ": "
        << percent(r.effect_high) << "\n";
  }
  if (!r.replaced_key.empty()) {
    out << "  replaces the base scenario's intervention '" << r.replaced_key
        << "' (its timing kept, its uncertain effect fixed)\n";
  }
  return out.str();
}

std::string solved_scenario_toml(const SolveResult& r) {
  const Intervention* iv = nullptr;
  for (const auto& k : r.solved.interventions) {
    if ((r.replaced_key.empty() && k.key.rfind("solve:", 0) == 0) ||
        (!r.replaced_key.empty() && k.key == r.replaced_key)) {
      iv = &k;
    }
  }
  if (iv == nullptr) throw Error("internal: solved intervention not found");
  toml::table meta{{"name", r.solved.name},
                   {"title", r.solved.title},
                   {"extends", r.solved.extends},
                   {"pack", r.pack_name},
                   {"pack_fingerprint", r.pack_fingerprint},
                   {"description",
                    "Written by cspcast solve: " +
                        std::string(r.reachable ? "" : "UNREACHABLE, ") +
                        "P(met " + r.request.target +
                        ") = " + num4(r.p_at_effect) + " at this effect."}};
  toml::table t;
  if (!iv->lever.empty()) {
    t.insert("lever", iv->lever);
  } else {
    t.insert("indicator", iv->indicator);
  }
  t.insert("key", iv->key);
  t.insert("start", iv->start.str());
  t.insert("ramp_months", iv->ramp_months);
  if (iv->allow_in_history) t.insert("allow_in_history", true);
  if (iv->duration_months) t.insert("duration_months", *iv->duration_months);
  if (iv->half_life_months > 0.0)
    t.insert("half_life_months", iv->half_life_months);
  t.insert("effect", toml::table{{"dist", "fixed"}, {"value", r.effect}});
  if (iv->spillovers) {
    toml::array spill;
    for (const auto& s : *iv->spillovers) {
      spill.push_back(toml::table{{"indicator", s.indicator},
                                  {"fraction", s.fraction},
                                  {"reason", s.reason}});
    }
    t.insert("spillover", spill);
  }
  t.insert("note",
           "solved effect for P(met " + r.request.target +
               ") >= " + num4(r.request.probability));
  toml::table root{{"scenario", meta}};
  root.insert("intervention", toml::array{t});
  std::ostringstream out;
  out << "# Written by cspcast " << CSPCAST_VERSION_STRING << " solve, pack "
      << r.pack << ", seed " << r.options.seed << ", " << r.options.paths
      << " paths.\n"
      << "# Run it with the same seed and paths to see the solved P(met):\n"
      << "#   cspcast run --pack PACK --scenario THIS_FILE --seed "
      << r.options.seed << " --paths " << r.options.paths << "\n"
      << root << "\n";
  return out.str();
}

std::string solve_json(const SolveResult& r) {
  nlohmann::json j{{"target", r.request.target},
                   {"scenario", r.request.scenario},
                   {"lever", r.request.lever},
                   {"indicator", r.indicator},
                   {"probability", r.request.probability},
                   {"range", {r.range_lo, r.range_hi}},
                   {"p_without", r.p_without},
                   {"already_met", r.already_met},
                   {"reachable", r.reachable},
                   {"effect", r.effect},
                   {"effect_se", r.effect_se},
                   {"effect_for_lower_probability", r.effect_low},
                   {"effect_for_higher_probability", r.effect_high},
                   {"p_at_effect", r.p_at_effect},
                   {"best_effect", r.best_effect},
                   {"best_p", r.best_p},
                   {"replaced_key", r.replaced_key},
                   {"solved_scenario", r.solved.name},
                   {"seed", r.options.seed},
                   {"paths", r.options.paths},
                   {"pack", r.pack},
                   {"cspcast", CSPCAST_VERSION_STRING}};
  return j.dump(2) + "\n";
}

}  // namespace cspcast::report

// SPDX-License-Identifier: MIT
#include <cspcast/error.hpp>
#include <cspcast/solve.hpp>
#include <cspcast/version.hpp>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace cspcast {
namespace {

constexpr double kIndicatorRangeLo = -0.9;
constexpr double kIndicatorRangeHi = 0.9;
constexpr double kTolerance = 1e-5;  // on the effect
constexpr double kBand = 0.05;       // sensitivity band on the probability

const Target& find_target(const Pack& pack, const std::string& id) {
  for (const auto& t : pack.targets) {
    if (t.id == id) return t;
  }
  std::string known;
  for (const auto& t : pack.targets)
    known += (known.empty() ? "" : ", ") + t.id;
  throw ConfigError("--target: unknown target '" + id + "' (pack '" +
                    pack.name + "' has: " + known + ")");
}

// P(met) as a function of the effect, on the engine's fixed paths.
class Objective {
 public:
  Objective(const Engine& engine,
            const Target& target,
            Scenario scenario,
            std::size_t slot)
      : engine_(engine),
        target_(target),
        scenario_(std::move(scenario)),
        slot_(slot) {}
  double operator()(double effect) {
    scenario_.interventions[slot_].effect =
        Distribution{DistributionKind::kFixed, effect, 0.0, 0.0};
    return engine_.probability(target_, scenario_);
  }
  const Scenario& scenario() const { return scenario_; }

 private:
  const Engine& engine_;
  const Target& target_;
  Scenario scenario_;
  std::size_t slot_;
};

// The smallest |effect| on the segment from 0 to `end` with P >= p, given
// P(0) < p <= P(end).
double bisect(Objective& f, double end, double p) {
  double lo = 0.0;  // P(lo) < p
  double hi = end;  // P(hi) >= p
  while (std::abs(hi - lo) > kTolerance) {
    const double mid = 0.5 * (lo + hi);
    if (f(mid) >= p) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  return hi;
}

std::string num(double v) {
  std::ostringstream out;
  out.precision(4);
  out << v;
  return out.str();
}

std::string percent(double v) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(2);
  out << 100.0 * v << "%";
  return out.str();
}

}  // namespace

SolveResult solve(Engine& engine,
                  const SolveRequest& request,
                  const RunOptions& options) {
  const Pack& pack = engine.pack();
  if (!(request.probability > 0.0 && request.probability < 1.0)) {
    throw ConfigError("--probability: must lie strictly between 0 and 1 (got " +
                      num(request.probability) + ")");
  }
  if (request.ramp_months < 0) {
    throw ConfigError("--ramp: negative (got " +
                      std::to_string(request.ramp_months) + ")");
  }
  const Target& target = find_target(pack, request.target);
  const Scenario* base = pack.find_scenario(request.scenario);
  if (base == nullptr) {
    std::string known;
    for (const auto& s : pack.scenarios)
      known += (known.empty() ? "" : ", ") + s.name;
    throw ConfigError("--scenario: unknown scenario '" + request.scenario +
                      "' (pack '" + pack.name + "' has: " + known + ")");
  }
  SolveResult r;
  r.request = request;
  r.options = options;
  r.pack = pack.dir.string();
  Scenario variant = *base;
  Intervention iv;
  if (!request.lever.empty()) {
    const Lever* lever = engine.find_lever(request.lever);
    if (lever == nullptr) {
      throw ConfigError("--lever: unknown lever '" + request.lever +
                        "' (`cspcast plugins` lists every lever)");
    }
    r.indicator = lever->indicator;
    r.range_lo = lever->min_effect;
    r.range_hi = lever->max_effect;
    iv.lever = lever->id;
    iv.indicator = lever->indicator;
  } else {
    r.indicator = target.indicator;
    r.range_lo = kIndicatorRangeLo;
    r.range_hi = kIndicatorRangeHi;
    iv.indicator = target.indicator;
  }
  // Replace the base scenario's intervention on this lever, keeping its
  // timing and spillovers; else add one.
  std::size_t slot = variant.interventions.size();
  for (std::size_t k = 0; k < variant.interventions.size(); ++k) {
    const Intervention& existing = variant.interventions[k];
    const bool same =
        request.lever.empty()
            ? existing.lever.empty() && existing.indicator == target.indicator
            : existing.lever == request.lever;
    if (same && !request.start) {
      slot = k;
      break;
    }
  }
  if (slot < variant.interventions.size()) {
    r.replaced_key = variant.interventions[slot].key;
  } else {
    const auto h = pack.history.find(r.indicator);
    iv.start = request.start ? *request.start : h->second.end() + 1;
    iv.ramp_months = request.ramp_months;
    iv.key = "solve:" + (iv.lever.empty() ? iv.indicator : iv.lever) + "@" +
             iv.start.str();
    iv.note = "added by cspcast solve";
    iv.where = "cspcast solve";
    variant.interventions.push_back(iv);
  }
  engine.validate(variant);
  engine.prepare(options);

  Objective f(engine, target, variant, slot);
  r.p_without = f(0.0);
  const double p_lo = f(r.range_lo);
  const double p_hi = f(r.range_hi);
  const bool low_side = p_lo >= p_hi;
  r.best_effect = low_side ? r.range_lo : r.range_hi;
  r.best_p = std::max(p_lo, p_hi);
  const double p = request.probability;
  auto solve_for = [&](double q) {
    if (r.p_without >= q) return 0.0;
    if (r.best_p < q) return r.best_effect;
    return bisect(f, r.best_effect, q);
  };
  r.already_met = r.p_without >= p;
  r.reachable = r.already_met || r.best_p >= p;
  r.effect = solve_for(p);
  if (r.reachable && !r.already_met) {
    r.effect_low = solve_for(p - kBand);
    r.effect_high = solve_for(p + kBand);
    // Delta method: se(effect) = se(P) / |dP/d effect|, the slope taken
    // across the band.
    const double run = std::abs(r.effect_high - r.effect_low);
    const double se_p =
        std::sqrt(p * (1.0 - p) / static_cast<double>(options.paths));
    r.effect_se = run > 0.0 ? se_p * run / (2.0 * kBand) : 0.0;
  } else {
    r.effect_low = r.effect;
    r.effect_high = r.effect;
  }
  r.p_at_effect = f(r.effect);
  r.solved = f.scenario();
  r.solved.interventions[slot].effect =
      Distribution{DistributionKind::kFixed, r.effect, 0.0, 0.0};
  r.solved.extends = base->name;
  r.solved.name =
      base->name + "+" + (request.lever.empty() ? r.indicator : request.lever);
  r.solved.title = "'" + base->name + "' with the effect that gives P(met " +
                   target.id + ") = " + num(p);
  r.solved.file.clear();
  return r;
}

std::string SolveResult::summary() const {
  std::ostringstream out;
  const std::string what =
      request.lever.empty()
          ? "a uniform effect on " + indicator
          : "lever " + request.lever + " (on " + indicator + ")";
  out << "target " << request.target << ", base scenario " << request.scenario
      << ", " << what << " (seed " << options.seed << ", " << options.paths
      << " paths)\n";
  out << "  effects searched: " << percent(range_lo) << " to "
      << percent(range_hi) << "\n";
  out << "  P(met) with this effect at zero: " << num(p_without) << "\n";
  if (already_met) {
    out << "  already at P(met) >= " << num(request.probability)
        << " without any effect\n";
  } else if (!reachable) {
    out << "  no effect in that range reaches P(met) = "
        << num(request.probability) << ": the best is P(met) = " << num(best_p)
        << " at " << percent(best_effect) << "\n";
  } else {
    out << "  effect needed for P(met) >= " << num(request.probability) << ": "
        << percent(effect) << " (Monte Carlo se " << percent(effect_se)
        << "; P(met) there " << num(p_at_effect) << ")\n";
    out << "  for P(met) " << num(request.probability - kBand) << ": "
        << percent(effect_low) << "; for " << num(request.probability + kBand)
        << ": " << percent(effect_high) << "\n";
  }
  if (!replaced_key.empty()) {
    out << "  replaces the base scenario's intervention '" << replaced_key
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
                   {"description",
                    "Written by cspcast solve: " +
                        std::string(r.reachable ? "" : "UNREACHABLE, ") +
                        "P(met " + r.request.target +
                        ") = " + num(r.p_at_effect) + " at this effect."}};
  toml::table t;
  if (!iv->lever.empty()) {
    t.insert("lever", iv->lever);
  } else {
    t.insert("indicator", iv->indicator);
  }
  t.insert("key", iv->key);
  t.insert("start", iv->start.str());
  t.insert("ramp_months", iv->ramp_months);
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
               ") >= " + num(r.request.probability));
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

}  // namespace cspcast

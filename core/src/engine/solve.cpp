// SPDX-License-Identifier: MIT
#include <cspcast/engine/solve.hpp>
#include <cspcast/error.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace cspcast {
namespace {

constexpr double kIndicatorRangeLo = -0.9;
constexpr double kIndicatorRangeHi = 0.9;
constexpr double kTolerance = 1e-5;  // on the effect

const Target& find_target(const Pack& pack, const std::string& id) {
  for (const auto& t : pack.targets) {
    if (t.id == id) return t;
  }
  std::string known;
  for (const auto& t : pack.targets)
    known += (known.empty() ? "" : ", ") + t.id;
  throw ConfigError("target: unknown target '" + id + "' (pack '" + pack.name +
                    "' has: " + known + ")");
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

const Scenario& find_base(const Pack& pack, const std::string& name) {
  const Scenario* base = pack.find_scenario(name);
  if (base != nullptr) return *base;
  std::string known;
  for (const auto& s : pack.scenarios)
    known += (known.empty() ? "" : ", ") + s.name;
  throw ConfigError("scenario: unknown scenario '" + name + "' (pack '" +
                    pack.name + "' has: " + known + ")");
}

// The intervention the effect acts through, and the range searched.
Intervention solved_intervention(const Engine& engine,
                                 const SolveRequest& request,
                                 const Target& target,
                                 SolveResult& r) {
  Intervention iv;
  if (!request.lever.empty()) {
    const Lever* lever = engine.find_lever(request.lever);
    if (lever == nullptr) {
      throw ConfigError("lever: unknown lever '" + request.lever +
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
  return iv;
}

// Replaces the base scenario's intervention on this lever, keeping its
// timing and spillovers; else adds one. Returns its slot.
std::size_t place(Scenario& variant,
                  Intervention iv,
                  const SolveRequest& request,
                  const Target& target,
                  const Pack& pack,
                  SolveResult& r) {
  for (std::size_t k = 0; k < variant.interventions.size(); ++k) {
    const Intervention& existing = variant.interventions[k];
    const bool same =
        request.lever.empty()
            ? existing.lever.empty() && existing.indicator == target.indicator
            : existing.lever == request.lever;
    if (same && !request.start) {
      r.replaced_key = existing.key;
      return k;
    }
  }
  const auto h = pack.history.find(r.indicator);
  iv.start = request.start ? *request.start : h->second.end() + 1;
  iv.ramp_months = request.ramp_months;
  iv.key = "solve:" + (iv.lever.empty() ? iv.indicator : iv.lever) + "@" +
           iv.start.str();
  iv.note = "added by cspcast solve";
  iv.where = "cspcast solve";
  variant.interventions.push_back(iv);
  return variant.interventions.size() - 1;
}

// The search: P(met) at zero and at both ends, then bisection for p and
// for the band around it.
void search(Objective& f,
            const SolveRequest& request,
            int paths,
            SolveResult& r) {
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
    r.effect_low = solve_for(p - kSolveBand);
    r.effect_high = solve_for(p + kSolveBand);
    // Delta method: se(effect) = se(P) / |dP/d effect|, the slope taken
    // across the band.
    const double run = std::abs(r.effect_high - r.effect_low);
    const double se_p = std::sqrt(p * (1.0 - p) / static_cast<double>(paths));
    r.effect_se = run > 0.0 ? se_p * run / (2.0 * kSolveBand) : 0.0;
  } else {
    r.effect_low = r.effect;
    r.effect_high = r.effect;
  }
  r.p_at_effect = f(r.effect);
}

}  // namespace

std::vector<OptionProblem> SolveRequest::problems() const {
  std::vector<OptionProblem> out;
  if (!(probability > 0.0 && probability < 1.0)) {
    out.push_back(
        {"probability",
         "must lie strictly between 0 and 1 (got " + num(probability) + ")"});
  }
  check_range(out, "ramp_months", ramp_months, 0, 600);
  return out;
}

SolveResult solve(Engine& engine,
                  const SolveRequest& request,
                  const RunOptions& options) {
  validate(request.problems());
  const Pack& pack = engine.pack();
  const Target& target = find_target(pack, request.target);
  const Scenario& base = find_base(pack, request.scenario);
  SolveResult r;
  r.request = request;
  r.options = options;
  r.pack = pack.dir.string();
  r.pack_name = pack.name;
  r.pack_fingerprint = pack.fingerprint;
  Scenario variant = base;
  const std::size_t slot =
      place(variant,
            solved_intervention(engine, request, target, r),
            request,
            target,
            pack,
            r);
  engine.validate(variant);
  engine.prepare(options);
  Objective f(engine, target, variant, slot);
  search(f, request, options.paths, r);
  r.solved = f.scenario();
  r.solved.interventions[slot].effect =
      Distribution{DistributionKind::kFixed, r.effect, 0.0, 0.0};
  r.solved.extends = base.name;
  r.solved.name =
      base.name + "+" + (request.lever.empty() ? r.indicator : request.lever);
  r.solved.title = "'" + base.name + "' with the effect that gives P(met " +
                   target.id + ") = " + num(request.probability);
  r.solved.file.clear();
  return r;
}

}  // namespace cspcast

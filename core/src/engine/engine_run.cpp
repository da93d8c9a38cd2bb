// SPDX-License-Identifier: MIT
// The run: every target under every scenario on the prepared paths, the
// statuses with their Monte Carlo intervals, the best scenario and the
// paired comparisons; with a precision, rounds of more paths.
#include "engine_impl.hpp"
#include "parallel.hpp"

#include <cspcast/error.hpp>
#include <cspcast/format.hpp>
#include <cspcast/kernels/quantiles.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace cspcast {

std::vector<OptionProblem> RunOptions::problems() const {
  std::vector<OptionProblem> out;
  check_range(out, "paths", paths, 100, 10'000'000);
  check_range(out, "threads", threads, 0, 1024);
  if (!(precision >= 0.0 && precision < 0.5)) {
    out.push_back(
        {"precision",
         "between 0 and 0.5 (got " + std::to_string(precision) + ")"});
  }
  if (precision > 0.0)
    check_range(out, "max_paths", max_paths, paths, 10'000'000);
  return out;
}

std::string status_of(double p_met) {
  if (p_met >= kOnTrack) return "on track";
  if (p_met >= kAtRisk) return "at risk";
  return "off track";
}

ProbabilityInterval probability_interval(double p, double n) {
  constexpr double kZ = 1.959963984540054;  // two-sided 95%
  const double z2 = kZ * kZ;
  const double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
  const double half =
      kZ * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / (1.0 + z2 / n);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::string borderline_between(double p_met, const ProbabilityInterval& ci) {
  for (const double threshold : {kOnTrack, kAtRisk}) {
    if (ci.lo < threshold && threshold <= ci.hi) {
      return status_of(threshold - 1e-12) + " or " + status_of(threshold);
    }
  }
  (void)p_met;
  return "";
}

std::string status_of(double p_met, const ProbabilityInterval& ci) {
  return borderline_between(p_met, ci).empty() ? status_of(p_met)
                                               : "borderline";
}

namespace {

// The scenarios a run asks for (all of the pack's when none is named).
std::vector<const Scenario*> chosen_scenarios(const Pack& pack,
                                              const RunOptions& options) {
  std::vector<const Scenario*> out;
  if (options.scenarios.empty()) {
    for (const auto& s : pack.scenarios) out.push_back(&s);
    return out;
  }
  for (const auto& name : options.scenarios) {
    const Scenario* s = pack.find_scenario(name);
    if (s == nullptr) {
      std::string known;
      for (const auto& k : pack.scenarios)
        known += (known.empty() ? "" : ", ") + k.name;
      throw ConfigError("scenario: unknown scenario '" + name + "' (pack '" +
                        pack.name + "' has: " + known + ")");
    }
    out.push_back(s);
  }
  return out;
}

// P(met), its Monte Carlo error and the value's quantiles on one scenario.
TargetOutcome outcome(const Target& target,
                      const std::string& scenario,
                      const TargetPaths& tp,
                      kernels::QuantileSelector& select) {
  const auto n = static_cast<double>(tp.value.size());
  TargetOutcome o;
  o.target = target.id;
  o.scenario = scenario;
  o.indicator = target.indicator;
  o.period = target.period_label();
  o.basis = to_string(target.basis.kind);
  o.p_met = std::accumulate(tp.met.begin(), tp.met.end(), 0.0) / n;
  o.p_met_se = std::sqrt(o.p_met * (1.0 - o.p_met) / n);
  o.p_met_ci = probability_interval(o.p_met, n);
  o.mean = tp.value.mean();
  const std::array<double, 3> probs = {0.5, 0.1, 0.9};
  std::array<double, 3> q{};
  select.compute(tp.value.data(), tp.value.size(), probs.data(), 3, q.data());
  o.median = q[0];
  o.lo80 = q[1];
  o.hi80 = q[2];
  select.compute(
      tp.threshold.data(), tp.threshold.size(), probs.data(), 1, q.data());
  o.threshold_median = q[0];
  o.status = status_of(o.p_met, o.p_met_ci);
  o.borderline = borderline_between(o.p_met, o.p_met_ci);
  return o;
}

// Scenario A against B on the same paths.
PairOutcome pair_outcome(const std::string& target,
                         const std::string& name_a,
                         const std::string& name_b,
                         const TargetPaths& a,
                         const TargetPaths& b) {
  PairOutcome po;
  po.target = target;
  po.scenario_a = name_a;
  po.scenario_b = name_b;
  const Vector diff = a.value - b.value;
  const auto n = static_cast<double>(diff.size());
  double a_better = 0.0;
  double b_better = 0.0;
  double met_diff = 0.0;
  for (Eigen::Index p = 0; p < diff.size(); ++p) {
    a_better += a.margin(p) > b.margin(p) ? 1.0 : 0.0;
    b_better += b.margin(p) > a.margin(p) ? 1.0 : 0.0;
    met_diff +=
        a.met[static_cast<std::size_t>(p)] - b.met[static_cast<std::size_t>(p)];
  }
  po.p_a_better = a_better / n;
  po.p_b_better = b_better / n;
  po.mean_difference = diff.mean();
  const double var = (diff.array() - po.mean_difference).square().sum() /
                     std::max(1.0, n - 1.0);
  po.mean_difference_se = std::sqrt(var / n);
  po.p_met_difference = met_diff / n;
  return po;
}

// One target's verdict across scenarios: the best scenario's name, or
// (best empty) the reason none is named.
struct BestOf {
  std::string best;
  std::string reason;
};

// The best scenario of one target, named only when it beats the next by
// more than the paired 95% Monte Carlo error of the difference in P(met)
// and reaches kBestFloor; otherwise the reason none is named.
BestOf name_best(const std::vector<const Scenario*>& scenarios,
                 const std::vector<TargetPaths>& per) {
  const auto p_of = [&](std::size_t k) {
    return std::accumulate(per[k].met.begin(), per[k].met.end(), 0.0) /
           static_cast<double>(per[k].met.size());
  };
  std::size_t best = 0;
  for (std::size_t k = 1; k < per.size(); ++k) {
    if (p_of(k) > p_of(best)) best = k;
  }
  if (p_of(best) < kBestFloor) {
    return {"", "no scenario reaches P(met) " + format_number(kBestFloor)};
  }
  // Every other scenario whose P(met) is within the paired 95% Monte Carlo
  // error of the best's ties with it.
  const auto n = static_cast<double>(per[best].met.size());
  std::vector<std::size_t> tied;
  for (std::size_t k = 0; k < per.size(); ++k) {
    if (k == best) continue;
    const double diff = p_of(best) - p_of(k);
    double sq = 0.0;
    for (std::size_t p = 0; p < per[best].met.size(); ++p) {
      const double d = per[best].met[p] - per[k].met[p];
      sq += (d - diff) * (d - diff);
    }
    if (diff <= 1.96 * std::sqrt(sq / std::max(1.0, n - 1.0) / n)) {
      tied.push_back(k);
    }
  }
  if (tied.empty()) return {scenarios[best]->name, ""};
  std::string names = scenarios[best]->name;
  for (std::size_t i = 0; i < tied.size(); ++i) {
    names += (i + 1 == tied.size() ? " and " : ", ") + scenarios[tied[i]]->name;
  }
  return {"", names + " tie for best within Monte Carlo error"};
}

}  // namespace

namespace {

// Every status settled, or known to within `precision`.
bool settled(const RunResult& r, double precision) {
  return std::all_of(
      r.outcomes.begin(), r.outcomes.end(), [&](const TargetOutcome& o) {
        return o.status != "borderline" || o.p_met_se <= precision;
      });
}

}  // namespace

RunResult Engine::run(const RunOptions& options) {
  if (options.precision > 0.0) {
    cspcast::validate(options.problems());
    RunOptions round = options;
    round.precision = 0.0;
    std::vector<int> rounds;
    for (;;) {
      RunResult r = run(round);
      rounds.push_back(round.paths);
      if (settled(r, options.precision) || round.paths >= options.max_paths) {
        r.options.precision = options.precision;
        r.options.max_paths = options.max_paths;
        r.precision_rounds = rounds;
        return r;
      }
      round.paths = std::min(2 * round.paths, options.max_paths);
    }
  }
  auto& im = *impl_;
  const std::vector<const Scenario*> scenarios =
      chosen_scenarios(im.pack, options);
  prepare(options);
  RunResult r;
  r.options = options;
  r.threads_used = resolve_threads(options.threads);
  r.pack_name = im.pack.name;
  r.pack_dir = im.pack.dir.string();
  r.pack_files = im.pack.files;
  r.warnings = im.warnings;
  for (const auto& m : im.sources)
    r.plugins.push_back({m->name(), m->version(), m->location()});
  for (const auto* s : scenarios) r.scenarios.push_back(s->name);
  for (const auto& [id, s] : im.sims) {
    r.models.push_back({id,
                        s.plugin,
                        s.model,
                        s.history.size(),
                        s.recording_change,
                        s.fitted});
  }
  if (options.fans) im.indicator_fans(scenarios, r);
  im.draw_effects(scenarios, r.threads_used);
  im.judge_targets(scenarios, options, r);
  return r;
}

void Engine::Impl::judge_targets(const std::vector<const Scenario*>& scenarios,
                                 const RunOptions& options,
                                 RunResult& r) {
  // Every target in parallel, each under every scenario, into its own
  // slots; the results are put together in order afterwards. A target's
  // paths under its scenarios are needed together (the paired
  // comparisons) and then no more: each thread reuses one set.
  const std::size_t nt = pack.targets.size();
  const std::size_t ns = scenarios.size();
  std::vector<TargetOutcome> outcomes(nt * ns);
  std::vector<Fan> target_fans(options.fans ? nt * ns : 0);
  std::vector<std::vector<PairOutcome>> pairs(nt);
  std::vector<BestOf> best(nt);
  detail::parallel_for(static_cast<int>(nt), r.threads_used, [&](int task) {
    const auto t = static_cast<std::size_t>(task);
    const Target& target = pack.targets[t];
    thread_local std::vector<TargetPaths> per;
    thread_local kernels::QuantileSelector select;
    per.resize(ns);
    for (std::size_t k = 0; k < ns; ++k) {
      const Scenario& scenario = *scenarios[k];
      evaluate_into(target, scenario, per[k]);
      outcomes[t * ns + k] = outcome(target, scenario.name, per[k], select);
      if (options.fans) {
        target_fans[t * ns + k] = target_fan(target, scenario, per[k]);
      }
    }
    best[t] = name_best(scenarios, per);
    for (std::size_t a = 0; a < ns; ++a) {
      for (std::size_t b = a + 1; b < ns; ++b) {
        pairs[t].push_back(pair_outcome(
            target.id, scenarios[a]->name, scenarios[b]->name, per[a], per[b]));
      }
    }
    step();
  });
  for (auto& o : outcomes) r.outcomes.push_back(std::move(o));
  for (std::size_t t = 0; t < nt; ++t) {
    const std::string& id = pack.targets[t].id;
    if (best[t].best.empty()) {
      r.no_best_reason[id] = std::move(best[t].reason);
    } else {
      r.best_scenario[id] = std::move(best[t].best);
    }
    for (auto& po : pairs[t]) r.pairs.push_back(std::move(po));
  }
  for (auto& f : target_fans) r.fans.push_back(std::move(f));
}

}  // namespace cspcast

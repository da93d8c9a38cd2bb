// SPDX-License-Identifier: MIT
// The run: each scenario applied to the prepared baseline paths (common
// random numbers), every target evaluated path by path, every pair of
// scenarios compared on the same paths.
#include "engine_impl.hpp"

#include <cspcast/error.hpp>
#include <cspcast/format.hpp>
#include <cspcast/kernels/quantiles.hpp>
#include <cspcast/kernels/random.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <iomanip>
#include <limits>
#include <numeric>
#include <sstream>

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

std::shared_ptr<const Vector> Engine::Impl::effect_draws(
    const Intervention& iv) const {
  if (iv.effect.kind == DistributionKind::kFixed) {
    // Nothing to draw (and the solver tries many fixed values).
    return std::make_shared<const Vector>(
        Vector::Constant(prepared_for.paths, iv.effect.a));
  }
  std::ostringstream id;
  id << iv.key << '|' << static_cast<int>(iv.effect.kind) << std::hexfloat
     << '|' << iv.effect.a << '|' << iv.effect.b << '|' << iv.effect.c;
  const std::lock_guard<std::mutex> lock(effects_mutex);
  auto& slot = effects[id.str()];
  if (!slot) {
    const auto n = static_cast<Eigen::Index>(prepared_for.paths);
    auto draws = std::make_shared<Vector>(n);
    const std::uint64_t key = kernels::hash_key("effect:" + iv.key);
    for (Eigen::Index p = 0; p < n; ++p) {
      kernels::Rng rng(prepared_for.seed,
                       kernels::mix(key, static_cast<std::uint64_t>(p)));
      (*draws)(p) = iv.effect.quantile(rng.uniform());
    }
    slot = std::move(draws);
  }
  return slot;
}

const SeriesSim& Engine::Impl::sim(const std::string& id) const {
  const auto it = sims.find(id);
  if (it == sims.end()) throw Error("internal: no simulation for '" + id + "'");
  return it->second;
}

// Aggregates a series over a period on the basis, path by path.
void Engine::Impl::aggregate(const SeriesSim& s,
                             const Matrix& paths,
                             const Period& period,
                             const Basis& basis,
                             bool mean,
                             const PopulationTable& population,
                             Vector& out) const {
  const auto n = static_cast<Eigen::Index>(prepared_for.paths);
  out.setZero(n);
  for (YearMonth t = period.first; t <= period.last; t = t + 1) {
    const int i = t - s.history.start;
    if (i < s.history.size()) {
      const double v = s.history.values[static_cast<std::size_t>(i)];
      if (s.change == nullptr) {
        out.array() += v;
      } else {
        out += v * (t < s.change->from ? s.before_scale : s.after_scale);
      }
    } else {
      out += paths.row(i - s.history.size()).transpose();
    }
  }
  if (mean) out /= period.months();
  if (basis.is_rate()) {
    out *= basis.per() /
           population.at(basis.population_group, period.first.year());
  }
}

// Multipliers for `indicator` under `scenario` into `mult` (months x
// paths); false, and `mult` untouched, when nothing acts on it.
bool Engine::Impl::multipliers(const std::string& indicator,
                               const SeriesSim& s,
                               const Scenario& scenario,
                               Matrix& mult) const {
  bool any = false;
  const auto n = static_cast<Eigen::Index>(prepared_for.paths);
  const Eigen::Index months = s.paths.rows();
  for (const auto& iv : scenario.interventions) {
    double fraction = 0.0;
    const Lever* lever = nullptr;
    if (!iv.lever.empty()) lever = &levers.at(iv.lever);
    const std::string& own = lever != nullptr ? lever->indicator : iv.indicator;
    if (own == indicator) {
      fraction = 1.0;
    } else {
      const std::vector<Spillover>* spill = nullptr;
      if (iv.spillovers) {
        spill = &*iv.spillovers;
      } else if (lever != nullptr) {
        spill = &lever->spillovers;
      }
      if (spill != nullptr) {
        for (const auto& sp : *spill) {
          if (sp.indicator == indicator) fraction += sp.fraction;
        }
      }
    }
    if (fraction == 0.0) continue;
    if (!any) mult.setOnes(months, n);  // keeps its storage when the size is
    any = true;                         // the same: no allocation per call
    const auto draws = effect_draws(iv);
    Vector strength(months);
    for (Eigen::Index h = 0; h < months; ++h) {
      strength(h) = iv.strength(s.history.end() + static_cast<int>(h + 1));
    }
    for (Eigen::Index p = 0; p < n; ++p) {
      mult.col(p).array() *= 1.0 + (*draws)(p)*fraction * strength.array();
    }
  }
  return any;
}

void Engine::Impl::judge(const Target& target,
                         const Period& period,
                         const SeriesSim& s,
                         const Matrix& paths,
                         bool mean,
                         const PopulationTable& population,
                         const Vector& base_value,
                         TargetPaths& out) const {
  aggregate(s, paths, period, target.basis, mean, population, out.value);
  Vector comparator;
  if (uses_comparator(target.kind)) {
    const Comparator* c =
        pack.find_comparator(target.comparator, target.indicator);
    const SeriesSim& cs = sim(c->id + ":" + c->indicator);
    const Basis as_is{target.basis.kind == BasisKind::kPercentage
                          ? BasisKind::kPercentage
                          : BasisKind::kCount,
                      "all"};
    const bool cmean = c->basis.kind == BasisKind::kPercentage ||
                       c->basis.kind == BasisKind::kLevel;
    aggregate(cs,
              cs.paths,
              target.kind == TargetKind::kHalfDifference ? *target.base_period
                                                         : period,
              as_is,
              cmean,
              population,
              comparator);
  }
  const Eigen::Index n = out.value.size();
  out.threshold.resize(n);
  for (Eigen::Index p = 0; p < n; ++p) {
    const TargetCheck c =
        check_target(target,
                     out.value(p),
                     comparator.size() > 0 ? comparator(p) : 0.0,
                     base_value.size() > 0 ? base_value(p) : 0.0);
    out.threshold(p) = c.bar;
    out.margin(p) = std::min(out.margin(p), c.margin);
    auto& met = out.met[static_cast<std::size_t>(p)];
    met = static_cast<char>(met != 0 && c.met ? 1 : 0);
  }
}

Engine::Engine(Pack pack,
               std::vector<std::shared_ptr<const PrioritySource>> sources)
    : impl_(std::make_unique<Impl>()) {
  impl_->pack = std::move(pack);
  impl_->sources = std::move(sources);
  impl_->validate_indicators();
  impl_->validate_targets();
  for (const auto& s : impl_->pack.scenarios) validate(s);
}

Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

const Pack& Engine::pack() const { return impl_->pack; }

void Engine::set_progress(Progress progress) {
  impl_->progress = std::move(progress);
}

const Lever* Engine::find_lever(const std::string& id) const {
  const auto it = impl_->levers.find(id);
  return it == impl_->levers.end() ? nullptr : &it->second;
}

TargetPaths Engine::evaluate(const Target& target,
                             const Scenario& scenario) const {
  const auto& im = *impl_;
  if (!im.prepared) throw Error("internal: evaluate() before prepare()");
  const SeriesSim& base = im.sim(target.indicator);
  const bool mean =
      im.indicators.at(target.indicator).first.unit != Unit::kCount;
  const auto n = static_cast<Eigen::Index>(im.prepared_for.paths);

  // The scenario's paths: the baseline's times the interventions'
  // multipliers, in buffers kept by each thread (no allocation per call
  // once they have grown). History months keep the series' own recording
  // scales.
  thread_local Matrix mult;
  thread_local Matrix scaled;
  const Matrix* paths = &base.paths;
  if (im.multipliers(target.indicator, base, scenario, mult)) {
    scaled = base.paths.cwiseProduct(mult);
    paths = &scaled;
  }
  const PopulationTable population =
      im.pack.population.overridden_by(scenario.population);
  Vector base_value;
  if (target.base_period)
    im.aggregate(base,
                 *paths,
                 *target.base_period,
                 target.basis,
                 mean,
                 population,
                 base_value);
  TargetPaths out;
  out.met.assign(static_cast<std::size_t>(n), 1);
  out.margin.setConstant(n, std::numeric_limits<double>::infinity());
  // Met on a path when met in every period; the value and bar shown are
  // the last period's, the margin the tightest.
  for (const Period& period : target.judged_periods()) {
    im.judge(target, period, base, *paths, mean, population, base_value, out);
  }
  return out;
}

double Engine::probability(const Target& target,
                           const Scenario& scenario) const {
  const TargetPaths paths = evaluate(target, scenario);
  const double met = std::accumulate(paths.met.begin(), paths.met.end(), 0.0);
  return met / static_cast<double>(paths.met.size());
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

// The best scenario of one target, named only when it beats the next by
// more than the paired 95% Monte Carlo error of the difference in P(met)
// and reaches kBestFloor; otherwise the reason none is named.
void name_best(const std::string& target,
               const std::vector<const Scenario*>& scenarios,
               const std::vector<TargetPaths>& per,
               RunResult& r) {
  const auto p_of = [&](std::size_t k) {
    return std::accumulate(per[k].met.begin(), per[k].met.end(), 0.0) /
           static_cast<double>(per[k].met.size());
  };
  std::size_t best = 0;
  for (std::size_t k = 1; k < per.size(); ++k) {
    if (p_of(k) > p_of(best)) best = k;
  }
  if (p_of(best) < kBestFloor) {
    r.no_best_reason[target] =
        "no scenario reaches P(met) " + format_number(kBestFloor);
    return;
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
  if (tied.empty()) {
    r.best_scenario[target] = scenarios[best]->name;
    return;
  }
  std::string names = scenarios[best]->name;
  for (std::size_t i = 0; i < tied.size(); ++i) {
    names += (i + 1 == tied.size() ? " and " : ", ") + scenarios[tied[i]]->name;
  }
  r.no_best_reason[target] = names + " tie for best within Monte Carlo error";
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
    r.models.push_back(
        {id, s.plugin, s.model, s.history.size(), s.recording_change});
  }
  kernels::QuantileSelector select;
  for (const auto& target : im.pack.targets) {
    std::vector<TargetPaths> per;
    per.reserve(scenarios.size());
    for (const auto* scenario : scenarios) {
      per.push_back(evaluate(target, *scenario));
      r.outcomes.push_back(outcome(target, scenario->name, per.back(), select));
    }
    name_best(target.id, scenarios, per, r);
    im.step();
    for (std::size_t a = 0; a < per.size(); ++a) {
      for (std::size_t b = a + 1; b < per.size(); ++b) {
        r.pairs.push_back(pair_outcome(
            target.id, scenarios[a]->name, scenarios[b]->name, per[a], per[b]));
      }
    }
  }
  return r;
}

}  // namespace cspcast

// SPDX-License-Identifier: MIT
// Evaluation: a scenario applied to the prepared baseline paths (common
// random numbers: the same paths and effect draws under every scenario)
// and one target judged path by path over each of its periods.
#include "engine_impl.hpp"
#include "parallel.hpp"

#include <cspcast/error.hpp>
#include <cspcast/kernels/random.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <thread>

namespace cspcast {
namespace {

// The cache key of an intervention's effect draws.
std::string effect_id(const Intervention& iv) {
  std::ostringstream id;
  id << iv.key << '|' << static_cast<int>(iv.effect.kind) << std::hexfloat
     << '|' << iv.effect.a << '|' << iv.effect.b << '|' << iv.effect.c;
  return id.str();
}

// Draws for paths [first, first + count): path p's uniform from its own
// stream, through the distribution's inverse CDF.
void fill_draws(const Intervention& iv,
                const InverseCdf& inverse,
                std::uint64_t seed,
                Eigen::Index first,
                Eigen::Index count,
                Vector& out) {
  const std::uint64_t key = kernels::hash_key("effect:" + iv.key);
  for (Eigen::Index p = first; p < first + count; ++p) {
    kernels::Rng rng(seed, kernels::mix(key, static_cast<std::uint64_t>(p)));
    out(p) = inverse(rng.uniform());
  }
}

}  // namespace

std::shared_ptr<const Vector> Engine::Impl::effect_draws(
    const Intervention& iv) const {
  const std::string id = effect_id(iv);
  {
    const std::lock_guard<std::mutex> lock(effects_mutex);
    const auto it = effects.find(id);
    if (it != effects.end()) return it->second;
  }
  // Not drawn by draw_effects (a scenario made on the fly): drawn here,
  // outside the lock; a thread that loses the race uses the first draws
  // (the same numbers).
  const auto n = static_cast<Eigen::Index>(prepared_for.paths);
  auto draws = std::make_shared<Vector>(n);
  fill_draws(iv, InverseCdf(iv.effect), prepared_for.seed, 0, n, *draws);
  const std::lock_guard<std::mutex> lock(effects_mutex);
  auto& slot = effects[id];
  if (!slot) slot = std::move(draws);
  return slot;
}

void Engine::Impl::draw_effects(const std::vector<const Scenario*>& scenarios,
                                int threads) {
  std::vector<const Intervention*> todo;
  std::vector<InverseCdf> inverse;
  std::vector<std::shared_ptr<Vector>> draws;
  const auto n = static_cast<Eigen::Index>(prepared_for.paths);
  for (const Scenario* s : scenarios) {
    for (const Intervention& iv : s->interventions) {
      if (iv.effect.kind == DistributionKind::kFixed) continue;
      auto& slot = effects[effect_id(iv)];
      if (slot) continue;
      draws.push_back(std::make_shared<Vector>(n));
      slot = draws.back();
      todo.push_back(&iv);
      inverse.emplace_back(iv.effect);
    }
  }
  // Blocks of paths of every effect in parallel: the inverse CDFs (a
  // PERT's is a root search) are most of a scenario's cost.
  const auto blocks = static_cast<int>((n + kPathsPerTask - 1) / kPathsPerTask);
  detail::parallel_for(
      static_cast<int>(todo.size()) * blocks, threads, [&](int task) {
        const auto k = static_cast<std::size_t>(task / blocks);
        const Eigen::Index first =
            static_cast<Eigen::Index>(task % blocks) * kPathsPerTask;
        fill_draws(*todo[k],
                   inverse[k],
                   prepared_for.seed,
                   first,
                   std::min<Eigen::Index>(kPathsPerTask, n - first),
                   *draws[k]);
      });
}

const SeriesSim& Engine::Impl::sim(const std::string& id) const {
  const auto it = sims.find(id);
  if (it == sims.end()) throw Error("internal: no simulation for '" + id + "'");
  return it->second;
}

// Aggregates a series over a period on the basis, path by path.
void Engine::Impl::aggregate(const ScenarioView& view,
                             const Period& period,
                             const Basis& basis,
                             bool mean,
                             const PopulationTable& population,
                             Vector& out) const {
  const SeriesSim& s = *view.series;
  const auto n = static_cast<Eigen::Index>(prepared_for.paths);
  out.setZero(n);
  // The months in history first, then the projected ones: each path's sum
  // in time order, the projected months read down its own column.
  const int first = period.first - s.history.start;
  const int last = period.last - s.history.start;
  for (int i = first; i <= std::min(last, s.history.size() - 1); ++i) {
    const double v = s.history.values[static_cast<std::size_t>(i)];
    if (s.change == nullptr) {
      out.array() += v;
    } else {
      const YearMonth t = s.history.start + i;
      out += v * (t < s.change->from ? s.before_scale : s.after_scale);
    }
  }
  const int from = std::max(first, s.history.size());
  if (from <= last) {
    const int row = from - s.history.size() - s.skipped;
    if (row < 0) {
      throw Error("internal: month " + (s.history.start + from).str() +
                  " of '" + s.id +
                  "' was not kept (RunOptions::all_months keeps it)");
    }
    sum_projected(view, row, last - from + 1, out);
  }
  if (mean) out /= period.months();
  if (basis.is_rate()) {
    out *= basis.per() /
           population.at(basis.population_group, period.population_year());
  }
}

// Adds months [row, row + len) of every path of the view to `out`, in
// time order; the multipliers computed as they are read, in the order a
// materialised matrix would (the same bits).
void Engine::Impl::sum_projected(const ScenarioView& view,
                                 int row,
                                 int len,
                                 Vector& out) {
  const Eigen::Map<Matrix>& paths = view.series->paths;
  const Eigen::Index n = paths.cols();
  if (view.factors.empty()) {
    for (Eigen::Index p = 0; p < n; ++p) {
      const double* col = paths.data() + p * paths.outerStride() + row;
      double acc = out(p);
      for (int k = 0; k < len; ++k) acc += col[k];
      out(p) = acc;
    }
    return;
  }
  thread_local std::vector<double> coefficient;
  coefficient.resize(view.factors.size());
  for (Eigen::Index p = 0; p < n; ++p) {
    for (std::size_t f = 0; f < view.factors.size(); ++f) {
      coefficient[f] = view.coefficient(view.factors[f], p);
    }
    const double* col = paths.data() + p * paths.outerStride() + row;
    double acc = out(p);
    for (int k = 0; k < len; ++k) {
      acc += col[k] * view.multiplier(coefficient.data(), row + k);
    }
    out(p) = acc;
  }
}

void Engine::Impl::scenario_view(const std::string& indicator,
                                 const SeriesSim& s,
                                 const Scenario& scenario,
                                 ScenarioView& view) const {
  view.series = &s;
  view.factors.clear();
  view.strengths.clear();
  view.held.clear();
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
    ScenarioView::Factor f;
    f.fraction = fraction;
    f.strength = view.strengths.size();
    for (Eigen::Index h = 0; h < months; ++h) {
      view.strengths.push_back(iv.strength(s.month_of(h)));
    }
    if (iv.effect.kind == DistributionKind::kFixed) {
      f.fixed = iv.effect.a;  // the same on every path: no draws
    } else {
      view.held.push_back(effect_draws(iv));
      f.draws = view.held.back().get();
    }
    view.factors.push_back(f);
  }
}

ConstMatrixRef Engine::Impl::materialise(const ScenarioView& view,
                                         std::vector<double>& buffer) {
  const Eigen::Map<Matrix>& paths = view.series->paths;
  if (view.factors.empty()) return paths;
  buffer.resize(static_cast<std::size_t>(paths.size()));
  Eigen::Map<Matrix> scaled(buffer.data(), paths.rows(), paths.cols());
  std::vector<double> coefficient(view.factors.size());
  for (Eigen::Index p = 0; p < paths.cols(); ++p) {
    for (std::size_t f = 0; f < view.factors.size(); ++f) {
      coefficient[f] = view.coefficient(view.factors[f], p);
    }
    for (Eigen::Index h = 0; h < paths.rows(); ++h) {
      scaled(h, p) = paths(h, p) * view.multiplier(coefficient.data(), h);
    }
  }
  return scaled;
}

void Engine::Impl::judge(const Target& target,
                         const Period& period,
                         const ScenarioView& view,
                         bool mean,
                         const PopulationTable& population,
                         const Vector& base_value,
                         TargetPaths& out) const {
  aggregate(view, period, target.basis, mean, population, out.value);
  thread_local Vector comparator;
  comparator.resize(0);
  if (uses_comparator(target.kind)) {
    const Comparator* c =
        pack.find_comparator(target.comparator, target.indicator);
    ScenarioView as_projected;  // comparators: no scenario acts on them
    as_projected.series = &sim(c->id + ":" + c->indicator);
    const Basis as_is{target.basis.kind == BasisKind::kPercentage
                          ? BasisKind::kPercentage
                          : BasisKind::kCount,
                      "all"};
    const bool cmean = c->basis.kind == BasisKind::kPercentage ||
                       c->basis.kind == BasisKind::kLevel;
    aggregate(as_projected,
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

std::uint64_t Engine::memory_estimate(const RunOptions& options) const {
  const Pack& p = impl_->pack;
  std::uint64_t months = 0;
  std::uint64_t longest = 0;
  const auto add = [&](const MonthlySeries& s) {
    const auto h = static_cast<std::uint64_t>(std::max(0, p.horizon - s.end()));
    months += h;
    longest = std::max(longest, h);
  };
  for (const auto& [id, s] : p.history) add(s);
  for (const auto& c : p.comparators) add(c.history);
  std::uint64_t keys = 0;
  for (const auto& s : p.scenarios) keys += s.interventions.size();
  const std::uint64_t outcomes = static_cast<std::uint64_t>(p.targets.size()) *
                                 std::max<std::uint64_t>(1, p.scenarios.size());
  // Per path, in doubles: the projections, a scenario copy and its
  // aggregate for each evaluating thread, the draws, and the value, margin
  // and bar of each outcome; then a quarter more for the rest (measured:
  // 10.8 KB a path for the Maidstone pack on 2 threads, estimated 14.5).
  const unsigned hw = std::max(1U, std::thread::hardware_concurrency());
  const std::uint64_t threads =
      options.threads > 0 ? static_cast<std::uint64_t>(options.threads) : hw;
  const std::uint64_t per_path =
      8 * (months + 2 * threads * longest + keys + 3 * outcomes) * 5 / 4;
  const auto paths = static_cast<std::uint64_t>(
      options.precision > 0.0 ? std::max(options.paths, options.max_paths)
                              : options.paths);
  return per_path * paths;
}

void Engine::set_progress(Progress progress) {
  impl_->progress = std::move(progress);
}

const Lever* Engine::find_lever(const std::string& id) const {
  const auto it = impl_->levers.find(id);
  return it == impl_->levers.end() ? nullptr : &it->second;
}

std::vector<std::string> Engine::levers_on(const std::string& indicator) const {
  std::vector<std::string> out;
  for (const auto& [id, lever] : impl_->levers) {
    if (lever.indicator == indicator) out.push_back(id);
  }
  return out;
}

TargetPaths Engine::evaluate(const Target& target,
                             const Scenario& scenario) const {
  TargetPaths out;
  impl_->evaluate_into(target, scenario, out);
  return out;
}

const PopulationTable& Engine::Impl::population_for(
    const Scenario& scenario, PopulationTable& changed) const {
  if (scenario.population.by_group.empty() &&
      scenario.population.growth.empty()) {
    return pack.population;
  }
  changed = pack.population.overridden_by(scenario.population);
  return changed;
}

void Engine::Impl::evaluate_into(const Target& target,
                                 const Scenario& scenario,
                                 TargetPaths& out) const {
  if (!prepared) throw Error("internal: evaluate() before prepare()");
  const SeriesSim& base = sim(target.indicator);
  const bool mean = indicators.at(target.indicator).first.unit != Unit::kCount;
  const auto n = static_cast<Eigen::Index>(prepared_for.paths);

  // The scenario's view of the paths (storage kept by each thread: no
  // allocation per call once it has grown). History months keep the
  // series' own recording scales.
  thread_local Impl::ScenarioView view;
  scenario_view(target.indicator, base, scenario, view);
  PopulationTable changed;
  const PopulationTable& population = population_for(scenario, changed);
  thread_local Vector base_value;
  base_value.resize(0);  // empty: no base period (judge reads its size)
  if (target.base_period)
    aggregate(
        view, *target.base_period, target.basis, mean, population, base_value);
  out.met.assign(static_cast<std::size_t>(n), 1);
  out.margin.setConstant(n, std::numeric_limits<double>::infinity());
  // Met on a path when met in every period; the value and bar shown are
  // the last period's, the margin the tightest.
  const auto judge_period = [&](const Period& period) {
    judge(target, period, view, mean, population, base_value, out);
  };
  if (target.periods.empty()) {
    judge_period(target.period);
  } else {
    for (const Period& period : target.periods) judge_period(period);
  }
}

double Engine::probability(const Target& target,
                           const Scenario& scenario) const {
  // The solver's many evaluations reuse one set of buffers per thread.
  thread_local TargetPaths paths;
  impl_->evaluate_into(target, scenario, paths);
  const double met = std::accumulate(paths.met.begin(), paths.met.end(), 0.0);
  return met / static_cast<double>(paths.met.size());
}

}  // namespace cspcast

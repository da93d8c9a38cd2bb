// SPDX-License-Identifier: MIT
#include "parallel.hpp"

#include <cspcast/engine.hpp>
#include <cspcast/error.hpp>
#include <cspcast/kernels/forecast_model.hpp>
#include <cspcast/kernels/quantiles.hpp>
#include <cspcast/kernels/random.hpp>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <numeric>
#include <set>
#include <sstream>
#include <thread>

namespace cspcast {
namespace {

constexpr int kPathsPerTask = 512;
constexpr int kPeriod = 12;
constexpr double kOnTrack = 0.8;
constexpr double kAtRisk = 0.5;

std::string fmt(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

constexpr int kRecordingStrata = 16;

// One projected series: history as recorded and paths from the month after
// it to the horizon, on the output basis. With a recording change, history
// months before `change_from` are scaled per path by `before_scale` and the
// others by `after_scale` (empty vectors: no change).
struct SeriesSim {
  std::string id;
  std::string plugin;
  MonthlySeries history;
  Matrix paths;  // months x paths
  std::string model;
  std::string recording_change;
  ModelSpec spec;
  const RecordingChange* change = nullptr;
  Vector before_scale;
  Vector after_scale;
};

}  // namespace

std::vector<std::string> RunOptions::problems() const {
  std::vector<std::string> out;
  if (paths < 100)
    out.push_back("paths: at least 100 (got " + std::to_string(paths) + ")");
  if (paths > 10'000'000)
    out.push_back("paths: at most 10000000 (got " + std::to_string(paths) +
                  ")");
  if (threads < 0)
    out.push_back("threads: not negative (got " + std::to_string(threads) +
                  ")");
  return out;
}

std::string status_of(double p_met) {
  if (p_met >= kOnTrack) return "on track";
  if (p_met >= kAtRisk) return "at risk";
  return "off track";
}

struct Engine::Impl {
  Pack pack;
  std::vector<plugin::GuardedModel> models;
  std::map<std::string, std::pair<IndicatorSpec, std::size_t>>
      indicators;  // id -> (spec, model)
  std::map<std::string, Lever> levers;
  RunOptions prepared_for;
  bool prepared = false;
  std::map<std::string, SeriesSim>
      sims;  // indicator id or comparator:indicator
  // Effect draws per (intervention key, distribution): the inverse CDF of a
  // PERT costs microseconds, and every target and scenario reuses the draws.
  mutable std::mutex effects_mutex;
  mutable std::map<std::string, std::shared_ptr<const Vector>> effects;

  std::shared_ptr<const Vector> effect_draws(const Intervention& iv) const {
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

  const SeriesSim& sim(const std::string& id) const {
    const auto it = sims.find(id);
    if (it == sims.end())
      throw Error("internal: no simulation for '" + id + "'");
    return it->second;
  }

  void validate_indicators() {
    for (std::size_t k = 0; k < models.size(); ++k) {
      for (const auto& ind : models[k].info().indicators) {
        if (plugin_of(ind.id) != models[k].name()) {
          throw PluginError(
              models[k].name() + " (" + models[k].path().string() +
              "): declares indicator '" + ind.id + "' outside its priority");
        }
        indicators.emplace(ind.id, std::pair{ind, k});
      }
      for (const auto& lever : models[k].info().levers)
        levers.emplace(lever.id, lever);
    }
    for (const auto& [id, series] : pack.history) {
      const std::string& where = pack.history_where.at(id);
      const std::string plugin = plugin_of(id);
      const bool loaded =
          std::any_of(models.begin(), models.end(), [&](const auto& m) {
            return m.name() == plugin;
          });
      if (!loaded) {
        throw PluginError(where + ": indicator: '" + id + "' needs plugin '" +
                          plugin +
                          "', which is not loaded (see `cspcast plugins`)");
      }
      const auto it = indicators.find(id);
      if (it == indicators.end()) {
        std::string known;
        for (const auto& [k, v] : indicators) {
          if (plugin_of(k) == plugin) known += (known.empty() ? "" : ", ") + k;
        }
        throw ConfigError(where + ": indicator: unknown indicator '" + id +
                          "' (plugin '" + plugin + "' declares: " + known +
                          ")");
      }
      const Unit unit = it->second.first.unit;
      const auto& lines = pack.history_lines.at(id);
      for (std::size_t i = 0; i < series.values.size(); ++i) {
        const double v = series.values[i];
        const std::string at =
            pack.history_file + ":" + std::to_string(lines[i]) + ": value";
        if (unit == Unit::kCount && v < 0.0) {
          throw DataError(at + ": negative count for '" + id + "' (got " +
                          fmt(v) + "; expected >= 0)");
        }
        if (unit == Unit::kPercentage && (v < 0.0 || v > 100.0)) {
          throw DataError(at + ": percentage out of range for '" + id +
                          "' (got " + fmt(v) + "; expected 0 to 100)");
        }
      }
      if (series.end() >= pack.horizon) {
        throw ConfigError(where + ": month: history of '" + id +
                          "' reaches the horizon " + pack.horizon.str());
      }
    }
    for (const auto& c : pack.comparators) {
      if (pack.history.find(c.indicator) == pack.history.end()) {
        throw ConfigError(c.where + ": indicator: comparator '" + c.id +
                          "' for '" + c.indicator + "', which has no history");
      }
    }
  }

  void validate_targets() const {
    for (const auto& t : pack.targets) {
      const auto h = pack.history.find(t.indicator);
      if (h == pack.history.end()) {
        throw ConfigError(t.where + ": indicator: no history for '" +
                          t.indicator + "'");
      }
      const Unit unit = indicators.at(t.indicator).first.unit;
      const bool count_basis =
          t.basis.kind == BasisKind::kCount || t.basis.is_rate();
      if ((unit == Unit::kCount) != count_basis) {
        throw ConfigError(t.where + ": basis: " + to_string(t.basis.kind) +
                          " does not suit a " + to_string(unit) + " indicator");
      }
      if (t.basis.is_rate()) {
        for (const auto& p : {std::optional<Period>(t.period), t.base_period}) {
          if (p)
            (void)pack.population.at(t.basis.population_group, p->first.year());
        }
      }
      if (uses_comparator(t.kind)) {
        const Comparator* c = pack.find_comparator(t.comparator, t.indicator);
        if (c == nullptr) {
          throw ConfigError(t.where + ": comparator: no comparator '" +
                            t.comparator + "' for '" + t.indicator +
                            "' in the comparators file");
        }
        if (c->basis.kind != t.basis.kind) {
          throw ConfigError(t.where + ": basis: comparator '" + t.comparator +
                            "' is " + to_string(c->basis.kind) +
                            ", the target " + to_string(t.basis.kind));
        }
      }
      if (t.base_period) {
        if (t.base_period->first < h->second.start) {
          throw ConfigError(t.where +
                            ": base_period: starts before the history of '" +
                            t.indicator + "' (" + h->second.start.str() + ")");
        }
        if (t.kind == TargetKind::kHalfDifference) {
          const Comparator* c = pack.find_comparator(t.comparator, t.indicator);
          if (t.base_period->last > h->second.end() ||
              t.base_period->last > c->history.end() ||
              t.base_period->first < c->history.start) {
            throw ConfigError(
                t.where + ": base_period: must lie within the history of '" +
                t.indicator + "' and its comparator");
          }
        }
      }
    }
  }

  // Aggregates a series over a period on the basis, path by path.
  void aggregate(const SeriesSim& s,
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
        out += s.paths.row(i - s.history.size()).transpose();
      }
    }
    if (mean) out /= period.months();
    if (basis.is_rate()) {
      out *= basis.per() /
             population.at(basis.population_group, period.first.year());
    }
  }

  // Multipliers for `indicator` under `scenario`: months x paths, or empty
  // when nothing acts on it.
  Matrix multipliers(const std::string& indicator,
                     const SeriesSim& s,
                     const Scenario& scenario) const {
    Matrix mult;
    const auto n = static_cast<Eigen::Index>(prepared_for.paths);
    const Eigen::Index months = s.paths.rows();
    for (const auto& iv : scenario.interventions) {
      double fraction = 0.0;
      const Lever* lever = nullptr;
      if (!iv.lever.empty()) lever = &levers.at(iv.lever);
      const std::string& own =
          lever != nullptr ? lever->indicator : iv.indicator;
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
      if (mult.size() == 0) mult.setOnes(months, n);
      const auto draws = effect_draws(iv);
      Vector strength(months);
      for (Eigen::Index h = 0; h < months; ++h) {
        strength(h) = iv.strength(s.history.end() + static_cast<int>(h + 1));
      }
      for (Eigen::Index p = 0; p < n; ++p) {
        mult.col(p).array() *= 1.0 + (*draws)(p)*fraction * strength.array();
      }
    }
    return mult;
  }
};

Engine::Engine(Pack pack, std::vector<plugin::GuardedModel> models)
    : impl_(std::make_unique<Impl>()) {
  impl_->pack = std::move(pack);
  impl_->models = std::move(models);
  impl_->validate_indicators();
  impl_->validate_targets();
  for (const auto& s : impl_->pack.scenarios) validate(s);
}

Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

const Pack& Engine::pack() const { return impl_->pack; }

const Lever* Engine::find_lever(const std::string& id) const {
  const auto it = impl_->levers.find(id);
  return it == impl_->levers.end() ? nullptr : &it->second;
}

void Engine::validate(const Scenario& scenario) const {
  for (const auto& iv : scenario.interventions) {
    std::string indicator = iv.indicator;
    if (!iv.lever.empty()) {
      const Lever* lever = find_lever(iv.lever);
      if (lever == nullptr) {
        std::string known;
        for (const auto& [id, l] : impl_->levers) {
          if (plugin_of(id) == plugin_of(iv.lever))
            known += (known.empty() ? "" : ", ") + id;
        }
        throw ConfigError(iv.where + ": lever: unknown lever '" + iv.lever +
                          "'" +
                          (known.empty() ? "" : " (known: " + known + ")"));
      }
      indicator = lever->indicator;
    }
    if (impl_->pack.history.find(indicator) == impl_->pack.history.end()) {
      throw ConfigError(iv.where + ": indicator: unknown indicator '" +
                        indicator + "' (no history in the pack)");
    }
    if (iv.start > impl_->pack.horizon) {
      throw ConfigError(iv.where + ": start: after the horizon (got " +
                        iv.start.str() +
                        "; expected <= " + impl_->pack.horizon.str() + ")");
    }
    if (iv.spillovers) {
      for (const auto& sp : *iv.spillovers) {
        if (impl_->pack.history.find(sp.indicator) ==
            impl_->pack.history.end()) {
          throw ConfigError(iv.where +
                            ": spillover.indicator: unknown indicator '" +
                            sp.indicator + "'");
        }
      }
    }
  }
}

void Engine::prepare(const RunOptions& options) {
  const auto problems = options.problems();
  if (!problems.empty()) {
    std::string text;
    for (const auto& p : problems) text += (text.empty() ? "" : "; ") + p;
    throw ConfigError("run options: " + text);
  }
  auto& im = *impl_;
  if (im.prepared && im.prepared_for.paths == options.paths &&
      im.prepared_for.seed == options.seed) {
    return;
  }
  im.sims.clear();
  im.effects.clear();
  im.prepared_for = options;
  const int threads =
      options.threads > 0
          ? options.threads
          : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  std::vector<SeriesSim*> order;
  for (const auto& [id, series] : im.pack.history) {
    SeriesSim s;
    s.id = id;
    s.plugin = plugin_of(id);
    s.history = series;
    for (const auto& rc : im.pack.recording_changes) {
      if (rc.indicator == id) s.change = &rc;
    }
    const auto& [spec, k] = im.indicators.at(id);
    s.spec = im.models[k].choose_model(spec, s.history);
    const auto chosen = im.pack.model_overrides.find(id);
    if (chosen != im.pack.model_overrides.end()) s.spec.kind = chosen->second;
    im.sims.emplace(id, std::move(s));
  }
  for (const auto& c : im.pack.comparators) {
    SeriesSim s;
    s.id = c.id + ":" + c.indicator;
    s.history = c.history;
    s.spec = ModelSpec{
        ModelKind::kAuto,
        c.basis.kind == BasisKind::kLevel ? Transform::kNone : Transform::kLog};
    im.sims.emplace(s.id, std::move(s));
  }
  for (auto& [id, s] : im.sims) order.push_back(&s);

  // A recording change with an uncertain factor: one model per
  // equal-probability stratum of the factor; path p belongs to the stratum
  // of its own uniform draw.
  struct Fitted {
    std::vector<std::unique_ptr<kernels::ForecastModel>> models;
    std::vector<double> factors;        // per stratum
    std::vector<std::uint8_t> stratum;  // per path (empty: one model)
  };
  std::vector<Fitted> fitted(order.size());
  detail::parallel_for(static_cast<int>(order.size()), threads, [&](int i) {
    SeriesSim& s = *order[static_cast<std::size_t>(i)];
    Fitted& f = fitted[static_cast<std::size_t>(i)];
    const int months = im.pack.horizon - s.history.end();
    s.paths.resize(months, options.paths);
    const auto n = static_cast<Eigen::Index>(options.paths);
    if (s.change == nullptr) {
      f.factors = {1.0};
    } else if (s.change->factor.kind == DistributionKind::kFixed) {
      f.factors = {s.change->factor_at(0.5)};
      f.stratum.assign(static_cast<std::size_t>(n), 0);
    } else {
      for (int b = 0; b < kRecordingStrata; ++b) {
        f.factors.push_back(s.change->factor_at((b + 0.5) / kRecordingStrata));
      }
      const std::uint64_t key = kernels::hash_key("recording:" + s.id);
      f.stratum.resize(static_cast<std::size_t>(n));
      for (Eigen::Index p = 0; p < n; ++p) {
        kernels::Rng rng(options.seed,
                         kernels::mix(key, static_cast<std::uint64_t>(p)));
        const int b =
            std::min(kRecordingStrata - 1,
                     static_cast<int>(rng.uniform() * kRecordingStrata));
        f.stratum[static_cast<std::size_t>(p)] = static_cast<std::uint8_t>(b);
      }
    }
    for (const double factor : f.factors) {
      std::vector<double> adjusted = s.history.values;
      if (s.change != nullptr) {
        for (int t = 0;
             t < s.history.size() && s.history.start + t < s.change->from;
             ++t) {
          adjusted[static_cast<std::size_t>(t)] *= factor;
        }
        // The count model needs whole numbers: adjusted history is rounded.
        if (s.spec.kind == ModelKind::kCount) {
          for (double& v : adjusted) v = std::round(v);
        }
      }
      const ConstVectorMap y(adjusted.data(), s.history.size());
      try {
        f.models.push_back(kernels::fit_forecast_model(y, kPeriod, s.spec));
      } catch (const Error& e) {
        throw DataError("series '" + s.id + "': " + e.what());
      }
    }
    s.model = f.models[f.models.size() / 2]->name();
    if (s.change != nullptr) {
      const RecordingChange& rc = *s.change;
      s.recording_change = "history before " + rc.from.str() + " x " +
                           rc.factor.describe() +
                           (rc.carry_forward ? ", new basis carried forward"
                                             : ", projected on the old basis");
      s.before_scale.resize(n);
      s.after_scale.resize(n);
      for (Eigen::Index p = 0; p < n; ++p) {
        const double factor = f.factors[f.stratum[static_cast<std::size_t>(p)]];
        s.before_scale(p) = rc.carry_forward ? factor : 1.0;
        s.after_scale(p) = rc.carry_forward ? 1.0 : 1.0 / factor;
      }
    }
  });
  // Simulate in blocks of paths; path p always uses the same stream.
  const int blocks = (options.paths + kPathsPerTask - 1) / kPathsPerTask;
  detail::parallel_for(
      static_cast<int>(order.size()) * blocks, threads, [&](int task) {
        const auto i = static_cast<std::size_t>(task / blocks);
        const int first = (task % blocks) * kPathsPerTask;
        const int count = std::min(kPathsPerTask, options.paths - first);
        SeriesSim& s = *order[i];
        const Fitted& f = fitted[i];
        const std::uint64_t key = kernels::hash_key(s.id);
        auto block = s.paths.middleCols(first, count);
        if (f.models.size() == 1) {
          f.models[0]->simulate(options.seed, key, first, block);
        } else {
          for (int c = 0; c < count; ++c) {
            const auto b = f.stratum[static_cast<std::size_t>(first + c)];
            f.models[b]->simulate(
                options.seed, key, first + c, block.middleCols(c, 1));
          }
        }
        if (s.change != nullptr && !s.change->carry_forward) {
          for (int c = 0; c < count; ++c) {
            block.col(c) *= s.after_scale(first + c);
          }
        }
        if (!block.allFinite()) {
          throw NumericError("series '" + s.id + "': model " + s.model +
                             " produced non-finite paths");
        }
      });
  im.prepared = true;
}

TargetPaths Engine::evaluate(const Target& target,
                             const Scenario& scenario) const {
  const auto& im = *impl_;
  if (!im.prepared) throw Error("internal: evaluate() before prepare()");
  const SeriesSim& base = im.sim(target.indicator);
  const Unit unit = im.indicators.at(target.indicator).first.unit;
  const bool mean = unit != Unit::kCount;
  const auto n = static_cast<Eigen::Index>(im.prepared_for.paths);

  SeriesSim scenario_sim;
  const SeriesSim* s = &base;
  const Matrix mult = im.multipliers(target.indicator, base, scenario);
  if (mult.size() > 0) {
    scenario_sim.history = base.history;
    scenario_sim.paths = base.paths.cwiseProduct(mult);
    s = &scenario_sim;
  }
  const PopulationTable population =
      im.pack.population.overridden_by(scenario.population);
  TargetPaths out;
  im.aggregate(*s, target.period, target.basis, mean, population, out.value);
  out.threshold.resize(n);
  out.margin.resize(n);
  out.met.assign(static_cast<std::size_t>(n), 0);

  Vector comparator;
  if (uses_comparator(target.kind)) {
    const Comparator* c =
        im.pack.find_comparator(target.comparator, target.indicator);
    const SeriesSim& cs = im.sim(c->id + ":" + c->indicator);
    const Basis as_is{target.basis.kind == BasisKind::kPercentage
                          ? BasisKind::kPercentage
                          : BasisKind::kCount,
                      "all"};
    const bool cmean = c->basis.kind == BasisKind::kPercentage ||
                       c->basis.kind == BasisKind::kLevel;
    if (target.kind == TargetKind::kHalfDifference) {
      im.aggregate(
          cs, *target.base_period, as_is, cmean, population, comparator);
    } else {
      im.aggregate(cs, target.period, as_is, cmean, population, comparator);
    }
  }
  Vector base_value;
  if (target.base_period)
    im.aggregate(
        *s, *target.base_period, target.basis, mean, population, base_value);

  for (Eigen::Index p = 0; p < n; ++p) {
    const TargetCheck c =
        check_target(target,
                     out.value(p),
                     comparator.size() > 0 ? comparator(p) : 0.0,
                     base_value.size() > 0 ? base_value(p) : 0.0);
    out.threshold(p) = c.bar;
    out.margin(p) = c.margin;
    out.met[static_cast<std::size_t>(p)] = c.met ? 1 : 0;
  }
  return out;
}

double Engine::probability(const Target& target,
                           const Scenario& scenario) const {
  const TargetPaths paths = evaluate(target, scenario);
  const double met = std::accumulate(paths.met.begin(), paths.met.end(), 0.0);
  return met / static_cast<double>(paths.met.size());
}

RunResult Engine::run(const RunOptions& options) {
  auto& im = *impl_;
  std::vector<const Scenario*> scenarios;
  if (options.scenarios.empty()) {
    for (const auto& s : im.pack.scenarios) scenarios.push_back(&s);
  } else {
    for (const auto& name : options.scenarios) {
      const Scenario* s = im.pack.find_scenario(name);
      if (s == nullptr) {
        std::string known;
        for (const auto& k : im.pack.scenarios)
          known += (known.empty() ? "" : ", ") + k.name;
        throw ConfigError("--scenario: unknown scenario '" + name +
                          "' (pack '" + im.pack.name + "' has: " + known + ")");
      }
      scenarios.push_back(s);
    }
  }
  prepare(options);
  RunResult r;
  r.options = options;
  r.threads_used =
      options.threads > 0
          ? options.threads
          : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  r.pack_name = im.pack.name;
  r.pack_dir = im.pack.dir.string();
  r.pack_files = im.pack.files;
  for (const auto& m : im.models)
    r.plugins.push_back({m.name(), m.version(), m.path().string()});
  for (const auto* s : scenarios) r.scenarios.push_back(s->name);
  for (const auto& [id, s] : im.sims) {
    r.models.push_back(
        {id, s.plugin, s.model, s.history.size(), s.recording_change});
  }
  const double n = options.paths;
  kernels::QuantileSelector select;
  for (const auto& target : im.pack.targets) {
    std::vector<TargetPaths> per;
    per.reserve(scenarios.size());
    double best_p = -1.0;
    for (const auto* scenario : scenarios) {
      per.push_back(evaluate(target, *scenario));
      const TargetPaths& tp = per.back();
      TargetOutcome o;
      o.target = target.id;
      o.scenario = scenario->name;
      o.indicator = target.indicator;
      o.period = target.period.label;
      o.basis = to_string(target.basis.kind);
      o.p_met = std::accumulate(tp.met.begin(), tp.met.end(), 0.0) / n;
      o.p_met_se = std::sqrt(o.p_met * (1.0 - o.p_met) / n);
      o.mean = tp.value.mean();
      const double probs[3] = {0.5, 0.1, 0.9};
      double q[3];
      select.compute(tp.value.data(), tp.value.size(), probs, 3, q);
      o.median = q[0];
      o.lo80 = q[1];
      o.hi80 = q[2];
      select.compute(tp.threshold.data(), tp.threshold.size(), probs, 1, q);
      o.threshold_median = q[0];
      o.status = status_of(o.p_met);
      if (o.p_met > best_p) {
        best_p = o.p_met;
        r.best_scenario[target.id] = scenario->name;
      }
      r.outcomes.push_back(o);
    }
    for (std::size_t a = 0; a < per.size(); ++a) {
      for (std::size_t b = a + 1; b < per.size(); ++b) {
        PairOutcome po;
        po.target = target.id;
        po.scenario_a = scenarios[a]->name;
        po.scenario_b = scenarios[b]->name;
        const Vector diff = per[a].value - per[b].value;
        double a_better = 0.0;
        double b_better = 0.0;
        double met_diff = 0.0;
        for (Eigen::Index p = 0; p < diff.size(); ++p) {
          a_better += per[a].margin(p) > per[b].margin(p) ? 1.0 : 0.0;
          b_better += per[b].margin(p) > per[a].margin(p) ? 1.0 : 0.0;
          met_diff += per[a].met[static_cast<std::size_t>(p)] -
                      per[b].met[static_cast<std::size_t>(p)];
        }
        po.p_a_better = a_better / n;
        po.p_b_better = b_better / n;
        po.mean_difference = diff.mean();
        const double var = (diff.array() - po.mean_difference).square().sum() /
                           std::max(1.0, n - 1.0);
        po.mean_difference_se = std::sqrt(var / n);
        po.p_met_difference = met_diff / n;
        r.pairs.push_back(po);
      }
    }
  }
  return r;
}

}  // namespace cspcast

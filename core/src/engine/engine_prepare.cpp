// SPDX-License-Identifier: MIT
// The baseline: one model per indicator and comparator (one per stratum of
// an uncertain recording factor), fitted in parallel, and paths simulated
// in blocks; path p of a series always uses the same random stream.
#include "engine_impl.hpp"
#include "huge_pages.hpp"
#include "parallel.hpp"
#include "plugin_model.hpp"

#include <cspcast/error.hpp>
#include <cspcast/kernels/random.hpp>

#include <algorithm>
#include <cmath>
#include <new>

namespace cspcast {
namespace {

// Each path's stratum of the recording factor, from its own uniform draw.
void draw_strata(const SeriesSim& s,
                 FittedSeries& f,
                 const RunOptions& options) {
  const auto n = static_cast<std::size_t>(options.paths);
  if (s.change == nullptr) {
    f.factors = {1.0};
    return;
  }
  if (s.change->factor.kind == DistributionKind::kFixed) {
    f.factors = {s.change->factor_at(0.5)};
    f.stratum.assign(n, 0);
    return;
  }
  for (int b = 0; b < kRecordingStrata; ++b) {
    f.factors.push_back(s.change->factor_at((b + 0.5) / kRecordingStrata));
  }
  const std::uint64_t key = kernels::hash_key("recording:" + s.id);
  f.stratum.resize(n);
  for (std::size_t p = 0; p < n; ++p) {
    kernels::Rng rng(options.seed, kernels::mix(key, p));
    const int b = std::min(kRecordingStrata - 1,
                           static_cast<int>(rng.uniform() * kRecordingStrata));
    f.stratum[p] = static_cast<std::uint8_t>(b);
  }
}

// Each path's scale for the history before and after the change.
void recording_scales(SeriesSim& s, const FittedSeries& f, Eigen::Index n) {
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

// The core model for `history` of an indicator (or of its comparator):
// the plugin's choice, continuous when the values are not whole.
ModelSpec core_spec(const PrioritySource& source,
                    const IndicatorSpec& spec,
                    const MonthlySeries& history) {
  ModelSpec chosen = source.choose_model(spec, history);
  // A count indicator measured continuously (the DfT's adjusted KSI are
  // sums of probabilities; a comparator's rate) is modelled as continuous,
  // not as counts.
  if (chosen.kind == ModelKind::kCount &&
      std::any_of(history.values.begin(), history.values.end(), [](double v) {
        return v != std::floor(v);
      })) {
    chosen = ModelSpec{ModelKind::kAuto, Transform::kLog};
  }
  return chosen;
}

}  // namespace

// The history with the months before the change put on the new basis.
std::vector<double> adjusted_history(const SeriesSim& s, double factor) {
  std::vector<double> adjusted = s.history.values;
  if (s.change == nullptr) return adjusted;
  for (int t = 0; t < s.history.size() && s.history.start + t < s.change->from;
       ++t) {
    adjusted[static_cast<std::size_t>(t)] *= factor;
  }
  // The count model needs whole numbers: adjusted history is rounded.
  if (s.spec.kind == ModelKind::kCount) {
    for (double& v : adjusted) v = std::round(v);
  }
  return adjusted;
}

std::vector<SeriesSim*> Engine::Impl::make_sims() {
  sims.clear();
  for (const auto& [id, series] : pack.history) {
    SeriesSim s;
    s.id = id;
    const auto w = pack.history_where.find(id);
    s.where = w == pack.history_where.end() ? pack.history_file : w->second;
    s.plugin = plugin_of(id);
    s.history = series;
    for (const auto& rc : pack.recording_changes) {
      if (rc.indicator == id) s.change = &rc;
    }
    const auto& [spec, k] = indicators.at(id);
    s.indicator = &spec;
    s.source = k;
    s.spec = core_spec(*sources[k], spec, s.history);
    const auto chosen = pack.model_overrides.find(id);
    if (chosen != pack.model_overrides.end()) s.spec.kind = chosen->second;
    s.own = !spec.own_model.empty() && chosen == pack.model_overrides.end();
    sims.emplace(id, std::move(s));
  }
  // A comparator is modelled in its indicator's family (a percentage on
  // the logit scale, so that its paths stay in 0-100; the plugin's own
  // model when it has one), not in one family for every comparator.
  for (const auto& c : pack.comparators) {
    SeriesSim s;
    s.id = c.id + ":" + c.indicator;
    s.where = c.where;
    s.history = c.history;
    s.comparator = true;
    s.basis = c.basis.kind;
    const auto& [spec, k] = indicators.at(c.indicator);
    s.indicator = &spec;
    s.source = k;
    s.spec = core_spec(*sources[k], spec, s.history);
    if (c.basis.kind == BasisKind::kLevel) s.spec.transform = Transform::kNone;
    s.own =
        !spec.own_model.empty() && pack.model_overrides.count(c.indicator) == 0;
    sims.emplace(s.id, std::move(s));
  }
  std::vector<SeriesSim*> order;
  order.reserve(sims.size());
  for (auto& [id, s] : sims) order.push_back(&s);
  return order;
}

YearMonth Engine::Impl::first_read(const std::string& id) const {
  YearMonth first = pack.horizon + 1;
  // A period read in history (a target's baseline year) reads no projected
  // month; one that straddles the end of history reads from the month after.
  const YearMonth projected = sim(id).history.end() + 1;
  const auto read = [&](const Period& p) {
    if (p.last >= projected)
      first = std::min(first, std::max(p.first, projected));
  };
  for (const Target& t : pack.targets) {
    const bool own = t.indicator == id;
    bool comparator = false;
    if (uses_comparator(t.kind)) {
      const Comparator* c = pack.find_comparator(t.comparator, t.indicator);
      comparator = c != nullptr && c->id + ":" + c->indicator == id;
    }
    if (!own && !comparator) continue;
    for (const Period& p : t.judged_periods()) read(p);
    if (t.base_period) read(*t.base_period);
  }
  return first;
}

void Engine::Impl::allocate_paths(const std::vector<SeriesSim*>& order,
                                  const RunOptions& options) {
  std::size_t total = 0;
  for (SeriesSim* s : order) {
    const int months = pack.horizon - s->history.end();
    s->skipped = 0;
    if (!options.fans && !options.all_months) {
      s->skipped = std::clamp(
          first_read(s->id) - (s->history.end() + 1), 0, std::max(0, months));
    }
    total += static_cast<std::size_t>(std::max(0, months - s->skipped)) *
             static_cast<std::size_t>(options.paths);
  }
  constexpr std::size_t kAlign = std::size_t{2} << 20U;
  const std::size_t bytes =
      (std::max<std::size_t>(total, 1) * sizeof(double) + kAlign - 1) / kAlign *
      kAlign;
  path_arena.reset(static_cast<double*>(std::aligned_alloc(kAlign, bytes)));
  if (!path_arena) throw std::bad_alloc();
  detail::advise_huge_pages(path_arena.get(), bytes);
  double* next = path_arena.get();
  for (SeriesSim* s : order) {
    const Eigen::Index rows =
        std::max(0, pack.horizon - s->history.end() - s->skipped);
    new (&s->paths) Eigen::Map<Matrix>(next, rows, options.paths);
    next += rows * options.paths;
  }
}

void Engine::Impl::fit(SeriesSim& s,
                       FittedSeries& f,
                       const RunOptions& options) const {
  draw_strata(s, f, options);
  for (const double factor : f.factors) {
    const std::vector<double> adjusted = adjusted_history(s, factor);
    const ConstVectorMap y(adjusted.data(), s.history.size());
    try {
      std::unique_ptr<kernels::ForecastModel> own =
          fit_own(s, adjusted, pack.horizon);
      f.models.push_back(own ? std::move(own)
                             : kernels::fit_forecast_model(y, kPeriod, s.spec));
    } catch (const PluginError& e) {
      throw PluginError(s.where + ": series '" + s.id + "': " + e.what());
    } catch (const Error& e) {
      throw DataError(s.where + ": series '" + s.id + "': " + e.what());
    }
  }
  const kernels::ForecastModel& shown = *f.models[f.models.size() / 2];
  s.model = shown.name();
  if (const auto* own = dynamic_cast<const PluginModelAdapter*>(&shown)) {
    s.fitted = own->description();
  }
  if (s.change != nullptr) recording_scales(s, f, options.paths);
}

std::unique_ptr<kernels::ForecastModel> Engine::Impl::fit_own(
    const SeriesSim& s,
    const std::vector<double>& adjusted,
    YearMonth horizon) const {
  if (!s.own) return nullptr;
  const PrioritySource& source = *sources[s.source];
  ProjectionInput input;
  input.indicator = *s.indicator;
  input.series = s.id;
  input.history.id = s.id;
  input.history.start = s.history.start;
  input.history.values = adjusted;
  input.horizon = horizon;
  input.where = s.where;
  const auto given = pack.companions.find(s.id);
  for (const auto& c : s.indicator->companions) {
    MonthlySeries series;
    if (given != pack.companions.end()) {
      const auto it = given->second.find(c.name);
      if (it != given->second.end()) series = it->second;
    }
    series.id = c.name;
    input.companions.push_back(std::move(series));
  }
  std::shared_ptr<const ProjectionModel> model = source.fit_projection(input);
  if (!model) return nullptr;
  ValueRange range = ValueRange::kAny;
  const bool whole = std::all_of(s.history.values.begin(),
                                 s.history.values.end(),
                                 [](double v) { return v == std::floor(v); });
  if (s.comparator) {
    range = s.basis == BasisKind::kPercentage ? ValueRange::kPercentage
            : s.basis == BasisKind::kLevel    ? ValueRange::kAny
            : s.basis == BasisKind::kCount && whole
                ? ValueRange::kWholeNonNegative
                : ValueRange::kNonNegative;
  } else {
    range = s.indicator->unit == Unit::kPercentage ? ValueRange::kPercentage
            : s.indicator->unit == Unit::kLevel    ? ValueRange::kAny
            : whole ? ValueRange::kWholeNonNegative
                    : ValueRange::kNonNegative;
  }
  return std::make_unique<PluginModelAdapter>(
      std::move(model),
      source.name(),
      "plugin '" + source.name() + "' (" + source.location() + "), series '" +
          s.id + "' (" + s.where + ")",
      range,
      s.history.end() + 1);
}

void Engine::Impl::simulate_block(SeriesSim& s,
                                  const FittedSeries& f,
                                  const RunOptions& options,
                                  int first,
                                  int count,
                                  Matrix& scratch) {
  const std::uint64_t key = kernels::hash_key(s.id);
  const Eigen::Index months = s.paths.rows() + s.skipped;
  // Every projected month is simulated; only the kept ones are stored.
  scratch.resize(months, count);  // no allocation once it has grown
  auto block = scratch.leftCols(count);
  // Only the kept months are read: a transform is undone on them alone.
  if (f.models.size() == 1) {
    f.models[0]->simulate_paths(options.seed, key, first, 1, block, s.skipped);
  } else {
    for (int c = 0; c < count; ++c) {
      const auto b = f.stratum[static_cast<std::size_t>(first) +
                               static_cast<std::size_t>(c)];
      f.models[b]->simulate_paths(
          options.seed, key, first + c, 1, block.middleCols(c, 1), s.skipped);
    }
  }
  auto kept = block.bottomRows(s.paths.rows());
  if (s.change != nullptr && !s.change->carry_forward) {
    for (int c = 0; c < count; ++c) kept.col(c) *= s.after_scale(first + c);
  }
  if (!kept.allFinite()) {
    throw NumericError(s.where + ": series '" + s.id + "': model " + s.model +
                       " produced non-finite paths");
  }
  s.paths.middleCols(first, count) = kept;
}

void Engine::prepare(const RunOptions& options) {
  cspcast::validate(options.problems());
  auto& im = *impl_;
  if (im.prepared && im.prepared_for.paths == options.paths &&
      im.prepared_for.seed == options.seed &&
      (im.prepared_for.fans || im.prepared_for.all_months ||
       (!options.fans && !options.all_months))) {
    return;
  }
  im.effects.clear();
  im.prepared_for = options;
  im.progress_done = 0;
  const int threads = resolve_threads(options.threads);
  const std::vector<SeriesSim*> order = im.make_sims();
  im.allocate_paths(order, options);
  std::vector<FittedSeries> fitted(order.size());
  detail::parallel_for(static_cast<int>(order.size()), threads, [&](int i) {
    const auto k = static_cast<std::size_t>(i);
    im.fit(*order[k], fitted[k], options);
    im.step();
  });
  // Simulate in blocks of paths; path p always uses the same stream.
  const int blocks = (options.paths + kPathsPerTask - 1) / kPathsPerTask;
  detail::parallel_for(
      static_cast<int>(order.size()) * blocks, threads, [&](int task) {
        const auto i = static_cast<std::size_t>(task / blocks);
        const int first = (task % blocks) * kPathsPerTask;
        const int count = std::min(kPathsPerTask, options.paths - first);
        thread_local Matrix scratch;
        Impl::simulate_block(
            *order[i], fitted[i], options, first, count, scratch);
      });
  im.prepared = true;
}

}  // namespace cspcast

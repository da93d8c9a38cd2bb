// SPDX-License-Identifier: MIT
// Private: the engine's state, shared by engine.cpp (evaluation),
// engine_run.cpp (the run), engine_checks.cpp (the pack against the
// priorities) and engine_prepare.cpp (fitting and simulating the baseline).
#pragma once

#include <cspcast/engine/engine.hpp>
#include <cspcast/kernels/forecast_model.hpp>

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cspcast {

inline constexpr int kPathsPerTask = 512;
inline constexpr int kPeriod = 12;
inline constexpr int kRecordingStrata = 16;

/// The thread count for `threads` (0: every core).
inline int resolve_threads(int threads) {
  return threads > 0 ? threads
                     : static_cast<int>(
                           std::max(1U, std::thread::hardware_concurrency()));
}

// One projected series: history as recorded and paths from the month after
// it to the horizon, on the output basis. With a recording change, history
// months before `change_from` are scaled per path by `before_scale` and the
// others by `after_scale` (empty vectors: no change).
struct SeriesSim {
  std::string id;
  std::string where;  // file:line of its first month, for messages
  std::string plugin;
  MonthlySeries history;
  // months x paths, a view into Engine::Impl::path_arena (re-seated with
  // placement new, as Eigen documents for Map).
  Eigen::Map<Matrix> paths{nullptr, 0, 0};
  // Projected months not kept: row r of `paths` is the month
  // history.end() + skipped + r + 1. A run without fans keeps only the
  // months from the first one a target reads (the recursion still runs
  // through the others).
  int skipped = 0;
  /// The month of row `r` of `paths`.
  [[nodiscard]] YearMonth month_of(Eigen::Index r) const {
    return history.end() + skipped + static_cast<int>(r) + 1;
  }
  std::string model;
  std::string fitted;  // a plugin model's description with its fit
  std::string recording_change;
  ModelSpec spec;
  // The indicator (its own id, or the one a comparator compares with) and
  // the source that declares it; `own`: ask the source for its own model
  // (the indicator declares one and the pack does not choose a kind).
  const IndicatorSpec* indicator = nullptr;
  std::size_t source = 0;
  bool own = false;
  BasisKind basis = BasisKind::kCount;  // a comparator's; unused otherwise
  bool comparator = false;
  const RecordingChange* change = nullptr;
  Vector before_scale;
  Vector after_scale;
};

// The fitted models of one series. With an uncertain recording factor:
// one model per equal-probability stratum of the factor; path p belongs to
// the stratum of its own uniform draw.
struct FittedSeries {
  std::vector<std::unique_ptr<kernels::ForecastModel>> models;
  std::vector<double> factors;        // per stratum
  std::vector<std::uint8_t> stratum;  // per path (empty: one model)
};

/// The history of `s` with the months before its recording change put on
/// the new basis by `factor` (rounded for the count model).
std::vector<double> adjusted_history(const SeriesSim& s, double factor);

struct Engine::Impl {
  Pack pack;
  std::vector<std::shared_ptr<const PrioritySource>> sources;
  std::map<std::string, std::pair<IndicatorSpec, std::size_t>>
      indicators;  // id -> (spec, source)
  std::map<std::string, Lever> levers;
  std::vector<std::string> warnings;  // found by the checks, for every run
  RunOptions prepared_for;
  bool prepared = false;
  std::map<std::string, SeriesSim>
      sims;  // indicator id or comparator:indicator
  // Every series' paths in one block aligned to 2 MiB and advised to the
  // kernel as huge pages (huge_pages.hpp): the run writes them once.
  struct FreeDeleter {
    void operator()(double* p) const { std::free(p); }
  };
  std::unique_ptr<double[], FreeDeleter> path_arena;
  void allocate_paths(const std::vector<SeriesSim*>& order,
                      const RunOptions& options);
  /// The first projected month any target reads from series `id`
  /// (an indicator, or `comparator:indicator`); the horizon + 1 when none.
  [[nodiscard]] YearMonth first_read(const std::string& id) const;
  // Effect draws per (intervention key, distribution), made once by
  // draw_effects (or on first use) and reused by every target and
  // scenario; fixed effects have none (multipliers() applies them).
  mutable std::mutex effects_mutex;
  mutable std::map<std::string, std::shared_ptr<const Vector>> effects;
  Progress progress;
  std::mutex progress_mutex;
  int progress_done = 0;
  /// One more unit done, of the series plus the targets.
  void step() {
    if (!progress) return;
    const std::lock_guard<std::mutex> lock(progress_mutex);
    progress(++progress_done,
             static_cast<int>(pack.history.size() + pack.comparators.size() +
                              pack.targets.size()));
  }

  // engine.cpp
  /// Engine::evaluate into `out`, whose storage is reused.
  void evaluate_into(const Target& target,
                     const Scenario& scenario,
                     TargetPaths& out) const;
  /// The draws of a non-fixed effect, one per path.
  [[nodiscard]] std::shared_ptr<const Vector> effect_draws(
      const Intervention& iv) const;
  /// The pack's population, or (in `changed`) the scenario's override of
  /// it: no copy when the scenario changes nothing.
  [[nodiscard]] const PopulationTable& population_for(
      const Scenario& scenario, PopulationTable& changed) const;
  /// Every effect the scenarios draw, in parallel, before they are
  /// evaluated (results do not depend on `threads`).
  void draw_effects(const std::vector<const Scenario*>& scenarios, int threads);
  [[nodiscard]] const SeriesSim& sim(const std::string& id) const;
  void aggregate(const SeriesSim& s,
                 const ConstMatrixRef& paths,  // s.paths, or a scenario's
                 const Period& period,
                 const Basis& basis,
                 bool mean,
                 const PopulationTable& population,
                 Vector& out) const;
  bool multipliers(const std::string& indicator,
                   const SeriesSim& s,
                   const Scenario& scenario,
                   Eigen::Map<Matrix>& mult) const;
  // Work space for a scenario's paths, grown and never shrunk: fresh
  // matrices per evaluation cost page faults (docs/performance.md).
  struct ScenarioBuffers {
    std::vector<double> mult;
    std::vector<double> scaled;
  };
  /// The paths of series `s` (indicator `indicator`) under `scenario`:
  /// s.paths itself when nothing acts on it, else the baseline times the
  /// interventions' multipliers, held in `buffers`.
  [[nodiscard]] ConstMatrixRef scenario_paths(const std::string& indicator,
                                              const SeriesSim& s,
                                              const Scenario& scenario,
                                              ScenarioBuffers& buffers) const;
  // The fans of a run (engine_fans.cpp): every indicator under every
  // scenario, and every target's rolling value under every scenario.
  void indicator_fans(const std::vector<const Scenario*>& scenarios,
                      RunResult& r) const;
  [[nodiscard]] Fan target_fan(const Target& target,
                               const Scenario& scenario,
                               const TargetPaths& judged) const;
  // One period of a target: the value and bar of every path, the margin
  // and `met` combined with the periods judged before.
  void judge(const Target& target,
             const Period& period,
             const SeriesSim& s,
             const ConstMatrixRef& paths,
             bool mean,
             const PopulationTable& population,
             const Vector& base_value,
             TargetPaths& out) const;

  // engine_checks.cpp
  void validate_indicators();
  void validate_history(const std::string& id, const MonthlySeries& series);
  void validate_companions() const;
  void validate_targets() const;
  void validate_target(const Target& t) const;

  // engine_prepare.cpp
  std::vector<SeriesSim*> make_sims();
  void fit(SeriesSim& s, FittedSeries& f, const RunOptions& options) const;
  /// The source's own model for `s` fitted to `adjusted` (the values of
  /// s.history, recording-adjusted) to project up to `horizon`, or nullptr.
  [[nodiscard]] std::unique_ptr<kernels::ForecastModel> fit_own(
      const SeriesSim& s,
      const std::vector<double>& adjusted,
      YearMonth horizon) const;
  static void simulate_block(SeriesSim& s,
                             const FittedSeries& f,
                             const RunOptions& options,
                             int first,
                             int count,
                             Matrix& scratch);
};

}  // namespace cspcast

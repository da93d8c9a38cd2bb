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
  /// Months of history a target reads (a baseline year) do not count.
  [[nodiscard]] YearMonth first_read(const std::string& id) const;
  // Effect draws per (intervention key, distribution), made once by
  // draw_effects (or on first use) and reused by every target and
  // scenario; fixed effects have none (scenario_view() applies them).
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
  /// Series `s` under a scenario: month r of path p is s.paths(r, p) times
  /// the product over `factors` of 1 + coefficient(f, p) * strength(f, r).
  /// Applied as the months are read: no matrix per evaluation.
  struct ScenarioView {
    const SeriesSim* series = nullptr;
    struct Factor {
      const Vector* draws = nullptr;  // per path; nullptr: `fixed` on all
      double fixed = 0.0;
      double fraction = 1.0;     // of the effect that reaches this series
      std::size_t strength = 0;  // offset in `strengths` (one per row)
    };
    std::vector<Factor> factors;
    std::vector<double> strengths;
    std::vector<std::shared_ptr<const Vector>> held;  // keeps draws alive
    [[nodiscard]] double coefficient(const Factor& f, Eigen::Index p) const {
      return (f.draws != nullptr ? (*f.draws)(p) : f.fixed) * f.fraction;
    }
    [[nodiscard]] const double* strength(const Factor& f) const {
      return strengths.data() + f.strength;
    }
    /// The multiplier of row r on a path whose factors' coefficients are
    /// `coefficient` (one per factor, in order).
    [[nodiscard]] double multiplier(const double* coefficient,
                                    Eigen::Index r) const {
      double m = 1.0;
      for (std::size_t f = 0; f < factors.size(); ++f) {
        m *= 1.0 + coefficient[f] * strength(factors[f])[r];
      }
      return m;
    }
  };
  /// The view of series `s` (indicator `indicator`) under `scenario` into
  /// `view`, whose storage is reused.
  void scenario_view(const std::string& indicator,
                     const SeriesSim& s,
                     const Scenario& scenario,
                     ScenarioView& view) const;
  /// The view's months x paths as a matrix, held in `buffer` (s.paths
  /// itself when nothing acts on the series): for the fans, which read
  /// every month.
  [[nodiscard]] static ConstMatrixRef materialise(const ScenarioView& view,
                                                  std::vector<double>& buffer);
  void aggregate(const ScenarioView& view,
                 const Period& period,
                 const Basis& basis,
                 bool mean,
                 const PopulationTable& population,
                 Vector& out) const;
  static void sum_projected(const ScenarioView& view,
                            int row,
                            int len,
                            Vector& out);
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
             const ScenarioView& view,
             bool mean,
             const PopulationTable& population,
             const Vector& base_value,
             TargetPaths& out) const;

  // engine_run.cpp
  /// Every target under every scenario (in parallel over targets): the
  /// outcomes, best scenarios, pairs and (with options.fans) target fans.
  void judge_targets(const std::vector<const Scenario*>& scenarios,
                     const RunOptions& options,
                     RunResult& r);

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

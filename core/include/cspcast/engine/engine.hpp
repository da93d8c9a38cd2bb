// SPDX-License-Identifier: MIT
// The engine: a pack and its priorities in, a RunResult out.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/eigen_types.hpp>
#include <cspcast/pack.hpp>
#include <cspcast/priority_source.hpp>
#include <cspcast/progress.hpp>
#include <cspcast/results/forecast.hpp>
#include <cspcast/results/run.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cspcast {

/// Runs a pack: fits a model per indicator and comparator, simulates
/// baseline paths once, applies each scenario on the same paths (common
/// random numbers) and evaluates every target. Results do not depend on the
/// thread count.
class CSPCAST_CORE_API Engine {
 public:
  /// Validates the pack against the priorities' declarations (indicators,
  /// units, levers); throws ConfigError/DataError naming file and line.
  /// The sources are the plugin host's (`PluginRegistry::sources()`) or
  /// objects of this process (`InProcessPriority`).
  Engine(Pack pack, std::vector<std::shared_ptr<const PrioritySource>> sources);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;

  [[nodiscard]] const Pack& pack() const;
  /// Told of progress through prepare() (one unit per series fitted) and
  /// run() (one per target evaluated); calls come from one thread at a time.
  void set_progress(Progress progress);

  /// Bytes a run with these options needs at its peak, estimated from the
  /// pack before any work (every series' paths to the horizon, each
  /// scenario's copy while a target is evaluated, the effect draws and the
  /// outcomes per target and scenario); an over-estimate by design.
  [[nodiscard]] std::uint64_t memory_estimate(const RunOptions& options) const;
  /// Fits and simulates the baseline (idempotent for the same options).
  void prepare(const RunOptions& options);
  /// The full run: prepare, every scenario, every target, every pair.
  [[nodiscard]] RunResult run(const RunOptions& options);
  /// One target under one scenario, after prepare().
  [[nodiscard]] TargetPaths evaluate(const Target& target,
                                     const Scenario& scenario) const;
  /// P(met) of `target` under `scenario`, after prepare().
  [[nodiscard]] double probability(const Target& target,
                                   const Scenario& scenario) const;
  /// Checks a scenario against the plugins (levers, indicators, horizon).
  void validate(const Scenario& scenario) const;
  /// The lever of that id, or nullptr.
  [[nodiscard]] const Lever* find_lever(const std::string& id) const;
  /// Rolling-origin backtest, on the pack's own history, of every series
  /// (indicator or comparator) whose plugin brings its own model: that
  /// model against the core model the plugin chooses for it. Origin k of
  /// `origins` cuts the history `horizon + origins - k` months before its
  /// end (cuts shorter than 12 months are skipped); `paths` paths from
  /// `seed` give the intervals. Rows: `own` and `core` over every series,
  /// and per series. Leaves the engine unprepared.
  [[nodiscard]] BacktestResult backtest_own_models(int horizon,
                                                   int origins,
                                                   int paths,
                                                   std::uint64_t seed);
  /// The ids of the levers that act on `indicator`, sorted.
  [[nodiscard]] std::vector<std::string> levers_on(
      const std::string& indicator) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cspcast

// SPDX-License-Identifier: MIT
// A priority plugin's own projection model (docs/plugin-guide.md): fitted
// by the plugin on an indicator's recording-adjusted history and its
// companion series, and simulated on random streams the engine hands it,
// so that seeds, common random numbers and thread-independence hold
// exactly as for the core's models. Part of the plugin ABI
// (CSPCAST_PLUGIN_ABI_VERSION).
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/indicator.hpp>
#include <cspcast/series.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cspcast {

/// One path's random stream, handed out by PathStreams: the same numbers
/// for the same (seed, series, path) whatever the thread or the order of
/// calls. A value (16 bytes); draws advance only this copy.
class CSPCAST_CORE_API RandomStream {
 public:
  /// Uniform on (0, 1), 53 random bits.
  double uniform();
  /// Standard normal.
  double normal();
  /// Gamma(shape, scale 1), shape > 0.
  double gamma(double shape);
  /// Beta(a, b), a > 0 and b > 0.
  double beta(double a, double b);
  /// Poisson(mean), mean >= 0.
  double poisson(double mean);
  /// Binomial(trials, p): trials a whole number >= 0, p in [0, 1]
  /// (exact: inversion below a mean of 10, else Hormann's BTRS).
  double binomial(double trials, double p);

 private:
  friend class PathStreams;
  RandomStream(std::uint64_t seed, std::uint64_t stream);
  alignas(8) unsigned char state_[16]{};
};

/// The random streams of a block of paths of one series: column c of the
/// block is path `path(c)`, drawn from `stream(c)`. `derive(label)` gives
/// independent streams for one part of a model (a member, the cohort
/// sizes), still one per path.
class CSPCAST_CORE_API PathStreams {
 public:
  PathStreams(std::uint64_t seed,
              std::uint64_t key,
              int first_path,
              int step,
              int count);
  [[nodiscard]] int count() const { return count_; }
  /// The run's index of the path in column c.
  [[nodiscard]] int path(int c) const { return first_ + c * step_; }
  [[nodiscard]] RandomStream stream(int c) const;
  [[nodiscard]] PathStreams derive(std::string_view label) const;
  [[nodiscard]] std::uint64_t seed() const { return seed_; }
  [[nodiscard]] std::uint64_t key() const { return key_; }
  [[nodiscard]] int first_path() const { return first_; }
  [[nodiscard]] int step() const { return step_; }

 private:
  std::uint64_t seed_;
  std::uint64_t key_;
  int first_;
  int step_;
  int count_;
};

/// The paths to fill: `months` rows (the month after the history first)
/// by `paths` columns, column-major, `stride` values between columns.
class PathBlock {
 public:
  PathBlock(double* data,
            std::ptrdiff_t months,
            std::ptrdiff_t paths,
            std::ptrdiff_t stride)
      : data_(data), months_(months), paths_(paths), stride_(stride) {}
  [[nodiscard]] std::ptrdiff_t months() const { return months_; }
  [[nodiscard]] std::ptrdiff_t paths() const { return paths_; }
  [[nodiscard]] std::ptrdiff_t stride() const { return stride_; }
  /// The first month of path c; months() values follow.
  [[nodiscard]] double* column(std::ptrdiff_t c) const {
    return data_ + c * stride_;
  }
  [[nodiscard]] double& operator()(std::ptrdiff_t month,
                                   std::ptrdiff_t c) const {
    return data_[c * stride_ + month];
  }

 private:
  double* data_;
  std::ptrdiff_t months_;
  std::ptrdiff_t paths_;
  std::ptrdiff_t stride_;
};

/// What a plugin's model is fitted on.
struct ProjectionInput {
  /// The indicator (for a comparator: the indicator it compares with).
  IndicatorSpec indicator;
  /// Indicator id, or `comparator:indicator` for a comparator's series.
  std::string series;
  /// On the indicator's unit; recording-adjusted (with an uncertain
  /// recording factor, one stratum's adjustment: the model is fitted once
  /// per stratum).
  MonthlySeries history;
  /// The companion series the indicator declares, in declaration order;
  /// an empty series where the pack gives none for this series. They may
  /// start before and end after the history.
  std::vector<MonthlySeries> companions;
  /// The last month to project (the first is history.end() + 1).
  YearMonth horizon;
  /// Where the history comes from (file:line), for messages.
  std::string where;
  /// The companion `name`, or nullptr when not declared or not given.
  [[nodiscard]] const MonthlySeries* companion(std::string_view name) const {
    for (std::size_t i = 0;
         i < indicator.companions.size() && i < companions.size();
         ++i) {
      if (indicator.companions[i].name == name && !companions[i].values.empty())
        return &companions[i];
    }
    return nullptr;
  }
  /// Months from history.end() + 1 to horizon.
  [[nodiscard]] int months() const { return horizon - history.end(); }
};

/// A fitted plugin model. Immutable once fitted: simulate() is called from
/// several threads at once, and must draw only from the streams it is
/// handed (no global or static random state).
class CSPCAST_CORE_API ProjectionModel {
 public:
  ProjectionModel() = default;
  ProjectionModel(const ProjectionModel&) = delete;
  ProjectionModel& operator=(const ProjectionModel&) = delete;
  ProjectionModel(ProjectionModel&&) = delete;
  ProjectionModel& operator=(ProjectionModel&&) = delete;
  virtual ~ProjectionModel();

  /// A short name for the model list, such as `cohort-binomial(logit)`.
  [[nodiscard]] virtual std::string name() const = 0;
  /// The fitted model in a line (parameters), for the manifest; default
  /// name().
  [[nodiscard]] virtual std::string description() const;
  /// Fills every value of `out` (out.months() = the input's months(),
  /// out.paths() = streams.count()) on the indicator's unit: column c from
  /// streams.stream(c) and streams derived from it. Counts must be whole
  /// and non-negative, percentages in [0, 100]. The engine checks every
  /// value and reports a fault naming the plugin, indicator and file.
  virtual void simulate(const PathStreams& streams, PathBlock out) const = 0;
};

}  // namespace cspcast

// SPDX-License-Identifier: MIT
// An example priority that is not in the Maidstone plan: hate crime. It is
// built against an installed cspcast (the SDK headers and
// cspcast_add_plugin), without the core's sources, and brings its own
// projection model, composed from the core's kernels through the model kit;
// the test OutOfTree.PluginBuildsAgainstTheInstalledSdk builds it, checks
// it with `cspcast plugins --check` and runs a pack on it.
#include <cspcast/model_kit.hpp>
#include <cspcast/plugin/define.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace {

using cspcast::Distribution;
using cspcast::DistributionKind;

/// Reports as whole counts: the expected level from the core's damped ETS
/// on log(y + 1) (a kit::CoreModel), the month's count Poisson around it.
/// The level paths draw from streams derived for the purpose, the counts
/// from each path's own stream: both come from the engine.
class PoissonOverEts final : public cspcast::ProjectionModel {
 public:
  explicit PoissonOverEts(cspcast::kit::CoreModel level)
      : level_(std::move(level)) {}
  [[nodiscard]] std::string name() const override {
    return "Poisson over " + level_.name();
  }
  void simulate(const cspcast::PathStreams& streams,
                cspcast::PathBlock out) const override {
    level_.simulate(streams.derive("level"), out);
    for (int c = 0; c < streams.count(); ++c) {
      cspcast::RandomStream rng = streams.stream(c);
      double* col = out.column(c);
      for (std::ptrdiff_t m = 0; m < out.months(); ++m) {
        col[m] = rng.poisson(std::max(0.0, col[m]));
      }
    }
  }

 private:
  cspcast::kit::CoreModel level_;
};

class HateCrime final : public cspcast::PriorityModel {
 public:
  [[nodiscard]] cspcast::PriorityInfo describe() const override {
    cspcast::PriorityInfo info;
    info.title = "Hate crime (example out-of-tree priority)";
    info.indicators = {
        {"hate_crime.reports",
         "Hate crimes and incidents reported to the police",
         cspcast::Unit::kCount,
         {cspcast::ModelKind::kAuto, cspcast::Transform::kLog},
         "an example: any partnership's hate crime figures",
         {},
         "Poisson counts over a damped ETS level on log(y+1)"},
    };
    info.levers = {
        {"hate_crime.third_party_reporting",
         "Third-party reporting centres",
         "hate_crime.reports",
         // More reporting is the aim: a rise in recorded reports.
         Distribution{DistributionKind::kTriangular, 0.0, 0.05, 0.15},
         "victims who would not go to the police report through a trusted "
         "organisation",
         "judgement: an example prior",
         -0.1,
         0.5,
         {}},
    };
    return info;
  }

  [[nodiscard]] std::unique_ptr<cspcast::ProjectionModel> fit_projection(
      const cspcast::ProjectionInput& input) const override {
    return std::make_unique<PoissonOverEts>(cspcast::kit::CoreModel::fit(
        input.history.values,
        {cspcast::ModelKind::kDampedEts, cspcast::Transform::kLog}));
  }
};

}  // namespace

CSPCAST_DEFINE_PLUGIN(HateCrime, "hate_crime", "1.0.0", 900)

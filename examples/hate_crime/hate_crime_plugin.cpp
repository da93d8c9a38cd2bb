// SPDX-License-Identifier: MIT
// An example priority that is not in the Maidstone plan: hate crime. It is
// built against an installed cspcast (the SDK headers and
// cspcast_add_plugin), without the core's sources; the test
// OutOfTree.PluginBuildsAgainstTheInstalledSdk builds and loads it.
#include <cspcast/plugin/define.hpp>

namespace {

using cspcast::Distribution;
using cspcast::DistributionKind;

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
         "an example: any partnership's hate crime figures"},
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
};

}  // namespace

CSPCAST_DEFINE_PLUGIN(HateCrime, "hate_crime", "1.0.0", 900)

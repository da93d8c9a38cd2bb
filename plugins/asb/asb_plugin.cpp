// SPDX-License-Identifier: MIT
// Priority 1 of the Safer Maidstone plan: antisocial behaviour.
#include <cspcast/plugin/define.hpp>

namespace {

using cspcast::Distribution;
using cspcast::DistributionKind;

class AntisocialBehaviour final : public cspcast::PriorityModel {
 public:
  [[nodiscard]] cspcast::PriorityInfo describe() const override {
    cspcast::PriorityInfo info;
    info.title = "Antisocial behaviour (lead: Maidstone Community Safety Unit)";
    info.indicators = {
        {"asb.incidents",
         "ASB incidents reported to Kent Police (targets use per 1,000 "
         "population)",
         cspcast::Unit::kCount,
         {cspcast::ModelKind::kAuto, cspcast::Transform::kLog},
         "plan section 6, priority 1; figures in 1.12 and 5.3"},
    };
    info.levers = {
        {"asb.action_days",
         "Multi-agency action days in hotspot wards (Operation Civic)",
         "asb.incidents",
         Distribution{DistributionKind::kNormal, -0.04, 0.02, 0.0},
         "targeted patrols, enforcement and environmental clean-up in the five "
         "hotspot wards for a day at a time",
         "hot-spot policing meta-analysis (Braga et al. 2019): small but "
         "consistent reductions, larger in the areas targeted; diluted over "
         "the borough",
         -0.3,
         0.1,
         {}},
        {"asb.case_management",
         "Weekly partnership ASB briefing: repeat and vulnerable victims, "
         "injunctions and Community Trigger",
         "asb.incidents",
         Distribution{DistributionKind::kTriangular, -0.06, -0.03, 0.0},
         "repeat callers generate a large share of incidents; resolving their "
         "cases "
         "removes repeat reports",
         "repeat-victimisation literature (Farrell and Pease 1993); judgement "
         "on share",
         -0.3,
         0.1,
         {}},
        {"asb.youth_outreach",
         "Community outreach with Switch and diversion (Zeroth Gym, Challenger "
         "Troop, Power Project)",
         "asb.incidents",
         Distribution{DistributionKind::kPert, -0.04, -0.015, 0.005},
         "diverts young people at risk from street-based nuisance",
         "diversion programme reviews show small, uncertain effects; may be "
         "zero",
         -0.2,
         0.1,
         {{"reoffending.offending_population_pct",
           0.5,
           "the same young people are the 10-17 offending population"}}},
    };
    return info;
  }
};

}  // namespace

CSPCAST_DEFINE_PLUGIN(AntisocialBehaviour, "asb", "1.0.0", 100)

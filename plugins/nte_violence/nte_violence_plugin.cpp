// SPDX-License-Identifier: MIT
// Priority 5 of the Safer Maidstone plan: violent crime in the night-time
// economy.
#include <cspcast/plugin/define.hpp>

namespace {

using cspcast::Distribution;
using cspcast::DistributionKind;

class NightTimeEconomyViolence final : public cspcast::PriorityModel {
 public:
  [[nodiscard]] cspcast::PriorityInfo describe() const override {
    cspcast::PriorityInfo info;
    info.title =
        "Violent crime: night-time economy (lead: Kent Police, MBC Licensing)";
    info.indicators = {
        // About five admissions a month: whole-number counts.
        {"nte_violence.assault_admissions",
         "Maidstone Hospital admissions for assault, Maidstone residents (per "
         "10,000)",
         cspcast::Unit::kCount,
         {cspcast::ModelKind::kCount, cspcast::Transform::kNone},
         "plan section 6, priority 5, row 1; 1.11, 5.8"},
        {"nte_violence.vap",
         "Violence against the person (targets per 1,000)",
         cspcast::Unit::kCount,
         {cspcast::ModelKind::kAuto, cspcast::Transform::kLog},
         "plan section 6, priority 5, row 2; 1.11, 5.8"},
    };
    info.levers = {
        {"nte_violence.street_pastors",
         "Street Pastors and the Urban Blue bus in the town centre",
         "nte_violence.assault_admissions",
         Distribution{DistributionKind::kTriangular, -0.08, -0.03, 0.0},
         "first aid and de-escalation late at night",
         "evaluations of street pastor schemes are descriptive; effect "
         "uncertain",
         -0.3,
         0.1,
         {{"nte_violence.vap",
           0.2,
           "some averted assaults would have been recorded"}}},
        {"nte_violence.licensing_enforcement",
         "Directed licensing operations, Pubwatch exclusions, Alcohol Control "
         "Zones",
         "nte_violence.vap",
         Distribution{DistributionKind::kPert, -0.05, -0.02, 0.0},
         "well-run premises and excluded offenders mean fewer assaults",
         "licensed premises interventions (Brennan et al. 2011): mixed, small "
         "effects; "
         "28% of violence is in the town centre",
         -0.3,
         0.1,
         {{"nte_violence.assault_admissions",
           0.8,
           "night-time assaults fill the admissions"}}},
        {"nte_violence.test_on_arrest",
         "Alcohol/drug test on arrest with referral to CRI treatment",
         "nte_violence.vap",
         Distribution{DistributionKind::kTriangular, -0.03, -0.01, 0.0},
         "treatment for offenders whose offending is alcohol related",
         "alcohol arrest referral pilots (Home Office 2012): small reoffending "
         "effects",
         -0.2,
         0.1,
         {}},
    };
    return info;
  }
};

}  // namespace

CSPCAST_DEFINE_PLUGIN(NightTimeEconomyViolence, "nte_violence", "1.0.0", 600)

// SPDX-License-Identifier: MIT
// Priority 4 of the Safer Maidstone plan: substance misuse, including
// alcohol and new psychoactive substances.
#include <cspcast/plugin/define.hpp>

namespace {

using cspcast::Distribution;
using cspcast::DistributionKind;

class SubstanceMisuse final : public cspcast::PriorityModel {
 public:
  [[nodiscard]] cspcast::PriorityInfo describe() const override {
    const cspcast::ModelSpec log_auto{cspcast::ModelKind::kAuto,
                                      cspcast::Transform::kLog};
    cspcast::PriorityInfo info;
    info.title =
        "Substance misuse (lead: SMP substance misuse sub-group, Trading "
        "Standards)";
    info.indicators = {
        {"substance_misuse.drug_offences",
         "Drug offences (targets per 1,000 population)",
         cspcast::Unit::kCount,
         log_auto,
         "plan section 6, priority 4, row 1; 1.12, 5.4"},
        {"substance_misuse.alcohol_admissions",
         "Alcohol-related hospital admissions (targets per 10,000)",
         cspcast::Unit::kCount,
         log_auto,
         "plan section 6, priority 4, row 2; 5.4"},
        {"substance_misuse.needles",
         "Discarded needles picked up",
         cspcast::Unit::kCount,
         log_auto,
         "plan section 6, priority 4, row 3"},
    };
    info.levers = {
        {"substance_misuse.street_outreach",
         "Maidstone Assertive Outreach with CRI, GPs and other providers for "
         "the street "
         "population",
         "substance_misuse.needles",
         Distribution{DistributionKind::kTriangular, -0.20, -0.08, 0.0},
         "engages street drinkers and injectors in treatment and safe disposal",
         "assertive outreach evaluations; judgement on the share of finds it "
         "reaches",
         -0.5,
         0.1,
         {{"nte_violence.vap",
           0.1,
           "less street drinking means less street violence"},
          {"asb.incidents", 0.15, "street drinking is a common ASB report"}}},
        {"substance_misuse.needle_drops",
         "Targeted needle-drop provision at find hotspots",
         "substance_misuse.needles",
         Distribution{DistributionKind::kPert, -0.30, -0.12, 0.0},
         "safe disposal points replace discarding",
         "needle-exchange and disposal-bin studies (Riley et al. 1998): fewer "
         "discarded needles near bins",
         -0.6,
         0.1,
         {}},
        {"substance_misuse.youth_alcohol",
         "Don't Abuse the Booze in schools, SNAP events, underage sales "
         "operations",
         "substance_misuse.alcohol_admissions",
         Distribution{DistributionKind::kTriangular, -0.04, -0.01, 0.0},
         "less underage and binge drinking",
         "school alcohol education reviews (Foxcroft and Tsertsvadze 2011): "
         "small effects",
         -0.2,
         0.1,
         {}},
        {"substance_misuse.head_shops",
         "Trading Standards action against head shops",
         "substance_misuse.drug_offences",
         Distribution{DistributionKind::kNormal, 0.0, 0.04, 0.0},
         "fewer NPS outlets, but enforcement also records more possession "
         "offences: "
         "the sign is uncertain",
         "judgement: no evaluation of local NPS retail enforcement",
         -0.3,
         0.3,
         {}},
    };
    return info;
  }
};

}  // namespace

CSPCAST_DEFINE_PLUGIN(SubstanceMisuse, "substance_misuse", "1.0.0", 400)

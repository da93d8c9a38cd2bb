// SPDX-License-Identifier: MIT
// Priority 4 (second of that number in the plan): violent crime, domestic
// abuse. More reports can be success: the plan wants reporting to rise to
// the Kent rate.
#include <cspcast/plugin/define.hpp>

namespace {

using cspcast::Distribution;
using cspcast::DistributionKind;

constexpr double kSmallCount = 20.0;

class DomesticAbuse final : public cspcast::PriorityModel {
 public:
  [[nodiscard]] cspcast::PriorityInfo describe() const override {
    const cspcast::ModelSpec log_auto{cspcast::ModelKind::kAuto,
                                      cspcast::Transform::kLog};
    const cspcast::ModelSpec logit_auto{cspcast::ModelKind::kAuto,
                                        cspcast::Transform::kLogit};
    cspcast::PriorityInfo info;
    info.title =
        "Violent crime: domestic abuse (lead: Maidstone Domestic Violence "
        "Forum)";
    info.indicators = {
        {"domestic_abuse.incidents",
         "Domestic abuse incidents (targets per 1,000)",
         cspcast::Unit::kCount,
         log_auto,
         "plan section 6, DA row 1; 1.11, 5.7"},
        {"domestic_abuse.repeat_victims_pct",
         "% of DA victims who are repeat victims",
         cspcast::Unit::kPercentage,
         logit_auto,
         "plan section 6, DA row 2; 5.7 (25.1%)"},
        {"domestic_abuse.oss_visitors",
         "Visitors to the DA One Stop Shop",
         cspcast::Unit::kCount,
         log_auto,
         "plan section 6, DA rows 3a and 3b"},
        {"domestic_abuse.marac_repeat_pct",
         "% of MARAC cases that are repeats",
         cspcast::Unit::kPercentage,
         logit_auto,
         "plan section 6, DA row 4"},
    };
    info.levers = {
        {"domestic_abuse.awareness",
         "Seasonal awareness campaigns and the workplace health campaign",
         "domestic_abuse.incidents",
         Distribution{DistributionKind::kNormal, 0.04, 0.03, 0.0},
         "more victims come forward: recorded incidents rise",
         "campaign evaluations report short-lived rises in calls; judgement on "
         "size",
         -0.1,
         0.5,
         {{"domestic_abuse.oss_visitors",
           1.0,
           "campaigns signpost the One Stop Shop"}}},
        {"domestic_abuse.idva",
         "Independent Domestic Violence Advisors and the Specialist DV Court",
         "domestic_abuse.repeat_victims_pct",
         Distribution{DistributionKind::kTriangular, -0.10, -0.04, 0.0},
         "advocacy for high-risk victims reduces repeat victimisation",
         "SafeLives Insights: most IDVA clients report abuse stopping; "
         "national "
         "repeat rates move slowly",
         -0.4,
         0.1,
         {{"domestic_abuse.marac_repeat_pct",
           0.5,
           "the same high-risk victims"}}},
        {"domestic_abuse.one_stop_shop",
         "Promote and staff the One Stop Shop",
         "domestic_abuse.oss_visitors",
         Distribution{DistributionKind::kPert, 0.0, 0.25, 0.6},
         "more sessions and referrals bring more visitors",
         "planning assumption from comparable Kent one stop shops",
         -0.5,
         2.0,
         {}},
    };
    return info;
  }

  [[nodiscard]] cspcast::ModelSpec choose_model(
      const cspcast::IndicatorSpec& indicator,
      const cspcast::MonthlySeries& history) const override {
    return cspcast::count_model_if_small(indicator, history, kSmallCount);
  }
};

}  // namespace

CSPCAST_DEFINE_PLUGIN(DomesticAbuse, "domestic_abuse", "1.0.0", 500)

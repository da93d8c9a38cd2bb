// SPDX-License-Identifier: MIT
// Priority 2 of the Safer Maidstone plan: reducing reoffending.
#include "cohort_model.hpp"

#include <cspcast/plugin/define.hpp>

namespace {

using cspcast::Distribution;
using cspcast::DistributionKind;

class Reoffending final : public cspcast::PriorityModel {
 public:
  [[nodiscard]] cspcast::PriorityInfo describe() const override {
    cspcast::PriorityInfo info;
    info.title =
        "Reducing reoffending (lead: SMP reducing re-offending sub-group, IOM)";
    info.indicators = {
        {"reoffending.offending_population_pct",
         "Offending population as a % of the population aged 10-17",
         cspcast::Unit::kPercentage,
         {cspcast::ModelKind::kAuto, cspcast::Transform::kLogit},
         "plan section 6, priority 2, row 1"},
        {"reoffending.reoffend_rate",
         "Proportion of adult and juvenile offenders who re-offend (%)",
         cspcast::Unit::kPercentage,
         {cspcast::ModelKind::kAuto, cspcast::Transform::kLogit},
         "plan section 6, priority 2, row 2; 'Actual = 9.97%'",
         {{"cohort",
           "offenders in the cohort whose reoffending the month's rate "
           "reports, by cohort month (paragraph 5.5: caseload 348)"}},
         "cohort binomial or beta-binomial (logit trend, quarterly cohorts, "
         "follow-up lag 6 months)"},
        {"reoffending.actual_minus_predicted",
         "Actual minus predicted reoffending rate (percentage points)",
         cspcast::Unit::kLevel,
         {cspcast::ModelKind::kAuto, cspcast::Transform::kNone},
         "plan section 6, priority 2, row 3; paragraph 5.5 (1.40 points above "
         "predicted)"},
    };
    info.levers = {
        {"reoffending.iom",
         "Integrated Offender Management and Deter Young Offenders steering",
         "reoffending.reoffend_rate",
         Distribution{DistributionKind::kNormal, -0.03, 0.03, 0.0},
         "joint police-probation management of the most prolific offenders",
         "IOM evaluations (Home Office 2015) find mixed, often non-significant "
         "effects",
         -0.3,
         0.1,
         {{"reoffending.actual_minus_predicted",
           5.0,
           "a 1% relative fall in a 9.97% actual rate (0.1 points) is 7% of a "
           "1.4-point gap; 5 allows for the predicted rate moving with it"}}},
        {"reoffending.restorative_justice",
         "Restorative Justice embedded in IOM",
         "reoffending.reoffend_rate",
         Distribution{DistributionKind::kPert, -0.08, -0.03, 0.01},
         "victim-offender conferencing",
         "Sherman and Strang (2007); Shapland et al. (2008): around 14% fewer "
         "reconvictions among participants, a minority of the cohort",
         -0.3,
         0.1,
         {{"reoffending.actual_minus_predicted", 5.0, "as for IOM"}}},
        {"reoffending.youth_diversion",
         "Diversion for young people within 6 months of intervention (Yes "
         "Plus, "
         "Challenger Troop at the PRU)",
         "reoffending.offending_population_pct",
         Distribution{DistributionKind::kTriangular, -0.10, -0.04, 0.0},
         "keeps first-time entrants out of the offending population",
         "youth diversion reviews (Wilson et al. 2018): modest reductions",
         -0.4,
         0.1,
         {}},
    };
    return info;
  }

  /// The reoffending rate as reoffenders out of a cohort, when the pack
  /// gives the cohort sizes (the `cohort` companion); otherwise the core's
  /// model from choose_model().
  [[nodiscard]] std::unique_ptr<cspcast::ProjectionModel> fit_projection(
      const cspcast::ProjectionInput& input) const override {
    if (input.indicator.id != "reoffending.reoffend_rate") return nullptr;
    return cspcast::reoffending::CohortModel::fit(input);
  }
};

}  // namespace

CSPCAST_DEFINE_PLUGIN(Reoffending, "reoffending", "1.0.0", 200)

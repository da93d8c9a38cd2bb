// SPDX-License-Identifier: MIT
// The reoffending rate as reoffenders out of a cohort (docs/plugin-guide.md,
// the worked example): quarterly cohorts of the size the pack's `cohort`
// companion gives, a rate on the logit scale with a linear trend over
// time, binomial noise that depends on the cohort size (beta-binomial when
// the history varies more than a binomial would), and the follow-up lag
// of the official measure between a cohort and the month its rate is
// reported.
#pragma once

#include <cspcast/projection.hpp>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace cspcast::reoffending {

struct Cohort;
class CohortSizes;

/// Months between a cohort's month and the month its rate is reported: a
/// three-month follow-up plus three months for the reoffences to reach a
/// conviction (the local adult reoffending measure the plan's 'actual
/// against predicted' figures come from).
inline constexpr int kFollowUpLagMonths = 6;
/// The shortest history the model accepts: four quarterly cohorts.
inline constexpr int kMinHistoryMonths = 12;

class CohortModel final : public ProjectionModel {
 public:
  /// Fits to the history (rates in %) and the `cohort` companion; throws
  /// DataError when the history is too short or the cohort sizes do not
  /// cover it. nullptr when the input has no cohort series.
  static std::unique_ptr<CohortModel> fit(const ProjectionInput& input);

  [[nodiscard]] std::string name() const override;
  [[nodiscard]] std::string description() const override;
  void simulate(const PathStreams& streams, PathBlock out) const override;

  /// Fitted values, for tests and the docs.
  [[nodiscard]] double intercept() const { return beta_[0]; }
  [[nodiscard]] double slope_per_year() const { return beta_[1]; }
  [[nodiscard]] double dispersion() const { return phi_; }
  [[nodiscard]] double rho() const { return rho_; }

 private:
  CohortModel() = default;
  void set_dispersion(const std::vector<Cohort>& data,
                      double centre,
                      const std::array<double, 3>& info);
  void set_groups(YearMonth history_end,
                  int months,
                  const CohortSizes& cohort,
                  double centre);
  // One projected cohort: the months (rows) it fills, its size and time.
  struct Group {
    int first_row = 0;
    int rows = 0;
    double trials = 0.0;
    double years = 0.0;  // time covariate
  };
  std::array<double, 2> beta_{};
  std::array<double, 3> chol_{};  // lower Cholesky factor of the covariance
  double phi_ = 1.0;
  double rho_ = 0.0;
  double mean_cohort_ = 0.0;
  int months_ = 0;
  std::vector<Group> groups_;
};

}  // namespace cspcast::reoffending

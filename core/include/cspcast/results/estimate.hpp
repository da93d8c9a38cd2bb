// SPDX-License-Identifier: MIT
// `cspcast estimate`: an intervention's effect measured from a series'
// own history with a structural time-series model (docs/estimate.md).
#pragma once

#include <cspcast/year_month.hpp>

#include <string>
#include <vector>

namespace cspcast {

enum class InterventionShape { kStep, kRamp, kPulse };

struct EstimateOptions {
  std::string series;
  YearMonth at;
  InterventionShape shape = InterventionShape::kStep;
  int ramp_months = 12;
  std::vector<std::string> regressors;  // explanatory series (same file)
  std::vector<std::string> controls;    // comparison series, unaffected
  bool log = false;         // model log(y + offset); regressors logged too
  double log_offset = 0.0;  // c in log(y + c), for counts with zeros
  bool slope = false;       // local linear trend instead of local level
  bool quarterly = false;   // --aggregate quarter
  int placebo = 0;          // placebo dates in the pre-period
};

struct EstimateEffect {
  double estimate = 0.0;  // on the model's scale
  double se = 0.0;
  double lo95 = 0.0;
  double hi95 = 0.0;
  bool has_percent = false;  // with --log
  double percent = 0.0;      // 100 (exp(beta) - 1)
  double percent_lo95 = 0.0;
  double percent_hi95 = 0.0;
};

struct CounterfactualPoint {
  YearMonth month;  // the first month of the period (quarters: its first)
  double actual = 0.0;
  double counterfactual = 0.0;  // the series without the intervention
  double lo95 = 0.0;
  double hi95 = 0.0;
};

struct PlaceboResult {
  YearMonth at;
  double estimate = 0.0;
  double lo95 = 0.0;
  double hi95 = 0.0;
  [[nodiscard]] bool excludes_zero() const { return lo95 > 0.0 || hi95 < 0.0; }
};

struct EstimateResult {
  EstimateOptions options;
  std::string input;
  std::string model;  // in words
  int observations = 0;
  int period = 12;
  EstimateEffect effect;
  std::vector<std::pair<std::string, EstimateEffect>> coefficients;  // others
  double var_irregular = 0.0;
  double var_level = 0.0;
  double var_slope = 0.0;
  double var_seasonal = 0.0;
  double loglik = 0.0;
  double aic = 0.0;
  std::vector<CounterfactualPoint> counterfactual;  // the post period
  double cumulative = 0.0;  // sum of actual - counterfactual, original scale
  double cumulative_lo95 = 0.0;
  double cumulative_hi95 = 0.0;
  double relative = 0.0;  // effect relative to the counterfactual level
  std::vector<PlaceboResult> placebos;
  [[nodiscard]] int placebo_false_positives() const {
    int n = 0;
    for (const auto& p : placebos) n += p.excludes_zero() ? 1 : 0;
    return n;
  }
};

}  // namespace cspcast

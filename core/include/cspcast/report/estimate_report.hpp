// SPDX-License-Identifier: MIT
// `cspcast estimate` as a table, JSON, and a scenario file with the
// estimate as an effect distribution.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/results/estimate.hpp>

#include <string>

namespace cspcast::report {

CSPCAST_CORE_API std::string estimate_table(const EstimateResult& r);
/// `{"effect": {"estimate", "se", "lo95", "hi95", "percent"}, "variances":
/// {...}, "loglik", "aic", "counterfactual": [...], ...}`.
CSPCAST_CORE_API std::string estimate_json(const EstimateResult& r);

struct LeverOptions {
  std::string indicator;  // the indicator the intervention acts on
  std::string start;      // YYYY-MM
  double widen = 1.0;     // spread multiplier for transfer
};
/// A scenario (extends `baseline`) with one intervention whose effect is
/// the estimate: from a --log fit a lognormal multiplier (median
/// exp(beta) - 1, sdlog the SE x widen); otherwise a normal effect
/// relative to the counterfactual level. The source is in comments.
CSPCAST_CORE_API std::string estimate_lever(const EstimateResult& r,
                                            const LeverOptions& o);

}  // namespace cspcast::report

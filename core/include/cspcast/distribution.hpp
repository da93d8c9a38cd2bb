// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cspcast {

enum class DistributionKind {
  kFixed,       // a: the value
  kNormal,      // a: mean, b: standard deviation
  kLognormal,   // a: median of the multiplier m = 1 + effect, b: sd of log(m)
  kTriangular,  // a: min, b: mode, c: max
  kUniform,     // a: min, b: max
  kPert,        // a: min, b: mode, c: max (beta-PERT, lambda 4)
};
CSPCAST_CORE_API std::string to_string(DistributionKind kind);
CSPCAST_CORE_API std::optional<DistributionKind> parse_distribution_kind(
    std::string_view text);
CSPCAST_CORE_API std::string distribution_kind_choices();

/// An uncertain relative effect (-0.1 is a 10% reduction). Sampled by
/// inverse CDF from one uniform number, so that a draw is a monotone
/// function of its random number (what common random numbers need).
struct CSPCAST_CORE_API Distribution {
  DistributionKind kind = DistributionKind::kFixed;
  double a = 0.0;
  double b = 0.0;
  double c = 0.0;

  /// The value at probability u in (0, 1).
  [[nodiscard]] double quantile(double u) const;
  [[nodiscard]] double mean() const;
  /// Empty when the parameters are admissible, else what is wrong.
  [[nodiscard]] std::optional<std::string> problem() const;
  /// A copy with every value shifted by `delta` (used by the solver).
  [[nodiscard]] Distribution shifted(double delta) const;
  [[nodiscard]] std::string describe() const;
};

/// Distribution::quantile for many probabilities of one distribution: the
/// same values to within a unit or two in the last place, many times
/// faster for a PERT. Its quantile x(u) is tabulated at 512 intervals of
/// x, and on each a quintic Hermite polynomial in w = u^(1/alpha) (below
/// the median; w = (1 - u)^(1/beta) above), where x(w) is smooth up to the
/// ends, interpolates it from the exact CDF, density and its slope at both
/// ends. Each piece is checked at its midpoint when the table is built
/// and, where it is not within 1e-15, and on the two end pieces, a
/// safeguarded Newton search on the regularised incomplete beta takes its
/// place. Other kinds pass through.
class CSPCAST_CORE_API InverseCdf {
 public:
  explicit InverseCdf(const Distribution& d);
  [[nodiscard]] double operator()(double u) const;
  /// The pieces of a PERT's table left to the Newton search (the two end
  /// pieces, and any whose interpolant failed its check); 0 otherwise.
  [[nodiscard]] int searched_pieces() const;

 private:
  struct Table;
  Distribution d_;
  std::shared_ptr<const Table> table_;  // a PERT's; null for other kinds
};

}  // namespace cspcast

// SPDX-License-Identifier: MIT
#include <cspcast/distribution.hpp>
#include <cspcast/enum_names.hpp>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>

#include <array>
#include <cmath>
#include <sstream>
#include <utility>

namespace cspcast {
namespace {

constexpr EnumNames<DistributionKind, 6> kNames{{{
    {"fixed", DistributionKind::kFixed},
    {"normal", DistributionKind::kNormal},
    {"lognormal", DistributionKind::kLognormal},
    {"triangular", DistributionKind::kTriangular},
    {"uniform", DistributionKind::kUniform},
    {"pert", DistributionKind::kPert},
}}};

// A normal effect further than this many standard deviations from its mean
// is treated as reachable: it must not cross -100%.
constexpr double kNormalReach = 6.0;

// Quantiles evaluated in double precision: Boost's default promotes double
// arguments to long double, which costs several times more (the effect
// draws of every path go through here) for digits that are rounded away.
using DoublePolicy =
    boost::math::policies::policy<boost::math::policies::promote_double<false>>;

double standard_normal_quantile(double u) {
  static const boost::math::normal_distribution<double, DoublePolicy> kStd;
  return boost::math::quantile(kStd, u);
}

std::pair<double, double> pert_shape(double lo, double mode, double hi) {
  const double span = hi - lo;
  return {1.0 + 4.0 * (mode - lo) / span, 1.0 + 4.0 * (hi - mode) / span};
}

}  // namespace

std::string to_string(DistributionKind kind) { return kNames.name(kind); }
std::optional<DistributionKind> parse_distribution_kind(std::string_view text) {
  return kNames.parse(text);
}
std::string distribution_kind_choices() { return kNames.choices(); }

double Distribution::quantile(double u) const {
  switch (kind) {
    case DistributionKind::kFixed:
      return a;
    case DistributionKind::kNormal:
      return a + b * standard_normal_quantile(u);
    case DistributionKind::kLognormal:
      return (1.0 + a) * std::exp(b * standard_normal_quantile(u)) - 1.0;
    case DistributionKind::kUniform:
      return a + (b - a) * u;
    case DistributionKind::kTriangular: {
      const double span = c - a;
      const double cut = (b - a) / span;
      if (u < cut) return a + std::sqrt(u * span * (b - a));
      return c - std::sqrt((1.0 - u) * span * (c - b));
    }
    case DistributionKind::kPert: {
      const auto [alpha, beta] = pert_shape(a, b, c);
      const boost::math::beta_distribution<double, DoublePolicy> dist(alpha,
                                                                      beta);
      return a + (c - a) * boost::math::quantile(dist, u);
    }
  }
  return a;
}

double Distribution::mean() const {
  switch (kind) {
    case DistributionKind::kFixed:
    case DistributionKind::kNormal:
      return a;
    case DistributionKind::kLognormal:
      return (1.0 + a) * std::exp(0.5 * b * b) - 1.0;
    case DistributionKind::kUniform:
      return 0.5 * (a + b);
    case DistributionKind::kTriangular:
      return (a + b + c) / 3.0;
    case DistributionKind::kPert:
      return (a + 4.0 * b + c) / 6.0;
  }
  return a;
}

std::optional<std::string> Distribution::problem() const {
  std::ostringstream out;
  switch (kind) {
    case DistributionKind::kFixed:
      if (!std::isfinite(a) || a <= -1.0) {
        out << "fixed effect must be finite and above -1 (got " << a << ")";
      }
      break;
    case DistributionKind::kNormal:
      if (!std::isfinite(a) || !std::isfinite(b) || b < 0.0) {
        out << "normal needs a finite mean and sd >= 0 (got mean " << a
            << ", sd " << b << ")";
      } else if (a - kNormalReach * b <= -1.0) {
        out << "normal effect reaches -100% within 6 sd (got mean " << a
            << ", sd " << b << "; expected mean - 6 sd > -1)";
      }
      break;
    case DistributionKind::kLognormal:
      if (!std::isfinite(a) || a <= -1.0 || !std::isfinite(b) || b < 0.0) {
        out << "lognormal needs median > -1 and sdlog >= 0 (got median " << a
            << ", sdlog " << b << ")";
      }
      break;
    case DistributionKind::kUniform:
      if (!(a < b) || a <= -1.0 || !std::isfinite(b)) {
        out << "uniform needs -1 < min < max (got min " << a << ", max " << b
            << ")";
      }
      break;
    case DistributionKind::kTriangular:
    case DistributionKind::kPert:
      if (!(a < c) || b < a || b > c || a <= -1.0 || !std::isfinite(c)) {
        out << to_string(kind) << " needs -1 < min <= mode <= max, min < max"
            << " (got min " << a << ", mode " << b << ", max " << c << ")";
      }
      break;
  }
  const std::string text = out.str();
  if (text.empty()) return std::nullopt;
  return text;
}

Distribution Distribution::shifted(double delta) const {
  Distribution d = *this;
  switch (kind) {
    case DistributionKind::kFixed:
    case DistributionKind::kNormal:
    case DistributionKind::kLognormal:
      d.a += delta;
      break;
    case DistributionKind::kUniform:
      d.a += delta;
      d.b += delta;
      break;
    case DistributionKind::kTriangular:
    case DistributionKind::kPert:
      d.a += delta;
      d.b += delta;
      d.c += delta;
      break;
  }
  return d;
}

std::string Distribution::describe() const {
  std::ostringstream out;
  out << to_string(kind) << "(";
  switch (kind) {
    case DistributionKind::kFixed:
      out << a;
      break;
    case DistributionKind::kNormal:
      out << "mean " << a << ", sd " << b;
      break;
    case DistributionKind::kLognormal:
      out << "median " << a << ", sdlog " << b;
      break;
    case DistributionKind::kUniform:
      out << a << ", " << b;
      break;
    case DistributionKind::kTriangular:
    case DistributionKind::kPert:
      out << a << ", " << b << ", " << c;
      break;
  }
  out << ")";
  return out.str();
}

}  // namespace cspcast

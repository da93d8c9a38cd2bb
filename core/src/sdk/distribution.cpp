// SPDX-License-Identifier: MIT
#include <cspcast/distribution.hpp>
#include <cspcast/enum_names.hpp>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <sstream>
#include <tuple>
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

namespace {
constexpr int kCdfNodes = 1024;  // intervals of the PERT table
}  // namespace

InverseCdf::InverseCdf(const Distribution& d) : d_(d) {
  if (d.kind != DistributionKind::kPert) return;
  std::tie(alpha_, beta_) = pert_shape(d.a, d.b, d.c);
  cdf_.resize(kCdfNodes + 1);
  density_.resize(kCdfNodes + 1);
  for (int j = 0; j <= kCdfNodes; ++j) {
    const double x = static_cast<double>(j) / kCdfNodes;
    const auto k = static_cast<std::size_t>(j);
    cdf_[k] = boost::math::ibeta(alpha_, beta_, x, DoublePolicy());
    density_[k] =
        boost::math::ibeta_derivative(alpha_, beta_, x, DoublePolicy());
  }
}

double InverseCdf::operator()(double u) const {
  if (cdf_.empty() || !(u > 0.0 && u < 1.0)) return d_.quantile(u);
  // The interval of the table holding u: F(lo) <= u < F(hi).
  const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
  if (it == cdf_.begin() || it == cdf_.end()) return d_.quantile(u);
  const auto j = static_cast<std::size_t>(it - cdf_.begin()) - 1;
  double lo = static_cast<double>(j) / kCdfNodes;
  double hi = static_cast<double>(j + 1) / kCdfNodes;
  const double f_lo = density_[j];
  const double f_hi = density_[j + 1];
  const double span = cdf_[j + 1] - cdf_[j];
  const double t = (u - cdf_[j]) / span;
  // Cubic Hermite of x as a function of F (slopes 1 / density), linear
  // where the density vanishes (the ends of a PERT with a shape above 1).
  double x = lo + t * (hi - lo);
  if (f_lo > 0.0 && f_hi > 0.0) {
    const double t2 = t * t;
    const double t3 = t2 * t;
    x = (2 * t3 - 3 * t2 + 1) * lo + (t3 - 2 * t2 + t) * span / f_lo +
        (-2 * t3 + 3 * t2) * hi + (t3 - t2) * span / f_hi;
  }
  if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
  // Newton on I_x(alpha, beta) = u (on the complement above the median,
  // as Boost does, where I_x is within rounding of 1), kept inside
  // [lo, hi] (bisection when a step would leave it). Quadratic
  // convergence: once a step is below 1e-9 of the distance to the nearer
  // end, the next would be below the last place.
  const bool upper = u > 0.5;
  const double q = 1.0 - u;
  for (int it_count = 0; it_count < 64; ++it_count) {
    const double g =
        upper ? q - boost::math::ibetac(alpha_, beta_, x, DoublePolicy())
              : boost::math::ibeta(alpha_, beta_, x, DoublePolicy()) - u;
    if (g == 0.0) break;
    (g < 0.0 ? lo : hi) = x;
    const double f =
        boost::math::ibeta_derivative(alpha_, beta_, x, DoublePolicy());
    double next = f > 0.0 ? x - g / f : 0.5 * (lo + hi);
    if (next == x) break;  // the step is below the last place
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const double step = std::abs(next - x);
    x = next;
    if (step <= 1e-9 * std::min(x, 1.0 - x) ||
        hi - lo <= 4.0 * DBL_EPSILON * hi) {
      break;
    }
  }
  return d_.a + (d_.c - d_.a) * x;
}
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

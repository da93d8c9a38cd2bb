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
constexpr int kCdfNodes = 512;  // intervals of the PERT table
// A piece whose midpoint is further than this from the exact quantile (on
// the 0-1 scale of the beta) is left to the Newton search.
constexpr double kPieceTolerance = 1e-15;
}  // namespace

struct InverseCdf::Table {
  double alpha = 0.0;
  double beta = 0.0;
  double log_beta = 0.0;        // log B(alpha, beta)
  std::vector<double> cdf;      // I_x(alpha, beta) at x = j / kCdfNodes
  std::vector<double> density;  // likewise
  // Piece j, on [x_j, x_j+1]: x = x_j + t (c1 + t (c2 + ... + t c5)) with
  // t = (w - w0) * scale, w = u^(1/alpha), or (1 - u)^(1/beta) when upper.
  struct Piece {
    std::array<double, 5> c{};
    double w0 = 0.0;
    double scale = 0.0;
    bool upper = false;
    bool newton = true;  // not interpolated: the Newton search instead
  };
  std::vector<Piece> pieces;

  /// The beta density at x in [0, 1] (a shape of 1 gives a finite end).
  [[nodiscard]] double pdf(double x) const {
    if ((x == 0.0 && alpha > 1.0) || (x == 1.0 && beta > 1.0)) return 0.0;
    const double lx = alpha == 1.0 ? 0.0 : (alpha - 1.0) * std::log(x);
    const double l1x = beta == 1.0 ? 0.0 : (beta - 1.0) * std::log1p(-x);
    return std::exp(lx + l1x - log_beta);
  }
  [[nodiscard]] double mapped(const Piece& p, double u) const {
    return p.upper ? std::pow(1.0 - u, 1.0 / beta) : std::pow(u, 1.0 / alpha);
  }
  [[nodiscard]] static double interpolate(const Piece& p,
                                          std::size_t j,
                                          double w) {
    const double t = (w - p.w0) * p.scale;
    const auto& c = p.c;
    return static_cast<double>(j) / kCdfNodes +
           t * (c[0] + t * (c[1] + t * (c[2] + t * (c[3] + t * c[4]))));
  }
  void build_piece(std::size_t j, std::vector<double>& complement);
  [[nodiscard]] double newton(double u, std::size_t j) const;
};

// The quintic Hermite interpolant of x(w) on piece j from x, dx/dw and
// d2x/dw2 at both ends (u = w^s below the median, 1 - w^s above), checked
// at the midpoint against the incomplete beta.
void InverseCdf::Table::build_piece(std::size_t j,
                                    std::vector<double>& complement) {
  Piece& piece = pieces[j];
  piece.upper = cdf[j + 1] > 0.5;
  const double s = piece.upper ? beta : alpha;
  const double sign = piece.upper ? -1.0 : 1.0;
  const auto w_at = [&](std::size_t k) {
    return std::pow(piece.upper ? complement[k] : cdf[k], 1.0 / s);
  };
  const double w0 = w_at(j);
  const double w1 = w_at(j + 1);
  const double dw = w1 - w0;
  // dx/dw = u'(w) / f and d2x/dw2 = u''(w) / f - u'(w)^2 f'(x) / f^3.
  const auto slopes = [&](std::size_t k, double w, double& d1, double& d2) {
    const double x = static_cast<double>(k) / kCdfNodes;
    const double f = density[k];
    const double df = f * ((alpha - 1.0) / x - (beta - 1.0) / (1.0 - x));
    const double u1 = sign * s * std::pow(w, s - 1.0);
    const double u2 = sign * s * (s - 1.0) * std::pow(w, s - 2.0);
    d1 = dw * u1 / f;
    d2 = dw * dw * (u2 / f - u1 * u1 * df / (f * f * f));
  };
  if (!(density[j] > 0.0 && density[j + 1] > 0.0 && dw != 0.0)) return;
  double v0 = 0.0;
  double a0 = 0.0;
  double v1 = 0.0;
  double a1 = 0.0;
  slopes(j, w0, v0, a0);
  slopes(j + 1, w1, v1, a1);
  // The Hermite basis gathered by powers of t, with x1 - x0 = dx exact.
  const double dx = 1.0 / kCdfNodes;
  piece.c = {v0,
             0.5 * a0,
             10.0 * dx - 6.0 * v0 - 1.5 * a0 + 0.5 * a1 - 4.0 * v1,
             -15.0 * dx + 8.0 * v0 + 1.5 * a0 - a1 + 7.0 * v1,
             6.0 * dx - 3.0 * v0 - 0.5 * a0 + 0.5 * a1 - 3.0 * v1};
  piece.w0 = w0;
  piece.scale = 1.0 / dw;
  if (!std::all_of(piece.c.begin(), piece.c.end(), [](double c) {
        return std::isfinite(c);
      })) {
    return;
  }
  const double wm = w0 + 0.5 * dw;
  const double x = interpolate(piece, j, wm);
  const double tail = std::pow(wm, s);  // u, or 1 - u when upper
  const double residual =
      piece.upper ? tail - boost::math::ibetac(alpha, beta, x, DoublePolicy())
                  : boost::math::ibeta(alpha, beta, x, DoublePolicy()) - tail;
  const double f = pdf(x);
  piece.newton = !(f > 0.0 && std::abs(residual / f) <= kPieceTolerance);
}

InverseCdf::InverseCdf(const Distribution& d) : d_(d) {
  if (d.kind != DistributionKind::kPert) return;
  auto table = std::make_shared<Table>();
  Table& t = *table;
  std::tie(t.alpha, t.beta) = pert_shape(d.a, d.b, d.c);
  t.log_beta = std::log(boost::math::beta(t.alpha, t.beta, DoublePolicy()));
  t.cdf.resize(kCdfNodes + 1);
  t.density.resize(kCdfNodes + 1);
  std::vector<double> complement(kCdfNodes + 1);
  for (std::size_t k = 0; k <= kCdfNodes; ++k) {
    const double x = static_cast<double>(k) / kCdfNodes;
    // Each side from the function accurate there.
    if (x <= 0.5) {
      t.cdf[k] = boost::math::ibeta(t.alpha, t.beta, x, DoublePolicy());
      complement[k] = 1.0 - t.cdf[k];
    } else {
      complement[k] = boost::math::ibetac(t.alpha, t.beta, x, DoublePolicy());
      t.cdf[k] = 1.0 - complement[k];
    }
    t.density[k] = t.pdf(x);
  }
  t.pieces.resize(kCdfNodes);
  // The end pieces stay with the Newton search (the density vanishes at
  // an end, or its slopes are infinite in w).
  for (std::size_t j = 1; j + 1 < kCdfNodes; ++j) t.build_piece(j, complement);
  table_ = std::move(table);
}

int InverseCdf::searched_pieces() const {
  if (!table_) return 0;
  return static_cast<int>(std::count_if(
      table_->pieces.begin(), table_->pieces.end(), [](const Table::Piece& p) {
        return p.newton;
      }));
}

double InverseCdf::operator()(double u) const {
  if (!table_ || !(u > 0.0 && u < 1.0)) return d_.quantile(u);
  const Table& t = *table_;
  // The piece holding u: F(x_j) <= u < F(x_j+1).
  const auto it = std::upper_bound(t.cdf.begin(), t.cdf.end(), u);
  if (it == t.cdf.begin() || it == t.cdf.end()) return d_.quantile(u);
  const auto j = static_cast<std::size_t>(it - t.cdf.begin()) - 1;
  const Table::Piece& piece = t.pieces[j];
  const double x = piece.newton
                       ? t.newton(u, j)
                       : Table::interpolate(piece, j, t.mapped(piece, u));
  return d_.a + (d_.c - d_.a) * x;
}

// x with I_x(alpha, beta) = u on piece j: Newton (on the complement above
// the median, as Boost does, where I_x is within rounding of 1), kept inside
// the piece (bisection when a step would leave it), from the cubic Hermite
// of x in u. Quadratic convergence: once a step is below 1e-9 of the
// distance to the nearer end, the next would be below the last place.
double InverseCdf::Table::newton(double u, std::size_t j) const {
  double lo = static_cast<double>(j) / kCdfNodes;
  double hi = static_cast<double>(j + 1) / kCdfNodes;
  const double f_lo = density[j];
  const double f_hi = density[j + 1];
  const double span = cdf[j + 1] - cdf[j];
  const double t = (u - cdf[j]) / span;
  // Linear where the density vanishes (the ends of a PERT with a shape
  // above 1).
  double x = lo + t * (hi - lo);
  if (f_lo > 0.0 && f_hi > 0.0) {
    const double t2 = t * t;
    const double t3 = t2 * t;
    x = (2 * t3 - 3 * t2 + 1) * lo + (t3 - 2 * t2 + t) * span / f_lo +
        (-2 * t3 + 3 * t2) * hi + (t3 - t2) * span / f_hi;
  }
  if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
  const bool upper = u > 0.5;
  const double q = 1.0 - u;
  for (int it_count = 0; it_count < 64; ++it_count) {
    const double g =
        upper ? q - boost::math::ibetac(alpha, beta, x, DoublePolicy())
              : boost::math::ibeta(alpha, beta, x, DoublePolicy()) - u;
    if (g == 0.0) break;
    (g < 0.0 ? lo : hi) = x;
    const double f =
        boost::math::ibeta_derivative(alpha, beta, x, DoublePolicy());
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
  return x;
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

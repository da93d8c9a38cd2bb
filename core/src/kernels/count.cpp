// SPDX-License-Identifier: MIT
#include <cspcast/error.hpp>
#include <cspcast/kernels/count.hpp>
#include <cspcast/kernels/random.hpp>

#include <Eigen/Cholesky>
#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace cspcast::kernels {
namespace {

// log Gamma(x) without the global `signgam` that lgamma() writes (a data
// race when series are fitted on several threads; ThreadSanitizer found
// it): glibc's re-entrant lgamma_r.
double log_gamma(double x) {
  int sign = 0;
  return ::lgamma_r(x, &sign);
}

constexpr int kMaxIterations = 50;
constexpr double kConvergence = 1e-9;
// Coefficients beyond this (on the log scale) mean a month with no events
// at all separates the data: that member is not used.
constexpr double kMaxCoefficient = 15.0;
// Below this 1/theta the counts are treated as Poisson.
constexpr double kMinOverdispersion = 1e-6;
// Pseudo-count for a series with no events at all.
constexpr double kZeroPseudoCount = 0.5;

struct Design {
  bool trend;
  bool season;
  int period;
  double centre;
  double scale;
  [[nodiscard]] int cols() const {
    return 1 + (trend ? 1 : 0) + (season ? period - 1 : 0);
  }
  // Fills row x for time t (fractional for damped future time) and
  // seasonal position pos.
  template <typename Row>
  void fill(Row&& x, double t, int pos) const {
    x.setZero();
    x(0) = 1.0;
    int k = 1;
    if (trend) x(k++) = (t - centre) / scale;
    if (season && pos > 0) x(k + pos - 1) = 1.0;
  }
};

class CountModel final : public ForecastModel {
 public:
  CountModel(Design design,
             Vector beta,
             Matrix chol,
             double theta,
             double aicc,
             int n,
             double damping)
      : design_(design),
        beta_(std::move(beta)),
        chol_(std::move(chol)),
        theta_(theta),
        aicc_(aicc),
        n_(n),
        damping_(damping) {}

  [[nodiscard]] std::string name() const override {
    std::string out = std::isfinite(theta_) ? "NB(" : "Poisson(";
    out += "level";
    if (design_.trend) out += ",damped trend";
    if (design_.season) out += ",season";
    return out + ")";
  }
  void point(VectorRef out) const override {
    Vector x(beta_.size());
    for (Eigen::Index h = 0; h < out.size(); ++h) {
      design_.fill(x, future_time(h), position(h));
      out(h) = std::exp(x.dot(beta_));
    }
  }
  void simulate_paths(std::uint64_t seed,
                      std::uint64_t key,
                      int first_path,
                      int step,
                      MatrixRef out,
                      Eigen::Index first_read) const override {
    const Eigen::Index p = beta_.size();
    Vector x(p);
    Vector z(p);
    Vector b(p);
    Matrix rows(out.rows(), p);
    for (Eigen::Index h = 0; h < out.rows(); ++h) {
      design_.fill(rows.row(h).transpose(), future_time(h), position(h));
    }
    for (Eigen::Index c = 0; c < out.cols(); ++c) {
      Rng rng(seed,
              mix(key, static_cast<std::uint64_t>(first_path + c * step)));
      for (Eigen::Index k = 0; k < p; ++k) z(k) = rng.normal();
      b.noalias() = chol_ * z;
      b += beta_;
      // Months are independent given the path's coefficients, and each
      // draws exactly one uniform: the months no one reads are skipped,
      // not drawn, and the others are the same either way.
      const Eigen::Index skip =
          std::clamp<Eigen::Index>(first_read, 0, out.rows());
      rng.skip_uniforms(static_cast<std::uint64_t>(skip));
      for (Eigen::Index h = 0; h < skip; ++h) out(h, c) = 0.0;
      for (Eigen::Index h = skip; h < out.rows(); ++h) {
        out(h, c) = rng.negative_binomial(std::exp(rows.row(h).dot(b)), theta_);
      }
    }
  }
  [[nodiscard]] double aicc() const override { return aicc_; }

 private:
  [[nodiscard]] double future_time(Eigen::Index h) const {
    // Damped: t(n-1+h) = n-1 + phi + phi^2 + ... + phi^h.
    const double steps =
        damping_ >= 1.0
            ? static_cast<double>(h + 1)
            : damping_ *
                  (1.0 - std::pow(damping_, static_cast<double>(h + 1))) /
                  (1.0 - damping_);
    return (n_ - 1.0) + steps;
  }
  [[nodiscard]] int position(Eigen::Index h) const {
    return static_cast<int>((n_ + h) % design_.period);
  }

  Design design_;
  Vector beta_;
  Matrix chol_;
  double theta_;
  double aicc_;
  int n_;
  double damping_;
};

double log_lik(const Vector& y, const Vector& mu, double theta) {
  double ll = 0.0;
  for (Eigen::Index t = 0; t < y.size(); ++t) {
    const double m = std::max(mu(t), 1e-300);
    if (std::isfinite(theta)) {
      ll += log_gamma(y(t) + theta) - log_gamma(theta) - log_gamma(y(t) + 1.0) +
            theta * std::log(theta / (theta + m)) +
            y(t) * std::log(m / (theta + m));
    } else {
      ll += y(t) * std::log(m) - m - log_gamma(y(t) + 1.0);
    }
  }
  return ll;
}

// IRLS for a log-link GLM with weights mu / (1 + mu / theta).
bool irls(const Matrix& X,
          const Vector& y,
          double theta,
          Vector& beta,
          Vector& mu,
          Matrix& info) {
  const Eigen::Index n = X.rows();
  Vector eta = (mu.array().log()).matrix();
  Vector w(n);
  Vector z(n);
  double prev = std::numeric_limits<double>::infinity();
  for (int it = 0; it < kMaxIterations; ++it) {
    for (Eigen::Index t = 0; t < n; ++t) {
      const double m = mu(t);
      w(t) = std::isfinite(theta) ? m / (1.0 + m / theta) : m;
      z(t) = eta(t) + (y(t) - m) / m;
    }
    info.noalias() = X.transpose() * w.asDiagonal() * X;
    const Eigen::LDLT<Matrix> ldlt(info);
    if (ldlt.info() != Eigen::Success) return false;
    beta = ldlt.solve(X.transpose() * (w.asDiagonal() * z));
    if (!beta.allFinite() || beta.cwiseAbs().maxCoeff() > kMaxCoefficient)
      return false;
    eta.noalias() = X * beta;
    mu = eta.array().exp().matrix();
    const double dev = -log_lik(y, mu, theta);
    if (std::abs(prev - dev) < kConvergence * (std::abs(dev) + 1.0)) break;
    prev = dev;
  }
  for (Eigen::Index t = 0; t < n; ++t) {
    w(t) = std::isfinite(theta) ? mu(t) / (1.0 + mu(t) / theta) : mu(t);
  }
  info.noalias() = X.transpose() * w.asDiagonal() * X;
  return true;
}

std::unique_ptr<CountModel> fit_member(const Vector& y,
                                       const Design& d,
                                       double damping) {
  const auto n = static_cast<int>(y.size());
  const int p = d.cols();
  if (n - p - 3 < 1) return nullptr;
  Matrix X(n, p);
  for (int t = 0; t < n; ++t) d.fill(X.row(t).transpose(), t, t % d.period);
  Vector beta(p);
  Vector mu = (y.array() + 0.5).matrix();
  Matrix info(p, p);
  if (!irls(X, y, std::numeric_limits<double>::infinity(), beta, mu, info))
    return nullptr;
  // Dispersion by moments: E[(y - mu)^2 - mu] = mu^2 / theta.
  const double excess = ((y - mu).array().square() - mu.array()).sum();
  const double inv_theta = excess / mu.array().square().sum();
  double theta = std::numeric_limits<double>::infinity();
  if (inv_theta > kMinOverdispersion) {
    theta = 1.0 / inv_theta;
    if (!irls(X, y, theta, beta, mu, info)) return nullptr;
  }
  const Eigen::LLT<Matrix> llt(info.inverse());
  if (llt.info() != Eigen::Success) return nullptr;
  const double k = p + (std::isfinite(theta) ? 1.0 : 0.0);
  const double aicc = -2.0 * log_lik(y, mu, theta) + 2.0 * k +
                      2.0 * k * (k + 1.0) / (n - k - 1.0);
  return std::make_unique<CountModel>(
      d, beta, Matrix(llt.matrixL()), theta, aicc, n, damping);
}

}  // namespace

std::unique_ptr<ForecastModel> fit_count_model(const ConstVectorRef& y_in,
                                               int period,
                                               double damping) {
  const Vector y = y_in;
  const auto n = static_cast<int>(y.size());
  if (n < 12) {
    throw DataError("count model: series too short (got " + std::to_string(n) +
                    " values; expected at least 12)");
  }
  for (int t = 0; t < n; ++t) {
    if (!(y(t) >= 0.0) || y(t) != std::floor(y(t))) {
      throw DataError("count model: value " + std::to_string(t + 1) +
                      " is not a whole non-negative count (got " +
                      std::to_string(y(t)) + ")");
    }
  }
  const double centre = (n - 1) / 2.0;
  const double scale = std::max(1.0, static_cast<double>(n));
  if (y.sum() == 0.0) {
    // No events at all: a constant rate of half an event over the span,
    // with the uncertainty of a single observed event.
    Vector beta(1);
    beta(0) = std::log(kZeroPseudoCount / n);
    Matrix chol(1, 1);
    chol(0, 0) = 1.0;
    return std::make_unique<CountModel>(
        Design{false, false, period, centre, scale},
        beta,
        chol,
        std::numeric_limits<double>::infinity(),
        std::numeric_limits<double>::quiet_NaN(),
        n,
        damping);
  }
  std::unique_ptr<CountModel> best;
  for (const bool trend : {false, true}) {
    for (const bool season : {false, true}) {
      if (season && n < 2 * period) continue;
      auto fit =
          fit_member(y, Design{trend, season, period, centre, scale}, damping);
      if (fit && std::isfinite(fit->aicc()) &&
          (!best || fit->aicc() < best->aicc())) {
        best = std::move(fit);
      }
    }
  }
  if (!best) throw DataError("count model: no member could be fitted");
  return best;
}

}  // namespace cspcast::kernels

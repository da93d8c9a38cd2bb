// SPDX-License-Identifier: MIT
// The exact diffuse Kalman filter of a basic structural model with
// regression (Durbin & Koopman 2012, sections 3.2, 5.2, 7.2).
#include "nelder_mead.hpp"

#include <cspcast/error.hpp>
#include <cspcast/kernels/structural.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace cspcast::kernels {
namespace {

constexpr double kLog2Pi = 1.8378770664093454836;
// F_inf below this (relative to the squared size of Z) is zero: the
// diffuse part of that observation's variance has been used up.
constexpr double kDiffuseTolerance = 1e-8;

}  // namespace

StructuralModel::StructuralModel(const StructuralSpec& spec,
                                 const ConstVectorRef& y,
                                 const ConstMatrixRef& x)
    : spec_(spec), y_(y), x_(x) {
  n_ = static_cast<int>(y.size());
  k_ = static_cast<int>(x.cols());
  if (x.rows() != y.size() && k_ > 0) {
    throw NumericError(
        "structural model: regressors and series differ in length");
  }
  const int trend = spec.slope ? 2 : 1;
  const int seasonal = spec.period > 1 ? spec.period - 1 : 0;
  seasonal_from_ = trend;
  regression_from_ = trend + seasonal;
  m_ = trend + seasonal + k_;
  for (int j = 1; j <= spec.period / 2 && j < 8; ++j) {
    const double lambda = 2.0 * std::numbers::pi * j / spec.period;
    cos_[static_cast<std::size_t>(j)] = std::cos(lambda);
    sin_[static_cast<std::size_t>(j)] = std::sin(lambda);
  }
  const auto m = static_cast<Eigen::Index>(m_);
  a_.resize(m);
  pstar_.resize(m, m);
  pinf_.resize(m, m);
  z_.resize(m);
  mstar_.resize(m);
  minf_.resize(m);
  tmp_.resize(m);
}

int StructuralModel::variances() const {
  return 2 + (spec_.slope ? 1 : 0) + (spec_.period > 1 ? 1 : 0);
}

// p := T p, block by block: trend, seasonal rotations, identity.
void StructuralModel::rotate_rows(Matrix& p) const {
  if (spec_.slope) p.row(0) += p.row(1);
  int i = seasonal_from_;
  const int s = spec_.period;
  for (int j = 1; s > 1 && j <= (s - 1) / 2; ++j, i += 2) {
    const double c = cos_[static_cast<std::size_t>(j)];
    const double sn = sin_[static_cast<std::size_t>(j)];
    for (Eigen::Index col = 0; col < p.cols(); ++col) {
      const double g = p(i, col);
      const double h = p(i + 1, col);
      p(i, col) = c * g + sn * h;
      p(i + 1, col) = -sn * g + c * h;
    }
  }
  if (s > 1 && s % 2 == 0) p.row(i) = -p.row(i);
}

// p := p T'.
void StructuralModel::rotate_cols(Matrix& p) const {
  if (spec_.slope) p.col(0) += p.col(1);
  int i = seasonal_from_;
  const int s = spec_.period;
  for (int j = 1; s > 1 && j <= (s - 1) / 2; ++j, i += 2) {
    const double c = cos_[static_cast<std::size_t>(j)];
    const double sn = sin_[static_cast<std::size_t>(j)];
    for (Eigen::Index row = 0; row < p.rows(); ++row) {
      const double g = p(row, i);
      const double h = p(row, i + 1);
      p(row, i) = c * g + sn * h;
      p(row, i + 1) = -sn * g + c * h;
    }
  }
  if (s > 1 && s % 2 == 0) p.col(i) = -p.col(i);
}

double StructuralModel::run(const StructuralVariances& v, bool keep) {
  a_.setZero();
  pstar_.setZero();
  pinf_.setIdentity();
  z_.setZero();
  z_(0) = 1.0;
  {
    int i = seasonal_from_;
    const int s = spec_.period;
    for (int j = 1; s > 1 && j <= (s - 1) / 2; ++j, i += 2) z_(i) = 1.0;
    if (s > 1 && s % 2 == 0) z_(i) = 1.0;
  }
  bool diffuse = true;
  double loglik = 0.0;
  int diffuse_steps = 0;
  for (int t = 0; t < n_; ++t) {
    for (int r = 0; r < k_; ++r) z_(regression_from_ + r) = x_(t, r);
    const double v_t = y_(t) - z_.dot(a_);
    mstar_.noalias() = pstar_ * z_;
    const double fstar = z_.dot(mstar_) + v.irregular;
    double finf = 0.0;
    if (diffuse) {
      minf_.noalias() = pinf_ * z_;
      finf = z_.dot(minf_);
    }
    if (diffuse && finf > kDiffuseTolerance) {
      ++diffuse_steps;
      loglik -= 0.5 * (kLog2Pi + std::log(finf));
      a_ += minf_ * (v_t / finf);
      // P* += Minf Minf' F*/Finf^2 - (M* Minf' + Minf M*')/Finf, as two
      // rank-one updates through the workspace (no temporary matrices).
      tmp_ = minf_ * (fstar / (finf * finf)) - mstar_ / finf;
      pstar_.noalias() += tmp_ * minf_.transpose();
      tmp_ = minf_ / finf;
      pstar_.noalias() -= tmp_ * mstar_.transpose();
      pinf_.noalias() -= tmp_ * minf_.transpose();
    } else {
      if (!(fstar > 0.0)) return -std::numeric_limits<double>::infinity();
      loglik -= 0.5 * (kLog2Pi + std::log(fstar) + v_t * v_t / fstar);
      a_ += mstar_ * (v_t / fstar);
      tmp_ = mstar_ / fstar;
      pstar_.noalias() -= tmp_ * mstar_.transpose();
    }
    if (diffuse && pinf_.cwiseAbs().maxCoeff() < kDiffuseTolerance) {
      diffuse = false;
    }
    if (t == n_ - 1) break;  // the filtered state after the last observation
    // Predict: a = T a, P = T P T' + R Q R'.
    rotate_vector(a_);
    rotate_rows(pstar_);
    rotate_cols(pstar_);
    pstar_(0, 0) += v.level;
    if (spec_.slope) pstar_(1, 1) += v.slope;
    for (int i = seasonal_from_; i < regression_from_; ++i) {
      pstar_(i, i) += v.seasonal;
    }
    if (diffuse) {
      rotate_rows(pinf_);
      rotate_cols(pinf_);
    }
  }
  diffuse_ = diffuse_steps;
  if (keep && diffuse) diffuse_ = -1;  // never left the diffuse phase
  return loglik;
}

// a := T a.
void StructuralModel::rotate_vector(Vector& a) const {
  if (spec_.slope) a(0) += a(1);
  int i = seasonal_from_;
  const int s = spec_.period;
  for (int j = 1; s > 1 && j <= (s - 1) / 2; ++j, i += 2) {
    const double c = cos_[static_cast<std::size_t>(j)];
    const double sn = sin_[static_cast<std::size_t>(j)];
    const double g = a(i);
    const double h = a(i + 1);
    a(i) = c * g + sn * h;
    a(i + 1) = -sn * g + c * h;
  }
  if (s > 1 && s % 2 == 0) a(i) = -a(i);
}

double StructuralModel::loglik(const StructuralVariances& v) {
  return run(v, false);
}

StructuralFilter StructuralModel::filter(const StructuralVariances& v) {
  StructuralFilter f;
  f.loglik = run(v, true);
  f.diffuse = diffuse_;
  f.state = a_;
  f.beta = a_.tail(k_);
  f.beta_cov = pstar_.bottomRightCorner(k_, k_);
  return f;
}

namespace {

// -loglik at log variances p (in the order irregular, level, [slope],
// [seasonal]).
StructuralVariances from_logs(const StructuralSpec& spec,
                              const detail::Point& p) {
  StructuralVariances v;
  int i = 0;
  v.irregular = std::exp(p[static_cast<std::size_t>(i++)]);
  v.level = std::exp(p[static_cast<std::size_t>(i++)]);
  if (spec.slope) v.slope = std::exp(p[static_cast<std::size_t>(i++)]);
  if (spec.period > 1) v.seasonal = std::exp(p[static_cast<std::size_t>(i)]);
  return v;
}

}  // namespace

StructuralFit fit_structural(const StructuralSpec& spec,
                             const ConstVectorRef& y,
                             const ConstMatrixRef& x) {
  StructuralModel model(spec, y, x);
  const int dim = model.variances();
  // The scale of the series: the variance of its first differences.
  double var = 0.0;
  for (Eigen::Index t = 1; t < y.size(); ++t) {
    var += (y(t) - y(t - 1)) * (y(t) - y(t - 1));
  }
  var = std::max(
      var / static_cast<double>(std::max<Eigen::Index>(1, y.size() - 1)),
      1e-12);
  const double lv = std::log(var);
  int evaluations = 0;
  const auto objective = [&](const detail::Point& p) {
    ++evaluations;
    for (int i = 0; i < dim; ++i) {
      const double q = p[static_cast<std::size_t>(i)];
      if (q < lv - 40.0 || q > lv + 10.0) return 1e300;
    }
    const double ll = model.loglik(from_logs(spec, p));
    return std::isfinite(ll) ? -ll : 1e300;
  };
  // Several starts spread over the plausible split of the variance.
  const std::array<std::array<double, 4>, 2> starts = {{
      {lv - 1.0, lv - 2.0, lv - 6.0, lv - 6.0},
      {lv - 2.0, lv - 2.0, lv - 10.0, lv - 14.0},
  }};
  detail::NelderMeadResult best;
  best.value = std::numeric_limits<double>::infinity();
  for (const auto& st : starts) {
    detail::Point start{};
    detail::Point step{};
    for (int i = 0; i < dim; ++i) {
      start[static_cast<std::size_t>(i)] = st[static_cast<std::size_t>(i)];
      step[static_cast<std::size_t>(i)] = 1.0;
    }
    const auto r = detail::nelder_mead(objective, start, step, dim, 400, 1e-7);
    if (r.value < best.value) best = r;
  }
  // Polish: restart from the best with smaller steps until it stops moving.
  for (int round = 0; round < 4; ++round) {
    detail::Point step{};
    for (int i = 0; i < dim; ++i) step[static_cast<std::size_t>(i)] = 0.3;
    const auto r =
        detail::nelder_mead(objective, best.x, step, dim, 400, 1e-10);
    const bool moved = r.value < best.value - 1e-9;
    if (r.value < best.value) best = r;
    if (!moved) break;
  }
  StructuralFit fit;
  fit.variances = from_logs(spec, best.x);
  fit.filter = model.filter(fit.variances);
  fit.evaluations = evaluations;
  fit.parameters = dim + model.states();
  fit.aic = -2.0 * fit.filter.loglik + 2.0 * fit.parameters;
  return fit;
}

}  // namespace cspcast::kernels

// SPDX-License-Identifier: MIT
// The basic structural time-series model with regression, for estimating
// an intervention's effect (Durbin & Koopman 2012, ch. 3, 5-7):
//
//   y_t = mu_t + gamma_t + x_t' beta + eps_t,      eps_t ~ N(0, s2_eps)
//   mu_{t+1} = mu_t + nu_t + eta_t,                 eta_t ~ N(0, s2_eta)
//   nu_{t+1} = nu_t + zeta_t   (local linear trend only)
//   gamma_t = sum_j gamma_{j,t}, trigonometric seasonal of period s: each
//   pair (gamma_j, gamma*_j) rotates by 2 pi j / s with disturbances of
//   variance s2_omega (the one at j = s/2 flips sign),
//   beta constant (a state with no disturbance).
//
// Every state starts diffuse (a_1 = 0, P_inf = I): the filter is the exact
// diffuse Kalman filter of DK section 5.2 and the likelihood its diffuse
// log-likelihood (DK 7.2.2). The regression coefficients, intervention
// included, are states: their estimate and variance are the filtered state
// after the last observation (constant states: filtered = smoothed).
// Filtering allocates nothing once the workspace is sized; the transition
// is applied block by block (O(m^2) a step, not O(m^3)).
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/eigen_types.hpp>

#include <array>

namespace cspcast::kernels {

struct StructuralSpec {
  bool slope = false;  // local linear trend instead of local level
  int period = 12;     // 0 or 1: no seasonal
};

/// Variances of the disturbances (non-negative).
struct StructuralVariances {
  double irregular = 0.0;
  double level = 0.0;
  double slope = 0.0;
  double seasonal = 0.0;
};

struct StructuralFilter {
  double loglik = 0.0;  // the diffuse log-likelihood
  int diffuse = 0;      // observations spent in the diffuse phase
  Vector beta;          // regression coefficients (the last states)
  Matrix beta_cov;      // their covariance
  Vector state;         // the filtered state after the last observation
};

/// A workspace for the filter, reused between likelihood evaluations.
class CSPCAST_CORE_API StructuralModel {
 public:
  /// `x` is n x k (regressors and intervention columns; k may be 0).
  StructuralModel(const StructuralSpec& spec,
                  const ConstVectorRef& y,
                  const ConstMatrixRef& x);
  /// Runs the exact diffuse filter at these variances.
  double loglik(const StructuralVariances& v);
  /// The filter's results at these variances.
  StructuralFilter filter(const StructuralVariances& v);
  [[nodiscard]] int states() const { return m_; }
  [[nodiscard]] int regressors() const { return k_; }
  /// The number of disturbance variances estimated.
  [[nodiscard]] int variances() const;

 private:
  double run(const StructuralVariances& v, bool keep);
  void rotate_rows(Matrix& p) const;    // p := T p
  void rotate_cols(Matrix& p) const;    // p := p T'
  void rotate_vector(Vector& a) const;  // a := T a
  int diffuse_ = 0;
  StructuralSpec spec_;
  Vector y_;
  Matrix x_;
  int n_ = 0;
  int k_ = 0;
  int m_ = 0;
  int seasonal_from_ = 0;
  int regression_from_ = 0;
  std::array<double, 8> cos_{};
  std::array<double, 8> sin_{};
  // Workspace.
  Vector a_;
  Matrix pstar_;
  Matrix pinf_;
  Vector z_;
  Vector mstar_;
  Vector minf_;
  Vector tmp_;
};

/// Maximum likelihood estimates of the variances (log variances by
/// Nelder-Mead from several starts) and the filter at them.
struct StructuralFit {
  StructuralVariances variances;
  StructuralFilter filter;
  int parameters = 0;  // variances plus diffuse states, for the AIC
  double aic = 0.0;
  int evaluations = 0;
};

CSPCAST_CORE_API StructuralFit fit_structural(const StructuralSpec& spec,
                                              const ConstVectorRef& y,
                                              const ConstMatrixRef& x);

}  // namespace cspcast::kernels

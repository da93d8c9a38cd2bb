// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/eigen_types.hpp>
#include <cspcast/kernels/forecast_model.hpp>

#include <array>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cspcast::kernels {

enum class EtsError { kAdditive, kMultiplicative };
enum class EtsTrend { kNone, kAdditive, kDamped };
enum class EtsSeason { kNone, kAdditive, kMultiplicative };

/// One member of the exponential smoothing state-space family
/// (Hyndman, Koehler, Ord and Snyder 2008).
struct CSPCAST_CORE_API EtsSpec {
  EtsError error = EtsError::kAdditive;
  EtsTrend trend = EtsTrend::kNone;
  EtsSeason season = EtsSeason::kNone;
  int period = 12;
  /// `ETS(A,Ad,M)` and the like.
  [[nodiscard]] std::string name() const;
  /// The member named `ETS(E,T,S)` (E = A or M, T = N, A or Ad, S = N, A
  /// or M; spaces around the letters allowed): the inverse of name().
  [[nodiscard]] static std::optional<EtsSpec> parse(std::string_view text,
                                                    int period);
};

/// Smoothing parameters and the initial state (level, slope, and the
/// seasonal state of time points 0..period-1).
struct EtsParams {
  double alpha = 0.1;
  double beta = 0.01;
  double gamma = 0.01;
  double phi = 1.0;
  double level = 0.0;
  double slope = 0.0;
  std::array<double, 64> season{};  // the first `period` entries are used
};

/// The largest seasonal period the ETS kernels support.
inline constexpr int kEtsMaxPeriod = 64;

struct EtsOptions {
  int max_evaluations = 1000;  // Nelder-Mead likelihood evaluations
  double tolerance = 1e-5;     // relative change of -2 log L
  bool bootstrap = false;      // paths resample the residuals
  /// A starting point for the smoothing parameters, level and slope (the
  /// fit of a sibling member); the heuristic start when null.
  const EtsParams* start = nullptr;
};

/// A fitted ETS model.
class CSPCAST_CORE_API EtsModel final : public ForecastModel {
 public:
  /// `lik`: the -2 log-likelihood of `params` on `y` (ets_lik) when the
  /// fit already has it, so that aicc() is the value the fit compared;
  /// NaN: worked out here.
  EtsModel(const EtsSpec& spec,
           const EtsParams& params,
           const ConstVectorRef& y,
           int n_params,
           bool bootstrap = false,
           double lik = std::numeric_limits<double>::quiet_NaN());

  [[nodiscard]] std::string name() const override { return spec_.name(); }
  void point(VectorRef out) const override;
  void simulate_paths(std::uint64_t seed,
                      std::uint64_t key,
                      int first_path,
                      int step,
                      MatrixRef out,
                      Eigen::Index /*first_read*/) const override;
  [[nodiscard]] double aicc() const override { return aicc_; }

  [[nodiscard]] const EtsSpec& spec() const { return spec_; }
  [[nodiscard]] const EtsParams& params() const { return params_; }
  [[nodiscard]] double sigma2() const { return sigma2_; }
  /// -2 log-likelihood up to a constant shared by all models on y.
  [[nodiscard]] double lik() const { return lik_; }
  [[nodiscard]] int n_params() const { return n_params_; }

 private:
  EtsSpec spec_;
  EtsParams params_;
  int n_ = 0;
  int n_params_ = 0;
  double lik_ = 0.0;
  double sigma2_ = 0.0;
  double aicc_ = 0.0;
  // State after the last observation.
  double level_ = 0.0;
  double slope_ = 0.0;
  std::array<double, kEtsMaxPeriod> season_{};
  int next_pos_ = 0;  // seasonal position of time n
  // Centred residuals scaled to sigma2 (on the error scale), when paths
  // resample them.
  std::vector<double> residuals_;
};

/// Whether the smoothing parameters lie in the admissible (forecastable)
/// region of Hyndman et al. (2008, chapter 10): the seasonal conditions on
/// alpha, beta, gamma and phi and every root of the characteristic
/// polynomial within the unit circle (to 1e-10), checked by the Schur-Cohn
/// recursion (no root finding, no allocation). Non-seasonal members inside
/// the usual region are always admissible.
CSPCAST_CORE_API bool ets_admissible(const EtsSpec& spec,
                                     const EtsParams& params);

/// -2 log-likelihood (up to a constant) of `params` for `spec` on `y`; the
/// hot kernel of fitting. Returns +inf when the states leave the admissible
/// region (non-positive level in a multiplicative model, non-finite values).
/// Allocates nothing.
CSPCAST_CORE_API double ets_lik(const ConstVectorRef& y,
                                const EtsSpec& spec,
                                const EtsParams& params);

/// Fits one model by maximum likelihood (Nelder-Mead over the smoothing
/// parameters, initial level and slope; heuristic seasonal initial states).
/// nullopt when the data cannot support it: too short, or non-positive
/// values for a multiplicative component.
CSPCAST_CORE_API std::unique_ptr<EtsModel> fit_ets(
    const ConstVectorRef& y,
    const EtsSpec& spec,
    const EtsOptions& options = {});

struct AutoEtsOptions {
  bool allow_multiplicative = true;  // only used where y > 0
  bool allow_damped = true;
  bool allow_trend = true;
  bool allow_season = true;
  EtsOptions fit;
};

/// Fits every admissible member (those auto_ets considers); members that
/// cannot be fitted are left out.
CSPCAST_CORE_API std::vector<std::unique_ptr<EtsModel>> fit_ets_family(
    const ConstVectorRef& y, int period, const AutoEtsOptions& options = {});

/// Fits every admissible member and returns the one with the least AICc
/// (the selection of Hyndman et al. 2008; additive error with
/// multiplicative season is excluded as numerically unstable).
/// Throws DataError when no member can be fitted.
CSPCAST_CORE_API std::unique_ptr<EtsModel> auto_ets(
    const ConstVectorRef& y, int period, const AutoEtsOptions& options = {});

}  // namespace cspcast::kernels

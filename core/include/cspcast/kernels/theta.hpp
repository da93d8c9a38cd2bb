// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/eigen_types.hpp>
#include <cspcast/kernels/forecast_model.hpp>

#include <memory>
#include <vector>

namespace cspcast::kernels {

/// The theta method (Assimakopoulos and Nikolopoulos 2000) in the form of
/// Hyndman and Billah (2003), as R's forecast::thetaf: when the seasonality
/// test finds a season, a classical multiplicative decomposition removes it
/// (additive when the series has values <= 0); simple exponential smoothing
/// plus half the slope of a linear trend forecasts the adjusted series; the
/// season is put back. Paths: simple exponential smoothing paths plus the
/// drift, times the seasonal indices.
CSPCAST_CORE_API std::unique_ptr<ForecastModel> fit_theta(
    const ConstVectorRef& y, int period, const FitOptions& options = {});

/// An equal-weight combination of fitted models. The point forecast is the
/// mean of the members' point forecasts. Path c is member (c mod k)'s path
/// c: the paths are a mixture of the members' predictive distributions, so
/// the disagreement between members widens the intervals.
CSPCAST_CORE_API std::unique_ptr<ForecastModel> make_combination(
    std::vector<std::unique_ptr<ForecastModel>> members);

/// The default combination: the AICc-best ETS model, the best damped-trend
/// ETS model and the theta method.
CSPCAST_CORE_API std::unique_ptr<ForecastModel> fit_combination(
    const ConstVectorRef& y,
    int period,
    bool allow_multiplicative = true,
    const FitOptions& options = {});

/// STL decomposition (seasonal window 11, as R's forecast::stlf) with a
/// non-seasonal automatic ETS model on the seasonally adjusted series; the
/// last year's seasonal component is added back.
CSPCAST_CORE_API std::unique_ptr<ForecastModel> fit_stl_ets(
    const ConstVectorRef& y,
    int period,
    bool allow_multiplicative = true,
    const FitOptions& options = {});

}  // namespace cspcast::kernels

// SPDX-License-Identifier: MIT
// Models chosen by name (`auto`, `ets`, ..., or one ETS member such as
// `ETS(M,Ad,M)`), and the fallbacks when a series cannot support the model
// asked for.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/io/series_csv.hpp>
#include <cspcast/kernels/ets.hpp>
#include <cspcast/kernels/forecast_model.hpp>
#include <cspcast/results/forecast.hpp>

#include <memory>
#include <string>

namespace cspcast {

/// A model kind by name, or an ETS member by name (`ETS(E,T,S)`): sets
/// `options.model` and `options.ets_member`. Throws ConfigError
/// "model: unknown model ..." naming the choices.
CSPCAST_CORE_API void choose_model_by_name(const std::string& text,
                                           ForecastOptions& options);

/// Fits the requested model; when the series cannot support it, falls back
/// to a non-seasonal ETS model and then to drift, saying why in
/// `fallback`. Throws DataError naming the series and its line when
/// nothing fits or the data do not suit the model (counts, positivity).
CSPCAST_CORE_API std::unique_ptr<kernels::ForecastModel> fit_with_fallback(
    const io::InputSeries& s,
    const ConstVectorRef& y,
    const ForecastOptions& options,
    std::string& fallback);

}  // namespace cspcast

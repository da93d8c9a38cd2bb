// SPDX-License-Identifier: MIT
#include <cspcast/engine/model_choice.hpp>
#include <cspcast/error.hpp>
#include <cspcast/format.hpp>

#include <cmath>

namespace cspcast {
namespace {

kernels::EtsSpec ets_member(const std::string& text, int period) {
  const auto spec = kernels::EtsSpec::parse(text, period);
  if (!spec) {
    throw ConfigError("model: bad ETS member '" + text +
                      "' (expected ETS(E,T,S) with E = A or M, T = N, A or "
                      "Ad, S = N, A or M)");
  }
  return *spec;
}

// Counts are a property of the data, not of its length: no fallback.
void check_counts(const io::InputSeries& s) {
  for (std::size_t i = 0; i < s.values.size(); ++i) {
    const double v = s.values[i];
    if (v < 0.0 || v != std::floor(v)) {
      throw DataError(s.file + ":" + std::to_string(s.lines[i]) +
                      ": value: series '" + s.id +
                      "': the count model needs whole numbers >= 0 "
                      "(got " +
                      format_number(v) + ")");
    }
  }
}

// One ETS member by name: fitted as it is, no fallback.
std::unique_ptr<kernels::ForecastModel> fit_member(const io::InputSeries& s,
                                                   const ConstVectorRef& y,
                                                   const ForecastOptions& o) {
  const auto spec = ets_member(*o.ets_member, o.period);
  const std::string at = s.origin() + ": " + spec.name();
  const bool multiplicative =
      spec.error == kernels::EtsError::kMultiplicative ||
      spec.season == kernels::EtsSeason::kMultiplicative;
  if (multiplicative) {
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      if (!(s.values[i] > 0.0)) {
        throw DataError(at + " needs positive values (got " +
                        format_number(s.values[i]) + " at line " +
                        std::to_string(s.lines[i]) + ")");
      }
    }
  }
  kernels::EtsOptions options;
  options.bootstrap = o.bootstrap;
  auto model = kernels::fit_ets(y, spec, options);
  if (!model) {
    throw DataError(at + " cannot be fitted to " + std::to_string(y.size()) +
                    " values (too short)");
  }
  return model;
}

}  // namespace

void choose_model_by_name(const std::string& text, ForecastOptions& options) {
  if (text.rfind("ETS(", 0) == 0) {
    (void)ets_member(text, options.period);
    options.ets_member = text;
    options.model = ModelSpec{ModelKind::kEts, Transform::kNone};
    return;
  }
  const auto kind = parse_model_kind(text);
  if (!kind) {
    throw ConfigError("model: unknown model '" + text + "' (expected " +
                      model_kind_choices() + ")");
  }
  options.ets_member.reset();
  options.model = ModelSpec{*kind, Transform::kNone};
}

// Fits the requested model; when the series cannot support it, falls back
// to a non-seasonal ETS model and then to drift, saying why.
std::unique_ptr<kernels::ForecastModel> fit_with_fallback(
    const io::InputSeries& s,
    const ConstVectorRef& y,
    const ForecastOptions& o,
    std::string& fallback) {
  const kernels::FitOptions fit{o.bootstrap};
  if (o.ets_member) return fit_member(s, y, o);
  if (o.model.kind == ModelKind::kCount) check_counts(s);
  try {
    return kernels::fit_forecast_model(y, o.period, o.model, fit);
  } catch (const DataError& first) {
    fallback = std::string(first.what());
    if (o.model.kind != ModelKind::kCount && y.size() >= 8 &&
        o.model.transform == Transform::kNone) {
      try {
        kernels::AutoEtsOptions options;
        options.allow_season = false;
        options.fit.bootstrap = o.bootstrap;
        auto m = kernels::auto_ets(y, o.period, options);
        fallback += "; used non-seasonal ETS";
        return m;
      } catch (const DataError&) {
      }
    }
    if (y.size() >= 3) {
      fallback += "; used drift";
      return kernels::fit_drift(y, fit);
    }
    throw DataError(s.origin() + ": " + first.what() +
                    "; too short for any model (" + std::to_string(y.size()) +
                    " values)");
  }
}

}  // namespace cspcast

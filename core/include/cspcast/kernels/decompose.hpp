// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/eigen_types.hpp>

namespace cspcast::kernels {

enum class DecompositionType { kAdditive, kMultiplicative };

/// A series split into trend, seasonal and remainder components:
/// y = trend + seasonal + remainder (additive) or
/// y = trend * seasonal * remainder (multiplicative).
struct Decomposition {
  Vector trend;     // NaN where a centred moving average is undefined
  Vector seasonal;  // the seasonal component at every time point
  Vector remainder;
  Vector figure;  // one seasonal index per position 0..period-1 (classical)
};

/// Classical decomposition (as R's decompose): trend by a centred moving
/// average of order `period` (2 x period for even periods), seasonal indices
/// as the mean detrended value of each position, normalised to sum to zero
/// (additive) or average one (multiplicative). Position 0 is y(0)'s.
/// Needs at least two full periods; throws DataError otherwise, or for
/// non-positive values with the multiplicative type.
CSPCAST_CORE_API Decomposition classical_decomposition(const ConstVectorRef& y,
                                                       int period,
                                                       DecompositionType type);

/// The same, writing into caller-owned buffers (no allocation): `trend`,
/// `seasonal` of y's size and `figure` of `period` entries.
CSPCAST_CORE_API void classical_decomposition_into(const ConstVectorRef& y,
                                                   int period,
                                                   DecompositionType type,
                                                   VectorRef trend,
                                                   VectorRef seasonal,
                                                   VectorRef figure);

/// STL options (Cleveland, Cleveland, McRae and Terpenning 1990). Spans are
/// odd numbers of points; 0 picks the defaults of the paper and of R's stl.
struct StlOptions {
  int seasonal_window = 0;  // 0: periodic (subseries means)
  int seasonal_degree = 0;  // 0 or 1, as R's s.degree
  int trend_window = 0;     // 0: nextodd(ceil(1.5 period / (1 - 1.5 / ns)))
  int lowpass_window = 0;   // 0: nextodd(period)
  int inner = 2;            // inner loop passes
  int outer = 0;            // robustness passes (0: not robust)
};

/// Seasonal-trend decomposition by loess (additive). Needs at least two
/// full periods; throws DataError otherwise.
CSPCAST_CORE_API Decomposition stl(const ConstVectorRef& y,
                                   int period,
                                   const StlOptions& options = {});

/// Whether y has significant seasonality at lag `period`: the test of R's
/// forecast::thetaf (|r_m| against 1.645 sqrt((1 + 2 sum_{k<m} r_k^2) / n)).
CSPCAST_CORE_API bool seasonality_test(const ConstVectorRef& y, int period);

}  // namespace cspcast::kernels

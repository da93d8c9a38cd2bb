// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/eigen_types.hpp>

namespace cspcast::kernels {

/// The seasonal profile of the last `years` complete cycles of `y`: for each
/// position j in 0..period-1 (j = 0 is the first month of each cycle, which
/// starts `years * period` values before the end), `shares(j)` is the mean
/// over cycles of y(j) / cycle total and `spread(j)` its standard deviation
/// over cycles (0 when only one cycle counts). Needs y.size() >= years *
/// period, shares.size() == spread.size() == period. A cycle whose total
/// is zero (no events) is left out; with none left the shares are equal
/// (1 / period) and the spread zero. Returns the cycles used. Allocates
/// nothing. Throws DataError on a negative or infinite cycle total.
CSPCAST_CORE_API int seasonal_profile(const ConstVectorRef& y,
                                      int period,
                                      int years,
                                      VectorRef shares,
                                      VectorRef spread);

/// Kent Police "anticipated volumes" for the last cycle of `y`: each month's
/// share over the `years` cycles before it, applied to the last cycle's
/// total, with an expected range of +- z standard deviations of that share.
/// Needs y.size() >= (years + 1) * period; outputs are `period` long, in
/// calendar order of the last cycle. Returns the reference cycles used
/// (as seasonal_profile).
CSPCAST_CORE_API int anticipated_volumes(const ConstVectorRef& y,
                                         int period,
                                         int years,
                                         double z,
                                         VectorRef anticipated,
                                         VectorRef lower,
                                         VectorRef upper);

}  // namespace cspcast::kernels

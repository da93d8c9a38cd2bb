// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/eigen_types.hpp>
#include <cspcast/results/forecast.hpp>

namespace cspcast {

/// Accuracy of one forecast against actuals (see Accuracy): the MASE and
/// MSIS scale is the in-sample mean absolute seasonal difference at lag
/// `period` (lag 1 when the training part is not longer than a period).
CSPCAST_CORE_API Accuracy accuracy(const ConstVectorRef& train,
                                   const ConstVectorRef& actual,
                                   const ConstVectorRef& point,
                                   const ConstVectorRef& lo80,
                                   const ConstVectorRef& hi80,
                                   const ConstVectorRef& lo95,
                                   const ConstVectorRef& hi95,
                                   int period);

}  // namespace cspcast

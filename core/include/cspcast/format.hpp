// SPDX-License-Identifier: MIT
// Numbers as text, the same way in messages and in data files.
#pragma once

#include <cspcast/core_export.hpp>

#include <string>

namespace cspcast {

/// `v` with at most `significant` significant digits, shortest form
/// (`std::to_chars` general): 1234.5, 0.001, 1e+300.
CSPCAST_CORE_API std::string format_number(double v, int significant = 10);

}  // namespace cspcast

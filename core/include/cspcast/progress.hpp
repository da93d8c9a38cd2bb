// SPDX-License-Identifier: MIT
#pragma once

#include <functional>

namespace cspcast {

/// Told how much of a long job is done: `done` of `total` units. Called
/// from one thread at a time.
using Progress = std::function<void(int done, int total)>;

}  // namespace cspcast

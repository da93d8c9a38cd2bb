// SPDX-License-Identifier: MIT
// One convention for every options struct: `problems()` lists everything
// wrong at once, each as a field and what is wrong with it; `validate()`
// turns them into one ConfigError at the library's entry. The library
// speaks of fields (`paths`); a front end maps them to its own names (the
// CLI's `--paths`).
#pragma once

#include <cspcast/core_export.hpp>

#include <string>
#include <vector>

namespace cspcast {

struct OptionProblem {
  std::string field;    // the options struct's field, e.g. "paths"
  std::string message;  // e.g. "at least 100 (got 10)"
};

/// Adds a problem when `value` lies outside [lo, hi]:
/// "<field>: between lo and hi (got value)" ("at least lo" when hi is the
/// type's maximum).
CSPCAST_CORE_API void check_range(std::vector<OptionProblem>& out,
                                  const char* field,
                                  long long value,
                                  long long lo,
                                  long long hi);
CSPCAST_CORE_API void check_range(std::vector<OptionProblem>& out,
                                  const char* field,
                                  double value,
                                  double lo,
                                  double hi);

inline void check_range(std::vector<OptionProblem>& out,
                        const char* field,
                        int value,
                        int lo,
                        int hi) {
  check_range(out,
              field,
              static_cast<long long>(value),
              static_cast<long long>(lo),
              static_cast<long long>(hi));
}

/// "field: message; field: message" (fields as given).
CSPCAST_CORE_API std::string describe(const std::vector<OptionProblem>& list);

/// Throws one ConfigError listing every problem (nothing when empty).
CSPCAST_CORE_API void validate(const std::vector<OptionProblem>& problems);

}  // namespace cspcast

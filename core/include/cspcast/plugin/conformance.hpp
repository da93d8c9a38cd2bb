// SPDX-License-Identifier: MIT
// The checks every plugin's own projection model must pass (in the manner
// of OpenMM's shared test bodies, run for every platform): the same bodies
// run on every plugin of the tree (tests/plugins/conformance_test.cpp), on
// any plugin a user loads (`cspcast plugins --check`), and on the
// deliberately faulty fixture, where they must find the faults.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/priority_source.hpp>
#include <cspcast/projection.hpp>

#include <string>
#include <vector>

namespace cspcast::plugin {

/// Months projected and paths drawn by the checks.
inline constexpr int kConformanceMonthsAhead = 42;
inline constexpr int kConformancePaths = 64;

/// A history of `months` months valid for the indicator's unit: seasonal
/// and trending, whole for counts, within 0-100 for percentages; `kind`
/// "typical", "zeros" (every third month zero) or "constant".
CSPCAST_CORE_API MonthlySeries conformance_history(const IndicatorSpec& ind,
                                                   int months,
                                                   const std::string& kind);

/// The input for `history`, with every declared companion given as a
/// constant 100 from two years before the history to its end.
CSPCAST_CORE_API ProjectionInput
conformance_input(const IndicatorSpec& ind, const MonthlySeries& history);

/// Every check on one fitted model (`other`: a second model of the same
/// plugin, for the call-order and two-thread checks): same seed same
/// paths, paths independent of how they are
/// split between calls (blocks, every other path), calls to std::rand in
/// between change nothing, A-then-B equals B-then-A, two threads give what
/// one gives, every value filled, finite and within the unit. Returns the
/// faults, each prefixed by `what`.
CSPCAST_CORE_API std::vector<std::string> conformance_faults(
    const std::string& what,
    const ProjectionModel& model,
    const ProjectionModel& other,
    int months,
    int other_months,
    Unit unit);

/// The whole suite for one indicator of `source` that declares its own
/// model: fitted to a typical history, one with zeros, a constant one and
/// the shortest it accepts (searched from 1 to 60 months), each checked
/// with conformance_faults(). Empty when the model conforms.
CSPCAST_CORE_API std::vector<std::string> own_model_faults(
    const PrioritySource& source, const IndicatorSpec& ind);

}  // namespace cspcast::plugin

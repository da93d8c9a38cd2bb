// SPDX-License-Identifier: MIT
// Private: the report's charts (fan chart, distribution, monitoring), as
// SVG documents drawn with svg.hpp, shared by the page and --charts.
#pragma once

#include <cspcast/pack.hpp>
#include <cspcast/results/monitor.hpp>
#include <cspcast/results/run.hpp>

#include <string>

namespace cspcast::report {

/// The words for a basis: "per 1,000 population", "%", ...
std::string basis_label(const std::string& basis);
/// The fan chart of one target (rolling value, bands, bar, changes).
std::string fan_chart(const Target& t, const RunResult& r, const Pack& pack);
/// The distribution of the target-period value per scenario, with the bar.
std::string histogram_chart(const Target& t, const RunResult& r);
/// One indicator's recent months against anticipated volumes.
std::string monitor_chart(const MonitorIndicator& mi);

}  // namespace cspcast::report

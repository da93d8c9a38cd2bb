// SPDX-License-Identifier: MIT
// `cspcast report`: one self-contained HTML page for a partnership board
// (inline CSS and SVG, no script, no external reference), from one run:
// the summary table, a fan chart and a distribution per target, the paired
// comparison, optionally the effects needed, the monitoring section and
// the manifest. docs/report.md.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/pack.hpp>
#include <cspcast/results/monitor.hpp>
#include <cspcast/results/run.hpp>
#include <cspcast/results/solve.hpp>

#include <string>
#include <utility>
#include <vector>

namespace cspcast::report {

struct ReportInput {
  const RunResult* run = nullptr;  // with fans (RunOptions::fans)
  const MonitorResult* monitor = nullptr;
  const Pack* pack = nullptr;
  std::vector<SolveResult> solves;  // empty: no solve section
  double solve_cpu_seconds = 0.0;
  std::string date;  // of the run, for the manifest
};

struct Report {
  std::string html;
  /// Every chart as its own SVG document: (file name, SVG).
  std::vector<std::pair<std::string, std::string>> charts;
};

CSPCAST_CORE_API Report html_report(const ReportInput& in);

}  // namespace cspcast::report

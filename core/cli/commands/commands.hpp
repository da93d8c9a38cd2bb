// SPDX-License-Identifier: MIT
// One function per command; each parses its own options and returns the
// exit code (errors are thrown and reported by main).
#pragma once

#include <string>
#include <vector>

namespace cspcast::cli {

using Args = std::vector<std::string>;

int cmd_run(const Args& args);
int cmd_compare(const Args& args);
int cmd_batch(const Args& args);
int cmd_solve(const Args& args);
int cmd_forecast(const Args& args);
int cmd_backtest(const Args& args);
int cmd_backtest_pack(const Args& args);
int cmd_anticipated(const Args& args);
int cmd_plugins(const Args& args);
int cmd_import(const Args& args);
int cmd_new_pack(const Args& args);
int cmd_monitor(const Args& args);
int cmd_report(const Args& args);
int cmd_estimate(const Args& args);

}  // namespace cspcast::cli

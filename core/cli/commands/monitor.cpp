// SPDX-License-Identifier: MIT
// `cspcast monitor`: each indicator's latest month and financial year to
// date against its anticipated volumes (Kent practice).
#include "../common.hpp"
#include "commands.hpp"

#include <cspcast/engine/monitor.hpp>
#include <cspcast/io/pack_reader.hpp>
#include <cspcast/report/monitor_report.hpp>
#include <cspcast/report/output.hpp>

#include <iostream>

namespace cspcast::cli {

int cmd_monitor(const Args& args) {
  std::string pack;
  std::string month;
  std::string format = "table";
  std::string out;
  MonitorOptions o;
  po::options_description d("Monitor");
  add_help(d);
  add_pack(d, pack);
  d.add_options()("month",
                  po::value(&month),
                  "the latest month to show, YYYY-MM (default: each "
                  "indicator's last month)")(
      "years",
      po::value(&o.years)->default_value(o.years),
      "at most this many years of seasonal pattern (1 to 50)")(
      "z",
      po::value(&o.z)->default_value(o.z),
      "half-width of the range in standard deviations (0 to 10)");
  add_format(d, format, {"table", "csv", "json"});
  add_out_file(d, out, "also write the months as CSV");
  if (parse(args, d, "usage: cspcast monitor [--pack DIR] [--month YYYY-MM]")) {
    return kOk;
  }
  check_format(format, {"table", "csv", "json"});
  if (!month.empty()) {
    o.month = YearMonth::parse(month);
    if (!o.month)
      throw po::error("--month: expected YYYY-MM (got '" + month + "')");
  }
  if (o.years < 1 || o.years > 50) {
    throw po::error("--years: expected 1 to 50 (got " +
                    std::to_string(o.years) + ")");
  }
  if (!(o.z > 0.0 && o.z <= 10.0)) {
    throw po::error("--z: expected a number in (0, 10]");
  }
  report::OutputTransaction files;
  if (!out.empty()) files.check(out);
  const Pack p = io::read_pack(pack_or_default(pack));
  const MonitorResult r = monitor(p, o);
  if (!out.empty()) files.stage(out, report::monitor_csv(r));
  files.commit();
  if (format == "json") {
    std::cout << report::monitor_json(r);
  } else if (format == "csv") {
    std::cout << report::monitor_csv(r);
  } else {
    std::cout << report::monitor_table(r);
  }
  return kOk;
}

}  // namespace cspcast::cli

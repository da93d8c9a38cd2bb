// SPDX-License-Identifier: MIT
// `cspcast anticipated`: Kent-style anticipated volumes of the latest year.
#include "../common.hpp"
#include "commands.hpp"

#include <cspcast/engine/anticipated.hpp>
#include <cspcast/report/anticipated_report.hpp>
#include <cspcast/report/output.hpp>

#include <iostream>

namespace cspcast::cli {

int cmd_anticipated(const Args& args) {
  AnticipatedOptions o;
  std::string input;
  std::string out;
  std::string level = to_string(o.level);
  po::options_description d("Anticipated volumes");
  add_help(d);
  d.add_options()("input", po::value(&input), "CSV: series_id, month, value")(
      "years",
      po::value(&o.years)->default_value(o.years),
      "years of seasonality before the latest year")(
      "z",
      po::value(&o.z)->default_value(o.z),
      "half-width of the expected range in standard deviations of each "
      "month's share")(
      "level",
      po::value(&level)->default_value(level),
      "the annual level the shares are applied to: previous (the 12 months "
      "before the latest year: what could be anticipated in advance) or "
      "latest (the latest year's own total)");
  add_out_file(d, out, "also write the table as CSV");
  if (parse(args, d, "usage: cspcast anticipated --input FILE [options]")) {
    return kOk;
  }
  if (input.empty()) throw po::error("anticipated needs --input");
  const auto parsed = parse_anticipated_level(level);
  if (!parsed) {
    throw po::error("--level: expected " + anticipated_level_choices() +
                    " (got '" + level + "')");
  }
  o.level = *parsed;
  check_options(o.problems());
  report::OutputTransaction files;
  if (!out.empty()) files.check(out);
  const auto series = io::read_series_csv(input, {12, 0});
  const AnticipatedResult r = anticipated(series, o, input);
  if (!out.empty()) files.stage(out, report::anticipated_csv(r));
  files.commit();
  std::cout << report::anticipated_table(r);
  return kOk;
}

}  // namespace cspcast::cli

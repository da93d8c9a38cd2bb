// SPDX-License-Identifier: MIT
// `cspcast anticipated`: Kent-style anticipated volumes of the latest year.
#include "../common.hpp"
#include "../series_groups.hpp"
#include "commands.hpp"

#include <cspcast/engine/anticipated.hpp>
#include <cspcast/report/anticipated_report.hpp>
#include <cspcast/report/output.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

namespace cspcast::cli {
namespace {

constexpr std::size_t kGroup = 4096;  // series read at a time

// A group of series at a time when `streaming` (else the whole file): the
// CSV to its temporary, the table to a temporary file shown at the end, so
// that nothing is printed or left when the run fails part-way.
void anticipated_pass(const std::string& input,
                      const std::string& out,
                      const AnticipatedOptions& o,
                      bool streaming) {
  report::OutputTransaction files;
  std::ofstream* csv = nullptr;
  if (!out.empty()) {
    files.check(out);
    csv = &files.stream(out);
    *csv << report::anticipated_csv(AnticipatedResult{});
  }
  const TempFile table = temp_file();
  SeriesGroups groups(input, io::InputOptions{12, 0}, streaming, kGroup);
  int outside = 0;
  int skipped = 0;
  std::size_t total = 0;
  std::string first_skip;
  std::string warnings;  // shown once the pass has read the whole file
  for (;;) {
    const std::vector<io::InputSeries> series = groups.next();
    if (series.empty()) break;
    const AnticipatedResult r = anticipated(series, o, input);
    if (csv != nullptr) {
      const std::string rows = report::anticipated_csv(r);
      *csv << rows.substr(rows.find('\n') + 1);
    }
    append(table.get(), report::anticipated_series_table(r));
    outside += r.outside();
    skipped += r.skipped();
    total += r.series.size();
    for (const auto& s : r.series) {
      if (!s.skipped.empty()) {
        warnings +=
            "cspcast: warning: skipped (no anticipated volumes): " + s.skipped +
            '\n';
        if (first_skip.empty()) first_skip = s.skipped;
      }
    }
  }
  std::cerr << warnings;
  // When no series can be given volumes, the first reason ends the run.
  if (total > 0 && skipped == static_cast<int>(total)) {
    throw DataError(first_skip);
  }
  files.commit();
  copy_out(table.get(), std::cout);
  std::cout << report::anticipated_summary(outside, skipped);
}

}  // namespace

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
  streaming_or_whole(
      [&](bool streaming) { anticipated_pass(input, out, o, streaming); });
  return kOk;
}

}  // namespace cspcast::cli

// SPDX-License-Identifier: MIT
#include "format.hpp"

#include <cspcast/error.hpp>
#include <cspcast/report/batch_report.hpp>
#include <cspcast/report/run_report.hpp>
#include <cspcast/version.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

namespace cspcast::report {
namespace {

struct Counts {
  int targets = 0;
  int on_track = 0;
  int at_risk = 0;
  int off_track = 0;
  int borderline = 0;
};

// Per scenario of one run, in the order scenarios first appear.
std::vector<std::pair<std::string, Counts>> counts(const RunResult& r) {
  std::vector<std::pair<std::string, Counts>> out;
  for (const auto& o : r.outcomes) {
    auto it = out.begin();
    while (it != out.end() && it->first != o.scenario) ++it;
    if (it == out.end()) {
      out.emplace_back(o.scenario, Counts{});
      it = std::prev(out.end());
    }
    Counts& c = it->second;
    ++c.targets;
    if (o.status == "on track") ++c.on_track;
    if (o.status == "at risk") ++c.at_risk;
    if (o.status == "off track") ++c.off_track;
    if (o.status == "borderline") ++c.borderline;
  }
  return out;
}

}  // namespace

PackOutput pack_output(const RunResult& r) {
  PackOutput p;
  p.name = r.pack_name;
  std::istringstream lines(results_csv(r));
  std::string line;
  std::getline(lines, line);
  p.header_csv = "pack," + line + "\n";
  while (std::getline(lines, line)) {
    p.results_csv += csv_field(r.pack_name) + ',' + line + '\n';
  }
  // The thread count is a fact of the execution, not of the results (which
  // do not depend on it): it is in the execution record, not here.
  nlohmann::json j = nlohmann::json::parse(results_json(r));
  j["manifest"].erase("threads");
  j["pack"] = r.pack_name;
  p.results_json = j.dump();
  std::ostringstream csv;
  std::ostringstream table;
  for (const auto& [scenario, c] : counts(r)) {
    csv << csv_field(r.pack_name) << ',' << csv_field(scenario) << ','
        << c.targets << ',' << c.on_track << ',' << c.at_risk << ','
        << c.off_track << ',' << c.borderline << '\n';
    table << pad(r.pack_name, 20) << pad(scenario, 22)
          << pad(std::to_string(c.targets), 9)
          << pad(std::to_string(c.on_track), 10)
          << pad(std::to_string(c.at_risk), 9)
          << pad(std::to_string(c.off_track), 11) << c.borderline << '\n';
  }
  p.summary_csv = csv.str();
  p.summary_table = table.str();
  return p;
}

std::vector<std::string> fields_of(const PackOutput& p) {
  return {p.name,
          p.results_csv,
          p.results_json,
          p.summary_csv,
          p.summary_table,
          p.header_csv};
}

PackOutput pack_output_from(const std::vector<std::string>& f) {
  if (f.size() != 6) throw Error("batch: a pack's output has the wrong shape");
  return {f[0], f[1], f[2], f[3], f[4], f[5]};
}

std::string batch_results_csv(const std::vector<PackOutput>& packs) {
  std::string out;
  if (!packs.empty()) out = packs.front().header_csv;
  for (const auto& p : packs) out += p.results_csv;
  return out;
}

std::string batch_summary_csv(const std::vector<PackOutput>& packs) {
  std::string out =
      "pack,scenario,targets,on_track,at_risk,off_track,borderline\n";
  for (const auto& p : packs) out += p.summary_csv;
  return out;
}

std::string batch_summary_table(const std::vector<PackOutput>& packs,
                                const RunOptions& options) {
  std::ostringstream out;
  out << "cspcast " << CSPCAST_VERSION_STRING << ": " << packs.size()
      << " packs, " << options.paths << " paths, seed " << options.seed
      << "\n\n"
      << pad("pack", 20) << pad("scenario", 22) << pad("targets", 9)
      << pad("on track", 10) << pad("at risk", 9) << pad("off track", 11)
      << "borderline\n";
  for (const auto& p : packs) out << p.summary_table;
  return out.str();
}

std::string batch_json(const std::vector<PackOutput>& packs,
                       const RunOptions& options) {
  nlohmann::json j;
  nlohmann::json& m = j["manifest"];
  m["cspcast_version"] = CSPCAST_VERSION_STRING;
  m["seed"] = options.seed;
  m["paths"] = options.paths;
  m["note"] =
      "each pack is run on its own with the same seed; results do not depend "
      "on the thread or rank count (those are in execution.json)";
  j["packs"] = nlohmann::json::array();
  for (const auto& p : packs) {
    j["packs"].push_back(nlohmann::json::parse(p.results_json));
  }
  return j.dump(2) + "\n";
}

}  // namespace cspcast::report

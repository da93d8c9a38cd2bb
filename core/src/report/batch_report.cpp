// SPDX-License-Identifier: MIT
#include "format.hpp"

#include <cspcast/report/batch_report.hpp>
#include <cspcast/report/run_report.hpp>
#include <cspcast/version.hpp>

#include <nlohmann/json.hpp>

#include <array>
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

std::string batch_results_csv(const std::vector<RunResult>& runs) {
  std::ostringstream out;
  bool header = true;
  for (const auto& r : runs) {
    std::istringstream lines(results_csv(r));
    std::string line;
    bool first = true;
    while (std::getline(lines, line)) {
      if (first) {
        first = false;
        if (header) out << "pack," << line << '\n';
        header = false;
        continue;
      }
      out << csv_field(r.pack_name) << ',' << line << '\n';
    }
  }
  return out.str();
}

std::string batch_summary_csv(const std::vector<RunResult>& runs) {
  std::ostringstream out;
  out << "pack,scenario,targets,on_track,at_risk,off_track,borderline\n";
  for (const auto& r : runs) {
    for (const auto& [scenario, c] : counts(r)) {
      out << csv_field(r.pack_name) << ',' << csv_field(scenario) << ','
          << c.targets << ',' << c.on_track << ',' << c.at_risk << ','
          << c.off_track << ',' << c.borderline << '\n';
    }
  }
  return out.str();
}

std::string batch_summary_table(const std::vector<RunResult>& runs) {
  std::ostringstream out;
  out << "cspcast " << CSPCAST_VERSION_STRING << ": " << runs.size()
      << " packs";
  if (!runs.empty()) {
    out << ", " << runs.front().options.paths << " paths, seed "
        << runs.front().options.seed;
  }
  out << "\n\n"
      << pad("pack", 20) << pad("scenario", 22) << pad("targets", 9)
      << pad("on track", 10) << pad("at risk", 9) << pad("off track", 11)
      << "borderline\n";
  for (const auto& r : runs) {
    for (const auto& [scenario, c] : counts(r)) {
      out << pad(r.pack_name, 20) << pad(scenario, 22)
          << pad(std::to_string(c.targets), 9)
          << pad(std::to_string(c.on_track), 10)
          << pad(std::to_string(c.at_risk), 9)
          << pad(std::to_string(c.off_track), 11) << c.borderline << '\n';
    }
  }
  return out.str();
}

std::string batch_json(const std::vector<RunResult>& runs) {
  nlohmann::json j;
  nlohmann::json& m = j["manifest"];
  m["cspcast_version"] = CSPCAST_VERSION_STRING;
  if (!runs.empty()) {
    m["seed"] = runs.front().options.seed;
    m["paths"] = runs.front().options.paths;
  }
  m["note"] =
      "each pack is run on its own with the same seed; results do not depend "
      "on the thread count";
  j["packs"] = nlohmann::json::array();
  for (const auto& r : runs) {
    // Each pack's own results file, with its manifest, under its name.
    nlohmann::json one = nlohmann::json::parse(results_json(r));
    one["pack"] = r.pack_name;
    j["packs"].push_back(std::move(one));
  }
  return j.dump(2) + "\n";
}

}  // namespace cspcast::report

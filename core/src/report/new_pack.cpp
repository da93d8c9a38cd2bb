// SPDX-License-Identifier: MIT
// The files of a pack built from imports (docs/data-sources.md).
#include "format.hpp"

#include <cspcast/error.hpp>
#include <cspcast/format.hpp>
#include <cspcast/report/new_pack.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace cspcast::report {
namespace {

// The TOML basic string of `s`.
bool severity_series(const std::string& name) {
  for (const char* s : {"ksi", "killed", "serious", "slight"}) {
    if (name.find(s) != std::string::npos) return true;
  }
  return false;
}

struct Built {
  std::string indicator;
  YearMonth first;
  std::vector<double> values;
  std::string how;                   // for the README
  std::vector<std::string> changes;  // [[recording_change]] blocks
};

// The breaks that touch an indicator's series: a severity move becomes a
// recording change, a split whose both sides are mapped is merged, and one
// that touches one side only starts the history at the break. Returns the
// first month of the history on one basis.
int apply_breaks(const NewPackInput& in,
                 const PackMapping::Entry& e,
                 int start,
                 int hi,
                 std::string& how,
                 std::vector<std::string>& changes) {
  // Breaks that touch the mapped series.
  const std::set<std::string> names(e.series.begin(), e.series.end());
  for (const auto& br : in.breaks) {
    bool ended = false;
    bool started = false;
    for (const auto& x : br.ended) ended = ended || names.count(x) != 0U;
    for (const auto& x : br.started) started = started || names.count(x) != 0U;
    const bool severity =
        br.factor && br.group == in.area &&
        std::any_of(e.series.begin(), e.series.end(), severity_series);
    if (severity) {
      changes.push_back(
          "[[recording_change]]\nindicator = " + toml_string(e.indicator) +
          "\nfrom = " + toml_string(br.month.str()) + "\nfactor = " +
          format_number(*br.factor, 6) + "\ncarry_forward = true\nnote = " +
          toml_string(
              "move to injury-based severity reporting (CRASH) found by "
              "cspcast import stats19: KSI before it x " +
              format_number(*br.factor, 6) +
              " (the DfT's adjusted over reported KSI, 24 months before)") +
          "\n");
      how += "; recording change from " + br.month.str() +
             " (injury-based severity, factor " + format_number(*br.factor, 4) +
             ")";
      continue;
    }
    if (!ended && !started) continue;
    if (ended && started) {
      how += "; merged across the category change of " + br.month.str() + " (" +
             br.group + ")";
      continue;
    }
    // One side only: the sum changes what it counts at the break. History
    // starts at the break, on one basis.
    if (br.month.index() > start && br.month.index() <= hi) {
      start = br.month.index();
      how += "; history starts " + br.month.str() + " at a category " +
             std::string(started ? "start" : "end") + " (" + br.group + ")";
    }
  }
  return start;
}

// The indicator's monthly history from its mapped series, or nullopt with
// the reason in `why`.
std::optional<Built> build_indicator(const NewPackInput& in,
                                     const PackMapping::Entry& e,
                                     std::string& why) {
  std::vector<const ImportedSeries*> parts;
  std::vector<std::string> missing;
  for (const auto& name : e.series) {
    const std::string id = in.area + "/" + name;
    const auto it = std::find_if(in.series.begin(),
                                 in.series.end(),
                                 [&](const auto& s) { return s.id == id; });
    if (it == in.series.end()) {
      missing.push_back(id);
    } else {
      parts.push_back(&*it);
    }
  }
  if (parts.empty()) {
    why = "no series " + missing.front() + " in the imports";
    return std::nullopt;
  }
  int lo = 1 << 30;
  int hi = -1;
  for (const auto* p : parts) {
    lo = std::min(lo, p->first.index());
    hi =
        std::max(hi, p->first.index() + static_cast<int>(p->values.size()) - 1);
  }
  Built b;
  b.indicator = e.indicator;
  std::vector<double> v(static_cast<std::size_t>(hi - lo + 1), 0.0);
  for (const auto* p : parts) {
    for (std::size_t i = 0; i < p->values.size(); ++i) {
      const auto k = static_cast<std::size_t>(p->first.index() - lo) + i;
      v[k] += p->values[i];  // a gap (NaN) makes the month a gap
    }
  }
  std::string how = "sum of ";
  for (std::size_t i = 0; i < e.series.size(); ++i) {
    how += (i == 0 ? "'" : ", '") + e.series[i] + "'";
  }
  int start = lo;
  start = apply_breaks(in, e, start, hi, how, b.changes);
  // The last run of months without a gap.
  for (int m = hi; m >= start; --m) {
    if (std::isnan(v[static_cast<std::size_t>(m - lo)])) {
      how += "; history starts " + YearMonth::from_index(m + 1).str() +
             " after a gap in " + YearMonth::from_index(m).str();
      start = m + 1;
      break;
    }
  }
  if (hi - start + 1 < 36) {
    why = "only " + std::to_string(std::max(0, hi - start + 1)) +
          " months of history on one basis (36 needed)";
    return std::nullopt;
  }
  b.first = YearMonth::from_index(start);
  b.values.assign(v.begin() + (start - lo), v.end());
  b.how = how;
  return b;
}

// The indicators that can be built, each with a README row; notes for
// those that cannot.
std::vector<Built> map_indicators(const NewPackInput& in,
                                  PackFiles& out,
                                  std::string& readme_rows) {
  std::vector<Built> built;
  for (const auto& spec : in.indicators) {
    const auto e =
        std::find_if(in.mapping.entries.begin(),
                     in.mapping.entries.end(),
                     [&](const auto& x) { return x.indicator == spec.id; });
    if (e == in.mapping.entries.end()) {
      const auto u =
          std::find_if(in.mapping.unmapped.begin(),
                       in.mapping.unmapped.end(),
                       [&](const auto& x) { return x.indicator == spec.id; });
      const std::string why =
          u != in.mapping.unmapped.end() ? u->why : "not in the mapping";
      out.notes.push_back("unmapped: " + spec.id + ": " + why);
      readme_rows += "| " + spec.id + " | not mapped: " + why + " |\n";
      continue;
    }
    std::string why;
    auto b = build_indicator(in, *e, why);
    if (!b) {
      out.notes.push_back("left out: " + spec.id + ": " + why);
      readme_rows += "| " + spec.id + " | left out: " + why + " |\n";
      continue;
    }
    readme_rows +=
        "| " + spec.id + " | " + b->how + ", " + b->first.str() + " to " +
        (b->first + static_cast<int>(b->values.size()) - 1).str() + " |\n";
    built.push_back(std::move(*b));
  }
  for (const auto& e : in.mapping.entries) {
    if (std::none_of(in.indicators.begin(),
                     in.indicators.end(),
                     [&](const auto& s) { return s.id == e.indicator; })) {
      out.notes.push_back("the mapping names '" + e.indicator +
                          "', which no installed plugin declares: skipped");
    }
  }
  if (built.empty()) {
    throw DataError(
        "new-pack: no indicator of the installed plugins could be "
        "built for '" +
        in.area +
        "' from the series given (see "
        "the notes above)");
  }
  return built;
}

std::string history_text(const NewPackInput& in,
                         const std::vector<Built>& built) {
  // history.csv
  std::string history = "# written by cspcast new-pack from " + in.sources +
                        " (README.md)\nindicator,month,value\n";
  for (const auto& b : built) {
    for (std::size_t i = 0; i < b.values.size(); ++i) {
      history += b.indicator + "," + (b.first + static_cast<int>(i)).str() +
                 "," + format_number(b.values[i]) + "\n";
    }
  }
  return history;
}

// population.csv, projected to the horizon year; `first_projected` and
// `rule` describe the projection.
std::string population_text(const NewPackInput& in,
                            YearMonth horizon,
                            int& first_projected,
                            std::string& rule) {
  // population.csv, projected to the horizon.
  std::map<std::string, std::map<int, double>> groups;
  for (const auto& f : in.population) groups[f.group][f.year] = f.value;
  if (groups.count("all") == 0U) {
    throw DataError("new-pack: no population of '" + in.area +
                    "' in the population file (group 'all')");
  }
  std::string population = "group,year,population,basis\n";
  for (const auto& [group, years] : groups) {
    const int y1 = years.rbegin()->first;
    const int y0 = std::max(years.begin()->first, y1 - 5);
    const double growth =
        y1 > y0 ? std::pow(years.at(y1) / years.at(y0), 1.0 / (y1 - y0)) : 1.0;
    for (const auto& [y, v] : years) {
      population += group + "," + std::to_string(y) + "," +
                    format_number(std::round(v)) + ",estimate\n";
    }
    for (int y = y1 + 1; y <= horizon.year(); ++y) {
      population +=
          group + "," + std::to_string(y) + "," +
          format_number(std::round(years.at(y1) * std::pow(growth, y - y1))) +
          ",projected\n";
    }
    if (group == "all") {
      first_projected = y1 + 1;
      rule = "the mean annual growth of " + std::to_string(y0) + " to " +
             std::to_string(y1) + " (" + fixed(100.0 * (growth - 1.0), 2) +
             "% a year) carried forward from " + std::to_string(y1) + " to " +
             std::to_string(horizon.year());
    }
  }
  return population;
}

std::string pack_text(const NewPackInput& in,
                      const std::vector<Built>& built,
                      YearMonth horizon,
                      const std::string& period,
                      int first_projected,
                      const std::string& rule) {
  // pack.toml
  const std::string name = slug(in.area);
  std::string pack =
      "# Written by cspcast new-pack from public data (README.md): replace\n"
      "# the example targets with your plan's before using the results.\n"
      "[pack]\nname = " +
      toml_string(name) + "\ntitle = " +
      toml_string(in.area + ": community safety pack from public data") +
      "\nhorizon = " + toml_string(horizon.str()) +
      "\ntarget_period = " + toml_string(period) +
      "\nhistory = \"history.csv\"\npopulation = \"population.csv\"\n"
      "targets = \"targets.toml\"\nscenarios = [\"scenarios/baseline.toml\", "
      "\"scenarios/example-action.toml\"]\n"
      "# Population after " +
      std::to_string(first_projected - 1) +
      " is projected (population.csv, basis = projected): " + rule +
      ".\n"
      "population_projected_from = " +
      std::to_string(first_projected) + "\n";
  for (const auto& b : built) {
    for (const auto& c : b.changes) pack += "\n" + c;
  }
  return pack;
}

std::string targets_text(const std::vector<Built>& built,
                         const std::string& period,
                         YearMonth last) {
  // targets.toml: one example each.
  std::string targets =
      "# EXAMPLE TARGETS written by cspcast new-pack: one per indicator, so\n"
      "# that the pack runs. Replace each with your plan's target\n"
      "# (docs/pack-format.md).\n";
  for (const auto& b : built) {
    double last12 = 0.0;
    const std::size_t n = b.values.size();
    for (std::size_t i = n - 12; i < n; ++i) last12 += b.values[i];
    std::string id = "example-" + b.indicator;
    std::replace(id.begin(), id.end(), '.', '-');
    std::replace(id.begin(), id.end(), '_', '-');
    targets +=
        "\n[[target]]\nid = " + toml_string(id) + "\ntitle = " +
        toml_string("EXAMPLE, replace: " + b.indicator + " in " + period +
                    " no higher than in the 12 months to " + last.str()) +
        "\nindicator = " + toml_string(b.indicator) +
        "\nkind = \"at_most\"\nvalue = " + format_number(std::round(last12)) +
        "\nbasis = \"count\"\nsource = \"cspcast new-pack example\"\n"
        "note = \"an example to replace, not a target of any plan\"\n";
  }
  return targets;
}

std::string example_text(const std::vector<Built>& built, YearMonth last) {
  // An example scenario, so that `compare` has two to compare.
  std::string example =
      "# EXAMPLE written by cspcast new-pack: a 5% cut (sd 3%) in every\n"
      "# indicator from the month after the history, to show the format.\n"
      "# Replace it with your plan's actions (docs/scenarios.md).\n"
      "[scenario]\nname = \"example-action\"\nextends = \"baseline\"\n"
      "title = \"EXAMPLE: a 5% cut in every indicator\"\n";
  for (const auto& b : built) {
    example += "\n[[intervention]]\nindicator = " + toml_string(b.indicator) +
               "\nstart = " + toml_string((last + 1).str()) +
               "\nramp_months = 6\nnote = \"example only\"\n"
               "effect = { dist = \"normal\", mean = -0.05, sd = 0.03 }\n";
  }
  return example;
}

}  // namespace

std::string slug(const std::string& area) {
  std::string out;
  for (const char c : area) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "area" : out;
}

PackFiles build_pack(const NewPackInput& in) {
  PackFiles out;
  std::string readme_rows;
  const std::vector<Built> built = map_indicators(in, out, readme_rows);
  // The history ends at the latest month every indicator reaches.
  YearMonth last = built.front().first;
  for (const auto& b : built) {
    last = std::max(last, b.first + static_cast<int>(b.values.size()) - 1);
  }
  YearMonth horizon = in.horizon.value_or(last + 36);
  while (!in.horizon && horizon.month() != 3) horizon = horizon + 1;
  if (horizon <= last) {
    throw DataError("new-pack: --horizon " + horizon.str() +
                    " is not after the history's end " + last.str());
  }
  const int fy = horizon.financial_year();
  const std::string period =
      "FY" + std::to_string(fy) + "/" +
      (std::to_string((fy + 1) % 100).size() == 1 ? "0" : "") +
      std::to_string((fy + 1) % 100);
  const std::string history = history_text(in, built);
  int first_projected = 0;
  std::string rule;
  const std::string population =
      population_text(in, horizon, first_projected, rule);
  const std::string pack =
      pack_text(in, built, horizon, period, first_projected, rule);
  const std::string targets = targets_text(built, period, last);
  const std::string baseline =
      "[scenario]\nname = \"baseline\"\ntitle = \"Baseline: current trends, "
      "no new action\"\ndescription = \"Every indicator projected from its "
      "fitted model with no interventions.\"\n";
  const std::string example = example_text(built, last);
  std::string provenance_list;
  for (const auto& p : in.provenance) provenance_list += "- " + p + "\n";
  std::string readme =
      "# " + in.area + (in.area_code.empty() ? "" : " (" + in.area_code + ")") +
      ": a pack from public data\n\nWritten by `cspcast new-pack` from " +
      in.sources +
      ". Run it with `cspcast run --pack .`; replace the example targets in "
      "`targets.toml` with your plan's, and add your scenarios.\n\n"
      "| indicator | source |\n|---|---|\n" +
      readme_rows + "\nSources and basis:\n\n" + provenance_list +
      "\nPopulation (`population.csv`): ONS mid-year estimates; after " +
      std::to_string(first_projected - 1) + ", " + rule +
      " (rows marked `projected`).\n\n`mapping.toml` is the mapping used: "
      "edit it and rebuild with `--mapping`.\n";
  out.files = {{"pack.toml", pack},
               {"history.csv", history},
               {"population.csv", population},
               {"targets.toml", targets},
               {"scenarios/baseline.toml", baseline},
               {"scenarios/example-action.toml", example},
               {"mapping.toml", in.mapping.text},
               {"README.md", readme}};
  return out;
}

}  // namespace cspcast::report

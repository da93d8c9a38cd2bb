// SPDX-License-Identifier: MIT
// ONS mid-year population estimates to the pack's groups (all ages, 10-17,
// under 16), from the wide table (one year a file: Code, Name, Geography,
// All ages, 0 .. 90, under title rows) or the long CSV Nomis serves (one
// row per date, geography, sex and age, with aggregate rows).
#include "import_common.hpp"

#include <cspcast/error.hpp>
#include <cspcast/format.hpp>
#include <cspcast/io/csv.hpp>
#include <cspcast/io/importers.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace cspcast::io {
namespace {

namespace fs = std::filesystem;

constexpr int kAges = 91;  // 0 .. 89 and 90 and over

struct AreaYear {
  std::string name;
  std::array<double, kAges> age{};
  std::array<bool, kAges> seen{};
  std::optional<double> all;
  int all_line = 0;
  std::string where;  // file:line of the first figure, for messages
};

using Table = std::map<std::pair<std::string, int>, AreaYear>;  // code, year

// "171,826" -> 171826; empty -> nullopt; anything else is an error.
std::optional<double> count_of(const CsvReader& csv,
                               std::size_t i,
                               std::string_view field) {
  std::string s;
  for (const char c : csv.field(i)) {
    if (c != ',' && c != ' ') s += c;
  }
  if (s.empty()) return std::nullopt;
  const auto v = parse_number(s);
  if (!v || *v < 0.0) {
    throw DataError(csv.where(field) + ": expected a population count, got '" +
                    std::string(csv.field(i)) + "'");
  }
  return v;
}

// A four-digit year 1961..2099 in `text` after "mid-" or alone.
std::optional<int> year_in(std::string_view text) {
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    const bool before =
        i == 0 || std::isdigit(static_cast<unsigned char>(text[i - 1])) == 0;
    const bool after =
        i + 4 == text.size() ||
        std::isdigit(static_cast<unsigned char>(text[i + 4])) == 0;
    if (!before || !after) continue;
    int y = 0;
    bool digits = true;
    for (std::size_t k = i; k < i + 4; ++k) {
      if (std::isdigit(static_cast<unsigned char>(text[k])) == 0)
        digits = false;
      else
        y = y * 10 + (text[k] - '0');
    }
    if (digits && y >= 1961 && y <= 2099) return y;
  }
  return std::nullopt;
}

// The age of a Nomis age name: 0..90, -1 for All Ages, -2 for a range or
// other aggregate.
int nomis_age(std::string_view name) {
  const std::string n = lower(name);
  if (n == "all ages" || n == "all") return -1;
  if (n.find("under 1") != std::string::npos) return 0;
  if (n.find(" - ") != std::string::npos || n.find('-') != std::string::npos ||
      n.find("to") != std::string::npos)
    return -2;
  int age = -2;
  int v = 0;
  bool digit = false;
  for (const char c : n) {
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      // Ages have at most three digits: stop growing past them (no overflow).
      if (v < 1000) v = v * 10 + (c - '0');
      digit = true;
    } else if (digit) {
      break;
    }
  }
  if (digit) age = v;
  if (age > 90 || (age == 90 && n.find('+') == std::string::npos &&
                   n.find("over") == std::string::npos))
    return age > 90 ? -2 : 90;
  return age;
}

void read_wide(CsvReader& csv,
               const fs::path& file,
               Table& t,
               std::map<std::string, std::string>& names) {
  // Title rows until the header row (`Code`, ..., `All ages`, 0, 1, ...).
  std::optional<int> year = year_in(file.filename().string());
  std::vector<std::string> head = csv.header();
  int head_line = csv.header_line();
  auto is_header = [](const std::vector<std::string>& h) {
    return !h.empty() && lower(h[0]) == "code" &&
           std::any_of(h.begin(), h.end(), [](const std::string& c) {
             return lower(c) == "all ages";
           });
  };
  while (!is_header(head)) {
    for (const auto& c : head) {
      if (lower(c).find("mid-") != std::string::npos && year_in(c))
        year = year_in(c);
    }
    if (!csv.next()) {
      throw DataError(file.string() +
                      ": no header row (Code, Name, ..., All ages, 0, 1, ..., "
                      "90) of an ONS mid-year estimates table");
    }
    head.assign(csv.fields().begin(), csv.fields().end());
    head_line = csv.line();
  }
  if (!year) {
    throw DataError(file.string() + ":" + std::to_string(head_line) +
                    ": cannot tell the year of the estimates: no 'Mid-YYYY' "
                    "title row and no year in the file name");
  }
  std::size_t c_name = 1;
  std::size_t c_all = 0;
  std::array<std::optional<std::size_t>, kAges> c_age{};
  for (std::size_t i = 0; i < head.size(); ++i) {
    const std::string h = lower(head[i]);
    if (h == "name") c_name = i;
    if (h == "all ages") c_all = i;
    const int a = nomis_age(h);
    if (a >= 0 && !h.empty() &&
        std::isdigit(static_cast<unsigned char>(h[0])) != 0)
      c_age[static_cast<std::size_t>(a)] = i;
  }
  for (int a = 0; a < kAges; ++a) {
    if (!c_age[static_cast<std::size_t>(a)]) {
      throw DataError(file.string() + ":" + std::to_string(head_line) +
                      ": header: missing the column of age " +
                      std::to_string(a) + (a == 90 ? " (90 and over)" : ""));
    }
  }
  while (csv.next()) {
    const std::string code(csv.field(0));
    if (code.empty()) continue;  // notes and blank rows under the table
    const auto all = count_of(csv, c_all, "All ages");
    if (!all) continue;  // a note row
    AreaYear& ay = t[{code, *year}];
    if (ay.all) {
      throw DataError(csv.where("Code") + ": '" + code + "' given twice for " +
                      std::to_string(*year));
    }
    ay.all = *all;
    ay.where = csv.where();
    names[code] = std::string(csv.field(c_name));
    for (int a = 0; a < kAges; ++a) {
      const std::size_t col = *c_age[static_cast<std::size_t>(a)];
      const auto v = count_of(csv, col, head[col]);
      if (!v) {
        throw DataError(csv.where(head[col]) + ": empty count for age " +
                        std::to_string(a));
      }
      ay.age[static_cast<std::size_t>(a)] = *v;
      ay.seen[static_cast<std::size_t>(a)] = true;
    }
  }
}

void read_nomis(CsvReader& csv,
                Table& t,
                std::map<std::string, std::string>& names) {
  const auto col = [&](std::initializer_list<std::string_view> alts,
                       bool required) -> std::optional<std::size_t> {
    for (const auto a : alts) {
      if (const auto c = csv.column(a)) return c;
    }
    if (required) {
      throw DataError(csv.name() + ":" + std::to_string(csv.header_line()) +
                      ": header: missing column " + std::string(*alts.begin()));
    }
    return std::nullopt;
  };
  const auto c_date = *col({"DATE", "DATE_NAME", "DATE_CODE"}, true);
  const auto c_code = *col({"GEOGRAPHY_CODE"}, true);
  const auto c_name = col({"GEOGRAPHY_NAME"}, false);
  const auto c_sex = col({"GENDER_NAME", "SEX_NAME"}, false);
  const auto c_age = *col({"C_AGE_NAME", "AGE_NAME"}, true);
  const auto c_value = *col({"OBS_VALUE"}, true);
  const auto c_measure = col({"MEASURES_NAME"}, false);
  while (csv.next()) {
    if (c_sex) {
      const std::string s = lower(csv.field(*c_sex));
      if (s != "total" && s != "all persons" && s != "persons" && s != "all")
        continue;  // one sex: the persons rows hold the total
    }
    if (c_measure && lower(csv.field(*c_measure)) != "value") continue;
    const auto year = year_in(csv.field(c_date));
    if (!year) {
      throw DataError(csv.where("DATE") + ": no year in '" +
                      std::string(csv.field(c_date)) + "'");
    }
    const int age = nomis_age(csv.field(c_age));
    if (age == -2) continue;  // an aggregate of ages: totals taken once
    const std::string code(csv.field(c_code));
    if (code.empty()) throw DataError(csv.where("GEOGRAPHY_CODE") + ": empty");
    const auto v = count_of(csv, c_value, "OBS_VALUE");
    if (!v) throw DataError(csv.where("OBS_VALUE") + ": empty");
    AreaYear& ay = t[{code, *year}];
    if (ay.where.empty()) ay.where = csv.where();
    if (c_name) names[code] = std::string(csv.field(*c_name));
    if (age == -1) {
      if (ay.all) {
        throw DataError(csv.where("C_AGE_NAME") + ": all ages of '" + code +
                        "' in " + std::to_string(*year) + " given twice");
      }
      ay.all = *v;
      continue;
    }
    const auto a = static_cast<std::size_t>(age);
    if (ay.seen[a]) {
      throw DataError(csv.where("C_AGE_NAME") + ": age " + std::to_string(age) +
                      " of '" + code + "' in " + std::to_string(*year) +
                      " given twice");
    }
    ay.seen[a] = true;
    ay.age[a] = *v;
  }
}

}  // namespace

PopulationImport import_population(
    const std::vector<std::filesystem::path>& files,
    const std::vector<std::string>& areas,
    const AreaNames& area_names) {
  Table table;
  std::map<std::string, std::string> names;
  for (const auto& f : files) {
    CsvReader csv =
        open_csv(f, f.string(), "expected ONS population estimates");
    if (csv.column("OBS_VALUE")) {
      read_nomis(csv, table, names);
    } else {
      read_wide(csv, f, table, names);
    }
  }
  PopulationImport out;
  std::set<std::string> wanted;
  for (const auto& a : areas) {
    bool found = false;
    for (const auto& [code, name] : names) {
      const auto n = area_names.name_of.find(code);
      if (a == code || a == name ||
          (n != area_names.name_of.end() && n->second == a)) {
        wanted.insert(code);
        found = true;
      }
    }
    if (!found) {
      throw DataError("--area '" + a +
                      "': no area of that code or name in the population "
                      "files");
    }
  }
  for (const auto& [key, ay] : table) {
    const auto& [code, year] = key;
    if (!wanted.empty() && wanted.count(code) == 0U) continue;
    for (int a = 0; a < kAges; ++a) {
      if (!ay.seen[static_cast<std::size_t>(a)]) {
        throw DataError(ay.where + ": '" + code + "' in " +
                        std::to_string(year) + " has no figure for age " +
                        std::to_string(a) +
                        " (the groups need every single "
                        "year of age)");
      }
    }
    double sum = 0.0;
    double under16 = 0.0;
    double teens = 0.0;
    for (int a = 0; a < kAges; ++a) {
      const double v = ay.age[static_cast<std::size_t>(a)];
      sum += v;
      if (a < 16) under16 += v;
      if (a >= 10 && a <= 17) teens += v;
    }
    if (ay.all && std::abs(*ay.all - sum) > 0.5) {
      out.notes.push_back(ay.where + ": all ages of '" + code + "' in " +
                          std::to_string(year) + " is " +
                          format_number(*ay.all) + " but its ages sum to " +
                          format_number(sum) + ": the stated total is used");
    }
    const auto n = area_names.name_of.find(code);
    const std::string name = n != area_names.name_of.end() ? n->second
                             : names.count(code) != 0U     ? names.at(code)
                                                           : code;
    for (const auto& [group, value] :
         {std::pair<std::string, double>{"age10_17", teens},
          {"all", ay.all.value_or(sum)},
          {"under16", under16}}) {
      out.figures.push_back({name, code, year, group, value});
    }
  }
  if (out.figures.empty()) {
    throw DataError(join_paths(files) +
                    ": no population figure in the files given");
  }
  std::sort(
      out.figures.begin(), out.figures.end(), [](const auto& x, const auto& y) {
        return std::tie(x.area, x.group, x.year) <
               std::tie(y.area, y.group, y.year);
      });
  return out;
}

}  // namespace cspcast::io

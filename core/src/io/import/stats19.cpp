// SPDX-License-Identifier: MIT
// DfT road casualty files (STATS19) to monthly casualties by severity per
// local authority (docs/data-sources.md). Collision files first (told by
// their header: a `date` and a severity), each collision kept as (month,
// district, police force) under its index; then every casualty is joined
// to its collision.
#include "import_common.hpp"

#include <cspcast/error.hpp>
#include <cspcast/io/csv.hpp>
#include <cspcast/io/importers.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace cspcast::io {
namespace {

namespace fs = std::filesystem;

enum class Kind { kCollision, kCasualty, kVehicle, kUnknown };

Kind kind_of(const CsvReader& csv) {
  std::set<std::string> h;
  for (const auto& c : csv.header()) h.insert(lower(c));
  if (h.count("casualty_severity") != 0U) return Kind::kCasualty;
  if (h.count("date") != 0U && (h.count("accident_severity") != 0U ||
                                h.count("collision_severity") != 0U))
    return Kind::kCollision;
  if (h.count("vehicle_reference") != 0U) return Kind::kVehicle;
  return Kind::kUnknown;
}

std::optional<std::size_t> column(
    const CsvReader& csv, std::initializer_list<std::string_view> names) {
  for (std::size_t i = 0; i < csv.header().size(); ++i) {
    const std::string h = lower(csv.header()[i]);
    for (const auto n : names) {
      if (h == n) return i;
    }
  }
  return std::nullopt;
}

std::size_t need(const CsvReader& csv,
                 std::initializer_list<std::string_view> names) {
  const auto c = column(csv, names);
  if (!c) {
    std::string list;
    for (const auto n : names)
      list += (list.empty() ? "" : " or ") + std::string(n);
    throw DataError(csv.name() + ":" + std::to_string(csv.header_line()) +
                    ": header: missing column " + list);
  }
  return *c;
}

int parse_int(std::string_view s, int& out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() ? 1 : 0;
}

// `dd/mm/yyyy` (also `yyyy-mm-dd`, as some re-saved files have it).
std::optional<YearMonth> month_of_date(std::string_view d) {
  int day = 0;
  int month = 0;
  int year = 0;
  if (d.size() == 10 && d[2] == '/' && d[5] == '/') {
    if (parse_int(d.substr(0, 2), day) == 0 ||
        parse_int(d.substr(3, 2), month) == 0 ||
        parse_int(d.substr(6, 4), year) == 0)
      return std::nullopt;
  } else if (d.size() == 10 && d[4] == '-' && d[7] == '-') {
    if (parse_int(d.substr(0, 4), year) == 0 ||
        parse_int(d.substr(5, 2), month) == 0 ||
        parse_int(d.substr(8, 2), day) == 0)
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (day < 1 || day > 31 || month < 1 || month > 12 || year < 1900)
    return std::nullopt;
  return YearMonth(year, month);
}

struct Collision {
  int month = 0;
  int district = -1;  // index into districts, -1 none
  int force = -1;
};

// Series of one area, indexed [what][month offset].
enum What { kKilled, kSerious, kSlight, kKsi, kAll, kAllU16, kKsiU16, kWhat };
constexpr std::array<const char*, kWhat> kNames = {"killed",
                                                   "serious",
                                                   "slight",
                                                   "ksi",
                                                   "casualties",
                                                   "casualties_u16",
                                                   "ksi_u16"};

class Joiner {
 public:
  explicit Joiner(const Stats19Options& o) : options_(o) {}

  void collisions(CsvReader& csv) {
    const std::size_t c_index =
        need(csv, {"accident_index", "collision_index"});
    const std::size_t c_date = need(csv, {"date"});
    const std::size_t c_district = need(csv, {"local_authority_ons_district"});
    const auto c_force = column(csv, {"police_force"});
    while (csv.next()) {
      const std::string_view index = csv.field(c_index);
      if (index.empty())
        throw DataError(csv.where("accident_index") + ": empty");
      const auto month = month_of_date(csv.field(c_date));
      if (!month) {
        throw DataError(csv.where("date") + ": malformed date '" +
                        std::string(csv.field(c_date)) +
                        "' (expected dd/mm/yyyy)");
      }
      Collision c;
      c.month = month->index();
      const std::string_view d = csv.field(c_district);
      if (!d.empty() && d != "-1") c.district = district_index(d);
      if (c_force) {
        int f = -1;
        if (parse_int(csv.field(*c_force), f) != 0) c.force = f;
      }
      first_ = std::min(first_, c.month);
      last_ = std::max(last_, c.month);
      months_.insert(c.month);
      if (!collisions_.emplace(std::string(index), c).second) {
        throw DataError(csv.where("accident_index") + ": collision '" +
                        std::string(index) + "' given twice");
      }
    }
  }

  void casualties(CsvReader& csv) {
    const std::size_t c_index =
        need(csv, {"accident_index", "collision_index"});
    const std::size_t c_sev = need(csv, {"casualty_severity"});
    const std::size_t c_age = need(csv, {"age_of_casualty"});
    const auto c_adj_serious =
        column(csv, {"casualty_adjusted_severity_serious"});
    const auto c_adj_slight =
        column(csv, {"casualty_adjusted_severity_slight"});
    if (options_.adjusted && (!c_adj_serious || !c_adj_slight)) {
      throw DataError(csv.name() + ":" + std::to_string(csv.header_line()) +
                      ": header: --severity adjusted needs the columns "
                      "casualty_adjusted_severity_serious and "
                      "casualty_adjusted_severity_slight (files from 2022 on "
                      "carry them for every year since 2004)");
    }
    while (csv.next()) {
      const std::string_view index = csv.field(c_index);
      const auto it = collisions_.find(std::string(index));
      if (it == collisions_.end()) {
        ++orphans_;
        continue;  // counted and reported: their collision was not given
      }
      const Collision& col = it->second;
      int sev = 0;
      if (parse_int(csv.field(c_sev), sev) == 0 || sev < 1 || sev > 3) {
        throw DataError(csv.where("casualty_severity") +
                        ": expected 1 "
                        "(fatal), 2 (serious) or 3 (slight), got '" +
                        std::string(csv.field(c_sev)) + "'");
      }
      int age = -1;
      if (parse_int(csv.field(c_age), age) == 0 || age < -1 || age > 130) {
        throw DataError(csv.where("age_of_casualty") +
                        ": expected an age "
                        "or -1, got '" +
                        std::string(csv.field(c_age)) + "'");
      }
      double p_serious = sev == 2 ? 1.0 : 0.0;
      double p_slight = sev == 3 ? 1.0 : 0.0;
      const bool fractional = adjusted(
          csv, c_adj_serious, c_adj_slight, sev, col, p_serious, p_slight);
      if (col.force >= 0 && sev != 1) {
        auto& f = crash_[{col.force, col.month}];
        f.first += 1;
        f.second += fractional ? 1 : 0;
      }
      if (col.district < 0) {
        ++no_district_;
        continue;  // counted and reported
      }
      add(col, sev, age, p_serious, p_slight);
    }
  }

  // The DfT's adjusted severity of a non-fatal casualty: whether it is a
  // fraction (the force did not report injury-based severity then), and,
  // with --severity adjusted, the probabilities used.
  bool adjusted(const CsvReader& csv,
                std::optional<std::size_t> c_adj_serious,
                std::optional<std::size_t> c_adj_slight,
                int sev,
                const Collision& col,
                double& p_serious,
                double& p_slight) {
    bool fractional = false;
    {
      if (c_adj_serious && c_adj_slight && sev != 1) {
        const auto s = parse_number(csv.field(*c_adj_serious));
        const auto l = parse_number(csv.field(*c_adj_slight));
        if (s && l && *s >= 0.0 && *s <= 1.0 && *l >= 0.0 && *l <= 1.0) {
          fractional = (*s > 1e-9 && *s < 1.0 - 1e-9);
          if (options_.adjusted) {
            p_serious = *s;
            p_slight = *l;
          }
          adjusted_serious_[{col.district, col.month}] += *s;
        } else if (options_.adjusted) {
          throw DataError(csv.where("casualty_adjusted_severity_serious") +
                          ": expected probabilities between 0 and 1, got '" +
                          std::string(csv.field(*c_adj_serious)) + "' and '" +
                          std::string(csv.field(*c_adj_slight)) + "'");
        }
      }
    }
    return fractional;
  }

  // One casualty into its district's month.
  void add(const Collision& col,
           int sev,
           int age,
           double p_serious,
           double p_slight) {
    {
      auto& v = cell(col.district, col.month);
      const double killed = sev == 1 ? 1.0 : 0.0;
      v[kKilled] += killed;
      v[kSerious] += p_serious;
      v[kSlight] += p_slight;
      v[kKsi] += killed + p_serious;
      v[kAll] += 1.0;
      if (age >= 0 && age < 16) {
        v[kAllU16] += 1.0;
        v[kKsiU16] += killed + p_serious;
      }
      if (sev == 2 || sev == 1) reported_ksi_[{col.district, col.month}] += 1;
      area_force_[{col.district, col.force}] += 1;
      ++casualties_;
    }
  }

  ImportResult finish(std::vector<std::string> notes,
                      const std::vector<fs::path>& all_files,
                      const std::vector<fs::path>& collision_files,
                      const std::vector<fs::path>& casualty_files);
  [[nodiscard]] std::vector<bool> kept() const;
  // Each police force's first month of injury-based severity reporting.
  [[nodiscard]] std::map<int, int> moves() const;
  // The move of district d's force, as a break with its size.
  void area_break(std::size_t d,
                  const std::string& area,
                  const std::map<int, int>& move,
                  std::vector<std::string>& notes,
                  ImportResult& r) const;

 private:
  int district_index(std::string_view code) {
    const auto it = district_ids_.find(code);
    if (it != district_ids_.end()) return it->second;
    districts_.emplace_back(code);
    const int id = static_cast<int>(districts_.size() - 1);
    district_ids_.emplace(std::string(code), id);
    return id;
  }
  std::array<double, kWhat>& cell(int district, int month) {
    return cells_[{district, month}];
  }

  const Stats19Options& options_;
  std::unordered_map<std::string, Collision, StringHash, std::equal_to<>>
      collisions_;
  std::vector<std::string> districts_;
  std::unordered_map<std::string, int, StringHash, std::equal_to<>>
      district_ids_;
  std::map<std::pair<int, int>, std::array<double, kWhat>> cells_;
  std::map<std::pair<int, int>, std::pair<int, int>> crash_;  // force, month
  std::map<std::pair<int, int>, double> adjusted_serious_;    // district, month
  std::map<std::pair<int, int>, double> reported_ksi_;        // district, month
  std::map<std::pair<int, int>, int> area_force_;
  std::set<int> months_;
  int first_ = 1 << 30;
  int last_ = -1;
  std::int64_t orphans_ = 0;
  std::int64_t no_district_ = 0;
  std::int64_t casualties_ = 0;
};

std::map<int, int> Joiner::moves() const {
  // Injury-based reporting: from the month after which a force's non-fatal
  // casualties have only whole adjusted probabilities (0 or 1).
  std::map<int, int> move;  // force -> first injury-based month
  {
    std::map<int, std::vector<std::pair<int, bool>>> by_force;
    for (const auto& [fm, n] : crash_) {
      by_force[fm.first].emplace_back(fm.second, n.second == 0);
    }
    for (const auto& [force, months] : by_force) {
      int m = -1;
      for (auto it = months.rbegin(); it != months.rend() && it->second; ++it)
        m = it->first;
      if (m > months.front().first) move[force] = m;
    }
  }
  return move;
}

void Joiner::area_break(std::size_t d,
                        const std::string& area,
                        const std::map<int, int>& move,
                        std::vector<std::string>& notes,
                        ImportResult& r) const {
  // The area's force (most of its casualties) and its move, if any.
  int force = -1;
  int most = 0;
  for (const auto& [df, n] : area_force_) {
    if (df.first == static_cast<int>(d) && n > most) {
      most = n;
      force = df.second;
    }
  }
  const auto mv = move.find(force);
  if (mv != move.end()) {
    double adjusted = 0.0;
    double reported = 0.0;
    for (int m = mv->second - 24; m < mv->second; ++m) {
      const auto a = adjusted_serious_.find({static_cast<int>(d), m});
      const auto k = reported_ksi_.find({static_cast<int>(d), m});
      const auto c = cells_.find({static_cast<int>(d), m});
      if (a != adjusted_serious_.end() && c != cells_.end())
        adjusted += a->second + c->second[kKilled];
      if (k != reported_ksi_.end()) reported += k->second;
    }
    ImportBreak b;
    b.group = area;
    b.month = YearMonth::from_index(mv->second);
    b.ended = {"severity as judged by the police officer"};
    b.started = {"injury-based severity (CRASH)"};
    if (reported > 0.0 && adjusted > 0.0 && !options_.adjusted)
      b.factor = adjusted / reported;
    notes.push_back(
        "break: '" + area + "' (police force " + std::to_string(force) +
        ") reports injury-based severity from " + b.month.str() +
        (b.factor ? ": KSI before it x " + std::to_string(*b.factor) +
                        " is on the new basis (adjusted over "
                        "reported, the 24 months before)"
                  : ""));
    r.breaks.push_back(std::move(b));
  }
}

// The districts kept by --area (codes, or names through --area-names).
std::vector<bool> Joiner::kept() const {
  std::vector<bool> keep(districts_.size(), options_.areas.empty());
  for (const auto& wanted : options_.areas) {
    bool found = false;
    for (std::size_t d = 0; d < districts_.size(); ++d) {
      const auto name = options_.names.name_of.find(districts_[d]);
      if (districts_[d] == wanted ||
          (name != options_.names.name_of.end() && name->second == wanted)) {
        keep[d] = found = true;
      }
    }
    if (!found) {
      throw DataError("--area '" + wanted +
                      "': no casualty of the import is in this local "
                      "authority (give its ONS code, or its name with "
                      "--area-names)");
    }
  }
  return keep;
}

ImportResult Joiner::finish(std::vector<std::string> notes,
                            const std::vector<fs::path>& all_files,
                            const std::vector<fs::path>& collision_files,
                            const std::vector<fs::path>& casualty_files) {
  if (collision_files.empty() || casualty_files.empty()) {
    throw DataError(
        join_paths(all_files) +
        ": import stats19 needs collision and casualty files (got " +
        std::to_string(collision_files.size()) + " collision file(s)" +
        (collision_files.empty() ? ""
                                 : " (" + join_paths(collision_files) + ")") +
        " and " + std::to_string(casualty_files.size()) + " casualty file(s)" +
        (casualty_files.empty() ? ""
                                : " (" + join_paths(casualty_files) + ")") +
        "; told apart by their headers)");
  }
  ImportResult r;
  notes.push_back("joined " + std::to_string(casualties_) + " casualties in " +
                  std::to_string(collisions_.size()) + " collisions, " +
                  YearMonth::from_index(first_).str() + " to " +
                  YearMonth::from_index(last_).str() + " (severity " +
                  (options_.adjusted ? "adjusted" : "as reported") + ")");
  if (orphans_ > 0) {
    notes.push_back(std::to_string(orphans_) +
                    " casualties belong to collisions in none of the "
                    "collision files given: not counted (give the "
                    "collision files of the same years)");
  }
  if (no_district_ > 0) {
    notes.push_back(std::to_string(no_district_) +
                    " casualties are in collisions with no local authority "
                    "(local_authority_ons_district -1 or empty): not in any "
                    "area's series");
  }
  for (int m = first_; m <= last_; ++m) {
    if (months_.count(m) == 0U) {
      notes.push_back("gap: no collision in " + YearMonth::from_index(m).str() +
                      " (a year's files missing?): no rows for that month");
    }
  }
  const std::vector<bool> keep = kept();
  const std::map<int, int> move = moves();
  for (std::size_t d = 0; d < districts_.size(); ++d) {
    if (!keep[d]) continue;
    const auto nm = options_.names.name_of.find(districts_[d]);
    const std::string area =
        nm != options_.names.name_of.end() ? nm->second : districts_[d];
    for (int w = 0; w < kWhat; ++w) {
      ImportedSeries s;
      s.area = area;
      s.area_code = districts_[d];
      s.id = area + "/" + kNames[static_cast<std::size_t>(w)];
      s.first = YearMonth::from_index(first_);
      for (int m = first_; m <= last_; ++m) {
        const auto c = cells_.find({static_cast<int>(d), m});
        s.values.push_back(months_.count(m) == 0U ? kGap
                           : c == cells_.end()
                               ? 0.0
                               : c->second[static_cast<std::size_t>(w)]);
      }
      r.series.push_back(std::move(s));
    }
    area_break(d, area, move, notes, r);
  }
  std::sort(r.series.begin(), r.series.end(), [](const auto& x, const auto& y) {
    return x.id < y.id;
  });
  r.notes = std::move(notes);
  r.provenance =
      std::string(
          "DfT road casualty statistics (STATS19), "
          "cspcast import stats19, severity ") +
      (options_.adjusted ? "adjusted (sums of probabilities)" : "as reported");
  return r;
}

}  // namespace

ImportResult import_stats19(const std::vector<std::filesystem::path>& files,
                            const Stats19Options& options) {
  Joiner j(options);
  std::vector<std::string> notes;
  // Collision files first, whatever the order given.
  std::vector<fs::path> casualty_files;
  std::vector<fs::path> collisions;
  for (const auto& f : files) {
    CsvReader csv = open_bulk_csv(f, "expected a STATS19 header");
    switch (kind_of(csv)) {
      case Kind::kCollision:
        j.collisions(csv);
        collisions.push_back(f);
        break;
      case Kind::kCasualty:
        casualty_files.push_back(f);
        break;
      case Kind::kVehicle:
        notes.push_back("skipped " + f.string() + ": a vehicle file");
        break;
      case Kind::kUnknown:
        throw DataError(f.string() + ":" + std::to_string(csv.header_line()) +
                        ": header: not a STATS19 collision or casualty file "
                        "(expected accident_index or collision_index with "
                        "date and a severity, or casualty_severity)");
    }
  }
  for (const auto& f : casualty_files) {
    CsvReader csv = open_bulk_csv(f, "expected a STATS19 header");
    j.casualties(csv);
  }
  return j.finish(std::move(notes), files, collisions, casualty_files);
}

}  // namespace cspcast::io

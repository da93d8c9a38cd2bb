// SPDX-License-Identifier: MIT
// police.uk street-level crime downloads to monthly counts per area and
// crime type (docs/data-sources.md). One pass over the rows: three fields
// of each row are looked at (Month, LSOA code and name, Crime type), the
// LSOA code is mapped to its area once (a hash map with string_view
// lookup), the crime type by a short linear search over the types seen,
// and the count lands in an integer-keyed hash map. Memory grows with
// areas x types x months, never with rows.
#include "import_common.hpp"

#include <cspcast/error.hpp>
#include <cspcast/io/csv.hpp>
#include <cspcast/io/importers.hpp>
#include <cspcast/io/inputs.hpp>

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>

namespace cspcast::io {
namespace {

namespace fs = std::filesystem;

enum class FileKind { kStreet, kOutcomes, kStopAndSearch, kOther };

struct FileName {
  FileKind kind = FileKind::kOther;
  std::string force;
  YearMonth month;
};

// `YYYY-MM-<force>-street.csv` and its siblings.
FileName classify(const std::string& relative) {
  const std::string base = fs::path(relative).filename().string();
  FileName f;
  const std::pair<std::string_view, FileKind> kinds[] = {
      {"-street.csv", FileKind::kStreet},
      {"-outcomes.csv", FileKind::kOutcomes},
      {"-stop-and-search.csv", FileKind::kStopAndSearch}};
  for (const auto& [suffix, kind] : kinds) {
    if (base.size() > 8 + suffix.size() && base.ends_with(suffix)) {
      const auto month = YearMonth::parse(std::string_view(base).substr(0, 7));
      if (!month || base[7] != '-') continue;
      f.kind = kind;
      f.month = *month;
      f.force = base.substr(8, base.size() - 8 - suffix.size());
      return f;
    }
  }
  return f;
}

// `Maidstone 001A` -> `Maidstone`: the LSOA name is its local authority
// followed by a three-digit number and a letter.
std::string_view authority_of(std::string_view lsoa_name) {
  const auto space = lsoa_name.rfind(' ');
  if (space == std::string_view::npos) return lsoa_name;
  const std::string_view tail = lsoa_name.substr(space + 1);
  const bool code = tail.size() == 4 &&
                    std::all_of(tail.begin(),
                                tail.begin() + 3,
                                [](char c) { return c >= '0' && c <= '9'; }) &&
                    tail[3] >= 'A' && tail[3] <= 'Z';
  return code ? lsoa_name.substr(0, space) : lsoa_name;
}

struct Life {
  int first = 1 << 30;
  int last = -1;
  void see(int m) {
    first = std::min(first, m);
    last = std::max(last, m);
  }
};

class Counter {
 public:
  explicit Counter(const PoliceUkOptions& o) : options_(o) {
    if (o.lsoa_lookup) read_lookup(*o.lsoa_lookup);
  }

  // The columns of a street-level file and what is constant in it.
  struct Street {
    std::size_t month = 0;
    std::size_t code = 0;
    std::size_t name = 0;
    std::size_t type = 0;
    std::size_t width = 0;
    std::string month_text;
    int month_index = 0;
    int unlocated = 0;
    int unmapped = -1;
    const std::string* force = nullptr;
  };

  void read_street(InputFile& in, const FileName& name) {
    in.bytes->skip_checksum();
    CsvReader csv(std::move(in.bytes), "expected the police.uk header");
    const auto col = [&](std::string_view c) {
      const auto i = csv.column(c);
      if (!i) {
        throw DataError(csv.name() + ":" + std::to_string(csv.header_line()) +
                        ": header: missing column '" + std::string(c) +
                        "' (a police.uk street-level file has Crime ID, "
                        "Month, Reported by, Falls within, Longitude, "
                        "Latitude, Location, LSOA code, LSOA name, Crime "
                        "type, Last outcome category, Context)");
      }
      return *i;
    };
    Street st;
    st.month = col("Month");
    st.code = col("LSOA code");
    st.name = col("LSOA name");
    st.type = col("Crime type");
    st.month_text = name.month.str();
    st.month_index = name.month.index();
    st.force = &name.force;
    present_[name.force].insert(st.month_index);
    st.unlocated = area_index(name.force + "/unlocated", name.force);
    st.unmapped = options_.lsoa_lookup
                      ? area_index(name.force + "/unmapped", name.force)
                      : -1;
    st.width = csv.header().size();
    // Per file: the types seen and each area's rows (the force and month
    // are the file's), merged into the totals after the file.
    file_types_.assign(types_.size(), 0);
    file_areas_.assign(areas_.size(), 0);
    while (csv.next()) count_row(csv, st);
    const int month = st.month_index;
    for (std::size_t t = 0; t < file_types_.size(); ++t) {
      if (file_types_[t] == 0) continue;
      lives_[{name.force, static_cast<int>(t)}].see(month);
      totals_[{name.force, static_cast<int>(t)}][month] += file_types_[t];
    }
    for (std::size_t a = 0; a < file_areas_.size(); ++a) {
      if (file_areas_[a] != 0) {
        area_force_rows_[{static_cast<int>(a), name.force}] += file_areas_[a];
      }
    }
    ++files_;
  }

  void count_row(const CsvReader& csv, const Street& st) {
    const std::size_t width = st.width;
    const std::size_t c_month = st.month;
    const std::size_t c_code = st.code;
    const std::size_t c_name = st.name;
    const std::size_t c_type = st.type;
    const std::string& month_text = st.month_text;
    const int month = st.month_index;
    {
      if (csv.fields().size() > width) {
        throw DataError(
            csv.where() + ": " + std::to_string(csv.fields().size()) +
            " fields where the header has " + std::to_string(width) +
            " (an unquoted comma inside a field?)");
      }
      const std::string_view m = csv.field(c_month);
      if (m != month_text) {
        if (!YearMonth::parse(m)) {
          throw DataError(csv.where("Month") + ": malformed month '" +
                          std::string(m) + "' (expected YYYY-MM)");
        }
        throw DataError(csv.where("Month") + ": " + std::string(m) +
                        " outside its file's month " + month_text);
      }
      const std::string_view type = csv.field(c_type);
      if (type.empty()) {
        throw DataError(csv.where("Crime type") + ": empty crime type");
      }
      const int t = type_index(type);
      const std::string_view code = csv.field(c_code);
      int area = 0;
      if (code.empty()) {
        area = st.unlocated;
        ++unlocated_rows_[*st.force];
      } else {
        area = area_of(code, csv.field(c_name), st.unmapped);
        if (area < 0) {
          throw DataError(csv.where("LSOA name") +
                          ": empty LSOA name for LSOA code '" +
                          std::string(code) + "'");
        }
      }
      ++counts_[key(area, t, month)];
      const auto ti = static_cast<std::size_t>(t);
      if (ti >= file_types_.size()) file_types_.resize(ti + 1, 0);
      ++file_types_[ti];
      const auto ai = static_cast<std::size_t>(area);
      if (ai >= file_areas_.size()) file_areas_.resize(ai + 1, 0);
      ++file_areas_[ai];
      ++rows_;
    }
  }

  ImportResult finish(std::vector<std::string> notes,
                      const std::string& sources);

 private:
  static std::uint64_t key(int area, int type, int month) {
    return (static_cast<std::uint64_t>(area) << 40U) |
           (static_cast<std::uint64_t>(type) << 24U) |
           static_cast<std::uint64_t>(month);
  }
  int type_index(std::string_view type) {
    if (last_type_ >= 0 && types_[static_cast<std::size_t>(last_type_)] == type)
      return last_type_;
    for (std::size_t i = 0; i < types_.size(); ++i) {
      if (types_[i] == type) return last_type_ = static_cast<int>(i);
    }
    types_.emplace_back(type);
    return last_type_ = static_cast<int>(types_.size() - 1);
  }
  int area_index(const std::string& area, const std::string& force) {
    const auto it = area_ids_.find(area);
    if (it != area_ids_.end()) return it->second;
    areas_.push_back(area);
    special_.push_back(area.starts_with(force + "/") ? force : "");
    const int id = static_cast<int>(areas_.size() - 1);
    area_ids_.emplace(area, id);
    return id;
  }
  int area_of(std::string_view code, std::string_view name, int unmapped) {
    const auto it = lsoa_.find(code);
    if (it != lsoa_.end()) return it->second;
    int area = 0;
    if (options_.lsoa_lookup) {
      const auto l = lookup_.find(code);
      if (l == lookup_.end()) {
        unmapped_codes_.insert(std::string(code));
        return unmapped;  // not cached: counted per code above
      }
      area = area_index(l->second, "");
    } else {
      if (name.empty()) return -1;
      area = area_index(std::string(authority_of(name)), "");
    }
    lsoa_.emplace(std::string(code), area);
    return area;
  }
  void read_lookup(const fs::path& file);
  // The steps of finish(), in order.
  void report_gaps();
  void type_breaks();
  void report_counts();
  void find_homes();
  void area_breaks();
  void choose_areas();
  void write_series();
  ImportResult r_;
  int span_first_ = 1 << 30;
  int span_last_ = -1;
  std::vector<std::string> home_;  // each area's home force
  std::vector<bool> keep_;         // the areas written

  const PoliceUkOptions& options_;
  std::vector<std::string> types_;
  int last_type_ = -1;
  std::vector<std::string> areas_;
  std::vector<std::string> special_;  // the force of an unlocated/unmapped area
  std::unordered_map<std::string, int, StringHash, std::equal_to<>> area_ids_;
  std::unordered_map<std::string, int, StringHash, std::equal_to<>> lsoa_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>
      lookup_;
  std::set<std::string> unmapped_codes_;
  std::unordered_map<std::uint64_t, std::int64_t> counts_;
  std::map<std::pair<std::string, int>, Life> lives_;  // (force, type)
  std::map<std::string, std::set<int>> present_;       // force -> months
  std::map<std::pair<int, std::string>, std::int64_t> area_force_rows_;
  std::map<std::string, std::int64_t> unlocated_rows_;
  std::int64_t rows_ = 0;
  std::vector<std::int64_t> file_types_;
  // Rows per (force, type) and month: the evidence for a break.
  std::map<std::pair<std::string, int>, std::map<int, std::int64_t>> totals_;
  std::vector<std::int64_t> file_areas_;
  int files_ = 0;
};

void Counter::read_lookup(const fs::path& file) {
  CsvReader csv = open_csv(file, file.string(), "expected lsoa_code,area");
  const auto c_code = csv.column("lsoa_code");
  const auto c_area = csv.column("area");
  if (!c_code || !c_area) {
    throw DataError(file.string() + ":" + std::to_string(csv.header_line()) +
                    ": header: expected columns lsoa_code and area");
  }
  while (csv.next()) {
    const std::string_view code = csv.field(*c_code);
    const std::string_view area = csv.field(*c_area);
    if (code.empty()) throw DataError(csv.where("lsoa_code") + ": empty");
    if (area.empty()) throw DataError(csv.where("area") + ": empty");
    const auto [it, fresh] = lookup_.emplace(std::string(code), area);
    if (!fresh && it->second != area) {
      throw DataError(csv.where("lsoa_code") + ": '" + std::string(code) +
                      "' given twice, with areas '" + it->second + "' and '" +
                      std::string(area) + "'");
    }
  }
}

ImportResult Counter::finish(std::vector<std::string> notes,
                             const std::string& sources) {
  r_.notes = std::move(notes);
  if (files_ == 0) {
    throw DataError(sources +
                    ": no police.uk street-level file "
                    "(YYYY-MM/YYYY-MM-<force>-street.csv) in the sources");
  }
  span_first_ = 1 << 30;
  span_last_ = -1;
  for (const auto& [force, months] : present_) {
    span_first_ = std::min(span_first_, *months.begin());
    span_last_ = std::max(span_last_, *months.rbegin());
  }
  r_.notes.push_back("read " + std::to_string(files_) +
                     " street-level files, " + std::to_string(rows_) +
                     " rows, " + YearMonth::from_index(span_first_).str() +
                     " to " + YearMonth::from_index(span_last_).str());
  report_gaps();
  type_breaks();
  report_counts();
  find_homes();
  area_breaks();
  choose_areas();
  write_series();
  return std::move(r_);
}

void Counter::report_gaps() {
  // Gaps: a force-month missing from the download inside the span.
  for (const auto& [force, months] : present_) {
    std::vector<std::string> gaps;
    for (int m = span_first_; m <= span_last_; ++m) {
      if (months.count(m) == 0U) gaps.push_back(YearMonth::from_index(m).str());
    }
    if (!gaps.empty()) {
      std::string list;
      for (const auto& g : gaps) list += (list.empty() ? "" : ", ") + g;
      r_.notes.push_back("gap: no street-level file of force '" + force +
                         "' for " + list +
                         ": those months have no rows in its areas' series "
                         "(a gap, not zeros)");
    }
  }
}

void Counter::type_breaks() {
  // Breaks: per force, the crime types that start or stop inside the span.
  std::map<std::pair<std::string, int>, ImportBreak> breaks;
  // A type absent for some months at the start (or end) of a force's span
  // is a break only when its rate once present makes that run of zeros
  // implausible (expected count over the absent months at least 5: a
  // chance of under 1% under Poisson). Otherwise the zeros are zeros and
  // its life is the force's span (a rare type at a small force).
  for (auto& [ft, life] : lives_) {
    const auto& [force, t] = ft;
    const auto& months = present_.at(force);
    const auto& by_month = totals_.at(ft);
    const auto rate = [&](int from, int to) {
      std::int64_t n = 0;
      int present = 0;
      for (int m = from; m <= to; ++m) {
        if (months.count(m) == 0U) continue;
        ++present;
        const auto it = by_month.find(m);
        if (it != by_month.end()) n += it->second;
      }
      return present > 0 ? static_cast<double>(n) / present : 0.0;
    };
    const auto absent = [&](int from, int to) {
      int n = 0;
      for (int m = from; m <= to; ++m) n += months.count(m) != 0U ? 1 : 0;
      return n;
    };
    const int first = *months.begin();
    const int last = *months.rbegin();
    if (life.first > first &&
        rate(life.first, life.first + 11) * absent(first, life.first - 1) < 5.0)
      life.first = first;
    if (life.last < last &&
        rate(life.last - 11, life.last) * absent(life.last + 1, last) < 5.0)
      life.last = last;
  }
  for (const auto& [ft, life] : lives_) {
    const auto& [force, t] = ft;
    const auto& months = present_.at(force);
    const int first = *months.begin();
    const int last = *months.rbegin();
    const std::string& type = types_[static_cast<std::size_t>(t)];
    if (life.first > first) {
      auto& b = breaks[{force, life.first}];
      b.started.push_back(type);
    }
    if (life.last < last) {
      auto& b = breaks[{force, life.last + 1}];
      b.ended.push_back(type);
    }
  }
  for (auto& [fm, b] : breaks) {
    b.group = fm.first;
    b.month = YearMonth::from_index(fm.second);
    std::sort(b.ended.begin(), b.ended.end());
    std::sort(b.started.begin(), b.started.end());
    std::string text = "break: force '" + b.group + "' from " + b.month.str();
    if (!b.ended.empty()) text += ": no longer publishes " + join(b.ended);
    if (!b.started.empty()) {
      text += std::string(b.ended.empty() ? ":" : ";") + " starts publishing " +
              join(b.started);
    }
    r_.notes.push_back(text);
    r_.breaks.push_back(std::move(b));
  }
}

void Counter::report_counts() {
  // Unknown crime types: counted as published, and said.
  const auto& known = police_uk_crime_types();
  for (const auto& t : types_) {
    if (std::find(known.begin(), known.end(), t) == known.end()) {
      r_.notes.push_back("unknown crime type '" + t +
                         "': counted as published (not one of the police.uk "
                         "categories cspcast knows; see docs/data-sources.md)");
    }
  }
  for (const auto& [force, n] : unlocated_rows_) {
    r_.notes.push_back(std::to_string(n) + " rows of force '" + force +
                       "' have no location (empty LSOA): counted as '" + force +
                       "/unlocated/<crime type>'");
  }
  if (!unmapped_codes_.empty()) {
    r_.notes.push_back(std::to_string(unmapped_codes_.size()) +
                       " LSOA codes are not in the lookup (first: " +
                       *unmapped_codes_.begin() +
                       "): their rows are counted as '<force>/unmapped/<crime "
                       "type>'");
  }
}

void Counter::find_homes() {
  // Each area's home force: the one with most of its rows.
  home_.assign(areas_.size(), std::string());
  std::vector<std::int64_t> best(areas_.size(), -1);
  for (const auto& [af, n] : area_force_rows_) {
    const auto a = static_cast<std::size_t>(af.first);
    if (n > best[a]) {
      best[a] = n;
      home_[a] = af.second;
    }
  }
}

void Counter::area_breaks() {
  // Areas that start or stop inside their force's span (a district
  // reorganisation, a new LSOA vintage): reported like category breaks.
  {
    std::vector<Life> area_life(areas_.size());
    for (const auto& [k, n] : counts_) {
      const auto a = static_cast<std::size_t>(k >> 40U);
      area_life[a].see(static_cast<int>(k & 0xFFFFFFU));
    }
    for (std::size_t a = 0; a < areas_.size(); ++a) {
      if (!special_[a].empty() || home_[a].empty()) continue;
      const auto& months = present_.at(home_[a]);
      const std::string label = "area " + areas_[a];
      if (area_life[a].first > *months.begin()) {
        ImportBreak b;
        b.group = home_[a];
        b.month = YearMonth::from_index(area_life[a].first);
        b.started.push_back(label);
        r_.notes.push_back("break: area '" + areas_[a] +
                           "' has no row before " + b.month.str() +
                           " (force '" + home_[a] + "' from " +
                           YearMonth::from_index(*months.begin()).str() +
                           "): a new area or boundary?");
        r_.breaks.push_back(std::move(b));
      }
      if (area_life[a].last < *months.rbegin()) {
        ImportBreak b;
        b.group = home_[a];
        b.month = YearMonth::from_index(area_life[a].last + 1);
        b.ended.push_back(label);
        r_.notes.push_back("break: area '" + areas_[a] + "' has no row from " +
                           b.month.str() + " (force '" + home_[a] + "' to " +
                           YearMonth::from_index(*months.rbegin()).str() +
                           "): an area gone or renamed?");
        r_.breaks.push_back(std::move(b));
      }
    }
    std::sort(
        r_.breaks.begin(), r_.breaks.end(), [](const auto& x, const auto& y) {
          return std::tie(x.group, x.month) < std::tie(y.group, y.month);
        });
  }
}

void Counter::choose_areas() {
  // The areas kept.
  keep_.assign(areas_.size(), options_.areas.empty());
  for (const auto& wanted : options_.areas) {
    const std::string name = options_.names.resolve(wanted).value_or(wanted);
    bool found = false;
    for (std::size_t a = 0; a < areas_.size(); ++a) {
      if (areas_[a] == name) keep_[a] = found = true;
    }
    if (!found) {
      std::string seen;
      int shown = 0;
      for (std::size_t a = 0; a < areas_.size() && shown < 12; ++a) {
        if (!special_[a].empty()) continue;
        seen += (seen.empty() ? "" : ", ") + areas_[a];
        ++shown;
      }
      throw DataError("--area '" + wanted +
                      "': no row of the import falls in this area (areas: " +
                      seen + (shown == 12 ? ", ..." : "") + ")");
    }
  }
  // A force's unlocated rows go with its kept areas.
  if (!options_.areas.empty()) {
    std::set<std::string> forces;
    for (std::size_t a = 0; a < areas_.size(); ++a) {
      if (keep_[a] && special_[a].empty()) forces.insert(home_[a]);
    }
    for (std::size_t a = 0; a < areas_.size(); ++a) {
      if (!special_[a].empty() && forces.count(special_[a]) != 0U)
        keep_[a] = true;
    }
  }
}

void Counter::write_series() {
  // Series: inside each type's life at the home force and in the months
  // whose file is present, a month without a record is 0.
  for (std::size_t a = 0; a < areas_.size(); ++a) {
    if (!keep_[a] || home_[a].empty()) continue;
    const auto& months = present_.at(home_[a]);
    for (std::size_t t = 0; t < types_.size(); ++t) {
      const auto life = lives_.find({home_[a], static_cast<int>(t)});
      int lo = life != lives_.end() ? life->second.first : 1 << 30;
      int hi = life != lives_.end() ? life->second.last : -1;
      // Records from another force outside the home force's life.
      for (int m = span_first_; m <= span_last_; ++m) {
        const auto c =
            counts_.find(key(static_cast<int>(a), static_cast<int>(t), m));
        if (c != counts_.end()) {
          lo = std::min(lo, m);
          hi = std::max(hi, m);
        }
      }
      if (hi < lo) continue;
      ImportedSeries s;
      s.area = areas_[a];
      s.id = areas_[a] + "/" + types_[t];
      const auto code = options_.names.code_of.find(s.area);
      if (code != options_.names.code_of.end()) s.area_code = code->second;
      s.first = YearMonth::from_index(lo);
      s.values.reserve(static_cast<std::size_t>(hi) -
                       static_cast<std::size_t>(lo) + 1U);
      for (int m = lo; m <= hi; ++m) {
        const auto c =
            counts_.find(key(static_cast<int>(a), static_cast<int>(t), m));
        if (c != counts_.end()) {
          s.values.push_back(static_cast<double>(c->second));
        } else if (months.count(m) != 0U) {
          s.values.push_back(0.0);
        } else {
          s.values.push_back(kGap);
        }
      }
      r_.series.push_back(std::move(s));
    }
  }
  std::sort(r_.series.begin(),
            r_.series.end(),
            [](const auto& x, const auto& y) { return x.id < y.id; });
  r_.provenance =
      "police.uk street-level crime, counted by cspcast import "
      "police-uk (" +
      std::to_string(files_) + " files, " +
      YearMonth::from_index(span_first_).str() + " to " +
      YearMonth::from_index(span_last_).str() + ")";
}

}  // namespace

const std::vector<std::string>& police_uk_crime_types() {
  // data.police.uk's categories (its /api/crime-categories list), with the
  // names used before the May 2013 and later changes.
  static const std::vector<std::string> kTypes = {
      "Anti-social behaviour",
      "Bicycle theft",
      "Burglary",
      "Criminal damage and arson",
      "Drugs",
      "Other crime",
      "Other theft",
      "Possession of weapons",
      "Public disorder and weapons",
      "Public order",
      "Robbery",
      "Shoplifting",
      "Theft from the person",
      "Vehicle crime",
      "Violence and sexual offences",
      "Violent crime",
  };
  return kTypes;
}

ImportResult import_police_uk(const std::vector<std::filesystem::path>& sources,
                              const PoliceUkOptions& options) {
  Counter counter(options);
  int outcomes = 0;
  int stops = 0;
  std::vector<std::string> other;
  for (const auto& source : sources) {
    for_each_input(source, [&](InputFile& in) {
      const FileName name = classify(in.relative);
      switch (name.kind) {
        case FileKind::kStreet: {
          // The folder, when there is one, names the same month.
          const fs::path rel(in.relative);
          const std::string folder = rel.parent_path().filename().string();
          const auto fm = YearMonth::parse(folder);
          if (fm && *fm != name.month) {
            throw DataError(in.bytes->name() + ": a " + name.month.str() +
                            " file in the folder of " + folder);
          }
          counter.read_street(in, name);
          break;
        }
        case FileKind::kOutcomes:
          ++outcomes;
          break;
        case FileKind::kStopAndSearch:
          ++stops;
          break;
        case FileKind::kOther:
          other.push_back(in.bytes->name());
          break;
      }
    });
  }
  std::vector<std::string> notes;
  if (outcomes + stops > 0) {
    notes.push_back("skipped " + std::to_string(outcomes + stops) +
                    " files that are not street-level crime (outcomes: " +
                    std::to_string(outcomes) +
                    ", stop-and-search: " + std::to_string(stops) + ")");
  }
  for (const auto& o : other) {
    notes.push_back("skipped " + o +
                    ": not a police.uk file (YYYY-MM-<force>-street.csv)");
  }
  return counter.finish(std::move(notes), join_paths(sources));
}

}  // namespace cspcast::io

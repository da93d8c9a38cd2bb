// SPDX-License-Identifier: MIT
// Reads a partnership pack: TOML for structure, CSV for data. Every error
// names the file, the line and the field.
#include "toml_util.hpp"

#include <cspcast/error.hpp>
#include <cspcast/kernels/random.hpp>
#include <cspcast/pack.hpp>

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

namespace cspcast {
namespace {

namespace fs = std::filesystem;
using detail::TomlFile;

std::string hex64(std::uint64_t v) {
  std::ostringstream out;
  out << std::hex;
  out.width(16);
  out.fill('0');
  out << v;
  return out.str();
}

std::string read_text(const fs::path& file, const std::string& what) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw ConfigError(file.string() + ": cannot open " + what +
                      " (missing file)");
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// A CSV file with a header; fields are plain (no quoting in pack files).
class Csv {
 public:
  Csv(const fs::path& file,
      const std::string& display,
      const std::vector<std::string>& need)
      : display_(display) {
    std::string text = read_text(file, "CSV file");
    // A UTF-8 byte-order mark (spreadsheets write one) is not part of the
    // first column's name.
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    std::istringstream in(text);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      const std::string_view row = trim(line);
      if (row.empty() || row.front() == '#') continue;
      std::vector<std::string> fields;
      std::size_t pos = 0;
      for (;;) {
        const std::size_t comma = row.find(',', pos);
        fields.emplace_back(trim(row.substr(
            pos, comma == std::string_view::npos ? row.npos : comma - pos)));
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
      }
      if (header_.empty()) {
        header_ = fields;
        for (const auto& name : need) {
          if (std::find(header_.begin(), header_.end(), name) ==
              header_.end()) {
            throw ConfigError(display_ + ":" + std::to_string(number) +
                              ": header: missing column '" + name + "'");
          }
        }
        continue;
      }
      if (fields.size() != header_.size()) {
        throw DataError(display_ + ":" + std::to_string(number) +
                        ": expected " + std::to_string(header_.size()) +
                        " fields (got " + std::to_string(fields.size()) + ")");
      }
      rows_.push_back({number, std::move(fields)});
    }
    if (header_.empty())
      throw DataError(display_ + ": empty file (expected a header line)");
  }
  struct Row {
    int line;
    std::vector<std::string> fields;
  };
  [[nodiscard]] const std::vector<Row>& rows() const { return rows_; }
  [[nodiscard]] const std::string& field(const Row& row,
                                         const std::string& name) const {
    const auto it = std::find(header_.begin(), header_.end(), name);
    return row.fields[static_cast<std::size_t>(it - header_.begin())];
  }
  [[nodiscard]] std::string at(const Row& row, const std::string& name) const {
    return display_ + ":" + std::to_string(row.line) + ": " + name;
  }
  [[nodiscard]] YearMonth month(const Row& row, const std::string& name) const {
    const std::string& text = field(row, name);
    auto ym = YearMonth::parse(text);
    if (!ym)
      throw DataError(at(row, name) + ": bad month (got '" + text +
                      "'; expected YYYY-MM)");
    return *ym;
  }
  [[nodiscard]] double number(const Row& row, const std::string& name) const {
    const std::string& text = field(row, name);
    double v = 0.0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v)) {
      throw DataError(at(row, name) + ": not a number (got '" + text + "')");
    }
    return v;
  }

 private:
  std::string display_;
  std::vector<std::string> header_;
  std::vector<Row> rows_;
};

// Collects (month, value) rows per key into gap-free monthly series.
class SeriesBuilder {
 public:
  void add(const std::string& key,
           YearMonth month,
           double value,
           const std::string& where) {
    auto& entry = entries_[key];
    if (entry.where.empty()) entry.where = where;
    if (!entry.values.emplace(month, std::pair{value, where}).second) {
      throw DataError(where + ": duplicate month " + month.str() + " for '" +
                      key + "'");
    }
  }
  std::map<std::string, std::pair<MonthlySeries, std::string>> build() const {
    std::map<std::string, std::pair<MonthlySeries, std::string>> out;
    for (const auto& [key, entry] : entries_) {
      MonthlySeries s;
      s.id = key;
      s.start = entry.values.begin()->first;
      YearMonth expect = s.start;
      for (const auto& [month, value] : entry.values) {
        if (month != expect) {
          throw DataError(value.second + ": month: gap in '" + key + "' (got " +
                          month.str() + "; expected " + expect.str() + ")");
        }
        s.values.push_back(value.first);
        expect = expect + 1;
      }
      out.emplace(key, std::pair{std::move(s), entry.where});
    }
    return out;
  }

 private:
  struct Entry {
    std::map<YearMonth, std::pair<double, std::string>> values;
    std::string where;
  };
  std::map<std::string, Entry> entries_;
};

Basis read_basis(const std::string& text,
                 const std::string& group,
                 const std::string& where) {
  auto kind = parse_basis_kind(text);
  if (!kind) {
    throw ConfigError(
        where + ": unknown basis (got '" + text +
        "'; expected count, per_1000, per_10000, percentage or level)");
  }
  return Basis{*kind, group};
}

void read_history(Pack& pack,
                  const fs::path& file,
                  const std::string& display) {
  const Csv csv(file, display, {"indicator", "month", "value"});
  SeriesBuilder builder;
  std::map<std::string, std::map<YearMonth, int>> lines;
  for (const auto& row : csv.rows()) {
    const std::string& id = csv.field(row, "indicator");
    if (id.find('.') == std::string::npos) {
      throw ConfigError(csv.at(row, "indicator") +
                        ": not of the form priority.name (got '" + id + "')");
    }
    const YearMonth month = csv.month(row, "month");
    // The sign is checked by the engine against the indicator's unit (a
    // level may be negative, a count may not), with this file and line.
    const double value = csv.number(row, "value");
    builder.add(id, month, value, display + ":" + std::to_string(row.line));
    lines[id][month] = row.line;
  }
  for (auto& [id, entry] : builder.build()) {
    pack.history.emplace(id, std::move(entry.first));
    pack.history_where.emplace(id, entry.second);
    auto& out = pack.history_lines[id];
    for (const auto& [month, line] : lines[id]) out.push_back(line);
  }
  pack.history_file = display;
}

void read_population(Pack& pack,
                     const fs::path& file,
                     const std::string& display) {
  const Csv csv(file, display, {"group", "year", "population"});
  for (const auto& row : csv.rows()) {
    const double year = csv.number(row, "year");
    const double pop = csv.number(row, "population");
    if (year != std::floor(year)) {
      throw DataError(csv.at(row, "year") + ": not a whole year (got " +
                      csv.field(row, "year") + ")");
    }
    if (!(pop > 0.0)) {
      throw DataError(csv.at(row, "population") + ": must be positive (got " +
                      csv.field(row, "population") + ")");
    }
    auto& group = pack.population.by_group[csv.field(row, "group")];
    if (!group.emplace(static_cast<int>(year), pop).second) {
      throw DataError(csv.at(row, "year") + ": duplicate year for group '" +
                      csv.field(row, "group") + "'");
    }
  }
}

void read_comparators(Pack& pack,
                      const fs::path& file,
                      const std::string& display,
                      const std::map<std::string, std::string>& sources) {
  const Csv csv(
      file, display, {"comparator", "indicator", "basis", "month", "value"});
  SeriesBuilder builder;
  std::map<std::string, std::pair<std::string, std::string>>
      meta;  // key -> (basis, where)
  for (const auto& row : csv.rows()) {
    const std::string key =
        csv.field(row, "comparator") + "|" + csv.field(row, "indicator");
    const std::string& basis = csv.field(row, "basis");
    const std::string where = display + ":" + std::to_string(row.line);
    read_basis(basis, "all", csv.at(row, "basis"));
    auto [it, fresh] = meta.emplace(key, std::pair{basis, where});
    if (!fresh && it->second.first != basis) {
      throw DataError(csv.at(row, "basis") +
                      ": differs from the first row of this comparator (got '" +
                      basis + "'; expected '" + it->second.first + "')");
    }
    const double value = csv.number(row, "value");
    if (value < 0.0) {
      throw DataError(csv.at(row, "value") +
                      ": negative comparator value (got " +
                      csv.field(row, "value") + ")");
    }
    builder.add(key, csv.month(row, "month"), value, where);
  }
  for (auto& [key, entry] : builder.build()) {
    Comparator c;
    const auto bar = key.find('|');
    c.id = key.substr(0, bar);
    c.indicator = key.substr(bar + 1);
    c.basis = read_basis(meta[key].first, "all", meta[key].second);
    c.history = std::move(entry.first);
    c.history.id = c.id + ":" + c.indicator;
    c.where = entry.second;
    const auto src = sources.find(c.id);
    c.source = src == sources.end() ? "" : src->second;
    pack.comparators.push_back(std::move(c));
  }
}

Period read_period(const TomlFile& f,
                   const toml::table& t,
                   const std::string& key,
                   const std::optional<Period>& fallback) {
  const auto text = f.optional_string(t, key);
  if (!text) {
    if (fallback) return *fallback;
    throw ConfigError(f.where(t) + ": " + key +
                      ": missing (expected a period such as FY2017/18)");
  }
  auto period = Period::parse(*text);
  if (!period) {
    throw ConfigError(f.where(t, key) + ": " + key + ": bad period (got '" +
                      *text + "'; expected FY2017/18, CY2017 or R12:2018-03)");
  }
  return *period;
}

void read_targets(Pack& pack,
                  const fs::path& file,
                  const std::string& display,
                  const std::optional<Period>& default_period) {
  const TomlFile f(file, display);
  const auto* list = f.root()["target"].as_array();
  if (list == nullptr) throw ConfigError(display + ": no [[target]] tables");
  std::set<std::string> ids;
  for (const auto& node : *list) {
    const auto* t = node.as_table();
    if (t == nullptr)
      throw ConfigError(f.where(node) + ": target: expected a table");
    Target target;
    target.where = f.where(*t);
    target.id = f.required_string(*t, "id");
    if (!ids.insert(target.id).second) {
      throw ConfigError(f.where(*t, "id") + ": id: duplicate target '" +
                        target.id + "'");
    }
    target.title = f.optional_string(*t, "title").value_or(target.id);
    target.indicator = f.required_string(*t, "indicator");
    const std::string kind = f.required_string(*t, "kind");
    auto parsed = parse_target_kind(kind);
    if (!parsed) {
      throw ConfigError(
          f.where(*t, "kind") + ": kind: unknown target kind (got '" + kind +
          "'; expected at_most, at_least, below_comparator, reach_comparator, "
          "at_least_comparator, half_difference, near_zero or maintain)");
    }
    target.kind = *parsed;
    target.basis =
        read_basis(f.optional_string(*t, "basis").value_or("count"),
                   f.optional_string(*t, "population").value_or("all"),
                   f.where(*t, "basis") + ": basis");
    target.period = read_period(f, *t, "period", default_period);
    target.value = f.optional_number(*t, "value");
    target.comparator = f.optional_string(*t, "comparator").value_or("");
    target.tolerance = f.optional_number(*t, "tolerance").value_or(0.0);
    target.source = f.optional_string(*t, "source").value_or("");
    target.note = f.optional_string(*t, "note").value_or("");
    if (t->contains("base_period"))
      target.base_period = read_period(f, *t, "base_period", {});
    const std::string at = f.where(*t);
    if ((target.kind == TargetKind::kAtMost ||
         target.kind == TargetKind::kAtLeast) &&
        !target.value) {
      throw ConfigError(at + ": value: missing (kind " + kind +
                        " needs a value)");
    }
    if (uses_comparator(target.kind) && target.comparator.empty()) {
      throw ConfigError(at + ": comparator: missing (kind " + kind +
                        " needs a comparator)");
    }
    if ((target.kind == TargetKind::kHalfDifference ||
         target.kind == TargetKind::kMaintain) &&
        !target.base_period) {
      throw ConfigError(at + ": base_period: missing (kind " + kind +
                        " needs a base period)");
    }
    if ((target.kind == TargetKind::kNearZero ||
         target.kind == TargetKind::kMaintain) &&
        !(target.tolerance > 0.0)) {
      throw ConfigError(at + ": tolerance: must be positive for kind " + kind);
    }
    if (target.period.last > pack.horizon) {
      throw ConfigError(f.where(*t, "period") +
                        ": period: ends after the pack horizon (got " +
                        target.period.last.str() +
                        "; expected <= " + pack.horizon.str() + ")");
    }
    pack.targets.push_back(std::move(target));
  }
}

}  // namespace

std::string plugin_of(const std::string& indicator) {
  return indicator.substr(0, indicator.find('.'));
}

double RecordingChange::factor_at(double u) const {
  const double v = factor.quantile(u);
  return factor.kind == DistributionKind::kLognormal ? 1.0 + v : v;
}

double PopulationTable::at(const std::string& group, int year) const {
  const auto g = by_group.find(group);
  if (g == by_group.end()) {
    throw ConfigError("population: no group '" + group + "'");
  }
  const auto y = g->second.find(year);
  if (y == g->second.end() && !g->second.empty()) {
    const auto last = std::prev(g->second.end());
    const auto rate = growth.find(group);
    if (year > last->first && rate != growth.end()) {
      return last->second * std::pow(1.0 + rate->second, year - last->first);
    }
  }
  if (y == g->second.end()) {
    throw ConfigError("population: no value for group '" + group + "' in " +
                      std::to_string(year));
  }
  return y->second;
}

PopulationTable PopulationTable::overridden_by(
    const PopulationTable& over) const {
  PopulationTable out = *this;
  for (const auto& [group, years] : over.by_group) {
    for (const auto& [year, value] : years) out.by_group[group][year] = value;
  }
  for (const auto& [group, rate] : over.growth) {
    out.by_group[group];
    out.growth[group] = rate;
  }
  return out;
}

const Comparator* Pack::find_comparator(const std::string& id,
                                        const std::string& indicator) const {
  for (const auto& c : comparators) {
    if (c.id == id && c.indicator == indicator) return &c;
  }
  return nullptr;
}

const Scenario* Pack::find_scenario(const std::string& scenario) const {
  for (const auto& s : scenarios) {
    if (s.name == scenario) return &s;
  }
  return nullptr;
}

PackFile checksum_file(const fs::path& file) {
  const std::string text = read_text(file, file.string());
  return {fs::absolute(file).string(), hex64(kernels::hash_key(text))};
}

Pack read_pack(const fs::path& dir) {
  Pack pack;
  pack.dir = dir;
  const fs::path pack_file = dir / "pack.toml";
  if (!fs::exists(pack_file)) {
    throw ConfigError(pack_file.string() +
                      ": missing file (a pack folder needs pack.toml)");
  }
  auto record = [&](const std::string& rel) {
    const std::string text = read_text(dir / rel, rel);
    pack.files.push_back({rel, hex64(kernels::hash_key(text))});
  };
  const TomlFile f(pack_file, (dir / "pack.toml").string());
  record("pack.toml");
  const auto* meta = f.root()["pack"].as_table();
  if (meta == nullptr)
    throw ConfigError(f.display() + ": [pack]: missing table");
  pack.name = f.required_string(*meta, "name");
  pack.title = f.optional_string(*meta, "title").value_or(pack.name);
  const std::string horizon = f.required_string(*meta, "horizon");
  auto h = YearMonth::parse(horizon);
  if (!h) {
    throw ConfigError(f.where(*meta, "horizon") +
                      ": horizon: bad month (got '" + horizon +
                      "'; expected YYYY-MM)");
  }
  pack.horizon = *h;
  std::optional<Period> default_period;
  if (meta->contains("target_period")) {
    default_period = read_period(f, *meta, "target_period", {});
  }

  auto file_of = [&](const std::string& key) {
    const std::string rel = f.required_string(*meta, key);
    if (!fs::exists(dir / rel)) {
      throw ConfigError(f.where(*meta, key) + ": " + key + ": missing file '" +
                        (dir / rel).string() + "'");
    }
    record(rel);
    return rel;
  };
  const std::string history = file_of("history");
  read_history(pack, dir / history, (dir / history).string());
  const std::string population = file_of("population");
  read_population(pack, dir / population, (dir / population).string());

  std::map<std::string, std::string> comparator_sources;
  if (const auto* cs = f.root()["comparator"].as_table()) {
    for (const auto& [key, node] : *cs) {
      if (const auto* t = node.as_table()) {
        comparator_sources[std::string(key.str())] =
            f.optional_string(*t, "source").value_or("");
      }
    }
  }
  if (meta->contains("comparators")) {
    const std::string comparators = file_of("comparators");
    read_comparators(pack,
                     dir / comparators,
                     (dir / comparators).string(),
                     comparator_sources);
  }

  if (const auto* models = f.root()["models"].as_table()) {
    for (const auto& [key, node] : *models) {
      const std::string id(key.str());
      const auto* text = node.as_string();
      const std::string at = f.where(node) + ": models." + id;
      if (text == nullptr) {
        throw ConfigError(at + ": expected a model name such as \"ets\"");
      }
      const auto kind = parse_model_kind(text->get());
      if (!kind) {
        throw ConfigError(at + ": unknown model '" + text->get() +
                          "' (expected auto, ets, theta, combo, stl, damped, "
                          "snaive, drift or count)");
      }
      if (pack.history.find(id) == pack.history.end()) {
        throw ConfigError(at + ": no history for '" + id + "'");
      }
      pack.model_overrides[id] = *kind;
    }
  }

  if (const auto* changes = f.root()["recording_change"].as_array()) {
    for (const auto& node : *changes) {
      const auto* t = node.as_table();
      if (t == nullptr) continue;
      RecordingChange rc;
      rc.where = f.where(*t);
      rc.indicator = f.required_string(*t, "indicator");
      const std::string from = f.required_string(*t, "from");
      auto ym = YearMonth::parse(from);
      if (!ym) {
        throw ConfigError(f.where(*t, "from") + ": from: bad month (got '" +
                          from + "'; expected YYYY-MM)");
      }
      rc.from = *ym;
      const toml::node* factor = t->get("factor");
      if (factor == nullptr) throw ConfigError(rc.where + ": factor: missing");
      if (const auto* table = factor->as_table()) {
        rc.factor = detail::read_distribution(f, *table, "factor");
      } else {
        rc.factor = Distribution{
            DistributionKind::kFixed, f.required_number(*t, "factor"), 0, 0};
      }
      // The factor must stay positive over its whole range.
      const double low = rc.factor_at(1e-6);
      if (!(low > 0.0)) {
        throw ConfigError(f.where(*t, "factor") +
                          ": factor: must be positive over its range (got " +
                          rc.factor.describe() + ", which reaches " +
                          std::to_string(low) + ")");
      }
      rc.carry_forward = f.optional_bool(*t, "carry_forward").value_or(true);
      for (const auto& other : pack.recording_changes) {
        if (other.indicator == rc.indicator) {
          throw ConfigError(f.where(*t, "indicator") +
                            ": indicator: a second "
                            "recording change for '" +
                            rc.indicator + "' (first at " + other.where +
                            "); give one change per indicator");
        }
      }
      rc.note = f.optional_string(*t, "note").value_or("");
      if (pack.history.find(rc.indicator) == pack.history.end()) {
        throw ConfigError(f.where(*t, "indicator") +
                          ": indicator: no history for '" + rc.indicator + "'");
      }
      pack.recording_changes.push_back(rc);
    }
  }

  const std::string targets = file_of("targets");
  read_targets(pack, dir / targets, (dir / targets).string(), default_period);

  const auto* scen = (*meta)["scenarios"].as_array();
  if (scen == nullptr || scen->empty()) {
    throw ConfigError(
        f.where(*meta) +
        ": scenarios: missing (expected a list of scenario files)");
  }
  std::vector<std::string> files;
  for (const auto& node : *scen) {
    const auto* s = node.as_string();
    if (s == nullptr)
      throw ConfigError(f.where(node) + ": scenarios: expected file names");
    files.emplace_back(s->get());
    if (!fs::exists(dir / files.back())) {
      throw ConfigError(f.where(node) + ": scenarios: missing file '" +
                        (dir / files.back()).string() + "'");
    }
    record(files.back());
  }
  // Resolve in an order where parents come first; a file whose parent is not
  // yet known waits for a later round (cycles never resolve).
  std::vector<std::string> pending = files;
  while (!pending.empty()) {
    std::vector<std::string> next;
    std::string last_error;
    for (const auto& rel : pending) {
      try {
        pack.scenarios.push_back(read_scenario_file(dir / rel, pack.scenarios));
      } catch (const detail::UnknownParent& e) {
        next.push_back(rel);
        last_error = e.what();
      }
    }
    if (next.size() == pending.size()) {
      throw ConfigError(last_error + " (or an inheritance cycle among: " + [&] {
        std::string names;
        for (const auto& n : next) names += (names.empty() ? "" : ", ") + n;
        return names;
      }() + ")");
    }
    pending = std::move(next);
  }
  std::set<std::string> names;
  for (const auto& s : pack.scenarios) {
    if (!names.insert(s.name).second) {
      throw ConfigError(s.file + ": name: duplicate scenario '" + s.name + "'");
    }
  }
  // Keep the order of the list in pack.toml.
  std::vector<Scenario> ordered;
  for (const auto& rel : files) {
    for (auto& s : pack.scenarios) {
      if (s.file == (dir / rel).string()) ordered.push_back(s);
    }
  }
  pack.scenarios = std::move(ordered);
  return pack;
}

}  // namespace cspcast

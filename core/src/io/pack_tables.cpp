// SPDX-License-Identifier: MIT
// The CSV files of a pack (history, population, comparators), on the one
// CSV layer. Every error names the file, the line and the field.
#include "pack_parts.hpp"

#include <cspcast/error.hpp>
#include <cspcast/io/csv.hpp>

#include <cmath>

namespace cspcast::io {
namespace {

namespace fs = std::filesystem;

// A pack CSV: named columns that must be present, and rows with exactly
// as many fields as the header.
class PackCsv {
 public:
  PackCsv(const fs::path& file,
          const std::string& display,
          std::initializer_list<const char*> need)
      : csv_(open(file, display)) {
    for (const char* name : need) {
      const auto c = csv_.column(name);
      if (!c) {
        throw ConfigError(display + ":" + std::to_string(csv_.header_line()) +
                          ": header: missing column '" + name + "'");
      }
      columns_.emplace(name, *c);
    }
  }
  bool next() {
    if (!csv_.next()) return false;
    csv_.require_header_width();
    if (csv_.fields().size() != csv_.header().size()) {
      throw DataError(csv_.where() + ": expected " +
                      std::to_string(csv_.header().size()) + " fields (got " +
                      std::to_string(csv_.fields().size()) + ")");
    }
    return true;
  }
  [[nodiscard]] std::string_view field(const std::string& name) const {
    return csv_.field(columns_.at(name));
  }
  [[nodiscard]] std::string text(const std::string& name) const {
    return std::string(field(name));
  }
  /// The field of an optional column (empty when the file has none).
  [[nodiscard]] std::string_view optional(const std::string& name) const {
    const auto c = csv_.column(name);
    return c ? csv_.field(*c) : std::string_view{};
  }
  [[nodiscard]] std::string at_optional(const std::string& name) const {
    return csv_.where(name);
  }
  [[nodiscard]] std::string at(const std::string& name) const {
    return csv_.where(name);
  }
  [[nodiscard]] std::string where() const { return csv_.where(); }
  [[nodiscard]] int line() const { return csv_.line(); }
  [[nodiscard]] YearMonth month(const std::string& name) const {
    const auto ym = YearMonth::parse(field(name));
    if (!ym) {
      throw DataError(at(name) + ": bad month (got '" + text(name) +
                      "'; expected YYYY-MM)");
    }
    return *ym;
  }
  [[nodiscard]] double number(const std::string& name) const {
    const auto v = parse_number(field(name));
    if (!v)
      throw DataError(at(name) + ": not a number (got '" + text(name) + "')");
    if (const std::string why = implausible(*v); !why.empty()) {
      throw DataError(at(name) + ": " + why);
    }
    return *v;
  }
  [[nodiscard]] std::string checksum() const { return hex64(csv_.checksum()); }

 private:
  static CsvReader open(const fs::path& file, const std::string& display) {
    auto source = std::make_unique<FileSource>(file, display);
    if (!source->is_open()) {
      throw ConfigError(display + ": cannot open CSV file (missing file)");
    }
    return CsvReader(std::move(source), "expected a header line");
  }
  CsvReader csv_;
  std::map<std::string, std::size_t> columns_;
};

// Collects (month, value) rows per key into gap-free monthly series. Rows
// keep only their line; `file:line` is written only into a message.
class SeriesBuilder {
 public:
  struct Built {
    MonthlySeries series;
    std::string where;  // the first row's file:line
    std::vector<int> lines;
  };
  explicit SeriesBuilder(std::string file) : file_(std::move(file)) {}
  void add(std::string_view key, YearMonth month, double value, int line) {
    auto it = entries_.find(key);
    if (it == entries_.end()) it = entries_.emplace(key, Entry{{}, line}).first;
    if (!it->second.values.emplace(month, Value{value, line}).second) {
      throw DataError(at(line) + ": duplicate month " + month.str() + " for '" +
                      std::string(key) + "'");
    }
  }
  [[nodiscard]] std::map<std::string, Built> build() const {
    std::map<std::string, Built> out;
    for (const auto& [key, entry] : entries_) {
      Built b;
      b.series.id = key;
      b.series.start = entry.values.begin()->first;
      b.where = at(entry.first_line);
      YearMonth expect = b.series.start;
      for (const auto& [month, value] : entry.values) {
        if (month != expect) {
          throw DataError(at(value.line) + ": month: gap in '" + key +
                          "' (got " + month.str() + "; expected " +
                          expect.str() + ")");
        }
        b.series.values.push_back(value.value);
        b.lines.push_back(value.line);
        expect = expect + 1;
      }
      out.emplace(key, std::move(b));
    }
    return out;
  }

 private:
  [[nodiscard]] std::string at(int line) const {
    return file_ + ":" + std::to_string(line);
  }
  struct Value {
    double value;
    int line;
  };
  struct Entry {
    std::map<YearMonth, Value> values;
    int first_line;
  };
  std::string file_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace

Basis read_basis(const std::string& text,
                 const std::string& group,
                 const std::string& where) {
  auto kind = parse_basis_kind(text);
  if (!kind) {
    throw ConfigError(where + ": unknown basis (got '" + text + "'; expected " +
                      basis_kind_choices() + ")");
  }
  return Basis{*kind, group};
}

std::string read_history(Pack& pack,
                         const fs::path& file,
                         const std::string& display) {
  PackCsv csv(file, display, {"indicator", "month", "value"});
  SeriesBuilder builder(display);
  while (csv.next()) {
    const std::string_view id = csv.field("indicator");
    if (id.find('.') == std::string_view::npos) {
      throw ConfigError(csv.at("indicator") +
                        ": not of the form priority.name (got '" +
                        std::string(id) + "')");
    }
    const YearMonth month = csv.month("month");
    // The sign is checked by the engine against the indicator's unit (a
    // level may be negative, a count may not), with this file and line.
    const double value = csv.number("value");
    builder.add(id, month, value, csv.line());
    // Optional `quality`: observed (default), reconstructed or assumed.
    const std::string_view quality = csv.optional("quality");
    if (!quality.empty() && quality != "observed") {
      if (quality != "reconstructed" && quality != "assumed") {
        throw DataError(csv.at_optional("quality") +
                        ": expected observed, reconstructed or assumed (got '" +
                        std::string(quality) + "')");
      }
      pack.history_quality[std::string(id)][month] = std::string(quality);
    }
  }
  for (auto& [id, built] : builder.build()) {
    pack.history.emplace(id, std::move(built.series));
    pack.history_where.emplace(id, built.where);
    pack.history_lines.emplace(id, std::move(built.lines));
  }
  pack.history_file = display;
  return csv.checksum();
}

std::string read_population(Pack& pack,
                            const fs::path& file,
                            const std::string& display) {
  pack.population.source = display;
  PackCsv csv(file, display, {"group", "year", "population"});
  while (csv.next()) {
    const double year = csv.number("year");
    const double pop = csv.number("population");
    if (year != std::floor(year) || year < 1900 || year > 2200) {
      throw DataError(csv.at("year") +
                      ": not a whole year from 1900 to 2200 (got " +
                      csv.text("year") + ")");
    }
    if (!(pop > 0.0)) {
      throw DataError(csv.at("population") + ": must be positive (got " +
                      csv.text("population") + ")");
    }
    const std::string_view basis = csv.optional("basis");
    if (!basis.empty() && basis != "estimate") {
      if (basis != "projected" && basis != "assumed") {
        throw DataError(csv.at_optional("basis") +
                        ": expected estimate, projected or assumed (got '" +
                        std::string(basis) + "')");
      }
      pack.population_basis[csv.text("group")][static_cast<int>(year)] =
          std::string(basis);
    }
    auto& group = pack.population.by_group[csv.text("group")];
    if (!group.emplace(static_cast<int>(year), pop).second) {
      throw DataError(csv.at("year") + ": duplicate year for group '" +
                      csv.text("group") + "'");
    }
  }
  return csv.checksum();
}

std::string read_comparators(
    Pack& pack,
    const fs::path& file,
    const std::string& display,
    const std::map<std::string, std::string>& sources) {
  PackCsv csv(
      file, display, {"comparator", "indicator", "basis", "month", "value"});
  SeriesBuilder builder(display);
  std::map<std::string, std::pair<std::string, std::string>>
      meta;  // key -> (basis, where)
  while (csv.next()) {
    const std::string key =
        csv.text("comparator") + "|" + csv.text("indicator");
    const std::string basis = csv.text("basis");
    if (!parse_basis_kind(basis)) read_basis(basis, "all", csv.at("basis"));
    auto it = meta.find(key);
    if (it == meta.end()) {
      it = meta.emplace(key, std::pair{basis, csv.where()}).first;
    } else if (it->second.first != basis) {
      throw DataError(csv.at("basis") +
                      ": differs from the first row of this comparator (got '" +
                      basis + "'; expected '" + it->second.first + "')");
    }
    const double value = csv.number("value");
    if (value < 0.0) {
      throw DataError(csv.at("value") + ": negative comparator value (got " +
                      csv.text("value") + ")");
    }
    builder.add(key, csv.month("month"), value, csv.line());
  }
  for (auto& [key, built] : builder.build()) {
    Comparator c;
    const auto bar = key.find('|');
    c.id = key.substr(0, bar);
    c.indicator = key.substr(bar + 1);
    c.basis = read_basis(meta[key].first, "all", meta[key].second);
    c.history = std::move(built.series);
    c.history.id = c.id + ":" + c.indicator;
    c.where = built.where;
    const auto src = sources.find(c.id);
    c.source = src == sources.end() ? "" : src->second;
    pack.comparators.push_back(std::move(c));
  }
  return csv.checksum();
}

std::string read_companions(Pack& pack,
                            const fs::path& file,
                            const std::string& display) {
  PackCsv csv(file, display, {"series", "companion", "month", "value"});
  SeriesBuilder builder(display);
  while (csv.next()) {
    const std::string series = csv.text("series");
    if (series.find('.') == std::string::npos) {
      throw ConfigError(csv.at("series") +
                        ": not an indicator id (priority.name) or "
                        "comparator:indicator (got '" +
                        series + "')");
    }
    const std::string name = csv.text("companion");
    if (name.empty() ||
        name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") !=
            std::string::npos) {
      throw ConfigError(csv.at("companion") +
                        ": a companion name is [a-z0-9_]+ (got '" + name +
                        "')");
    }
    const double value = csv.number("value");
    if (value < 0.0) {
      throw DataError(csv.at("value") +
                      ": a companion series (a size or an exposure) cannot "
                      "be negative (got " +
                      csv.text("value") + ")");
    }
    builder.add(series + "|" + name, csv.month("month"), value, csv.line());
  }
  for (auto& [key, built] : builder.build()) {
    const auto bar = key.find('|');
    MonthlySeries s = std::move(built.series);
    s.id = key;
    pack.companions[key.substr(0, bar)][key.substr(bar + 1)] = std::move(s);
    pack.companion_where.emplace(key, built.where);
  }
  return csv.checksum();
}

}  // namespace cspcast::io

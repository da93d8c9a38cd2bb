// SPDX-License-Identifier: MIT
#include <cspcast/error.hpp>
#include <cspcast/io/csv.hpp>
#include <cspcast/io/series_csv.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_map>

namespace cspcast::io {
namespace {

struct Row {
  long key;  // month index or period
  double value;
  int line;
};

struct Columns {
  std::size_t id;
  std::size_t value;
  std::optional<std::size_t> month;
  std::optional<std::size_t> period;
  std::optional<std::size_t> split;
  std::size_t width;  // fields a row needs
};

struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>{}(s);
  }
};

Columns find_columns(const CsvReader& csv) {
  Columns c{};
  // A pack's history.csv names its series `indicator`.
  const auto id = csv.column("series_id") ? csv.column("series_id")
                                          : csv.column("indicator");
  const auto value = csv.column("value");
  c.month = csv.column("month");
  c.period = csv.column("period");
  c.split = csv.column("split");
  if (!id || !value || (!c.month && !c.period)) {
    std::string got;
    for (const auto& h : csv.header()) got += (got.empty() ? "" : ",") + h;
    throw DataError(csv.name() + ":" + std::to_string(csv.header_line()) +
                    ": header: expected series_id (or indicator), value and "
                    "month (YYYY-MM) or period (1..n) (got '" +
                    got + "')");
  }
  c.id = *id;
  c.value = *value;
  c.width = std::max({c.id,
                      c.value,
                      c.month.value_or(0),
                      c.period.value_or(0),
                      c.split.value_or(0)}) +
            1;
  return c;
}

// Cold: every message about a row is built here, only when it is wrong.
[[noreturn]] void row_error(const CsvReader& csv,
                            const std::string& what,
                            std::string_view id) {
  std::string text = csv.where() + ": " + what;
  if (!id.empty()) text += " in series '" + std::string(id) + "'";
  throw DataError(text);
}

// The row's month index or period; throws naming line, column and series.
long row_key(const CsvReader& csv, const Columns& c, std::string_view id) {
  if (c.month) {
    const std::string_view m = csv.field(*c.month);
    const auto ym = YearMonth::parse(m);
    if (!ym) {
      row_error(
          csv,
          "month: bad month (got '" + std::string(m) + "'; expected YYYY-MM)",
          id);
    }
    return ym->year() * 12L + ym->month() - 1;
  }
  const std::string_view p = csv.field(*c.period);
  const auto v = parse_number(p);
  // Bounded so that the key (and the gap arithmetic on it) stays exact.
  if (!v || *v < 1 || *v > 1e7 || *v != std::floor(*v)) {
    row_error(csv,
              "period: expected a whole number from 1 to 10000000 (got '" +
                  std::string(p) + "')",
              id);
  }
  return static_cast<long>(*v);
}

std::string key_text(long k, bool monthly) {
  return monthly
             ? YearMonth(static_cast<int>(k / 12), static_cast<int>(k % 12) + 1)
                   .str()
             : std::to_string(k);
}

// Sorts one series' rows and checks that they are unique and consecutive.
InputSeries assemble(const std::string& name,
                     const std::string& id,
                     std::vector<Row>& rows,
                     bool monthly,
                     const InputOptions& options) {
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.key < b.key;
  });
  const char* key_name = monthly ? "month" : "period";
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::string at =
        name + ":" + std::to_string(rows[i].line) + ": " + key_name + ": ";
    if (rows[i].key == rows[i - 1].key) {
      throw DataError(at + "duplicate " + key_text(rows[i].key, monthly) +
                      " in series '" + id + "' (also at line " +
                      std::to_string(rows[i - 1].line) + ")");
    }
    if (rows[i].key != rows[i - 1].key + 1) {
      throw DataError(at + "gap in series '" + id +
                      "': " + key_text(rows[i].key, monthly) + " follows " +
                      key_text(rows[i - 1].key, monthly) + " (missing " +
                      key_text(rows[i - 1].key + 1, monthly) + ")");
    }
  }
  InputSeries s;
  s.id = id;
  s.file = name;
  s.values.reserve(rows.size());
  s.lines.reserve(rows.size());
  for (const auto& r : rows) {
    s.values.push_back(r.value);
    s.lines.push_back(r.line);
  }
  if (monthly) {
    s.first_month = YearMonth(static_cast<int>(rows.front().key / 12),
                              static_cast<int>(rows.front().key % 12) + 1);
  }
  if (options.holdout > 0) {
    if (static_cast<int>(s.values.size()) <= options.holdout) {
      throw DataError(name + ":" + std::to_string(s.lines.front()) +
                      ": series '" + id + "' has " +
                      std::to_string(s.values.size()) +
                      " values, not more than the holdout of " +
                      std::to_string(options.holdout));
    }
    s.values.resize(s.values.size() -
                    static_cast<std::size_t>(options.holdout));
    s.lines.resize(s.values.size());
  }
  return s;
}

// Reads the current row into id, key and value; false for a `test` row.
bool parse_row(CsvReader& csv,
               const Columns& c,
               std::string_view& id,
               long& key,
               double& value) {
  csv.require_header_width();
  if (csv.fields().size() < c.width) {
    row_error(csv,
              "expected " + std::to_string(csv.header().size()) +
                  " fields (got " + std::to_string(csv.fields().size()) + ")",
              {});
  }
  id = csv.field(c.id);
  if (id.empty()) row_error(csv, "series_id: empty", {});
  if (c.split) {
    const std::string_view split = csv.field(*c.split);
    if (split == "test") return false;
    if (split != "train") {
      row_error(
          csv,
          "split: expected train or test (got '" + std::string(split) + "')",
          id);
    }
  }
  const std::string_view text = csv.field(c.value);
  const auto parsed = parse_number(text);
  if (!parsed) {
    row_error(csv, "value: not a number (got '" + std::string(text) + "')", id);
  }
  if (const std::string why = implausible(*parsed); !why.empty()) {
    row_error(csv, "value: " + why, id);
  }
  value = *parsed;
  key = row_key(csv, c, id);
  return true;
}

}  // namespace

std::vector<InputSeries> read_series_csv(const std::filesystem::path& file,
                                         const InputOptions& options) {
  const std::string name = file.string();
  CsvReader csv = open_csv(file, name);
  const Columns c = find_columns(csv);
  // Series in the order of their first row; rows grouped per series. The
  // last series seen is remembered, so that sorted files (the usual case)
  // look up no key per row.
  std::vector<std::string> order;
  std::vector<std::vector<Row>> rows;
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> index;
  std::size_t last = 0;
  std::string_view id;
  long key = 0;
  double value = 0.0;
  while (csv.next()) {
    if (!parse_row(csv, c, id, key, value)) continue;
    if (order.empty() || order[last] != id) {
      const auto it = index.find(id);
      if (it != index.end()) {
        last = it->second;
      } else {
        last = order.size();
        order.emplace_back(id);
        rows.emplace_back();
        index.emplace(order.back(), last);
      }
    }
    rows[last].push_back({key, value, csv.line()});
  }
  if (order.empty()) throw DataError(name + ": no data rows");
  std::vector<InputSeries> out;
  out.reserve(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    out.push_back(
        assemble(name, order[i], rows[i], c.month.has_value(), options));
  }
  return out;
}

struct SeriesCsvStream::Impl {
  std::string name;
  InputOptions options;
  CsvReader csv;
  Columns columns;
  bool any = false;     // a data row has been read
  bool done = false;    // the file is read to its end
  std::string current;  // the series being read, and its rows
  std::vector<Row> rows;
  // Hashes of the series finished: sorted (`seen`) and of this group.
  std::vector<std::uint64_t> seen;
  std::vector<std::uint64_t> group;
  Impl(const std::filesystem::path& file, const InputOptions& o)
      : name(file.string()),
        options(o),
        csv(open_csv(file, file.string())),
        columns(find_columns(csv)) {}
  static std::uint64_t hash(std::string_view id) {
    return std::hash<std::string_view>{}(id);
  }
  [[nodiscard]] bool finished(std::uint64_t h) const {
    return std::binary_search(seen.begin(), seen.end(), h) ||
           std::find(group.begin(), group.end(), h) != group.end();
  }
};

SeriesCsvStream::SeriesCsvStream(const std::filesystem::path& file,
                                 const InputOptions& options)
    : impl_(std::make_unique<Impl>(file, options)) {}
SeriesCsvStream::SeriesCsvStream(SeriesCsvStream&&) noexcept = default;
SeriesCsvStream& SeriesCsvStream::operator=(SeriesCsvStream&&) noexcept =
    default;
SeriesCsvStream::~SeriesCsvStream() = default;

std::vector<InputSeries> SeriesCsvStream::next(std::size_t count) {
  Impl& im = *impl_;
  std::vector<InputSeries> out;
  const bool monthly = im.columns.month.has_value();
  const auto finish = [&] {
    out.push_back(assemble(im.name, im.current, im.rows, monthly, im.options));
    im.group.push_back(Impl::hash(im.current));
    im.rows.clear();
  };
  std::string_view id;
  long key = 0;
  double value = 0.0;
  while (!im.done && out.size() < count) {
    if (!im.csv.next()) {
      im.done = true;
      if (!im.any) throw DataError(im.name + ": no data rows");
      finish();
      break;
    }
    if (!parse_row(im.csv, im.columns, id, key, value)) continue;
    if (!im.any || id != im.current) {
      if (im.any) finish();
      if (im.finished(Impl::hash(id))) {
        throw SeriesNotContiguous(
            im.csv.where() + ": series '" + std::string(id) +
            "' resumes after other series began (its rows are not together)");
      }
      im.current.assign(id);
      im.any = true;
    }
    im.rows.push_back({key, value, im.csv.line()});
  }
  // The group's hashes join the sorted record.
  std::sort(im.group.begin(), im.group.end());
  const auto middle = static_cast<std::ptrdiff_t>(im.seen.size());
  im.seen.insert(im.seen.end(), im.group.begin(), im.group.end());
  std::inplace_merge(im.seen.begin(), im.seen.begin() + middle, im.seen.end());
  im.group.clear();
  return out;
}

}  // namespace cspcast::io

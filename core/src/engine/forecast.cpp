// SPDX-License-Identifier: MIT
#include "parallel.hpp"

#include <cspcast/error.hpp>
#include <cspcast/forecast.hpp>
#include <cspcast/kernels/ets.hpp>
#include <cspcast/kernels/forecast_model.hpp>
#include <cspcast/kernels/quantiles.hpp>
#include <cspcast/kernels/random.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace cspcast {
namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  return s.substr(i);
}

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  bool quoted = false;
  for (const char ch : line) {
    if (ch == '"') {
      quoted = !quoted;
    } else if (ch == ',' && !quoted) {
      out.push_back(trim(cell));
      cell.clear();
    } else {
      cell += ch;
    }
  }
  out.push_back(trim(cell));
  return out;
}

std::optional<double> parse_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  double v = 0.0;
  const char* end = text.data() + text.size();
  const auto r = std::from_chars(text.data(), end, v);
  if (r.ec != std::errc() || r.ptr != end) return std::nullopt;
  return v;
}

struct Row {
  long key;  // month index or period
  double value;
  int line;
};

std::string fmt(double v) {
  std::array<char, 32> buf{};
  const auto r = std::to_chars(
      buf.data(), buf.data() + buf.size(), v, std::chars_format::general, 10);
  return std::string(buf.data(), r.ptr);
}

}  // namespace

kernels::EtsSpec parse_ets_member(const std::string& text, int period) {
  // ETS(E,T,S) with E in A/M, T in N/A/Ad, S in N/A/M.
  const auto bad = [&]() {
    return ConfigError("--model: bad ETS member '" + text +
                       "' (expected ETS(E,T,S) with E = A or M, T = N, A or "
                       "Ad, S = N, A or M)");
  };
  if (text.size() < 10 || text.rfind("ETS(", 0) != 0 || text.back() != ')')
    throw bad();
  const auto parts = split_csv(text.substr(4, text.size() - 5));
  if (parts.size() != 3) throw bad();
  kernels::EtsSpec spec;
  spec.period = period;
  if (parts[0] == "A") {
    spec.error = kernels::EtsError::kAdditive;
  } else if (parts[0] == "M") {
    spec.error = kernels::EtsError::kMultiplicative;
  } else {
    throw bad();
  }
  if (parts[1] == "N") {
    spec.trend = kernels::EtsTrend::kNone;
  } else if (parts[1] == "A") {
    spec.trend = kernels::EtsTrend::kAdditive;
  } else if (parts[1] == "Ad") {
    spec.trend = kernels::EtsTrend::kDamped;
  } else {
    throw bad();
  }
  if (parts[2] == "N") {
    spec.season = kernels::EtsSeason::kNone;
  } else if (parts[2] == "A") {
    spec.season = kernels::EtsSeason::kAdditive;
  } else if (parts[2] == "M") {
    spec.season = kernels::EtsSeason::kMultiplicative;
  } else {
    throw bad();
  }
  return spec;
}

namespace {

// Fits the requested model; when the series cannot support it, falls back
// to a non-seasonal ETS model and then to drift, saying why.
std::unique_ptr<kernels::ForecastModel> fit_with_fallback(
    const InputSeries& s,
    const ConstVectorRef& y,
    const ForecastOptions& o,
    std::string& fallback) {
  const kernels::FitOptions fit{o.bootstrap};
  if (o.ets_member) {
    const auto spec = parse_ets_member(*o.ets_member, o.period);
    const std::string at = "series '" + s.id + "' (from line " +
                           std::to_string(s.lines.front()) +
                           "): " + spec.name();
    const bool multiplicative =
        spec.error == kernels::EtsError::kMultiplicative ||
        spec.season == kernels::EtsSeason::kMultiplicative;
    if (multiplicative) {
      for (std::size_t i = 0; i < s.values.size(); ++i) {
        if (!(s.values[i] > 0.0)) {
          throw DataError(at + " needs positive values (got " +
                          fmt(s.values[i]) + " at line " +
                          std::to_string(s.lines[i]) + ")");
        }
      }
    }
    kernels::EtsOptions options;
    options.bootstrap = o.bootstrap;
    auto model = kernels::fit_ets(y, spec, options);
    if (!model) {
      throw DataError(at + " cannot be fitted to " + std::to_string(y.size()) +
                      " values (too short)");
    }
    return model;
  }
  if (o.model.kind == ModelKind::kCount) {
    // Counts are a property of the data, not of its length: no fallback.
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      const double v = s.values[i];
      if (v < 0.0 || v != std::floor(v)) {
        throw DataError("series '" + s.id + "' line " +
                        std::to_string(s.lines[i]) +
                        ": value: the count model needs whole numbers >= 0 "
                        "(got " +
                        fmt(v) + ")");
      }
    }
  }
  try {
    return kernels::fit_forecast_model(y, o.period, o.model, fit);
  } catch (const DataError& first) {
    fallback = std::string(first.what());
    if (o.model.kind != ModelKind::kCount && y.size() >= 8 &&
        o.model.transform == Transform::kNone) {
      try {
        kernels::AutoEtsOptions options;
        options.allow_season = false;
        options.fit.bootstrap = o.bootstrap;
        auto m = kernels::auto_ets(y, o.period, options);
        fallback += "; used non-seasonal ETS";
        return m;
      } catch (const DataError&) {
      }
    }
    if (y.size() >= 3) {
      fallback += "; used drift";
      return kernels::fit_drift(y, fit);
    }
    throw DataError("series '" + s.id + "' (from line " +
                    std::to_string(s.lines.front()) + "): " + first.what() +
                    "; too short for any model (" + std::to_string(y.size()) +
                    " values)");
  }
}

SeriesForecast forecast_one(const InputSeries& s,
                            const ForecastOptions& o,
                            Matrix& paths) {
  const auto start = std::chrono::steady_clock::now();
  SeriesForecast f;
  f.id = s.id;
  const ConstVectorMap y(s.values.data(),
                         static_cast<Eigen::Index>(s.values.size()));
  auto model = fit_with_fallback(s, y, o, f.fallback);
  f.model = model->name();
  f.point.resize(o.horizon);
  model->point(f.point);
  paths.resize(o.horizon, o.paths);
  model->simulate(o.seed, kernels::hash_key(s.id), 0, paths);
  if (!f.point.allFinite() || !paths.allFinite()) {
    throw NumericError("series '" + s.id + "' (from line " +
                       std::to_string(s.lines.front()) + "): model " + f.model +
                       " gave non-finite forecasts");
  }
  const auto levels = static_cast<Eigen::Index>(o.levels.size());
  f.lower.resize(levels, o.horizon);
  f.upper.resize(levels, o.horizon);
  if (o.keep_paths) f.paths = paths;
  // Interval ends: the lower ends, then the upper.
  std::vector<double> probs(static_cast<std::size_t>(2 * levels));
  std::vector<double> q(probs.size());
  for (Eigen::Index l = 0; l < levels; ++l) {
    const double a = (1.0 - o.levels[static_cast<std::size_t>(l)] / 100.0) / 2;
    probs[static_cast<std::size_t>(l)] = a;
    probs[static_cast<std::size_t>(levels + l)] = 1.0 - a;
  }
  // Paths x horizon: each step's values contiguous.
  const Matrix by_step = paths.transpose();
  kernels::QuantileSelector select;
  for (Eigen::Index h = 0; h < o.horizon; ++h) {
    select.compute(by_step.col(h).data(),
                   o.paths,
                   probs.data(),
                   static_cast<int>(probs.size()),
                   q.data());
    for (Eigen::Index l = 0; l < levels; ++l) {
      f.lower(l, h) = q[static_cast<std::size_t>(l)];
      f.upper(l, h) = q[static_cast<std::size_t>(levels + l)];
    }
  }
  f.ms = std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
             .count();
  return f;
}

}  // namespace

std::vector<std::string> ForecastOptions::problems() const {
  std::vector<std::string> out;
  if (horizon < 1) out.push_back("--horizon: at least 1");
  if (period < 1) out.push_back("--frequency: at least 1");
  if (paths < 100) out.push_back("--paths: at least 100");
  if (threads < 0) out.push_back("--threads: not negative");
  for (const int l : levels) {
    if (l <= 0 || l >= 100)
      out.push_back("--level: between 1 and 99 (got " + std::to_string(l) +
                    ")");
  }
  return out;
}

std::vector<InputSeries> read_forecast_input(const std::filesystem::path& file,
                                             const InputOptions& options) {
  const std::string name = file.string();
  std::ifstream in(file);
  if (!in) throw DataError(name + ": cannot open the file");
  std::string line;
  int line_no = 1;
  // The header is the first line that is not empty or a `#` comment.
  bool have_header = false;
  while (std::getline(in, line)) {
    // A UTF-8 byte-order mark (spreadsheets write one) is not part of the
    // first column's name.
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    const std::string t = trim(line);
    if (!t.empty() && t.front() != '#') {
      have_header = true;
      break;
    }
    ++line_no;
  }
  if (!have_header) throw DataError(name + ": empty file (no header line)");
  const std::string header_at = name + ":" + std::to_string(line_no);
  const auto header = split_csv(line);
  auto column = [&](const std::string& c) -> int {
    const auto it = std::find(header.begin(), header.end(), c);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  // A pack's history.csv names its series `indicator`.
  const int c_id =
      column("series_id") >= 0 ? column("series_id") : column("indicator");
  const int c_value = column("value");
  const int c_month = column("month");
  const int c_period = column("period");
  const int c_split = column("split");
  if (c_id < 0 || c_value < 0 || (c_month < 0 && c_period < 0)) {
    throw DataError(header_at +
                    ": header: expected series_id (or indicator), value and "
                    "month (YYYY-MM) or period (1..n) (got '" +
                    line + "')");
  }
  const bool monthly = c_month >= 0;
  std::vector<std::string> order;
  std::map<std::string, std::vector<Row>> rows;
  const auto width = static_cast<std::size_t>(
      std::max({c_id, c_value, c_month, c_period, c_split}) + 1);
  while (std::getline(in, line)) {
    ++line_no;
    const std::string t = trim(line);
    if (t.empty() || t.front() == '#') continue;
    const auto cells = split_csv(line);
    const std::string at = name + ":" + std::to_string(line_no) + ": ";
    if (cells.size() < width) {
      throw DataError(at + "expected " + std::to_string(header.size()) +
                      " fields (got " + std::to_string(cells.size()) + ")");
    }
    const std::string& id = cells[static_cast<std::size_t>(c_id)];
    if (id.empty()) throw DataError(at + "series_id: empty");
    if (c_split >= 0) {
      const std::string& split = cells[static_cast<std::size_t>(c_split)];
      if (split == "test") continue;
      if (split != "train") {
        throw DataError(at + "split: expected train or test (got '" + split +
                        "') in series '" + id + "'");
      }
    }
    const std::string& text = cells[static_cast<std::size_t>(c_value)];
    const auto value = parse_number(text);
    if (!value || !std::isfinite(*value)) {
      throw DataError(at + "value: not a number (got '" + text +
                      "') in series '" + id + "'");
    }
    long key = 0;
    if (monthly) {
      const std::string& m = cells[static_cast<std::size_t>(c_month)];
      const auto ym = YearMonth::parse(m);
      if (!ym) {
        throw DataError(at + "month: bad month (got '" + m +
                        "'; expected YYYY-MM) in series '" + id + "'");
      }
      key = ym->year() * 12L + ym->month() - 1;
    } else {
      const std::string& p = cells[static_cast<std::size_t>(c_period)];
      const auto v = parse_number(p);
      if (!v || *v < 1 || *v != std::floor(*v)) {
        throw DataError(at + "period: expected a whole number >= 1 (got '" + p +
                        "') in series '" + id + "'");
      }
      key = static_cast<long>(*v);
    }
    auto& list = rows[id];
    if (list.empty()) order.push_back(id);
    list.push_back({key, *value, line_no});
  }
  if (order.empty()) throw DataError(name + ": no data rows");
  std::vector<InputSeries> out;
  out.reserve(order.size());
  const char* key_name = monthly ? "month" : "period";
  auto key_text = [&](long k) {
    return monthly ? YearMonth(static_cast<int>(k / 12),
                               static_cast<int>(k % 12) + 1)
                         .str()
                   : std::to_string(k);
  };
  for (const auto& id : order) {
    auto& list = rows[id];
    std::stable_sort(list.begin(), list.end(), [](const Row& a, const Row& b) {
      return a.key < b.key;
    });
    for (std::size_t i = 1; i < list.size(); ++i) {
      const std::string at =
          name + ":" + std::to_string(list[i].line) + ": " + key_name + ": ";
      if (list[i].key == list[i - 1].key) {
        throw DataError(at + "duplicate " + key_text(list[i].key) +
                        " in series '" + id + "' (also at line " +
                        std::to_string(list[i - 1].line) + ")");
      }
      if (list[i].key != list[i - 1].key + 1) {
        throw DataError(at + "gap in series '" + id +
                        "': " + key_text(list[i].key) + " follows " +
                        key_text(list[i - 1].key) + " (missing " +
                        key_text(list[i - 1].key + 1) + ")");
      }
    }
    InputSeries s;
    s.id = id;
    for (const auto& r : list) {
      s.values.push_back(r.value);
      s.lines.push_back(r.line);
    }
    if (monthly) {
      s.first_month = YearMonth(static_cast<int>(list.front().key / 12),
                                static_cast<int>(list.front().key % 12) + 1);
    } else {
      s.first_period = static_cast<int>(list.front().key);
    }
    if (options.holdout > 0) {
      if (static_cast<int>(s.values.size()) <= options.holdout) {
        throw DataError(name + ":" + std::to_string(s.lines.front()) +
                        ": series '" + id + "' has " +
                        std::to_string(s.values.size()) +
                        " values, not more than --holdout " +
                        std::to_string(options.holdout));
      }
      s.values.resize(s.values.size() -
                      static_cast<std::size_t>(options.holdout));
      s.lines.resize(s.values.size());
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<SeriesForecast> forecast_all(const std::vector<InputSeries>& series,
                                         const ForecastOptions& options,
                                         const Progress& progress) {
  const auto problems = options.problems();
  if (!problems.empty()) {
    std::string text;
    for (const auto& p : problems) text += (text.empty() ? "" : "; ") + p;
    throw ConfigError(text);
  }
  std::vector<SeriesForecast> out(series.size());
  std::atomic<int> done{0};
  std::mutex progress_mutex;
  const int threads = std::max(1, options.threads);
  // One scratch matrix per task (they are reused within a task block).
  detail::parallel_for(static_cast<int>(series.size()), threads, [&](int i) {
    Matrix paths;
    out[static_cast<std::size_t>(i)] =
        forecast_one(series[static_cast<std::size_t>(i)], options, paths);
    const int d = ++done;
    if (progress) {
      const std::lock_guard<std::mutex> lock(progress_mutex);
      progress(d, static_cast<int>(series.size()));
    }
  });
  return out;
}

std::string forecasts_csv(const std::vector<SeriesForecast>& forecasts,
                          const std::vector<int>& levels) {
  std::string out = "series_id,h,point";
  for (const int l : levels) {
    out += ",lo" + std::to_string(l) + ",hi" + std::to_string(l);
  }
  out += '\n';
  for (const auto& f : forecasts) {
    for (Eigen::Index h = 0; h < f.point.size(); ++h) {
      out += f.id + ',' + std::to_string(h + 1) + ',' + fmt(f.point(h));
      for (Eigen::Index l = 0; l < f.lower.rows(); ++l) {
        out += ',' + fmt(f.lower(l, h)) + ',' + fmt(f.upper(l, h));
      }
      out += '\n';
    }
  }
  return out;
}

void write_paths_csv(const std::filesystem::path& file,
                     const std::vector<SeriesForecast>& forecasts) {
  const std::filesystem::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp);
    if (!out) throw Error(file.string() + ": cannot write");
    out << "series_id,path,h,value\n";
    for (const auto& f : forecasts) {
      for (Eigen::Index p = 0; p < f.paths.cols(); ++p) {
        for (Eigen::Index h = 0; h < f.paths.rows(); ++h) {
          out << f.id << ',' << p + 1 << ',' << h + 1 << ','
              << fmt(f.paths(h, p)) << '\n';
        }
      }
    }
    if (!out) throw Error(file.string() + ": write failed");
  }
  std::filesystem::rename(tmp, file);
}

Accuracy accuracy(const ConstVectorRef& train,
                  const ConstVectorRef& actual,
                  const ConstVectorRef& point,
                  const ConstVectorRef& lo80,
                  const ConstVectorRef& hi80,
                  const ConstVectorRef& lo95,
                  const ConstVectorRef& hi95,
                  int period) {
  Accuracy a;
  const Eigen::Index h = actual.size();
  int m = period;
  if (train.size() <= m) m = 1;
  double scale = 0.0;
  for (Eigen::Index t = m; t < train.size(); ++t)
    scale += std::abs(train(t) - train(t - m));
  scale /= static_cast<double>(std::max<Eigen::Index>(1, train.size() - m));
  double smape = 0.0;
  double mae = 0.0;
  double c80 = 0.0;
  double c95 = 0.0;
  double pen = 0.0;
  constexpr double kAlpha = 0.05;
  for (Eigen::Index i = 0; i < h; ++i) {
    const double y = actual(i);
    const double f = point(i);
    const double den = std::abs(y) + std::abs(f);
    smape += den == 0.0 ? 0.0 : 2.0 * std::abs(y - f) / den;
    mae += std::abs(y - f);
    c80 += (y >= lo80(i) && y <= hi80(i)) ? 1.0 : 0.0;
    c95 += (y >= lo95(i) && y <= hi95(i)) ? 1.0 : 0.0;
    pen += (hi95(i) - lo95(i)) +
           (2.0 / kAlpha) * (lo95(i) - y) * (y < lo95(i)) +
           (2.0 / kAlpha) * (y - hi95(i)) * (y > hi95(i));
  }
  const auto n = static_cast<double>(h);
  a.smape = 100.0 * smape / n;
  a.scaled = scale > 0.0;
  a.mase = a.scaled ? mae / n / scale : 0.0;
  a.cov80 = c80 / n;
  a.cov95 = c95 / n;
  a.msis = a.scaled ? pen / n / scale : 0.0;
  return a;
}

namespace {

// Sums of accuracy over forecasts, averaged into a row.
struct Tally {
  BacktestRow sum;
  int scaled = 0;
  double ms = 0.0;
  void add(const Accuracy& a, double fit_ms, bool fell_back) {
    ++sum.forecasts;
    sum.smape += a.smape;
    sum.cov80 += a.cov80;
    sum.cov95 += a.cov95;
    if (a.scaled) {
      sum.mase += a.mase;
      sum.msis += a.msis;
      ++scaled;
    }
    ms += fit_ms;
    if (fell_back) ++sum.fallbacks;
  }
  [[nodiscard]] BacktestRow row(const std::string& model,
                                const std::string& id) const {
    BacktestRow r = sum;
    r.model = model;
    r.series_id = id;
    r.series = 1;
    const auto n = static_cast<double>(std::max(1, sum.forecasts));
    r.smape /= n;
    r.cov80 /= n;
    r.cov95 /= n;
    r.mase /= std::max(1, scaled);
    r.msis /= std::max(1, scaled);
    r.ms_per_fit = ms / n;
    return r;
  }
};

}  // namespace

std::vector<BacktestRow> backtest(const std::vector<InputSeries>& series,
                                  const std::vector<ModelSpec>& models,
                                  int origins,
                                  ForecastOptions options,
                                  const Progress& progress,
                                  std::vector<BacktestRow>* per_series) {
  if (origins < 1) throw ConfigError("--origins: at least 1");
  options.levels = {80, 95};
  options.keep_paths = false;
  std::vector<BacktestRow> out;
  const int total = static_cast<int>(models.size() * series.size());
  int done_before = 0;
  for (const auto& spec : models) {
    options.model = spec;
    // Cut every series at every origin.
    std::vector<InputSeries> cuts;
    std::vector<std::pair<std::size_t, int>> from;  // series, cut length
    for (std::size_t i = 0; i < series.size(); ++i) {
      const auto n = static_cast<int>(series[i].values.size());
      for (int k = 1; k <= origins; ++k) {
        const int len = n - options.horizon - (origins - k);
        if (len < 3) continue;
        InputSeries c = series[i];
        c.values.resize(static_cast<std::size_t>(len));
        c.lines.resize(static_cast<std::size_t>(len));
        c.id = series[i].id + "@" + std::to_string(len);
        cuts.push_back(std::move(c));
        from.emplace_back(i, len);
      }
    }
    if (cuts.empty()) {
      throw DataError("backtest: no series is long enough for --horizon " +
                      std::to_string(options.horizon) + " and --origins " +
                      std::to_string(origins) +
                      " (each needs at least horizon + origins + 2 values)");
    }
    const auto fc = forecast_all(cuts, options, [&](int d, int) {
      if (progress) {
        progress(
            done_before + d * static_cast<int>(series.size()) /
                              std::max<int>(1, static_cast<int>(cuts.size())),
            total);
      }
    });
    done_before += static_cast<int>(series.size());
    Tally all;
    std::map<std::size_t, Tally> by_series;
    for (std::size_t j = 0; j < fc.size(); ++j) {
      const auto& s = series[from[j].first];
      const int len = from[j].second;
      const ConstVectorMap train(s.values.data(), len);
      const ConstVectorMap actual(s.values.data() + len, options.horizon);
      const Accuracy a = accuracy(train,
                                  actual,
                                  fc[j].point,
                                  fc[j].lower.row(0).transpose(),
                                  fc[j].upper.row(0).transpose(),
                                  fc[j].lower.row(1).transpose(),
                                  fc[j].upper.row(1).transpose(),
                                  options.period);
      const bool fell_back = !fc[j].fallback.empty();
      all.add(a, fc[j].ms, fell_back);
      by_series[from[j].first].add(a, fc[j].ms, fell_back);
    }
    BacktestRow row = all.row(to_string(spec.kind), "");
    row.series = static_cast<int>(series.size());
    if (per_series != nullptr) {
      for (const auto& [i, tally] : by_series) {
        per_series->push_back(tally.row(to_string(spec.kind), series[i].id));
      }
    }
    out.push_back(row);
  }
  return out;
}

}  // namespace cspcast

// SPDX-License-Identifier: MIT
#include "format.hpp"

#include <cspcast/format.hpp>
#include <cspcast/report/forecast_report.hpp>
#include <cspcast/version.hpp>

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <sstream>

namespace cspcast::report {
namespace {

double total_ms(const std::vector<SeriesForecast>& fc) {
  double ms = 0.0;
  for (const auto& f : fc) ms += f.ms;
  return ms;
}

int fallbacks(const std::vector<SeriesForecast>& fc) {
  return static_cast<int>(std::count_if(
      fc.begin(), fc.end(), [](const auto& f) { return !f.fallback.empty(); }));
}

int skipped(const std::vector<SeriesForecast>& fc) {
  return static_cast<int>(std::count_if(
      fc.begin(), fc.end(), [](const auto& f) { return !f.skipped.empty(); }));
}

}  // namespace

std::string forecasts_csv(const std::vector<SeriesForecast>& forecasts,
                          const std::vector<int>& levels) {
  std::string out = "series_id,h,point";
  for (const int l : levels) {
    out += ",lo" + std::to_string(l) + ",hi" + std::to_string(l);
  }
  out += '\n';
  for (const auto& f : forecasts) {
    const std::string id = csv_field(f.id);
    for (Eigen::Index h = 0; h < f.point.size(); ++h) {
      out += id;
      out += ',';
      out += std::to_string(h + 1);
      out += ',';
      out += format_number(f.point(h));
      for (Eigen::Index l = 0; l < f.lower.rows(); ++l) {
        out += ',';
        out += format_number(f.lower(l, h));
        out += ',';
        out += format_number(f.upper(l, h));
      }
      out += '\n';
    }
  }
  return out;
}

void write_paths_csv(std::ostream& out,
                     const std::vector<SeriesForecast>& forecasts) {
  out << "series_id,path,h,value\n";
  for (const auto& f : forecasts) {
    const std::string id = csv_field(f.id);
    for (Eigen::Index p = 0; p < f.paths.cols(); ++p) {
      for (Eigen::Index h = 0; h < f.paths.rows(); ++h) {
        out << id << ',' << p + 1 << ',' << h + 1 << ','
            << format_number(f.paths(h, p)) << '\n';
      }
    }
  }
}

std::string forecast_log_csv(const std::vector<SeriesForecast>& forecasts) {
  std::string log = "series_id,n,model,ms,fallback\n";
  for (const auto& f : forecasts) {
    std::string reason =
        f.skipped.empty() ? f.fallback : "skipped (no forecast): " + f.skipped;
    std::replace(reason.begin(), reason.end(), ',', ';');
    std::replace(reason.begin(), reason.end(), '"', '\'');
    log += csv_field(f.id) + ',' + std::to_string(f.n) + ",\"" + f.model +
           "\"," + std::to_string(f.ms) + ",\"" + reason + "\"\n";
  }
  return log;
}

ForecastTotals totals_of(const std::vector<SeriesForecast>& forecasts) {
  return {forecasts.size(),
          total_ms(forecasts),
          fallbacks(forecasts),
          1,
          skipped(forecasts)};
}

std::string forecast_timing_csv(const std::vector<SeriesForecast>& forecasts,
                                const ForecastRecord& run) {
  return forecast_timing_csv(totals_of(forecasts), run);
}

std::string forecast_summary(const std::vector<SeriesForecast>& forecasts,
                             const ForecastRecord& run,
                             const std::string& out) {
  return forecast_summary(totals_of(forecasts), run, out);
}

std::string forecast_timing_csv(const ForecastTotals& t,
                                const ForecastRecord& run) {
  const ForecastOptions& o = run.options;
  const double per =
      t.cpu_ms / static_cast<double>(std::max<std::size_t>(1, t.series));
  std::ostringstream timing;
  timing
      << "per_series_ms,n_series,n_fallback,wall_ms,threads,model,paths,seed,"
         "bootstrap,input,cspcast\n"
      << per << ',' << t.series << ',' << t.fallbacks << ',' << run.wall_ms
      << ',' << o.threads << ',' << to_string(o.model.kind) << ',' << o.paths
      << ',' << o.seed << ',' << (o.bootstrap ? "yes" : "no") << ",\""
      << run.input << "\"," << CSPCAST_VERSION_STRING << '\n';
  return timing.str();
}

std::string forecast_summary(const ForecastTotals& t,
                             const ForecastRecord& run,
                             const std::string& out) {
  const int threads = run.options.threads;
  const double per =
      t.cpu_ms / static_cast<double>(std::max<std::size_t>(1, t.series));
  std::ostringstream s;
  s << "cspcast: " << t.series << " series, " << std::fixed
    << std::setprecision(3) << per << " ms CPU per series (";
  if (t.ranks > 1) s << t.ranks << " ranks x ";
  s << threads << (threads == 1 ? " thread" : " threads") << ", wall "
    << std::setprecision(0) << run.wall_ms << " ms), " << t.fallbacks
    << " fallbacks";
  if (t.skipped > 0) {
    s << ", " << t.skipped
      << " skipped (no model could be fitted; see the log)";
  }
  s << "; wrote " << out << '\n';
  return s.str();
}

std::string sibling(const std::string& file, const std::string& suffix) {
  const std::filesystem::path p(file);
  return (p.parent_path() / (p.stem().string() + suffix)).string();
}

}  // namespace cspcast::report

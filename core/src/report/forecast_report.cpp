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

double per_series(const std::vector<SeriesForecast>& fc) {
  return total_ms(fc) /
         static_cast<double>(std::max<std::size_t>(1, fc.size()));
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
    std::string reason = f.fallback;
    std::replace(reason.begin(), reason.end(), ',', ';');
    std::replace(reason.begin(), reason.end(), '"', '\'');
    log += csv_field(f.id) + ',' + std::to_string(f.n) + ",\"" + f.model +
           "\"," + std::to_string(f.ms) + ",\"" + reason + "\"\n";
  }
  return log;
}

std::string forecast_timing_csv(const std::vector<SeriesForecast>& forecasts,
                                const ForecastRecord& run) {
  const ForecastOptions& o = run.options;
  std::ostringstream timing;
  timing
      << "per_series_ms,n_series,n_fallback,wall_ms,threads,model,paths,seed,"
         "bootstrap,input,cspcast\n"
      << per_series(forecasts) << ',' << forecasts.size() << ','
      << fallbacks(forecasts) << ',' << run.wall_ms << ',' << o.threads << ','
      << to_string(o.model.kind) << ',' << o.paths << ',' << o.seed << ','
      << (o.bootstrap ? "yes" : "no") << ",\"" << run.input << "\","
      << CSPCAST_VERSION_STRING << '\n';
  return timing.str();
}

std::string forecast_summary(const std::vector<SeriesForecast>& forecasts,
                             const ForecastRecord& run,
                             const std::string& out) {
  const int threads = run.options.threads;
  std::ostringstream s;
  s << "cspcast: " << forecasts.size() << " series, " << std::fixed
    << std::setprecision(3) << per_series(forecasts) << " ms per series ("
    << threads << (threads == 1 ? " thread" : " threads") << ", wall "
    << std::setprecision(0) << run.wall_ms << " ms), " << fallbacks(forecasts)
    << " fallbacks; wrote " << out << '\n';
  return s.str();
}

std::string sibling(const std::string& file, const std::string& suffix) {
  const std::filesystem::path p(file);
  return (p.parent_path() / (p.stem().string() + suffix)).string();
}

}  // namespace cspcast::report

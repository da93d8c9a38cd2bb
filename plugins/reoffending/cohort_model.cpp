// SPDX-License-Identifier: MIT
#include "cohort_model.hpp"

#include <cspcast/error.hpp>
#include <cspcast/model_kit.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>

namespace cspcast::reoffending {

// The cohort size of cohort month `m`: the companion's value; before it
// starts, its first value; after it ends, the mean of its last twelve
// months (the caseload is held flat beyond the data).
class CohortSizes {
 public:
  explicit CohortSizes(const MonthlySeries& s) : s_(s) {
    const int n = s.size();
    const int from = std::max(0, n - 12);
    double sum = 0.0;
    for (int i = from; i < n; ++i) sum += s.values[static_cast<std::size_t>(i)];
    flat_ = sum / static_cast<double>(n - from);
  }
  [[nodiscard]] double at(YearMonth m) const {
    if (m < s_.start) return s_.values.front();
    if (m > s_.end()) return flat_;
    return s_.values[static_cast<std::size_t>(m - s_.start)];
  }

 private:
  const MonthlySeries& s_;
  double flat_ = 0.0;
};

struct Cohort {
  double trials = 0.0;
  double successes = 0.0;  // reoffenders (not necessarily whole: rates)
  double years = 0.0;      // size-weighted mean month
};

namespace {

// A calendar quarter's key, and the time in years of a month from a fixed
// origin (the covariate is centred by the fit).
int quarter_of(YearMonth m) { return m.year() * 4 + (m.month() - 1) / 3; }
double years_of(YearMonth m) {
  return static_cast<double>(m.year()) + (m.month() - 0.5) / 12.0;
}

// `v` with `decimals` places (-1: the shortest round trip).
std::string fmt(double v, int decimals) {
  std::ostringstream out;
  if (decimals >= 0) out << std::fixed << std::setprecision(decimals);
  out << v;
  return out.str();
}

// The history's reoffenders and cohort sizes pooled by the calendar
// quarter of their cohort month (reported month t is the rate of the
// cohort of month t - lag), as the measure is published.
std::vector<Cohort> pool_quarters(const MonthlySeries& h,
                                  const CohortSizes& cohort) {
  std::map<int, Cohort> quarters;
  for (int i = 0; i < h.size(); ++i) {
    const YearMonth reported = h.start + i;
    const YearMonth month = reported - kFollowUpLagMonths;
    const double n = cohort.at(month);
    if (!(n > 0.0)) {
      throw DataError("cohort size " + fmt(n, -1) + " for the cohort of " +
                      month.str() + " (reported " + reported.str() +
                      "): the cohort companion must be positive");
    }
    Cohort& q = quarters[quarter_of(month)];
    q.trials += n;
    q.successes += n * h.values[static_cast<std::size_t>(i)] / 100.0;
    q.years += n * years_of(month);
  }
  std::vector<Cohort> data;
  for (auto& entry : quarters) {
    entry.second.years /= entry.second.trials;
    data.push_back(entry.second);
  }
  return data;
}

// A binomial logistic regression of successes out of trials on time
// (centred), by iteratively reweighted least squares: the coefficients and
// the information matrix X'WX ([0,0], [0,1], [1,1]) at them.
struct Logistic {
  std::array<double, 2> beta{};
  std::array<double, 3> info{};
  [[nodiscard]] bool has_slope() const {
    const double det = info[0] * info[2] - info[1] * info[1];
    return info[2] > 0.0 && det > 1e-12 * info[0] * info[2];
  }
};

Logistic fit_logistic(const std::vector<Cohort>& data,
                      double centre,
                      double p0) {
  Logistic fit;
  fit.beta = {kit::logit(p0), 0.0};
  for (int iter = 0; iter < 50; ++iter) {
    std::array<double, 2> score{};
    fit.info = {};
    for (const Cohort& q : data) {
      const double x = q.years - centre;
      const double p = kit::logistic(fit.beta[0] + fit.beta[1] * x);
      const double w = q.trials * p * (1.0 - p);
      const double r = q.successes - q.trials * p;
      score[0] += r;
      score[1] += r * x;
      fit.info[0] += w;
      fit.info[1] += w * x;
      fit.info[2] += w * x * x;
    }
    std::array<double, 2> step{score[0] / fit.info[0], 0.0};  // level only
    if (fit.has_slope()) {
      const auto& i = fit.info;
      const double det = i[0] * i[2] - i[1] * i[1];
      step = {(i[2] * score[0] - i[1] * score[1]) / det,
              (i[0] * score[1] - i[1] * score[0]) / det};
    }
    fit.beta[0] += step[0];
    fit.beta[1] += step[1];
    if (std::abs(step[0]) + std::abs(step[1]) < 1e-10) break;
  }
  return fit;
}

}  // namespace

std::unique_ptr<CohortModel> CohortModel::fit(const ProjectionInput& input) {
  const MonthlySeries* sizes = input.companion("cohort");
  if (sizes == nullptr) return nullptr;
  const MonthlySeries& h = input.history;
  if (h.size() < kMinHistoryMonths) {
    throw DataError(
        "the cohort model needs at least " + std::to_string(kMinHistoryMonths) +
        " months of history (got " + std::to_string(h.size()) + ")");
  }
  const CohortSizes cohort(*sizes);
  std::vector<Cohort> data = pool_quarters(h, cohort);
  double total_n = 0.0;
  double total_k = 0.0;
  double centre = 0.0;
  for (const Cohort& q : data) {
    total_n += q.trials;
    total_k += q.successes;
    centre += q.trials * q.years;
  }
  centre /= total_n;
  // No reoffender (or all of them) in the whole history: half an event
  // either way keeps the logit finite (a Jeffreys-style correction).
  if (total_k < 0.5 || total_n - total_k < 0.5) {
    for (Cohort& q : data) {
      const double add = 0.5 * q.trials / total_n;
      q.successes = (q.successes + add) * q.trials / (q.trials + 2.0 * add);
    }
  }
  const Logistic lr =
      fit_logistic(data, centre, std::clamp(total_k / total_n, 1e-6, 1 - 1e-6));
  auto model = std::unique_ptr<CohortModel>(new CohortModel());
  model->beta_ = lr.beta;  // the rate at the centre; the slope a year
  model->mean_cohort_ = total_n / static_cast<double>(data.size());
  model->set_dispersion(data, centre, lr.info);
  model->set_groups(h.end(), input.months(), cohort, centre);
  return model;
}

void CohortModel::set_dispersion(const std::vector<Cohort>& data,
                                 double centre,
                                 const std::array<double, 3>& info) {
  // Pearson dispersion: above 1, the rates vary more than binomial noise on
  // these cohort sizes; the extra variance becomes a beta-binomial.
  double pearson = 0.0;
  for (const Cohort& q : data) {
    const double p = kit::logistic(beta_[0] + beta_[1] * (q.years - centre));
    const double e = q.successes - q.trials * p;
    pearson += e * e / (q.trials * p * (1.0 - p));
  }
  const auto groups = static_cast<double>(data.size());
  phi_ = groups > 2.0 ? pearson / (groups - 2.0) : 1.0;
  if (phi_ > 1.0 && mean_cohort_ > 1.0) {
    rho_ = std::min(0.5, (phi_ - 1.0) / (mean_cohort_ - 1.0));
  }
  // Parameter uncertainty: the inverse information, scaled up by the
  // dispersion when it exceeds 1; its lower Cholesky factor.
  const double scale = std::max(1.0, phi_);
  const Logistic shape{beta_, info};
  if (shape.has_slope()) {
    const double det = info[0] * info[2] - info[1] * info[1];
    const double v00 = scale * info[2] / det;
    const double v01 = -scale * info[1] / det;
    const double v11 = scale * info[0] / det;
    const double l00 = std::sqrt(v00);
    const double l10 = v01 / l00;
    chol_ = {l00, l10, std::sqrt(std::max(0.0, v11 - l10 * l10))};
  } else {
    chol_ = {std::sqrt(scale / info[0]), 0.0, 0.0};
  }
}

void CohortModel::set_groups(YearMonth history_end,
                             int months,
                             const CohortSizes& cohort,
                             double centre) {
  // The projected months, grouped by the quarter of their cohort.
  months_ = months;
  int quarter = 0;
  for (int r = 0; r < months_; ++r) {
    const YearMonth month = history_end + 1 + r - kFollowUpLagMonths;
    const double n = cohort.at(month);
    if (!(n > 0.0)) {
      throw DataError("cohort size " + fmt(n, -1) + " for the cohort of " +
                      month.str() + ": the cohort companion must be positive");
    }
    if (groups_.empty() || quarter_of(month) != quarter) {
      groups_.push_back({r, 0, 0.0, 0.0});
      quarter = quarter_of(month);
    }
    Group& g = groups_.back();
    g.rows += 1;
    g.trials += n;
    g.years += n * (years_of(month) - centre);
  }
  for (Group& g : groups_) {
    g.years /= g.trials;
    g.trials = std::max(1.0, std::round(g.trials));
  }
}

std::string CohortModel::name() const {
  return "cohort " + std::string(rho_ > 0.0 ? "beta-binomial" : "binomial") +
         " (logit trend, quarterly cohorts, lag " +
         std::to_string(kFollowUpLagMonths) + ")";
}

std::string CohortModel::description() const {
  return name() + ": rate " + fmt(100.0 * kit::logistic(beta_[0]), 2) +
         "% at the centre of the history, logit slope " + fmt(beta_[1], 4) +
         " a year, cohorts of " + fmt(mean_cohort_, 0) +
         " a quarter, dispersion " + fmt(phi_, 2) + ", rho " + fmt(rho_, 4);
}

void CohortModel::simulate(const PathStreams& streams, PathBlock out) const {
  if (out.months() != months_ || out.paths() != streams.count()) {
    throw Error("asked for " + std::to_string(out.months()) + " months of " +
                std::to_string(out.paths()) + " paths; fitted for " +
                std::to_string(months_) + " months and handed " +
                std::to_string(streams.count()) + " streams");
  }
  for (int c = 0; c < streams.count(); ++c) {
    RandomStream rng = streams.stream(c);
    // This path's trend: the fitted one plus its estimation error.
    const double z0 = rng.normal();
    const double z1 = rng.normal();
    const double a = beta_[0] + chol_[0] * z0;
    const double b = beta_[1] + chol_[1] * z0 + chol_[2] * z1;
    double* col = out.column(c);
    for (const Group& g : groups_) {
      const double mean = kit::logistic(a + b * g.years);
      double p = mean;
      if (rho_ > 0.0) {
        const double s = 1.0 / rho_ - 1.0;
        p = rng.beta(mean * s, (1.0 - mean) * s);
      }
      const double rate = 100.0 * rng.binomial(g.trials, p) / g.trials;
      for (int r = 0; r < g.rows; ++r) col[g.first_row + r] = rate;
    }
  }
}

}  // namespace cspcast::reoffending

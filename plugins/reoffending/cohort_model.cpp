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
namespace {

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

// A calendar quarter's key, and the time in years of a month from a fixed
// origin (the covariate is centred by the fit).
int quarter_of(YearMonth m) { return m.year() * 4 + (m.month() - 1) / 3; }
double years_of(YearMonth m) {
  return static_cast<double>(m.year()) + (m.month() - 0.5) / 12.0;
}

struct Cohort {
  double trials = 0.0;
  double successes = 0.0;  // reoffenders (not necessarily whole: rates)
  double years = 0.0;      // size-weighted mean month
};

// `v` with `decimals` places (-1: the shortest round trip).
std::string fmt(double v, int decimals) {
  std::ostringstream out;
  if (decimals >= 0) out << std::fixed << std::setprecision(decimals);
  out << v;
  return out.str();
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
  // Reported month t is the rate of the cohort of month t - lag; cohorts
  // are pooled by calendar quarter, as the measure is published.
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
  double total_n = 0.0;
  double total_k = 0.0;
  for (auto& [key, q] : quarters) {
    q.years /= q.trials;
    total_n += q.trials;
    total_k += q.successes;
    data.push_back(q);
  }
  auto model = std::unique_ptr<CohortModel>(new CohortModel());
  // No reoffender (or all of them) in the whole history: half an event
  // either way keeps the logit finite (a Jeffreys-style correction).
  if (total_k < 0.5 || total_n - total_k < 0.5) {
    for (Cohort& q : data) {
      const double add = 0.5 * q.trials / total_n;
      q.successes = (q.successes + add) * q.trials / (q.trials + 2.0 * add);
    }
  }
  double centre = 0.0;
  for (const Cohort& q : data) centre += q.trials * q.years;
  centre /= total_n;
  const double p0 = std::clamp(total_k / total_n, 1e-6, 1.0 - 1e-6);
  // Binomial logistic regression by iteratively reweighted least squares.
  std::array<double, 2> b{kit::logit(p0), 0.0};
  std::array<double, 3> info{};  // X'WX: [0,0], [0,1], [1,1]
  for (int iter = 0; iter < 50; ++iter) {
    std::array<double, 2> score{};
    info = {};
    for (const Cohort& q : data) {
      const double x = q.years - centre;
      const double p = kit::logistic(b[0] + b[1] * x);
      const double w = q.trials * p * (1.0 - p);
      const double r = q.successes - q.trials * p;
      score[0] += r;
      score[1] += r * x;
      info[0] += w;
      info[1] += w * x;
      info[2] += w * x * x;
    }
    const double det = info[0] * info[2] - info[1] * info[1];
    std::array<double, 2> step{};
    if (det > 1e-12 * info[0] * info[2] && info[2] > 0.0) {
      step = {(info[2] * score[0] - info[1] * score[1]) / det,
              (info[0] * score[1] - info[1] * score[0]) / det};
    } else {  // one time point: the level alone
      step = {score[0] / info[0], 0.0};
    }
    b[0] += step[0];
    b[1] += step[1];
    if (std::abs(step[0]) + std::abs(step[1]) < 1e-10) break;
  }
  // Pearson dispersion: above 1, the rates vary more than binomial noise on
  // these cohort sizes; the extra variance becomes a beta-binomial.
  double pearson = 0.0;
  for (const Cohort& q : data) {
    const double p = kit::logistic(b[0] + b[1] * (q.years - centre));
    const double e = q.successes - q.trials * p;
    pearson += e * e / (q.trials * p * (1.0 - p));
  }
  const auto groups = static_cast<double>(data.size());
  model->phi_ = groups > 2.0 ? pearson / (groups - 2.0) : 1.0;
  model->mean_cohort_ = total_n / groups;
  if (model->phi_ > 1.0 && model->mean_cohort_ > 1.0) {
    model->rho_ =
        std::min(0.5, (model->phi_ - 1.0) / (model->mean_cohort_ - 1.0));
  }
  // Parameter uncertainty: the inverse information, scaled up by the
  // dispersion when it exceeds 1.
  const double scale = std::max(1.0, model->phi_);
  const double det = info[0] * info[2] - info[1] * info[1];
  if (det > 1e-12 * info[0] * info[2] && info[2] > 0.0) {
    const double v00 = scale * info[2] / det;
    const double v01 = -scale * info[1] / det;
    const double v11 = scale * info[0] / det;
    const double l00 = std::sqrt(v00);
    const double l10 = v01 / l00;
    model->chol_ = {l00, l10, std::sqrt(std::max(0.0, v11 - l10 * l10))};
  } else {
    model->chol_ = {std::sqrt(scale / info[0]), 0.0, 0.0};
  }
  // The intercept at the centre; the slope per year.
  model->beta_ = {b[0], b[1]};
  // The projected months, grouped by the quarter of their cohort.
  model->months_ = input.months();
  for (int r = 0; r < model->months_; ++r) {
    const YearMonth reported = h.end() + 1 + r;
    const YearMonth month = reported - kFollowUpLagMonths;
    const double n = cohort.at(month);
    if (!(n > 0.0)) {
      throw DataError("cohort size " + fmt(n, -1) + " for the cohort of " +
                      month.str() + ": the cohort companion must be positive");
    }
    if (model->groups_.empty() ||
        quarter_of(month) !=
            quarter_of(h.end() + 1 + model->groups_.back().first_row -
                       kFollowUpLagMonths)) {
      model->groups_.push_back({r, 0, 0.0, 0.0});
    }
    Group& g = model->groups_.back();
    g.rows += 1;
    g.trials += n;
    g.years += n * (years_of(month) - centre);
  }
  for (Group& g : model->groups_) {
    g.years /= g.trials;
    g.trials = std::max(1.0, std::round(g.trials));
  }
  return model;
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

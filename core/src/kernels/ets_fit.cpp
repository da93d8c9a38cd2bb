// SPDX-License-Identifier: MIT
// Fitting ETS members by maximum likelihood (Nelder-Mead within the usual
// and the admissible region) and choosing among them by AICc.
#include "ets_detail.hpp"
#include "nelder_mead.hpp"

#include <cspcast/error.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace cspcast::kernels {

namespace {

// Where each free parameter sits in the optimiser's point (alpha, [beta],
// [gamma], [phi], level, [slope]; -1: not free), the starting point and the
// first steps.
struct Layout {
  int dim = 0;
  int i_beta = -1;
  int i_gamma = -1;
  int i_phi = -1;
  int i_level = -1;
  int i_slope = -1;
  cspcast::detail::Point x0{};
  cspcast::detail::Point step{};

  Layout(const EtsSpec& spec,
         const EtsParams& base,
         double scale,
         const EtsParams* start) {
    const int m = is_seasonal(spec) ? spec.period : 1;
    add(kLowerSmoothing + 0.2 * (kUpperSmoothing - kLowerSmoothing) / m, 0.1);
    if (has_trend(spec)) {
      i_beta = add(kLowerSmoothing + 0.1 * (x0[0] - kLowerSmoothing), 0.01);
    }
    if (is_seasonal(spec)) {
      i_gamma =
          add(kLowerSmoothing + 0.05 * (1.0 - x0[0] - kLowerSmoothing), 0.05);
    }
    if (is_damped(spec)) {
      i_phi = add(kLowerPhi + 0.99 * (kUpperPhi - kLowerPhi), -0.05);
    }
    i_level = add(base.level, 0.2 * scale);
    if (has_trend(spec)) i_slope = add(base.slope, 0.02 * scale);
    if (start != nullptr) warm(*start);
  }

  // Warm start from a sibling's fit, pulled inside the region.
  void warm(const EtsParams& st) {
    const double alpha = std::clamp(
        st.alpha, 2 * kLowerSmoothing, kUpperSmoothing - kLowerSmoothing);
    x0[0] = alpha;
    if (i_beta >= 0)
      at(x0, i_beta) = std::clamp(st.beta, kLowerSmoothing, alpha);
    if (i_gamma >= 0) {
      at(x0, i_gamma) = std::clamp(st.gamma, kLowerSmoothing, 1.0 - alpha);
    }
    if (i_phi >= 0) at(x0, i_phi) = std::clamp(st.phi, kLowerPhi, kUpperPhi);
    at(x0, i_level) = st.level;
    if (i_slope >= 0) at(x0, i_slope) = st.slope;
  }

  void to_params(const cspcast::detail::Point& x, EtsParams& p) const {
    p.alpha = x[0];
    if (i_beta >= 0) p.beta = at(x, i_beta);
    if (i_gamma >= 0) p.gamma = at(x, i_gamma);
    p.phi = i_phi >= 0 ? at(x, i_phi) : 1.0;
    p.level = at(x, i_level);
    p.slope = i_slope >= 0 ? at(x, i_slope) : 0.0;
  }

  // Both regions, as R's ets(bounds = "both"): the usual bounds (here) and
  // forecastability (ets_admissible).
  [[nodiscard]] bool within_usual_bounds(const EtsParams& p) const {
    if (p.alpha < kLowerSmoothing || p.alpha > kUpperSmoothing) return false;
    if (i_beta >= 0 && (p.beta < kLowerSmoothing || p.beta > p.alpha))
      return false;
    if (i_gamma >= 0 && (p.gamma < kLowerSmoothing || p.gamma > 1.0 - p.alpha))
      return false;
    return !(i_phi >= 0 && (p.phi < kLowerPhi || p.phi > kUpperPhi));
  }

 private:
  static double& at(cspcast::detail::Point& x, int i) {
    return x[static_cast<std::size_t>(i)];
  }
  static double at(const cspcast::detail::Point& x, int i) {
    return x[static_cast<std::size_t>(i)];
  }
  int add(double start, double first_step) {
    at(x0, dim) = start;
    at(step, dim) = first_step;
    return dim++;
  }
};

}  // namespace

namespace {

// One member's fit, in three steps so that several members can share the
// passes of ets_lik_lanes: prepare (checks and initial states), start (the
// search, perhaps from a sibling's fit) and finish (the model).
class MemberFit {
 public:
  MemberFit(const ConstVectorRef& y, const EtsSpec& spec) : spec_(spec) {
    const int n = static_cast<int>(y.size());
    np_ = count_params(spec);
    ok_ = !(is_seasonal(spec) &&
            (spec.period < 2 || spec.period > kEtsMaxPeriod)) &&
          !(needs_positive(spec) && !(y.minCoeff() > 0.0)) &&
          n - np_ - 1 >= 4 && n >= 4 &&
          !(is_seasonal(spec) && n < 2 * spec.period + 2) &&
          initial_states(y, spec, base_);
  }

  [[nodiscard]] const EtsSpec& spec() const { return spec_; }
  [[nodiscard]] bool can_start() const { return ok_; }

  void start(const ConstVectorRef& y, const EtsOptions& options) {
    layout_.emplace(spec_,
                    base_,
                    std::max(1e-8, (y.array() - y.mean()).abs().mean()),
                    options.start);
    search_.emplace(layout_->x0,
                    layout_->step,
                    layout_->dim,
                    options.max_evaluations,
                    options.tolerance);
    trial_ = base_;
  }

  // Tells the search every point outside the usual bounds it asks for;
  // true when it then asks for one within them (in trial()), false when it
  // is done.
  bool next_within_usual_bounds() {
    while (!search_->done()) {
      layout_->to_params(search_->point(), trial_);
      if (layout_->within_usual_bounds(trial_)) return true;
      search_->tell(kInfeasible);
    }
    return false;
  }
  // The same for points that are also admissible.
  bool next_feasible() {
    while (next_within_usual_bounds()) {
      if (ets_admissible(spec_, trial_)) return true;
      search_->tell(kInfeasible);
    }
    return false;
  }
  [[nodiscard]] bool done() const { return search_->done(); }
  [[nodiscard]] const EtsParams& trial() const { return trial_; }
  void tell(double value) {
    search_->tell(std::isfinite(value) ? value : kInfeasible);
  }

  // The search's best point, when it has a finite AICc (the AICc as
  // EtsModel works it out from the same -2 log-likelihood).
  std::optional<EtsCandidate> finish(const ConstVectorRef& y) {
    const auto result = search_->result();
    if (!(result.value < kInfeasible)) return std::nullopt;
    EtsCandidate c{spec_, base_, result.value, 0.0, np_};
    layout_->to_params(result.x, c.params);
    const double np = np_;
    const double denom = static_cast<double>(y.size()) - np - 1.0;
    c.aicc = denom > 0.0 ? c.lik + 2.0 * np + 2.0 * np * (np + 1.0) / denom
                         : std::numeric_limits<double>::quiet_NaN();
    if (!std::isfinite(c.aicc)) return std::nullopt;
    return c;
  }

 private:
  EtsSpec spec_;
  EtsParams base_;
  EtsParams trial_;
  int np_ = 0;
  bool ok_ = false;
  std::optional<Layout> layout_;
  std::optional<cspcast::detail::NelderMeadSearch> search_;
};

}  // namespace

std::unique_ptr<EtsModel> make_model(const ConstVectorRef& y,
                                     const EtsCandidate& c,
                                     bool bootstrap) {
  return std::make_unique<EtsModel>(
      c.spec, c.params, y, c.n_params, bootstrap, c.lik);
}

std::unique_ptr<EtsModel> fit_ets(const ConstVectorRef& y,
                                  const EtsSpec& spec,
                                  const EtsOptions& options) {
  MemberFit fit(y, spec);
  if (!fit.can_start()) return nullptr;
  fit.start(y, options);
  while (fit.next_feasible()) fit.tell(ets_lik(y, spec, fit.trial()));
  const auto c = fit.finish(y);
  return c ? make_model(y, *c, options.bootstrap) : nullptr;
}

namespace {

// The members of the family in the order they are reported.
std::vector<EtsSpec> family_specs(const ConstVectorRef& y,
                                  int period,
                                  const AutoEtsOptions& options) {
  const bool positive = y.size() > 0 && y.minCoeff() > 0.0;
  const bool mult = options.allow_multiplicative && positive;
  const bool seasonal = options.allow_season && period > 1 &&
                        period <= kEtsMaxPeriod && y.size() >= 2 * period + 2;
  std::vector<EtsSpec> specs;
  for (EtsError error : {EtsError::kAdditive, EtsError::kMultiplicative}) {
    if (error == EtsError::kMultiplicative && !mult) continue;
    for (EtsTrend trend :
         {EtsTrend::kNone, EtsTrend::kAdditive, EtsTrend::kDamped}) {
      if (trend != EtsTrend::kNone && !options.allow_trend) continue;
      if (trend == EtsTrend::kDamped && !options.allow_damped) continue;
      for (EtsSeason season : {EtsSeason::kNone,
                               EtsSeason::kAdditive,
                               EtsSeason::kMultiplicative}) {
        if (season != EtsSeason::kNone && !seasonal) continue;
        if (season == EtsSeason::kMultiplicative && !mult) continue;
        if (season == EtsSeason::kMultiplicative &&
            error == EtsError::kAdditive)
          continue;
        specs.push_back(EtsSpec{error, trend, season, period});
      }
    }
  }
  return specs;
}

// Brings every running search that is not ready to a feasible point (or
// to its end): the usual bounds one search at a time, the admissibility of
// all their points at once (ets_admissible_lanes), again until each is
// ready.
void settle(std::vector<MemberFit>& members,
            const std::array<std::size_t, kEtsLanes>& running,
            std::array<bool, kEtsLanes>& ready,
            int active) {
  for (;;) {
    std::array<EtsLane, kEtsLanes> check{};
    std::array<std::size_t, kEtsLanes> slot{};
    int checks = 0;
    for (int k = 0; k < active; ++k) {
      const auto u = static_cast<std::size_t>(k);
      if (ready[u]) continue;
      MemberFit& member = members[running[u]];
      if (!member.next_within_usual_bounds()) {
        ready[u] = true;  // ended
        continue;
      }
      const auto c = static_cast<std::size_t>(checks++);
      check[c] = {&member.spec(), &member.trial()};
      slot[c] = u;
    }
    if (checks == 0) return;
    std::array<bool, kEtsLanes> admissible{};
    ets_admissible_lanes(check.data(), checks, admissible.data());
    for (int j = 0; j < checks; ++j) {
      const auto c = static_cast<std::size_t>(j);
      if (admissible[c]) {
        ready[slot[c]] = true;
      } else {
        members[running[slot[c]]].tell(kInfeasible);
      }
    }
  }
}

// Fits the members, up to kEtsLanes searches at a time sharing each pass of
// ets_lik_lanes. A multiplicative-error member starts from the additive-error
// fit of the same structure (fewer likelihood evaluations), so it waits for it.
// Each search sees only its own values, so the fits do not depend on how the
// searches were grouped.
// The additive-error sibling of each multiplicative-error member (the
// member count: none).
std::vector<std::size_t> siblings(const std::vector<MemberFit>& members) {
  const std::size_t count = members.size();
  std::vector<std::size_t> sibling(count, count);
  for (std::size_t i = 0; i < count; ++i) {
    const EtsSpec& spec = members[i].spec();
    if (spec.error != EtsError::kMultiplicative) continue;
    for (std::size_t j = 0; j < count; ++j) {
      const EtsSpec& other = members[j].spec();
      if (other.error == EtsError::kAdditive && other.trend == spec.trend &&
          other.season == spec.season)
        sibling[i] = j;
    }
  }
  return sibling;
}

// Family searches running when the side search starts, at most.
inline constexpr int kSideStart = 2;

// The side search of fit_group (EtsSideFit): its point goes along with
// each pass of the family's while it runs.
class SideSearch {
 public:
  explicit SideSearch(EtsSideFit* side) : side_(side) {}
  // Starts the search (once): when the family's passes have room, so that
  // its steps fill idle cycles rather than busy ones.
  void start(const ConstVectorRef& y) {
    if (side_ == nullptr || started_) return;
    started_ = true;
    const ConstVectorMap x(side_->y, y.size());
    fit_.emplace(x, side_->spec);
    if (!fit_->can_start()) return;
    fit_->start(x, side_->options);
    running_ = true;
  }
  [[nodiscard]] bool running() const { return running_; }
  [[nodiscard]] bool pending() const {
    return side_ != nullptr && (!started_ || running_);
  }
  // Brings the search to a feasible point, or records its fit when it has
  // ended. Returns whether it is still running.
  bool settle(const ConstVectorRef& y) {
    if (!running_ || ready_) return running_;
    if (fit_->next_feasible()) {
      ready_ = true;
      return true;
    }
    side_->result = fit_->finish(ConstVectorMap(side_->y, y.size()));
    running_ = false;
    return false;
  }
  [[nodiscard]] const EtsParams* point() const {
    return running_ ? &fit_->trial() : nullptr;
  }
  void tell(double value) {
    if (!running_) return;
    fit_->tell(value);
    ready_ = false;
  }

 private:
  EtsSideFit* side_;
  std::optional<MemberFit> fit_;
  bool started_ = false;
  bool running_ = false;
  bool ready_ = false;
};

void fit_group(const ConstVectorRef& y,
               int period,
               const EtsOptions& fit_options,
               std::vector<MemberFit>& members,
               std::vector<std::optional<EtsCandidate>>& fits,
               EtsSideFit* side_fit) {
  SideSearch side(side_fit);
  const std::size_t count = members.size();
  std::vector<int> state(count, 0);  // 0 waiting, 1 running, 2 finished
  const std::vector<std::size_t> sibling = siblings(members);
  std::size_t waiting = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!members[i].can_start()) {
      state[i] = 2;
    } else {
      ++waiting;
    }
  }
  std::array<std::size_t, kEtsLanes> running{};
  std::array<bool, kEtsLanes> ready{};  // running[k] wants a feasible point
  std::array<EtsLane, kEtsLanes> lanes{};
  std::array<double, kEtsLanes> values{};
  int active = 0;
  for (;;) {
    // Fill the lanes with searches that want a feasible point.
    for (std::size_t i = 0; waiting > 0 && i < count && active < kEtsLanes;
         ++i) {
      if (state[i] != 0) continue;
      const std::size_t sib = sibling[i];
      if (sib < count && state[sib] != 2) continue;
      EtsOptions options = fit_options;
      if (sib < count && fits[sib]) options.start = &fits[sib]->params;
      members[i].start(y, options);
      state[i] = 1;
      --waiting;
      ready[static_cast<std::size_t>(active)] = false;
      running[static_cast<std::size_t>(active++)] = i;
    }
    settle(members, running, ready, active);
    if (active <= kSideStart) side.start(y);
    side.settle(y);
    // Searches that have ended free their lanes for waiting ones.
    bool ended = false;
    for (int k = active - 1; k >= 0; --k) {
      const auto u = static_cast<std::size_t>(k);
      const std::size_t i = running[u];
      if (!members[i].done()) continue;
      fits[i] = members[i].finish(y);
      state[i] = 2;
      --active;
      running[u] = running[static_cast<std::size_t>(active)];
      ready[u] = ready[static_cast<std::size_t>(active)];
      ended = true;
    }
    if (ended) continue;
    if (active == 0 && !side.pending()) return;
    if (active == 0 && !side.running()) continue;  // it starts now
    for (int k = 0; k < active; ++k) {
      const auto u = static_cast<std::size_t>(k);
      lanes[u] = {&members[running[u]].spec(), &members[running[u]].trial()};
    }
    double side_value = 0.0;
    ets_lik_lanes(y,
                  period,
                  lanes.data(),
                  active,
                  values.data(),
                  side_fit != nullptr ? side_fit->y : nullptr,
                  side.point(),
                  &side_value);
    side.tell(side_value);
    for (int j = 0; j < active; ++j) {
      const auto u = static_cast<std::size_t>(j);
      members[running[u]].tell(values[u]);
      ready[u] = false;
    }
  }
}

}  // namespace

std::vector<EtsCandidate> fit_ets_candidates(const ConstVectorRef& y,
                                             int period,
                                             const AutoEtsOptions& options,
                                             EtsSideFit* side) {
  std::vector<MemberFit> members;
  for (const EtsSpec& spec : family_specs(y, period, options))
    members.emplace_back(y, spec);
  std::vector<std::optional<EtsCandidate>> fits(members.size());
  fit_group(y, period, options.fit, members, fits, side);
  std::vector<EtsCandidate> out;
  for (auto& fit : fits) {
    if (fit) out.push_back(*fit);
  }
  return out;
}

std::vector<std::unique_ptr<EtsModel>> fit_ets_family(
    const ConstVectorRef& y, int period, const AutoEtsOptions& options) {
  std::vector<std::unique_ptr<EtsModel>> out;
  for (const auto& c : fit_ets_candidates(y, period, options))
    out.push_back(make_model(y, c, options.fit.bootstrap));
  return out;
}

std::unique_ptr<EtsModel> auto_ets(const ConstVectorRef& y,
                                   int period,
                                   const AutoEtsOptions& options) {
  const auto family = fit_ets_candidates(y, period, options);
  const EtsCandidate* best = nullptr;
  for (const auto& c : family) {
    if (best == nullptr || c.aicc < best->aicc) best = &c;
  }
  if (best == nullptr) {
    throw DataError("no ETS model can be fitted (got " +
                    std::to_string(y.size()) + " values; expected at least 8)");
  }
  return make_model(y, *best, options.fit.bootstrap);
}

}  // namespace cspcast::kernels

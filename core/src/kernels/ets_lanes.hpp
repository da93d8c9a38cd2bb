// SPDX-License-Identifier: MIT
// Private: the interleaved ETS likelihood (ets_lik_lanes) as a template
// over the vector width W, included by ets.cpp (two doubles a vector:
// SSE2 on x86-64, NEON on arm64) and by ets_lanes_avx2.cpp (four doubles,
// compiled for AVX2 and chosen at run time on processors that have it).
//
// Everything here is internal to the file that includes it (an unnamed
// namespace) and uses plain arrays, no standard class template: the linker
// keeps one copy of an inline function shared between files, and a copy
// compiled for AVX2 must never be the one that code without AVX2 calls.
//
// Lanes of the same kind share a vector, so that a vector of
// additive-error lanes divides nothing, and no vector mixes kinds. Every
// operation of ets_lik_fixed is done per lane in the same order; a lane's
// missing parts are exact identities (a slope of 0, phi of 1, a season of
// 0), so each lane's value has the same bits. tests/CMakeLists.txt checks
// that the AVX2 object defines no symbol but its two entry points.
#pragma once

#include "ets_detail.hpp"

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>

namespace cspcast::kernels {

/// One pass of ets_lik_lanes: its arguments, y as n values, and seasons[k]
/// lanes[k].params->season.data() (so that no member of a standard class is
/// called in the AVX2 file).
struct LanePass {
  const double* y;
  int n;
  int period;
  const EtsLane* lanes;
  const double* const* seasons;
  int count;
  double* out;
  const double* side_y;
  const EtsParams* side;
  double* side_out;
};

/// The pass with four doubles a vector (ets_lanes_avx2.cpp), for a
/// processor with AVX2; false, with nothing written, for a lane of a kind
/// the family does not have. Not defined where the compiler cannot target
/// AVX2.
bool ets_lik_lanes_avx2(const LanePass& pass);

/// ets_admissible_lanes's root test (roots_inside below) with four
/// polynomials a vector, for a processor with AVX2.
void ets_roots_inside_avx2(const double* const* c,
                           int count,
                           int degree,
                           bool* inside);

namespace {  // NOLINT(cert-dcl59-cpp,google-build-namespaces)

// W doubles, and W masks of all ones or all zeros (GNU vector extensions).
template <int W>
struct LaneTypes;
template <>
struct LaneTypes<2> {
  using Vec = double __attribute__((vector_size(16)));
  using Mask = std::int64_t __attribute__((vector_size(16)));
};
#if defined(__AVX2__)
template <>
struct LaneTypes<4> {
  using Vec = double __attribute__((vector_size(32)));
  using Mask = std::int64_t __attribute__((vector_size(32)));
};
#endif
template <int W>
using LaneVec = typename LaneTypes<W>::Vec;
template <int W>
using LaneMask = typename LaneTypes<W>::Mask;
static_assert(sizeof(LaneVec<2>) == 16);

template <int W>
inline LaneVec<W> splat(double x) {
  LaneVec<W> v;  // NOLINT(cppcoreguidelines-pro-type-member-init)
  for (int h = 0; h < W; ++h) v[h] = x;
  return v;
}
template <int W>
inline bool any(LaneMask<W> mask) {
  std::int64_t bits = 0;
  for (int h = 0; h < W; ++h) bits |= mask[h];
  return bits != 0;
}

// ets_lik_fixed<A, N, N>'s ending: its sum of logs is 0.
inline double side_likelihood(int n, double sse) {
  if (!std::isfinite(sse) || sse <= 0.0)
    return std::numeric_limits<double>::infinity();
  const double sum_log = 0.0;
  return n * std::log(sse) + 2.0 * sum_log;
}

// A lane's kind, by which lanes are grouped into vectors: multiplicative
// season 2, multiplicative error 1.
inline int lane_kind(const EtsLane& lane) {
  return (lane.spec->season == EtsSeason::kMultiplicative ? 2 : 0) +
         (lane.spec->error == EtsError::kMultiplicative ? 1 : 0);
}

// At most this many slots: every lane, and for each of the four kinds up
// to three spares.
inline constexpr int kMaxSlots = kEtsLanes + 4 * 3;

// Which lanes share a vector: lanes of one kind (error and season, then
// trend) side by side, W by W; a kind whose count is not a multiple of W
// repeats its last lane in the spare slots, so that no vector mixes kinds
// (a mixed vector computes both kinds' parts). Returns the number of
// vectors; plan[W j] .. plan[W j + W - 1] are vector j's lanes.
template <int W>
int lane_plan(const EtsLane* lanes, int count, int* plan) {
  // Sort keys, then a stable insertion sort (std::stable_sort asks the heap
  // for a buffer on every call).
  int key[kEtsLanes];    // NOLINT(cppcoreguidelines-pro-type-member-init)
  int order[kEtsLanes];  // NOLINT(cppcoreguidelines-pro-type-member-init)
  for (int k = 0; k < count; ++k) {
    order[k] = k;
    key[k] = lane_kind(lanes[k]) * 4 + static_cast<int>(lanes[k].spec->trend);
  }
  for (int i = 1; i < count; ++i) {
    for (int j = i; j > 0 && key[order[j]] < key[order[j - 1]]; --j) {
      const int t = order[j];
      order[j] = order[j - 1];
      order[j - 1] = t;
    }
  }
  int slots = 0;
  for (int k = 0; k < count; ++k) {
    const int lane = order[k];
    plan[slots++] = lane;
    const bool last_of_kind =
        k + 1 == count ||
        lane_kind(lanes[order[k + 1]]) != lane_kind(lanes[lane]);
    while (last_of_kind && slots % W != 0) plan[slots++] = lane;  // spares
  }
  return slots / W;
}

// The running state of one vector's lanes.
template <int W>
struct LaneState {
  LaneVec<W> level;
  LaneVec<W> slope;
  LaneVec<W> sse;
  LaneVec<W> product;
  LaneVec<W> sum_log;
  LaneMask<W> dead;
};

// The side lane: ets_lik_fixed<A, N, N>'s steps, in the family's shadow.
struct SideLane {
  double level = 0.0;
  double alpha = 0.0;
  double sse = 0.0;
  void step(double st) {
    const double phib = 0.0;  // no trend
    const double q = level + phib;
    const double s = 0.0;  // no season
    const double e = st - (q + s);
    sse += e * e;
    level = q + alpha * (st - q);
  }
};

// The kinds of vector, by their lanes' kind (lane_kind): additive error
// and no multiplicative season; multiplicative error and no
// multiplicative season; multiplicative error and season. (Additive error
// with multiplicative season is not in the family; ets_lik_lanes fits
// such a lane one by one.)
enum : std::uint8_t { kAdditiveError, kMultError, kMultSeason };

// Vector u's kind in a plan of A additive-error vectors, then ME
// multiplicative-error ones, then multiplicative-season ones.
constexpr int fixed_kind(int u, int a, int me) {
  return u < a ? kAdditiveError : u < a + me ? kMultError : kMultSeason;
}

// One pass over the series for the lanes of a plan of A additive-error,
// ME multiplicative-error and MS multiplicative-season vectors, each kind's
// code fixed at compile time.
template <int W, int A, int ME, int MS>
class LaneKernel {
  using Vec = LaneVec<W>;
  using Mask = LaneMask<W>;
  using State = LaneState<W>;
  static constexpr int kVectors = A + ME + MS;
  static constexpr auto kV = static_cast<std::size_t>(kVectors);
  static constexpr int kSlots = W * kVectors;
  static constexpr auto kEach = std::make_integer_sequence<int, kVectors>{};

 public:
  // plan: lane indices W by W, a vector each (lane_plan); seasons[k]: lane
  // k's seasonal states.
  LaneKernel(int period,
             const EtsLane* lanes,
             const double* const* seasons,
             int count,
             const int* plan) {
    bool any_season = false;
    for (int k = 0; k < count; ++k)
      any_season = any_season || is_seasonal(*lanes[k].spec);
    m_ = any_season ? period : 1;
    for (int k = 0; k < kSlots; ++k) {
      slot_[k] = plan[k];
      load(k / W,
           k % W,
           *lanes[plan[k]].spec,
           *lanes[plan[k]].params,
           seasons[plan[k]]);
    }
  }

  [[gnu::noinline]] void run(const double* y,
                             int n,
                             SideLane* side,
                             const double* side_y);
  // The likelihoods into out[lane].
  void finish(int n, double* out) const;

 private:
  template <int Kind>
  [[gnu::always_inline]] inline void step(int u, Vec yt, Vec& sp, State& st);
  void load(int u,
            int h,
            const EtsSpec& spec,
            const EtsParams& p,
            const double* season);
  // The lanes `which` with their product's log added to their sum of logs
  // and their product 1 (values in and out: the state stays in registers).
  struct Logs {
    Vec sum_log;
    Vec product;
  };
  [[gnu::noinline, gnu::cold]] static Logs flush_logs(Logs logs, Mask which);

  State state_[kV]{};
  Vec phi_[kV]{};
  Vec beta_over_alpha_[kV]{};
  Vec alpha_[kV]{};
  Vec gamma_[kV]{};
  int slot_[W * kV]{};
  int m_ = 1;
  // season_[pos * V + u]: the seasonal states of vector u at position pos
  // (only the first m_ positions are written and read).
  Vec season_[kEtsMaxPeriod *
              kV];  // NOLINT(cppcoreguidelines-pro-type-member-init)
};

template <int W, int A, int ME, int MS>
void LaneKernel<W, A, ME, MS>::load(int u,
                                    int h,
                                    const EtsSpec& spec,
                                    const EtsParams& p,
                                    const double* season) {
  const bool trend = has_trend(spec);
  const bool seasonal = is_seasonal(spec);
  State& st = state_[u];
  st.level[h] = p.level;
  st.slope[h] = trend ? p.slope : 0.0;
  st.product[h] = 1.0;
  phi_[u][h] = is_damped(spec) ? p.phi : 1.0;
  beta_over_alpha_[u][h] = trend ? p.beta / p.alpha : 0.0;
  alpha_[u][h] = p.alpha;
  gamma_[u][h] = seasonal ? p.gamma : 0.0;
  for (int pos = 0; pos < m_; ++pos) {
    season_[(pos * kVectors) + u][h] = seasonal ? season[pos] : 0.0;
  }
}

template <int W, int A, int ME, int MS>
auto LaneKernel<W, A, ME, MS>::flush_logs(Logs logs, Mask which) -> Logs {
  for (int h = 0; h < W; ++h) {
    if (which[h] == 0) continue;
    logs.sum_log[h] += std::log(logs.product[h]);
    logs.product[h] = 1.0;
  }
  return logs;
}

template <int W, int A, int ME, int MS>
template <int Kind>
inline void LaneKernel<W, A, ME, MS>::step(int u, Vec yt, Vec& sp, State& st) {
  const Vec zero = splat<W>(0.0);
  const Vec phib = phi_[u] * st.slope;
  const Vec q = st.level + phib;
  const Vec s = sp;
  Vec mean = q + s;
  if constexpr (Kind == kMultSeason) mean = q * s;
  Vec e = yt - mean;
  if constexpr (Kind != kAdditiveError) {
    st.dead |= ~(mean > zero);
    e /= mean;
    st.product *= mean;
    const Mask out_of_range = (st.product > splat<W>(kProductHigh)) |
                              (st.product < splat<W>(kProductLow));
    if (any<W>(out_of_range)) {
      const Logs logs = flush_logs({st.sum_log, st.product}, out_of_range);
      st.sum_log = logs.sum_log;
      st.product = logs.product;
    }
  }
  st.sse += e * e;
  Vec new_level;
  if constexpr (Kind == kMultSeason) {
    new_level = q + alpha_[u] * (yt / s - q);
    sp = s + gamma_[u] * (yt / q - s);
  } else {
    new_level = q + alpha_[u] * ((yt - s) - q);
    sp = s + gamma_[u] * (yt - q - s);
  }
  st.slope = phib + beta_over_alpha_[u] * (new_level - st.level - phib);
  st.level = new_level;
  if constexpr (Kind != kAdditiveError) st.dead |= ~(new_level > zero);
}

template <int W, int A, int ME, int MS>
void LaneKernel<W, A, ME, MS>::run(const double* y,
                                   int n,
                                   SideLane* side,
                                   const double* side_y) {
  // Local copies indexed only by constants, whose addresses are never
  // taken, so that the compiler keeps them in registers: a state that went
  // through memory would add a store and a load to each step's chain.
  State st[kV];  // NOLINT(cppcoreguidelines-pro-type-member-init)
  [&]<int... U>(std::integer_sequence<int, U...>) {
    ((st[U] = state_[U]), ...);
  }
  (kEach);
  const bool has_side = side != nullptr;
  SideLane lane = has_side ? *side : SideLane{};
  int pos = 0;
  for (int t = 0; t < n; ++t) {
    if (has_side) lane.step(side_y[t]);
    const Vec yt = splat<W>(y[t]);
    Vec* sp = &season_[pos * kVectors];
    [&]<int... U>(std::integer_sequence<int, U...>) {
      (step<fixed_kind(U, A, ME)>(U, yt, sp[U], st[U]), ...);
    }
    (kEach);
    if (++pos == m_) pos = 0;
  }
  [&]<int... U>(std::integer_sequence<int, U...>) {
    ((state_[U] = st[U]), ...);
  }
  (kEach);
  if (has_side) *side = lane;
}

template <int W, int A, int ME, int MS>
void LaneKernel<W, A, ME, MS>::finish(int n, double* out) const {
  for (int k = 0; k < kSlots; ++k) {
    if (k > 0 && slot_[k] == slot_[k - 1]) continue;  // a spare
    const int u = k / W;
    const int h = k % W;
    const State& st = state_[u];
    const double sse = st.sse[h];
    double& result = out[slot_[k]];
    if (st.dead[h] != 0 || !std::isfinite(sse) || sse <= 0.0) {
      result = std::numeric_limits<double>::infinity();
      continue;
    }
    // An additive error's product is 1 (its log 0, not worked out).
    const double sum_log =
        u >= A ? st.sum_log[h] + std::log(st.product[h]) : st.sum_log[h];
    result = n * std::log(sse) + 2.0 * sum_log;
  }
}

// The most vectors of a kind: the family has six members of each error
// and three with a multiplicative season.
template <int W>
inline constexpr int kMostOfKind = (6 + W - 1) / W;
template <int W>
inline constexpr int kMostSeasonal = (3 + W - 1) / W;

// The plan's vectors by kind, A * 16 + ME * 4 + MS; -1 when a vector's
// lanes are of another kind (additive error with multiplicative season)
// or a kind has more vectors than the family can.
template <int W>
int plan_kinds(const EtsLane* lanes, const int* plan, int vectors) {
  int count[4] = {0, 0, 0, 0};
  for (int j = 0; j < vectors; ++j)
    ++count[lane_kind(lanes[plan[static_cast<std::ptrdiff_t>(j) * W]])];
  if (count[2] != 0 || count[0] > kMostOfKind<W> || count[1] > kMostOfKind<W> ||
      count[3] > kMostSeasonal<W>)
    return -1;
  return count[0] * 16 + count[1] * 4 + count[3];
}

// ets_lik_lanes's pass for count >= 1 lanes (with the side lane when count
// is 1) W doubles a vector; false, with nothing written, when a lane is of
// a kind the family does not have.
template <int W>
bool lik_lanes(const LanePass& pass) {
  const double* y = pass.y;
  const int n = pass.n;
  const EtsLane* lanes = pass.lanes;
  const int count = pass.count;
  const EtsParams* side = pass.side;
  int plan[kMaxSlots];  // NOLINT(cppcoreguidelines-pro-type-member-init)
  const int kinds =
      plan_kinds<W>(lanes, plan, lane_plan<W>(lanes, count, plan));
  if (kinds < 0) return false;
  SideLane lane;
  if (side != nullptr) {
    lane.level = side->level;
    lane.alpha = side->alpha;
  }
  // The kernel of the plan's kinds, among every (A, ME, MS) the family
  // can have.
  [&]<int... C>(std::integer_sequence<int, C...>) {
    (
        [&] {
          constexpr int kA = C / 16;
          constexpr int kME = (C / 4) % 4;
          constexpr int kMS = C % 4;
          if constexpr (kA + kME + kMS > 0 && kA <= kMostOfKind<W> &&
                        kME <= kMostOfKind<W> && kMS <= kMostSeasonal<W>) {
            if (kinds != C) return;
            LaneKernel<W, kA, kME, kMS> kernel(
                pass.period, lanes, pass.seasons, count, plan);
            kernel.run(y, n, side != nullptr ? &lane : nullptr, pass.side_y);
            kernel.finish(n, pass.out);
          }
        }(),
        ...);
  }
  (std::make_integer_sequence<int, 64>{});
  if (side != nullptr) *pass.side_out = side_likelihood(n, lane.sse);
  return true;
}

template <int W>
inline LaneVec<W> magnitude(LaneVec<W> v) {  // std::abs: the sign bit off
  LaneMask<W> bits;  // NOLINT(cppcoreguidelines-pro-type-member-init)
  for (int h = 0; h < W; ++h)
    bits[h] = std::numeric_limits<std::int64_t>::max();
  return std::bit_cast<LaneVec<W>>(std::bit_cast<LaneMask<W>>(v) & bits);
}

// Whether every root of each of `count` polynomials of one degree lies
// within the unit circle: ets.cpp's Schur-Cohn recursion (schur_cohn_level)
// with W polynomials side by side, one a lane, coefficient by coefficient.
// Each lane does that recursion's operations in its order, so the answers
// are its answers; a lane that has failed goes on computing (and is not
// read) until all of its vector have. c[j][0..degree] are polynomial j's
// coefficients; inside[j] is set.
template <int W>
void roots_inside(const double* const* c, int count, int degree, bool* inside) {
  using Vec = LaneVec<W>;
  using Mask = LaneMask<W>;
  Vec a[kEtsMaxPeriod + 2];  // NOLINT(cppcoreguidelines-pro-type-member-init)
  Vec b[kEtsMaxPeriod + 2];  // NOLINT(cppcoreguidelines-pro-type-member-init)
  for (int first = 0; first < count; first += W) {
    const int used = count - first < W ? count - first : W;
    for (int k = 0; k <= degree; ++k) {
      for (int h = 0; h < W; ++h) a[k][h] = c[first + (h < used ? h : 0)][k];
    }
    Mask alive = ~Mask{};
    Vec* cur = a;
    Vec* next = b;
    for (int d = degree; d > 0; --d) {
      const Vec lead = cur[d];
      const Vec tail = cur[0];
      alive &= magnitude<W>(tail) < magnitude<W>(lead);
      if (!any<W>(alive)) break;
      const Vec inv = splat<W>(1.0) / magnitude<W>(lead);
      for (int k = 0; k < d; ++k)
        next[k] = (lead * cur[k + 1] - tail * cur[d - 1 - k]) * inv;
      Vec* const done = cur;
      cur = next;
      next = done;
    }
    for (int h = 0; h < used; ++h) inside[first + h] = alive[h] != 0;
  }
}

}  // namespace

}  // namespace cspcast::kernels

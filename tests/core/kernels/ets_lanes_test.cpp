// SPDX-License-Identifier: MIT
// The interleaved ETS kernels (core/src/kernels/ets_lanes.hpp) against the
// one-by-one ones, bit for bit, on random members and points: every mix of
// kinds a family pass can hold, and the kinds it cannot. ctest runs these
// tests once with the processor's width and once more with
// CSPCAST_LANE_WIDTH=2 (tests/CMakeLists.txt).
#include "ets_detail.hpp"

#include <cspcast/kernels/random.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

namespace {

using cspcast::Vector;
using namespace cspcast::kernels;

// Every member with error, trend and season, period 12, including additive
// error with multiplicative season (not in the family).
std::vector<EtsSpec> all_members() {
  std::vector<EtsSpec> specs;
  for (EtsError e : {EtsError::kAdditive, EtsError::kMultiplicative})
    for (EtsTrend t : {EtsTrend::kNone, EtsTrend::kAdditive, EtsTrend::kDamped})
      for (EtsSeason s :
           {EtsSeason::kNone, EtsSeason::kAdditive, EtsSeason::kMultiplicative})
        specs.push_back(EtsSpec{e, t, s, 12});
  return specs;
}

Vector positive_seasonal(int n, std::uint64_t seed) {
  Rng rng(seed, 3);
  Vector y(n);
  double level = 500.0;
  for (int t = 0; t < n; ++t) {
    const double season =
        1.0 + 0.25 * std::sin(2.0 * 3.141592653589793 * (t % 12) / 12.0);
    y(t) = level * season * (1.0 + 0.05 * rng.normal());
    level *= 1.01;
  }
  return y;
}

// A random point: smoothing in (0, 1), phi in [0.8, 0.98], states near the
// series' (multiplicative seasons near 1, additive near 0); now and then a
// point far off, whose likelihood is infinite.
EtsParams random_point(const EtsSpec& spec, Rng& rng) {
  EtsParams p;
  p.alpha = 0.01 + 0.98 * rng.uniform();
  p.beta = rng.uniform() * p.alpha;
  p.gamma = rng.uniform() * (1.0 - p.alpha);
  p.phi = 0.8 + 0.18 * rng.uniform();
  p.level = 400.0 + 200.0 * rng.uniform();
  p.slope = 5.0 * rng.normal();
  for (int k = 0; k < 12; ++k) {
    const auto u = static_cast<std::size_t>(k);
    p.season[u] = spec.season == EtsSeason::kMultiplicative
                      ? 1.0 + 0.2 * rng.normal()
                      : 100.0 * rng.normal();
  }
  if (rng.uniform() < 0.05) p.level = -p.level;  // a dead lane
  return p;
}

TEST(EtsLanes, LikelihoodsEqualThoseOfOneMemberAtATime) {
  const auto specs = all_members();
  Rng rng(41, 7);
  int compared = 0;
  int finite = 0;
  for (int trial = 0; trial < 600; ++trial) {
    const int n = 30 + static_cast<int>(rng.uniform() * 120.0);
    const Vector y =
        positive_seasonal(n, 100 + static_cast<std::uint64_t>(trial));
    const int count = 1 + static_cast<int>(rng.uniform() * kEtsLanes);
    std::array<EtsSpec, kEtsLanes> spec{};
    std::array<EtsParams, kEtsLanes> params{};
    std::array<EtsLane, kEtsLanes> lanes{};
    // Mostly family members; one trial in ten draws from all eighteen.
    const bool any_kind = trial % 10 == 0;
    for (int k = 0; k < count; ++k) {
      const auto u = static_cast<std::size_t>(k);
      do {
        spec[u] = specs[static_cast<std::size_t>(rng.uniform() * 18.0) % 18];
      } while (!any_kind && spec[u].error == EtsError::kAdditive &&
               spec[u].season == EtsSeason::kMultiplicative);
      params[u] = random_point(spec[u], rng);
      lanes[u] = EtsLane{&spec[u], &params[u]};
    }
    // The theta method's smoothing on the series, as a side lane, in half
    // of the trials.
    EtsParams side;
    side.alpha = rng.uniform();
    side.level = y(0);
    const bool with_side = trial % 2 == 1;
    std::array<double, kEtsLanes> out{};
    double side_out = 0.0;
    ets_lik_lanes(y,
                  12,
                  lanes.data(),
                  count,
                  out.data(),
                  with_side ? y.data() : nullptr,
                  with_side ? &side : nullptr,
                  &side_out);
    for (int k = 0; k < count; ++k) {
      const auto u = static_cast<std::size_t>(k);
      const double alone = ets_lik(y, spec[u], params[u]);
      EXPECT_EQ(out[u], alone) << spec[u].name() << " trial " << trial;
      ++compared;
      finite += std::isfinite(alone) ? 1 : 0;
    }
    if (with_side) {
      const EtsSpec ses{
          EtsError::kAdditive, EtsTrend::kNone, EtsSeason::kNone, 1};
      EXPECT_EQ(side_out, ets_lik(y, ses, side)) << "trial " << trial;
    }
  }
  // Both finite and infinite likelihoods were compared.
  EXPECT_GT(finite, compared / 2);
  EXPECT_LT(finite, compared);
}

TEST(EtsLanes, AdmissibilityEqualsThatOfOneMemberAtATime) {
  const auto specs = all_members();
  Rng rng(43, 9);
  int compared = 0;
  int admissible = 0;
  for (int trial = 0; trial < 4000; ++trial) {
    const int count = 1 + static_cast<int>(rng.uniform() * kEtsLanes);
    std::array<EtsSpec, kEtsLanes> spec{};
    std::array<EtsParams, kEtsLanes> params{};
    std::array<EtsLane, kEtsLanes> lanes{};
    for (int k = 0; k < count; ++k) {
      const auto u = static_cast<std::size_t>(k);
      spec[u] = specs[static_cast<std::size_t>(rng.uniform() * 18.0) % 18];
      // Wide enough that every condition, and the roots, decide some cases.
      EtsParams& p = params[u];
      p.alpha = 1.2 * rng.uniform();
      p.beta = (1.2 * rng.uniform() - 0.1) * p.alpha;
      p.gamma = 1.2 * rng.uniform() * (1.0 - p.alpha);
      p.phi = 0.8 + 0.2 * rng.uniform();
      lanes[u] = EtsLane{&spec[u], &params[u]};
    }
    std::array<bool, kEtsLanes> out{};
    ets_admissible_lanes(lanes.data(), count, out.data());
    for (int k = 0; k < count; ++k) {
      const auto u = static_cast<std::size_t>(k);
      const bool alone = ets_admissible(spec[u], params[u]);
      EXPECT_EQ(out[u], alone) << spec[u].name() << " trial " << trial;
      ++compared;
      admissible += alone ? 1 : 0;
    }
  }
  EXPECT_GT(admissible, compared / 5);
  EXPECT_LT(admissible, compared - compared / 5);
}

}  // namespace

// SPDX-License-Identifier: MIT
#include <cspcast/kernels/quantiles.hpp>
#include <cspcast/kernels/random.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace cspcast::kernels {
namespace {

// R's type 7 by a full sort.
double type7(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const double pos = p * static_cast<double>(v.size() - 1);
  const auto k = static_cast<std::size_t>(std::floor(pos));
  if (k + 1 >= v.size()) return v[k];
  return v[k] + (pos - static_cast<double>(k)) * (v[k + 1] - v[k]);
}

void expect_as_sort(const std::vector<double>& v) {
  const std::vector<double> probs{0.975, 0.025, 0.1, 0.9, 0.5, 0.0, 1.0, 0.333};
  std::vector<double> out(probs.size());
  QuantileSelector s;
  s.compute(v.data(),
            static_cast<std::ptrdiff_t>(v.size()),
            probs.data(),
            static_cast<int>(probs.size()),
            out.data());
  for (std::size_t j = 0; j < probs.size(); ++j) {
    EXPECT_DOUBLE_EQ(out[j], type7(v, probs[j]))
        << "p = " << probs[j] << ", n = " << v.size();
  }
}

TEST(QuantileSelector, EqualsAFullSortOnAnyData) {
  Rng rng(3, 4);
  for (const int n : {1, 2, 3, 7, 100, 1000, 4001}) {
    std::vector<double> normal(static_cast<std::size_t>(n));
    for (double& x : normal) x = rng.normal();
    expect_as_sort(normal);
    // Heavy tails: one huge outlier makes almost every bucket empty.
    std::vector<double> outlier = normal;
    outlier[0] = 1e12;
    expect_as_sort(outlier);
    // Ties: three distinct values.
    std::vector<double> ties(static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < ties.size(); ++i)
      ties[i] = static_cast<double>(i % 3);
    expect_as_sort(ties);
    expect_as_sort(std::vector<double>(static_cast<std::size_t>(n), 42.0));
  }
}

TEST(QuantileSelector, ReusesItsScratchAcrossSizes) {
  QuantileSelector s;
  Rng rng(5, 6);
  for (const int n : {1000, 10, 1000, 3}) {
    std::vector<double> v(static_cast<std::size_t>(n));
    for (double& x : v) x = rng.uniform();
    const double p = 0.9;
    double out = 0.0;
    s.compute(v.data(), n, &p, 1, &out);
    EXPECT_DOUBLE_EQ(out, type7(v, p));
  }
}

}  // namespace
}  // namespace cspcast::kernels

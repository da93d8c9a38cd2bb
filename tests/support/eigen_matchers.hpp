// SPDX-License-Identifier: MIT
#pragma once

#include <Eigen/Core>
#include <gtest/gtest.h>

#include <sstream>

namespace cspcast::test {

template <typename A, typename B>
::testing::AssertionResult vec_near(const A& a, const B& b, double tol) {
  if (a.size() != b.size()) {
    return ::testing::AssertionFailure()
           << "sizes differ: " << a.size() << " vs " << b.size();
  }
  const double worst = (a - b).cwiseAbs().maxCoeff();
  if (worst <= tol) return ::testing::AssertionSuccess();
  std::ostringstream out;
  out << "\n  actual:   " << a.transpose() << "\n  expected: " << b.transpose()
      << "\n  diff:     " << (a - b).transpose() << "\n  max |diff| " << worst
      << " > " << tol;
  return ::testing::AssertionFailure() << out.str();
}

}  // namespace cspcast::test

#define EXPECT_VEC_NEAR(a, b, tol) \
  EXPECT_TRUE(::cspcast::test::vec_near((a), (b), (tol)))

// SPDX-License-Identifier: MIT
// The interleaved ETS likelihood with four doubles a vector. This file
// alone is compiled with -mavx2 (and -mno-fma -ffp-contract=off: no fused
// multiply-add, which would round differently), and ets_lik_lanes calls
// it only when the processor has AVX2. The results are those of the
// two-double kernel bit for bit: the same IEEE operations per lane.
#include "ets_lanes.hpp"

#if !defined(__AVX2__) || defined(__FMA__)
#error "ets_lanes_avx2.cpp must be compiled with -mavx2 -mno-fma"
#endif

namespace cspcast::kernels {

bool ets_lik_lanes_avx2(const LanePass& pass) { return lik_lanes<4>(pass); }

void ets_roots_inside_avx2(const double* const* c,
                           int count,
                           int degree,
                           bool* inside) {
  roots_inside<4>(c, count, degree, inside);
}

}  // namespace cspcast::kernels

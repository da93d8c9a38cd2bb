// SPDX-License-Identifier: MIT
#include <cspcast/engine/accuracy.hpp>

#include <algorithm>
#include <cmath>

namespace cspcast {

Accuracy accuracy(const ConstVectorRef& train,
                  const ConstVectorRef& actual,
                  const ConstVectorRef& point,
                  const ConstVectorRef& lo80,
                  const ConstVectorRef& hi80,
                  const ConstVectorRef& lo95,
                  const ConstVectorRef& hi95,
                  int period) {
  Accuracy a;
  const Eigen::Index h = actual.size();
  int m = period;
  if (train.size() <= m) m = 1;
  double scale = 0.0;
  for (Eigen::Index t = m; t < train.size(); ++t)
    scale += std::abs(train(t) - train(t - m));
  scale /= static_cast<double>(std::max<Eigen::Index>(1, train.size() - m));
  double smape = 0.0;
  double mae = 0.0;
  double c80 = 0.0;
  double c95 = 0.0;
  double pen = 0.0;
  constexpr double kAlpha = 0.05;
  for (Eigen::Index i = 0; i < h; ++i) {
    const double y = actual(i);
    const double f = point(i);
    const double den = std::abs(y) + std::abs(f);
    smape += den == 0.0 ? 0.0 : 2.0 * std::abs(y - f) / den;
    mae += std::abs(y - f);
    c80 += (y >= lo80(i) && y <= hi80(i)) ? 1.0 : 0.0;
    c95 += (y >= lo95(i) && y <= hi95(i)) ? 1.0 : 0.0;
    pen += (hi95(i) - lo95(i)) +
           (2.0 / kAlpha) * (lo95(i) - y) * (y < lo95(i)) +
           (2.0 / kAlpha) * (y - hi95(i)) * (y > hi95(i));
  }
  const auto n = static_cast<double>(h);
  a.smape = 100.0 * smape / n;
  a.scaled = scale > 0.0;
  a.mase = a.scaled ? mae / n / scale : 0.0;
  a.cov80 = c80 / n;
  a.cov95 = c95 / n;
  a.msis = a.scaled ? pen / n / scale : 0.0;
  return a;
}

}  // namespace cspcast

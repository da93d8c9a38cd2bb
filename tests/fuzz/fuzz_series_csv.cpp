// SPDX-License-Identifier: MIT
// The series CSV `forecast`, `backtest` and `anticipated` read. The first
// byte picks the frequency and holdout, the rest is the file.
#include "fuzz_support.hpp"

#include <cspcast/io/series_csv.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace cspcast;
  const auto in = fuzz::split(data, size, 256);
  const auto file = fuzz::scratch() / "series.csv";
  fuzz::write(file, in.bytes);
  io::InputOptions options;
  options.frequency = (in.choice & 1U) != 0U ? 4 : 12;
  options.holdout = static_cast<int>((in.choice >> 1U) % 4U);
  fuzz::expect_named(file.string(),
                     [&] { (void)io::read_series_csv(file, options); });
  return 0;
}

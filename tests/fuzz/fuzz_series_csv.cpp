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
  // The stream, in groups of 1 to 4: the same series as the whole file,
  // or (when the whole file is refused) an error naming the file.
  std::vector<io::InputSeries> whole;
  bool refused = false;
  try {
    whole = io::read_series_csv(file, options);
  } catch (const Error&) {
    refused = true;
  }
  fuzz::expect_named(file.string(), [&] {
    io::SeriesCsvStream stream(file, options);
    std::size_t i = 0;
    for (;;) {
      std::vector<io::InputSeries> part;
      try {
        part = stream.next(1 + (in.choice >> 3U) % 4U);
      } catch (const io::SeriesNotContiguous&) {
        return;  // forecast then reads the whole file
      }
      if (part.empty()) break;
      for (const auto& s : part) {
        if (!refused && (i >= whole.size() || whole[i].id != s.id ||
                         whole[i].values != s.values)) {
          __builtin_trap();  // the stream and the whole file disagree
        }
        ++i;
      }
    }
    // Read to the end without an error: so must the whole file have been.
    if (refused || i != whole.size()) __builtin_trap();
  });
  return 0;
}

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
    // A series yielded may turn out to resume later (SeriesNotContiguous,
    // after which forecast reads the whole file): compare only a stream
    // read to its end.
    io::SeriesCsvStream stream(file, options);
    std::vector<io::InputSeries> got;
    for (;;) {
      std::vector<io::InputSeries> part;
      try {
        part = stream.next(1 + (in.choice >> 3U) % 4U);
      } catch (const io::SeriesNotContiguous&) {
        return;
      }
      if (part.empty()) break;
      for (auto& s : part) got.push_back(std::move(s));
    }
    // Read to the end without an error: so must the whole file have been,
    // with the same series.
    if (refused || got.size() != whole.size()) __builtin_trap();
    for (std::size_t i = 0; i < got.size(); ++i) {
      if (got[i].id != whole[i].id || got[i].values != whole[i].values) {
        __builtin_trap();
      }
    }
  });
  return 0;
}

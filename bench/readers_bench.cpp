// SPDX-License-Identifier: MIT
// Throughput of the readers: the CSV layer on its own (tokenising every
// field of every row) and the series CSV reader (rows into series), in MB/s
// of input, on generated files in the tidy series format.
#include <cspcast/io/csv.hpp>
#include <cspcast/io/series_csv.hpp>
#include <cspcast/kernels/random.hpp>

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace {

// `series` monthly series of 120 months, as `series_id,month,value`, from a
// fixed seed.
std::string make_series_csv(int series) {
  cspcast::kernels::Rng rng(7, 1);
  std::string text = "series_id,month,value\n";
  for (int s = 0; s < series; ++s) {
    const std::string id = "Kent/LSOA " + std::to_string(s) + "/anti-social";
    for (int m = 0; m < 120; ++m) {
      const int year = 2010 + m / 12;
      const int month = m % 12 + 1;
      text += id + ',' + std::to_string(year) + (month < 10 ? "-0" : "-") +
              std::to_string(month) + ',' +
              std::to_string(static_cast<int>(20.0 + 5.0 * rng.normal())) +
              '\n';
    }
  }
  return text;
}

void BM_CsvReader_Tokenise(benchmark::State& state) {
  const std::string text = make_series_csv(static_cast<int>(state.range(0)));
  std::size_t fields = 0;
  for (auto _ : state) {
    cspcast::io::CsvReader csv(
        std::make_unique<cspcast::io::MemorySource>(text, "bench.csv"));
    while (csv.next()) fields += csv.fields().size();
    benchmark::DoNotOptimize(fields);
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_CsvReader_Tokenise)->ArgName("series")->Arg(100)->Arg(2000);

void BM_SeriesCsv_Read(benchmark::State& state) {
  const std::string text = make_series_csv(static_cast<int>(state.range(0)));
  const auto file =
      std::filesystem::temp_directory_path() /
      ("cspcast-bench-" + std::to_string(state.range(0)) + ".csv");
  std::ofstream(file, std::ios::binary) << text;
  for (auto _ : state) {
    const auto series = cspcast::io::read_series_csv(file, {});
    benchmark::DoNotOptimize(series.data());
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(text.size()));
  std::filesystem::remove(file);
}
BENCHMARK(BM_SeriesCsv_Read)->ArgName("series")->Arg(100)->Arg(2000);

}  // namespace

// SPDX-License-Identifier: MIT
// What `new-pack` reads: the first byte picks an imported series file, its
// breaks file, an imported population table, a mapping (TOML) or an area
// names table.
#include "fuzz_support.hpp"

#include <cspcast/io/importers.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace cspcast;
  const auto in = fuzz::split(data, size, 5);
  const auto dir = fuzz::scratch();
  const auto series = dir / "crime.csv";
  const auto breaks = dir / "crime.breaks.csv";
  std::filesystem::remove(breaks);
  switch (in.choice) {
    case 0:
      fuzz::write(series, in.bytes);
      fuzz::expect_named(series.string(),
                         [&] { (void)io::read_imported(series); });
      break;
    case 1:
      fuzz::write(series,
                  "series_id,month,value,area\n"
                  "Maidstone/Drugs,2015-01,3,Maidstone\n");
      fuzz::write(breaks, in.bytes);
      fuzz::expect_named(breaks.string(),
                         [&] { (void)io::read_imported(series); });
      break;
    case 2: {
      const auto file = dir / "population.csv";
      fuzz::write(file, in.bytes);
      fuzz::expect_named(file.string(),
                         [&] { (void)io::read_imported_population(file); });
      break;
    }
    case 3: {
      const std::string text(in.bytes);
      fuzz::expect_named("mapping.toml", [&] {
        (void)io::parse_mapping(text, "mapping.toml");
      });
      break;
    }
    default: {
      const auto file = dir / "areas.csv";
      fuzz::write(file, in.bytes);
      fuzz::expect_named(file.string(),
                         [&] { (void)io::AreaNames::read(file); });
      break;
    }
  }
  return 0;
}

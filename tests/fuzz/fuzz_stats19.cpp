// SPDX-License-Identifier: MIT
// DfT STATS19 collision and casualty files: the first byte picks which of
// two files (read together, as `import stats19` reads them) gets the input;
// the other is a small valid file of the other kind.
#include "fuzz_support.hpp"

#include <cspcast/io/importers.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace cspcast;
  static const std::string kCollisions =
      "collision_index,collision_year,collision_reference,police_force,"
      "collision_severity,number_of_vehicles,number_of_casualties,date,"
      "day_of_week,time,local_authority_ons_district\r\n"
      "2014461,2014,x,46,2,1,1,03/01/2014,1,12:00,E07000110\r\n";
  static const std::string kCasualties =
      "collision_index,collision_year,collision_reference,vehicle_reference,"
      "casualty_reference,casualty_class,sex_of_casualty,age_of_casualty,"
      "age_band_of_casualty,casualty_severity\r\n"
      "2014461,2014,x,1,1,1,1,12,3,2\r\n";
  const auto in = fuzz::split(data, size, 2);
  const auto collisions = fuzz::scratch() / "collisions.csv";
  const auto casualties = fuzz::scratch() / "casualties.csv";
  fuzz::write(collisions, in.choice == 0 ? in.bytes : kCollisions);
  fuzz::write(casualties, in.choice == 1 ? in.bytes : kCasualties);
  const auto& fuzzed = in.choice == 0 ? collisions : casualties;
  fuzz::expect_named(fuzzed.string(), [&] {
    (void)io::import_stats19({collisions, casualties}, io::Stats19Options{});
  });
  return 0;
}

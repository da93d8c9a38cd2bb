// SPDX-License-Identifier: MIT
// A scenario file, resolved against the scenarios of the small pack (so
// that `extends` and the checks of inheritance are reached).
#include "fuzz_pack.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace cspcast;
  static const std::vector<Scenario> known =
      io::read_pack(fuzz::fuzz_pack_dir()).scenarios;
  const auto file = fuzz::scratch() / "scenario.toml";
  fuzz::write(file,
              std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz::expect_named(file.string(), [&] {
    (void)io::read_scenario_files({{file, file.string()}}, known);
  });
  return 0;
}

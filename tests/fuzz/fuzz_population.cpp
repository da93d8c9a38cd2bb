// SPDX-License-Identifier: MIT
// ONS mid-year population estimates: a wide table or a Nomis long CSV
// (told apart by the reader from the header).
#include "fuzz_support.hpp"

#include <cspcast/io/importers.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace cspcast;
  const auto file = fuzz::scratch() / "mye.csv";
  fuzz::write(file,
              std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz::expect_named(file.string(), [&] {
    (void)io::import_population({file}, {}, io::AreaNames{});
  });
  return 0;
}

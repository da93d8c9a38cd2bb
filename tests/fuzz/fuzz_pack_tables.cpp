// SPDX-License-Identifier: MIT
// A pack's tables: the first byte picks history.csv, population.csv,
// comparators.csv or companions.csv, the rest replaces that file of a
// small valid pack.
#include "fuzz_pack.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  static const char* const kFiles[] = {
      "history.csv", "population.csv", "comparators.csv", "companions.csv"};
  cspcast::fuzz::fuzz_pack_file(data, size, kFiles, 4);
  return 0;
}

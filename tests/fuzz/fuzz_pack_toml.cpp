// SPDX-License-Identifier: MIT
// A pack's TOML files: the first byte picks pack.toml or targets.toml, the
// rest replaces that file of a small valid pack (tests/fuzz/pack).
#include "fuzz_pack.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  static const char* const kFiles[] = {"pack.toml", "targets.toml"};
  cspcast::fuzz::fuzz_pack_file(data, size, kFiles, 2);
  return 0;
}

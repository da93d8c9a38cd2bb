// SPDX-License-Identifier: MIT
// police.uk: the first byte picks a street-level CSV or a zip archive
// (libarchive) of the download, the rest is the file.
#include "fuzz_support.hpp"

#include <cspcast/io/importers.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace cspcast;
  const auto in = fuzz::split(data, size, 2);
  const auto file =
      fuzz::scratch() /
      (in.choice == 0 ? "2015-01-kent-street.csv" : "download.zip");
  fuzz::write(file, in.bytes);
  fuzz::expect_named(file.string(), [&] {
    (void)io::import_police_uk({file}, io::PoliceUkOptions{});
  });
  return 0;
}

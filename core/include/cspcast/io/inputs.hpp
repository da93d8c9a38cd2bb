// SPDX-License-Identifier: MIT
// The files an importer reads, wherever they are: a file given on the
// command line, every file under a folder (in path order), or every member
// of an archive (a police.uk `.zip`, read in place as a stream through
// libarchive: nothing is unpacked to disk). Each file is handed over as a
// ByteSource named `archive.zip:member/path.csv` or by its path, so that
// every message names where the bytes came from.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/io/source.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cspcast::io {

/// One file of an input: its path inside the source (`2015-03/2015-03-kent-
/// street.csv` in a folder or archive; the file name for a plain file), and
/// its bytes.
struct InputFile {
  std::string relative;
  std::unique_ptr<ByteSource> bytes;
};

/// Calls `visit` for every file of `source`: a folder (recursively, sorted
/// by path), an archive (`.zip`, and whatever else libarchive reads: tar,
/// tar.gz), or a plain file. The ByteSource is valid during the call only.
/// Throws DataError naming the source when it cannot be opened or read
/// (a truncated or corrupt archive names the archive and the member).
CSPCAST_CORE_API void for_each_input(
    const std::filesystem::path& source,
    const std::function<void(InputFile&)>& visit);

/// True when `file` looks like an archive by its name (.zip, .tar, .tgz,
/// .tar.gz).
CSPCAST_CORE_API bool is_archive(const std::filesystem::path& file);

}  // namespace cspcast::io

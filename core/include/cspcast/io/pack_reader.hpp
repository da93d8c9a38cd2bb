// SPDX-License-Identifier: MIT
// Reading a partnership pack and scenario files. Every error names the
// file, the line and the field.
#pragma once

#include <cspcast/core_export.hpp>
#include <cspcast/pack.hpp>
#include <cspcast/scenario.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace cspcast::io {

/// Reads and validates `dir/pack.toml` and everything it names (each file
/// read once: its checksum in `Pack::files` comes from the bytes parsed).
/// Throws ConfigError or DataError naming file, line and field.
CSPCAST_CORE_API Pack read_pack(const std::filesystem::path& dir);

/// A scenario file given by the user: its path and the name it has in
/// messages.
struct ScenarioSource {
  std::filesystem::path file;
  std::string display;
};

/// Reads scenario files and resolves their inheritance explicitly: every
/// file is parsed first, then they are ordered so that a parent comes
/// before its children (a parent may be in `sources` or in `known`). A
/// parent that is nowhere is reported at the `extends` line of the file
/// that names it; a cycle is reported with its chain
/// (`a -> b -> a`) and the file and line of each link. Returns the
/// scenarios in the order of `sources`, each with the checksum of the
/// bytes parsed.
CSPCAST_CORE_API std::vector<Scenario> read_scenario_files(
    const std::vector<ScenarioSource>& sources,
    const std::vector<Scenario>& known,
    std::vector<PackFile>* checksums = nullptr);

/// One scenario file resolved against `known` (for `extends`).
CSPCAST_CORE_API Scenario read_scenario_file(
    const std::filesystem::path& file, const std::vector<Scenario>& known);

}  // namespace cspcast::io

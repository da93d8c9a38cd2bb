// SPDX-License-Identifier: MIT
// The parts of a pack, each read by its own function (private to io/).
#pragma once

#include "toml_file.hpp"

#include <cspcast/pack.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace cspcast::io {

/// Each CSV of the pack: read once, its checksum returned for the manifest.
std::string read_history(Pack& pack,
                         const std::filesystem::path& file,
                         const std::string& display);
std::string read_population(Pack& pack,
                            const std::filesystem::path& file,
                            const std::string& display);
std::string read_comparators(Pack& pack,
                             const std::filesystem::path& file,
                             const std::string& display,
                             const std::map<std::string, std::string>& sources);

/// The optional companions file (series, companion, month, value).
std::string read_companions(Pack& pack,
                            const std::filesystem::path& file,
                            const std::string& display);

/// A basis name checked, for messages at `where`.
Basis read_basis(const std::string& text,
                 const std::string& group,
                 const std::string& where);
/// A period such as FY2017/18 under `key` of `t`, or `fallback`.
Period read_period(const TomlFile& f,
                   const toml::table& t,
                   const std::string& key,
                   const std::optional<Period>& fallback);
/// targets.toml; returns its checksum.
std::string read_targets(Pack& pack,
                         const std::filesystem::path& file,
                         const std::string& display,
                         const std::optional<Period>& default_period);

}  // namespace cspcast::io

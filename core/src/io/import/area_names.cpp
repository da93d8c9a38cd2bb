// SPDX-License-Identifier: MIT
// The `code,name` table that bridges ONS codes and names.
#include <cspcast/error.hpp>
#include <cspcast/io/csv.hpp>
#include <cspcast/io/importers.hpp>

namespace cspcast::io {

AreaNames AreaNames::read(const std::filesystem::path& file) {
  AreaNames names;
  CsvReader csv = open_csv(file, file.string(), "expected code,name");
  const auto c_code = csv.column("code");
  const auto c_name = csv.column("name");
  if (!c_code || !c_name) {
    throw DataError(file.string() + ":" + std::to_string(csv.header_line()) +
                    ": header: expected columns code and name");
  }
  while (csv.next()) {
    const std::string code(csv.field(*c_code));
    const std::string name(csv.field(*c_name));
    if (code.empty()) throw DataError(csv.where("code") + ": empty");
    if (name.empty()) throw DataError(csv.where("name") + ": empty");
    if (!names.name_of.emplace(code, name).second) {
      throw DataError(csv.where("code") + ": '" + code + "' given twice");
    }
    if (!names.code_of.emplace(name, code).second) {
      throw DataError(csv.where("name") + ": '" + name +
                      "' given twice (two codes for one name)");
    }
  }
  return names;
}

std::optional<std::string> AreaNames::resolve(
    const std::string& code_or_name) const {
  if (const auto it = name_of.find(code_or_name); it != name_of.end()) {
    return it->second;
  }
  if (code_of.count(code_or_name) != 0U) return code_or_name;
  return std::nullopt;
}

}  // namespace cspcast::io

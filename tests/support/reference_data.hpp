// SPDX-License-Identifier: MIT
// Reference series and results in tests/data (tests/data/make_reference.R).
#pragma once

#include <cspcast/eigen_types.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace cspcast::test {

/// The columns of a small numeric CSV in tests/data: `#` lines before the
/// header are its recipe, the header may be quoted (as R's write.csv
/// writes it); NA is NaN.
inline std::map<std::string, std::vector<double>> read_columns(
    const std::string& name) {
  std::ifstream in(std::string(CSPCAST_TEST_SOURCE_DIR) + "/tests/data/" +
                   name);
  std::string line;
  while (std::getline(in, line) && !line.empty() && line[0] == '#') {
  }
  std::vector<std::string> names;
  std::stringstream header(line);
  for (std::string cell; std::getline(header, cell, ',');) {
    const bool quoted = cell.size() >= 2 && cell.front() == '"';
    names.push_back(quoted ? cell.substr(1, cell.size() - 2) : cell);
  }
  std::map<std::string, std::vector<double>> out;
  while (std::getline(in, line)) {
    std::stringstream row(line);
    std::size_t k = 0;
    for (std::string cell; std::getline(row, cell, ','); ++k) {
      out[names.at(k)].push_back(cell == "NA" ? std::nan("") : std::stod(cell));
    }
  }
  return out;
}

inline Vector as_vector(const std::vector<double>& v) {
  return Eigen::Map<const Vector>(v.data(),
                                  static_cast<Eigen::Index>(v.size()));
}

}  // namespace cspcast::test

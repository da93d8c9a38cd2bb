// SPDX-License-Identifier: MIT
// Running the `cspcast` program as a user would, for the CLI tests.
#pragma once

#include "support/temp_dir.hpp"

#include <cstdlib>
#include <string>
#include <sys/wait.h>

namespace cspcast::test {

struct Result {
  int code;
  std::string out;
  std::string err;
};

/// Runs `cspcast ARGS` with no plugin path from the environment.
inline Result run_cli(const std::string& args) {
  TempDir dir;
  const std::string cmd = std::string("CSPCAST_PLUGIN_PATH= '") +
                          CSPCAST_TEST_CLI + "' " + args + " >'" +
                          (dir.path() / "out").string() + "' 2>'" +
                          (dir.path() / "err").string() + "'";
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1,
          read_file(dir.path() / "out"),
          read_file(dir.path() / "err")};
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// Replaces every `from` in `file` by `to`; false when `from` is absent.
inline bool edit(const std::filesystem::path& file,
                 const std::string& from,
                 const std::string& to) {
  std::string text = read_file(file);
  if (text.find(from) == std::string::npos) return false;
  for (auto at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  write_file(file, text);
  return true;
}

}  // namespace cspcast::test

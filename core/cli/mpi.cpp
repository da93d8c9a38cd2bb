// SPDX-License-Identifier: MIT
#include "mpi.hpp"

#include <cspcast/error.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>

#ifdef CSPCAST_WITH_MPI
#include <mpi.h>
#endif

namespace cspcast::cli::mpi {
namespace {

World g_world;
[[maybe_unused]] bool g_started = false;

// mpirun (OpenMPI, or a PMI launcher) sets these in every rank.
bool launched_by_mpirun() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"}) {
    if (std::getenv(v) != nullptr) return true;
  }
  return false;
}

}  // namespace

World init(int& argc, char**& argv) {
#ifdef CSPCAST_WITH_MPI
  if (!g_started && launched_by_mpirun()) {
    MPI_Init(&argc, &argv);
    g_started = true;
    MPI_Comm_rank(MPI_COMM_WORLD, &g_world.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &g_world.size);
  }
#else
  (void)argc;
  (void)argv;
  (void)launched_by_mpirun;
#endif
  return g_world;
}

const World& world() { return g_world; }

void finalize() {
#ifdef CSPCAST_WITH_MPI
  if (g_started) {
    MPI_Finalize();
    g_started = false;
  }
#endif
}

std::vector<std::string> gather(const std::string& block, bool failed) {
  const std::string mine = std::string(failed ? "E" : "O") + block;
  std::vector<std::string> parts;
#ifdef CSPCAST_WITH_MPI
  if (g_started && g_world.size > 1) {
    if (mine.size() >
        static_cast<std::size_t>(std::numeric_limits<int>::max())) {
      throw Error("mpi: a rank's output is larger than 2 GB; use more ranks");
    }
    const int size = static_cast<int>(mine.size());
    std::vector<int> sizes(static_cast<std::size_t>(g_world.size));
    MPI_Gather(&size, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::vector<int> offsets(sizes.size(), 0);
    std::int64_t total = 0;
    for (std::size_t r = 0; r < sizes.size(); ++r) {
      offsets[r] = static_cast<int>(total);
      total += sizes[r];
    }
    if (g_world.root() && total > std::numeric_limits<int>::max()) {
      throw Error("mpi: the gathered output is larger than 2 GB");
    }
    std::string all(g_world.root() ? static_cast<std::size_t>(total) : 0U,
                    '\0');
    MPI_Gatherv(mine.data(),
                size,
                MPI_CHAR,
                all.data(),
                sizes.data(),
                offsets.data(),
                MPI_CHAR,
                0,
                MPI_COMM_WORLD);
    if (!g_world.root()) return {};
    for (std::size_t r = 0; r < sizes.size(); ++r) {
      parts.push_back(all.substr(static_cast<std::size_t>(offsets[r]),
                                 static_cast<std::size_t>(sizes[r])));
    }
  } else {
    parts.push_back(mine);
  }
#else
  parts.push_back(mine);
#endif
  std::vector<std::string> out;
  for (std::size_t r = 0; r < parts.size(); ++r) {
    if (parts[r].empty() || parts[r][0] == 'E') {
      throw Error((parts.size() > 1 ? "rank " + std::to_string(r) + ": " : "") +
                  (parts[r].empty() ? "no output" : parts[r].substr(1)));
    }
    out.push_back(parts[r].substr(1));
  }
  return out;
}

Block block_of(std::size_t n, const World& w) {
  const auto size = static_cast<std::size_t>(w.size);
  const auto rank = static_cast<std::size_t>(w.rank);
  const std::size_t base = n / size;
  const std::size_t extra = n % size;
  const std::size_t first = rank * base + std::min(rank, extra);
  return {first, first + base + (rank < extra ? 1 : 0)};
}

std::string pack_fields(const std::vector<std::string>& fields) {
  std::string out;
  for (const auto& f : fields) {
    out += std::to_string(f.size());
    out += ':';
    out += f;
  }
  return out;
}

std::vector<std::string> unpack_fields(const std::string& packed) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < packed.size()) {
    const std::size_t colon = packed.find(':', at);
    if (colon == std::string::npos) throw Error("mpi: a malformed block");
    const auto n = static_cast<std::size_t>(
        std::strtoull(packed.c_str() + at, nullptr, 10));
    if (colon + 1 + n > packed.size()) throw Error("mpi: a truncated block");
    out.push_back(packed.substr(colon + 1, n));
    at = colon + 1 + n;
  }
  return out;
}

}  // namespace cspcast::cli::mpi

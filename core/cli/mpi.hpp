// SPDX-License-Identifier: MIT
// Runs across machines with MPI (OpenMPI from Debian), for `batch` and
// `forecast`: the work is split into static blocks, every rank computes its
// block, and rank 0 gathers the blocks' outputs in order and writes them,
// so that the data files are byte for byte those of one process.
// Built with CSPCAST_MPI (on when CMake finds MPI, off in sanitizer
// trees); MPI is initialised only when the program was started by mpirun.
// Without it, the world is one rank and gather() returns what it is given.
#pragma once

#include <string>
#include <vector>

namespace cspcast::cli::mpi {

struct World {
  int rank = 0;
  int size = 1;
  [[nodiscard]] bool root() const { return rank == 0; }
};

/// Starts MPI when launched by mpirun (and built with it); idempotent.
World init(int& argc, char**& argv);
/// The world init() made (one rank before or without it).
const World& world();
/// Ends MPI if it was started.
void finalize();

/// Gathers one block from every rank on rank 0, in rank order (rank 0's
/// result; the others get an empty vector). A rank whose work failed
/// sends its error instead (`failed` with the message in `block`), and
/// rank 0 then throws the first error, naming its rank, after the gather,
/// so that no rank is left waiting.
std::vector<std::string> gather(const std::string& block, bool failed = false);

/// Rank `rank`'s share [first, last) of `n` items in `size` contiguous
/// blocks (the first n % size blocks one larger).
struct Block {
  std::size_t first;
  std::size_t last;
};
Block block_of(std::size_t n, const World& w);

/// Length-prefixed fields in one string (for gather), and back.
std::string pack_fields(const std::vector<std::string>& fields);
std::vector<std::string> unpack_fields(const std::string& packed);

}  // namespace cspcast::cli::mpi

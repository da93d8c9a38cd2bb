// SPDX-License-Identifier: MIT
#include <cspcast/kernels/random.hpp>
#include <cspcast/projection.hpp>

#include <cstring>
#include <new>
#include <type_traits>

namespace cspcast {
namespace {

static_assert(sizeof(kernels::Rng) <= 16 && alignof(kernels::Rng) <= 8,
              "RandomStream's storage holds one kernels::Rng");
static_assert(std::is_trivially_copyable_v<kernels::Rng> &&
                  std::is_trivially_destructible_v<kernels::Rng>,
              "RandomStream copies the Rng's bytes");

kernels::Rng& rng_in(unsigned char* state) {
  return *std::launder(reinterpret_cast<kernels::Rng*>(state));
}

}  // namespace

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t stream) {
  new (state_) kernels::Rng(seed, stream);
}
double RandomStream::uniform() { return rng_in(state_).uniform(); }
double RandomStream::normal() { return rng_in(state_).normal(); }
double RandomStream::gamma(double shape) { return rng_in(state_).gamma(shape); }
double RandomStream::beta(double a, double b) {
  return rng_in(state_).beta(a, b);
}
double RandomStream::poisson(double mean) {
  return rng_in(state_).poisson(mean);
}
double RandomStream::binomial(double trials, double p) {
  return rng_in(state_).binomial(trials, p);
}

PathStreams::PathStreams(
    std::uint64_t seed, std::uint64_t key, int first_path, int step, int count)
    : seed_(seed), key_(key), first_(first_path), step_(step), count_(count) {}

RandomStream PathStreams::stream(int c) const {
  // The stream the core's models use for this path (kernels/random.hpp).
  return {seed_, kernels::mix(key_, static_cast<std::uint64_t>(path(c)))};
}

PathStreams PathStreams::derive(std::string_view label) const {
  return {seed_,
          kernels::mix(key_, kernels::hash_key(label)),
          first_,
          step_,
          count_};
}

ProjectionModel::~ProjectionModel() = default;
std::string ProjectionModel::description() const { return name(); }

}  // namespace cspcast

// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/core_export.hpp>

#include <stdexcept>

namespace cspcast {

/// Base of every error cspcast reports to a user. Messages follow
/// `<where>: <what> (got <value>; expected <constraint>)`.
class CSPCAST_CORE_API Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
/// Options, pack, target and scenario files.
class CSPCAST_CORE_API ConfigError : public Error {
 public:
  using Error::Error;
};
/// Input series: bad numbers, gaps, duplicates.
class CSPCAST_CORE_API DataError : public Error {
 public:
  using Error::Error;
};
/// Plugin load, ABI mismatch, or a plugin call that failed.
class CSPCAST_CORE_API PluginError : public Error {
 public:
  using Error::Error;
};
/// NaN/Inf or divergence inside a kernel.
class CSPCAST_CORE_API NumericError : public Error {
 public:
  using Error::Error;
};

}  // namespace cspcast

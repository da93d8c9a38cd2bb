// SPDX-License-Identifier: MIT
#pragma once

#include <cspcast/version.hpp>

#include <Eigen/Core>

#include <cstdint>

#define CSPCAST_STR_IMPL(x) #x
#define CSPCAST_STR(x) CSPCAST_STR_IMPL(x)

#if defined(_GLIBCXX_USE_CXX11_ABI)
#define CSPCAST_CXX_RUNTIME \
  "libstdc++ cxx11-abi " CSPCAST_STR(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define CSPCAST_CXX_RUNTIME "libc++ " CSPCAST_STR(_LIBCPP_VERSION)
#else
#define CSPCAST_CXX_RUNTIME "unknown runtime"
#endif

/// What must match between the host and a plugin for C++ objects to cross:
/// the core version, the compiler, the C++ runtime ABI and Eigen. Expanded
/// where it is used, so a plugin carries the tag of its own build.
#define CSPCAST_BUILD_TAG                                                     \
  "cspcast " CSPCAST_VERSION_STRING "; " __VERSION__ "; " CSPCAST_CXX_RUNTIME \
  "; eigen " CSPCAST_STR(EIGEN_WORLD_VERSION) "." CSPCAST_STR(                \
      EIGEN_MAJOR_VERSION) "." CSPCAST_STR(EIGEN_MINOR_VERSION)

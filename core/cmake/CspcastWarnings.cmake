# SPDX-License-Identifier: MIT
# Warning flags for our own targets only (dependencies are imported, hence system headers).
add_library(cspcast_warnings INTERFACE)
if(MSVC)
  target_compile_options(cspcast_warnings INTERFACE /W4 /permissive-)
else()
  target_compile_options(cspcast_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Woverloaded-virtual -Wold-style-cast -Wnull-dereference -Wdouble-promotion -Wformat=2
    -Wimplicit-fallthrough -Wextra-semi)
  if(CSPCAST_WARNINGS_AS_ERRORS)
    target_compile_options(cspcast_warnings INTERFACE -Werror)
  endif()
endif()

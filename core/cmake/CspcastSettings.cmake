# SPDX-License-Identifier: MIT
# Interface target carrying the language standard, definitions and sanitizer flags.
add_library(cspcast_settings INTERFACE)
target_compile_features(cspcast_settings INTERFACE cxx_std_20)
target_compile_definitions(cspcast_settings INTERFACE BOOST_DLL_USE_STD_FS)
if(CSPCAST_SANITIZERS)
  string(REPLACE ";" "," _san "${CSPCAST_SANITIZERS}")
  target_compile_options(cspcast_settings INTERFACE -fsanitize=${_san} -fno-omit-frame-pointer
                                                    -fno-sanitize-recover=all)
  target_link_options(cspcast_settings INTERFACE -fsanitize=${_san})
endif()
# The fuzzing tree: every library compiled once with libFuzzer's coverage
# instrumentation (no libFuzzer main; the harnesses add it).
if(CSPCAST_FUZZ)
  target_compile_options(cspcast_settings INTERFACE -fsanitize=fuzzer-no-link)
  target_link_options(cspcast_settings INTERFACE -fsanitize=fuzzer-no-link)
endif()
install(TARGETS cspcast_settings EXPORT cspcastTargets)

# SPDX-License-Identifier: MIT
# cspcast_add_plugin(<name> SOURCES ...): a priority plugin as a MODULE library.
# Works in the source tree and, after find_package(cspcast), out of tree.
function(cspcast_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  set(tgt cspcast_plugin_${name})
  add_library(${tgt} MODULE ${ARG_SOURCES})
  if(TARGET cspcast_warnings)
    target_link_libraries(${tgt} PRIVATE cspcast::core cspcast_settings cspcast_warnings)
  else()
    target_link_libraries(${tgt} PRIVATE cspcast::core cspcast::cspcast_settings)
  endif()
  set_target_properties(${tgt} PROPERTIES PREFIX "" CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/plugins)
  if(NOT DEFINED CSPCAST_PLUGIN_INSTALL_DIR)
    set(CSPCAST_PLUGIN_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cspcast/plugins)
  endif()
  install(TARGETS ${tgt} LIBRARY DESTINATION ${CSPCAST_PLUGIN_INSTALL_DIR})
  set_property(GLOBAL APPEND PROPERTY CSPCAST_PLUGIN_TARGETS ${tgt})
endfunction()

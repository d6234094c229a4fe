# Precompiled headers. A clean build (CI's, on 2 cores) spends most of its time parsing the same
# standard, Eigen, JSON, CLI11, Qt and QCustomPlot headers again in every file. Each kind of
# target therefore reuses one precompiled header, compiled once by a "host": an object library
# of an empty file, linked like that kind of target.
#
# GCC uses a precompiled header only when every macro that was defined while compiling it is
# defined the same way where it is used. A host therefore defines only what every target that
# reuses it defines too; those targets may define more. A header GCC cannot use costs time, not
# correctness: GCC parses the headers again and says why (-Winvalid-pch).
function(motifloom_pch_host host)
  cmake_parse_arguments(P "" "" "LIBS;DEFINITIONS;HEADERS" ${ARGN})
  set(_source ${CMAKE_CURRENT_BINARY_DIR}/${host}.cpp)
  file(CONFIGURE OUTPUT ${_source} CONTENT "// Empty: compiles the precompiled header of ${host}.\n")
  add_library(${host} OBJECT ${_source})
  target_link_libraries(${host} PRIVATE ${P_LIBS})
  target_compile_definitions(${host} PRIVATE ${P_DEFINITIONS})
  target_precompile_headers(${host} PRIVATE ${P_HEADERS})
endfunction()

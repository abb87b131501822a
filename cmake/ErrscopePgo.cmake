# ERRSCOPE_PGO: profile-guided optimisation. An instrumented errscope is built apart (in
# pgo/instrumented under the build directory), runs on the logs shipped in testdata/
# (ErrscopePgoTrain.cmake), and the real build compiles with the profile that run wrote: g++ then
# lays out the hot path (the matcher, the report) from measured branch counts. Worth about 10%
# less CPU on code-heavy logs and 5% on sparse ones (doc/performance.md); the code it makes does
# the same as without. On by default for a Release build with g++ that neither sanitizes nor
# fuzzes; -DERRSCOPE_PGO=OFF builds in one pass.
set(_errscope_pgo_default OFF)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_BUILD_TYPE STREQUAL "Release" AND
   NOT ERRSCOPE_SANITIZE AND NOT ERRSCOPE_FUZZ)
  set(_errscope_pgo_default ON)
endif()
option(ERRSCOPE_PGO "Optimise the Release build from a profile of a training run (g++)"
       ${_errscope_pgo_default})
if(NOT ERRSCOPE_PGO)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  message(FATAL_ERROR "ERRSCOPE_PGO=ON needs g++ (its -fprofile-use); configure with "
                      "-DERRSCOPE_PGO=OFF for ${CMAKE_CXX_COMPILER_ID}")
endif()

include(ExternalProject)
set(ERRSCOPE_PGO_DIR ${PROJECT_BINARY_DIR}/pgo)
set(_errscope_pgo_build ${ERRSCOPE_PGO_DIR}/instrumented)
set(_errscope_pgo_data ${ERRSCOPE_PGO_DIR}/data)
set(_errscope_pgo_binary ${_errscope_pgo_build}/errscope)
# Object files are named relative to each build directory (-fprofile-prefix-path), so the
# instrumented build's profile of core/.../matcher.cpp.o is the real build's too.
ExternalProject_Add(errscope_pgo_instrumented
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${_errscope_pgo_build}
  CMAKE_ARGS
    -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
    -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}
    -DERRSCOPE_PGO=OFF
    -DERRSCOPE_BUILD_TESTS=OFF
    -DERRSCOPE_MAN=OFF
    -DERRSCOPE_WERROR=${ERRSCOPE_WERROR}
    "-DCMAKE_CXX_FLAGS=-fprofile-generate=${_errscope_pgo_data} -fprofile-prefix-path=${_errscope_pgo_build} -fprofile-update=atomic"
  BUILD_ALWAYS ON
  BUILD_BYPRODUCTS ${_errscope_pgo_binary}
  INSTALL_COMMAND ""
  STEP_TARGETS build)

file(GLOB _errscope_pgo_inputs CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/testdata/realworld/*.log
  ${PROJECT_SOURCE_DIR}/testdata/fixtures/corpus/*.log
  ${PROJECT_SOURCE_DIR}/testdata/fixtures/sample/*.log
  ${PROJECT_SOURCE_DIR}/testdata/fixtures/logs/*.log)
set(_errscope_pgo_stamp ${ERRSCOPE_PGO_DIR}/profile.stamp)
add_custom_command(
  OUTPUT ${_errscope_pgo_stamp}
  COMMAND ${CMAKE_COMMAND} -DERRSCOPE=${_errscope_pgo_binary} -DDATA=${_errscope_pgo_data}
          -DWORK=${ERRSCOPE_PGO_DIR} "-DINPUTS=${_errscope_pgo_inputs}" -DSTAMP=${_errscope_pgo_stamp}
          -P ${CMAKE_CURRENT_LIST_DIR}/ErrscopePgoTrain.cmake
  DEPENDS ${_errscope_pgo_binary} ${_errscope_pgo_inputs}
          ${CMAKE_CURRENT_LIST_DIR}/ErrscopePgoTrain.cmake
  COMMENT "Training the instrumented errscope on testdata/ for the profile-guided build"
  VERBATIM)
add_custom_target(errscope_pgo_profile DEPENDS ${_errscope_pgo_stamp})
add_dependencies(errscope_pgo_profile errscope_pgo_instrumented)

# Everything compiled from here on reads the profile; a file the training never ran (the tests)
# simply has none.
add_compile_options(-fprofile-use=${_errscope_pgo_data} -fprofile-prefix-path=${PROJECT_BINARY_DIR}
                    -fprofile-partial-training -Wno-missing-profile)

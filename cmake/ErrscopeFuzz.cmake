# ERRSCOPE_FUZZ: libFuzzer targets (tests/fuzz) with ASan and UBSan. Only clang has libFuzzer, so
# any other compiler is refused here, before anything is built. The whole project (the library
# included) is compiled with coverage instrumentation so that the fuzzers' feedback reaches core/.
if(NOT ERRSCOPE_FUZZ)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR
    "ERRSCOPE_FUZZ=ON needs clang (libFuzzer); ${CMAKE_CXX_COMPILER_ID} cannot build the fuzz "
    "targets. Configure a separate build directory with:\n"
    "  CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DERRSCOPE_FUZZ=ON "
    "-DERRSCOPE_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo")
endif()
if(ERRSCOPE_SANITIZE)
  message(FATAL_ERROR "ERRSCOPE_FUZZ=ON brings its own sanitizers; leave ERRSCOPE_SANITIZE empty")
endif()

# clang-14 warns where g++ 12 does not (-Wmissing-field-initializers on aggregate initialisers
# in core/matcher): the library is built without -Werror here, and the fuzz targets themselves
# with it (tests/fuzz/CMakeLists.txt).
set(ERRSCOPE_FUZZ_WERROR ${ERRSCOPE_WERROR})
if(ERRSCOPE_WERROR)
  message(STATUS "ERRSCOPE_FUZZ: building the library without -Werror (clang's extra warnings)")
  set(ERRSCOPE_WERROR OFF)
endif()

set(ERRSCOPE_FUZZ_SANITIZE "address,undefined")
add_compile_options(-fsanitize=fuzzer-no-link,${ERRSCOPE_FUZZ_SANITIZE}
                    -fno-omit-frame-pointer -fno-sanitize-recover=all)
add_link_options(-fsanitize=${ERRSCOPE_FUZZ_SANITIZE})

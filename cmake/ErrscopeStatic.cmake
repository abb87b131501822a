# -DERRSCOPE_STATIC=ON: one binary to copy to other hosts. Links the static archives Debian 12
# ships (libre2.a of libre2-dev, libzstd.a of libzstd-dev, libz.a of zlib1g-dev, liblzma.a of
# liblzma-dev, libbz2.a of libbz2-dev) and libstdc++/libgcc statically. libsimdjson-dev ships no
# libsimdjson.a, so simdjson stays shared (the host needs libsimdjson14), as do glibc and
# libm (doc/packaging.md).
option(ERRSCOPE_STATIC "Link RE2, zstd, zlib, xz, bzip2, libstdc++, libgcc statically" OFF)

# errscope_third_party_libraries(<var>): in <var>, what errscope_core links: the shared
# libraries found at the top, or with ERRSCOPE_STATIC their static archives.
function(errscope_third_party_libraries var)
  if(NOT ERRSCOPE_STATIC)
    set(${var} PkgConfig::RE2 simdjson::simdjson ZLIB::ZLIB PkgConfig::ZSTD LibLZMA::LibLZMA
               BZip2::BZip2 Threads::Threads $<$<BOOL:${ISAL_FOUND}>:PkgConfig::ISAL>
               PARENT_SCOPE)
    return()
  endif()
  set(archives)
  foreach(name re2 zstd z lzma bz2)
    find_library(ERRSCOPE_STATIC_${name} NAMES lib${name}.a)
    if(NOT ERRSCOPE_STATIC_${name})
      message(FATAL_ERROR "ERRSCOPE_STATIC: lib${name}.a not found; Debian 12 ships it in "
                          "libre2-dev, libzstd-dev, zlib1g-dev, liblzma-dev or libbz2-dev")
    endif()
    list(APPEND archives ${ERRSCOPE_STATIC_${name}})
  endforeach()
  set(${var} ${archives} simdjson::simdjson Threads::Threads PARENT_SCOPE)
endfunction()

# errscope_static_runtime(<target>): with ERRSCOPE_STATIC, links <target>'s C++ runtime
# statically.
function(errscope_static_runtime target)
  if(ERRSCOPE_STATIC)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
endfunction()

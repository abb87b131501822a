# `cmake --install` and CPack: the binary, the man page errscope(1) built from doc/errscope.1.md,
# the bash, zsh and fish completions of contrib/completions/, the docs and examples; and a .deb
# whose Depends dpkg-shlibdeps computes (doc/packaging.md).
include(GNUInstallDirs)

install(TARGETS errscope RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The man page: pandoc turns doc/errscope.1.md into roff (flags kept whole by doc/man-flags.lua;
# no "smart" typography, which would turn -- into a dash), gzip -n compresses it as Debian installs
# man pages (-n: no name or time stamp inside, so two builds give the same bytes).
find_program(ERRSCOPE_PANDOC pandoc)
find_program(ERRSCOPE_GZIP gzip)
if(ERRSCOPE_PANDOC AND ERRSCOPE_GZIP)
  set(ERRSCOPE_MAN_DEFAULT ON)
else()
  set(ERRSCOPE_MAN_DEFAULT OFF)
endif()
option(ERRSCOPE_MAN "Build and install the man page errscope(1) (needs pandoc and gzip)"
       ${ERRSCOPE_MAN_DEFAULT})
if(ERRSCOPE_MAN)
  if(NOT ERRSCOPE_PANDOC OR NOT ERRSCOPE_GZIP)
    message(FATAL_ERROR "ERRSCOPE_MAN is ON but pandoc or gzip is missing: install them "
                        "(apt-get install pandoc gzip) or configure with -DERRSCOPE_MAN=OFF")
  endif()
  set(ERRSCOPE_MAN_SOURCE ${PROJECT_SOURCE_DIR}/doc/errscope.1.md)
  set(ERRSCOPE_MAN_PAGE ${PROJECT_BINARY_DIR}/errscope.1)
  add_custom_command(
    OUTPUT ${ERRSCOPE_MAN_PAGE} ${ERRSCOPE_MAN_PAGE}.gz
    COMMAND ${ERRSCOPE_PANDOC} --standalone --from markdown-smart --to man
            --lua-filter ${PROJECT_SOURCE_DIR}/doc/man-flags.lua
            --variable "footer=errscope ${PROJECT_VERSION}" --variable "header=User Commands"
            --output ${ERRSCOPE_MAN_PAGE} ${ERRSCOPE_MAN_SOURCE}
    COMMAND ${ERRSCOPE_GZIP} -9 -n -f -k ${ERRSCOPE_MAN_PAGE}
    DEPENDS ${ERRSCOPE_MAN_SOURCE} ${PROJECT_SOURCE_DIR}/doc/man-flags.lua
    COMMENT "Generating the man page errscope.1 with pandoc"
    VERBATIM)
  add_custom_target(errscope_man ALL DEPENDS ${ERRSCOPE_MAN_PAGE} ${ERRSCOPE_MAN_PAGE}.gz)
  install(FILES ${ERRSCOPE_MAN_PAGE}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "errscope: the man page errscope(1) is neither built nor installed: "
                 "ERRSCOPE_MAN is OFF (it is ON by default when pandoc and gzip are found; "
                 "apt-get install pandoc)")
endif()

# Completions, where each shell's own packages put theirs (bash-completion loads
# share/bash-completion/completions/<command> on first use; Debian's zsh reads
# share/zsh/vendor-completions; fish reads share/fish/vendor_completions.d).
set(ERRSCOPE_ZSH_COMPLETION_DIR "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions" CACHE STRING
    "Where the zsh completion _errscope is installed, relative to the prefix or absolute")
set(completions ${PROJECT_SOURCE_DIR}/contrib/completions)
install(FILES ${completions}/errscope.bash RENAME errscope
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${completions}/errscope.zsh RENAME _errscope
        DESTINATION ${ERRSCOPE_ZSH_COMPLETION_DIR})
install(FILES ${completions}/errscope.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

# Docs, and as examples the daily-digest recipe (doc/alerting.md), the Dask driver and the
# Hadoop Streaming mapper (doc/scale-out.md).
install(FILES ${PROJECT_SOURCE_DIR}/doc/manual.md ${PROJECT_SOURCE_DIR}/doc/alerting.md
              ${PROJECT_SOURCE_DIR}/doc/bad-input.md ${PROJECT_SOURCE_DIR}/doc/packaging.md
              ${PROJECT_SOURCE_DIR}/doc/scale-out.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(PROGRAMS ${PROJECT_SOURCE_DIR}/contrib/errscope-digest
                 ${PROJECT_SOURCE_DIR}/contrib/dask/errscope_dask.py
                 ${PROJECT_SOURCE_DIR}/contrib/hadoop/errscope_streaming_mapper.sh
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES ${PROJECT_SOURCE_DIR}/contrib/cron/errscope-digest.cron
              ${PROJECT_SOURCE_DIR}/contrib/systemd/errscope-digest.service
              ${PROJECT_SOURCE_DIR}/contrib/systemd/errscope-digest.timer
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

# The .deb: `cpack -G DEB` in the build folder writes errscope_<version>_<arch>.deb.
set(ERRSCOPE_PACKAGE_CONTACT "errscope maintainers <errscope@example.invalid>" CACHE STRING
    "The Maintainer field of the .deb (a placeholder until the project has an address)")
set(CPACK_PACKAGE_NAME errscope)
set(CPACK_PACKAGE_VENDOR errscope)
set(CPACK_PACKAGE_CONTACT "${ERRSCOPE_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "annotate and count vendor return codes in logs")
set(CPACK_PACKAGE_DESCRIPTION
    "errscope reads logs, finds the return codes of call-centre, SMS/voice and office platforms "
    "(AsterCC, Yunke, UCPaaS, DingTalk, and your own pattern files), says on each line what the "
    "code means, and counts them: reports with timelines, baselines and alert thresholds.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY errscope)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
set(CPACK_GENERATOR DEB)
include(CPack)

# errscope_embed_files(OUTPUT <file.cpp> NAMESPACE <ns> SYMBOL <name> FILES <f>...)
# Generates a C++ source that holds each file's bytes, so the binary needs no data file at run time.
# The generated source defines `const EmbeddedFile <ns>::<name>[]` and `<name>_count`.
set(_errscope_embed_script ${CMAKE_CURRENT_LIST_DIR}/ErrscopeEmbedScript.cmake)

function(errscope_embed_files)
  cmake_parse_arguments(ARG "" "OUTPUT;NAMESPACE;SYMBOL;HEADER" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} -DNAMESPACE=${ARG_NAMESPACE}
            -DSYMBOL=${ARG_SYMBOL} -DHEADER=${ARG_HEADER} "-DFILES=${ARG_FILES}"
            -P ${_errscope_embed_script}
    DEPENDS ${ARG_FILES} ${_errscope_embed_script}
    COMMENT "Embedding ${ARG_SYMBOL}"
    VERBATIM)
endfunction()

# errscope_sanitizers: compile and link options for ERRSCOPE_SANITIZE (e.g. "address;undefined").
add_library(errscope_sanitizers INTERFACE)
if(ERRSCOPE_SANITIZE)
  list(JOIN ERRSCOPE_SANITIZE "," _errscope_sanitize_list)
  target_compile_options(errscope_sanitizers INTERFACE
    -fsanitize=${_errscope_sanitize_list} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(errscope_sanitizers INTERFACE -fsanitize=${_errscope_sanitize_list})
endif()

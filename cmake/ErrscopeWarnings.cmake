# errscope_warnings: the warning set every errscope target compiles with.
add_library(errscope_warnings INTERFACE)
target_compile_options(errscope_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow)
if(ERRSCOPE_WERROR)
  target_compile_options(errscope_warnings INTERFACE -Werror)
endif()

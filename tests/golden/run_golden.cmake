# One golden end-to-end test: runs ERRSCOPE in CASE_DIR with the arguments in CASE_DIR/cmd (one
# per line), CASE_DIR/stdin as standard input and the NAME=VALUE lines of CASE_DIR/env as its
# environment when present, and compares stdout, stderr and the exit status with
# expected.stdout, expected.stderr and expected.status.
# With the environment variable ERRSCOPE_UPDATE_GOLDEN=1 it rewrites the expected files instead
# (review the diff before committing).
cmake_minimum_required(VERSION 3.25)

file(STRINGS ${CASE_DIR}/cmd arguments ENCODING UTF-8)
# CASE_DIR/env, when present: NAME=VALUE lines set for the run (after COLUMNS is unset, so a
# case sees the developer's terminal width only when it asks for one).
set(case_environment)
if(EXISTS ${CASE_DIR}/env)
  file(STRINGS ${CASE_DIR}/env case_environment ENCODING UTF-8)
endif()
set(input_file /dev/null)
if(EXISTS ${CASE_DIR}/stdin)
  set(input_file ${CASE_DIR}/stdin)
endif()
# One folder per case: tests run in parallel (string(RANDOM) seeds from the clock, so two cases
# started in the same second would share a random name).
get_filename_component(case_name ${CASE_DIR} NAME)
get_filename_component(command_dir ${CASE_DIR} DIRECTORY)
get_filename_component(command_name ${command_dir} NAME)
set(work_dir ${CMAKE_CURRENT_BINARY_DIR}/golden-out/${command_name}/${case_name})
file(MAKE_DIRECTORY ${work_dir})

# The developer's own defaults stay out: no config file (ERRSCOPE_CONFIG_PATH empty), and user
# and system pattern folders that do not exist. Reports say they were made at 2026-11-02T00:00Z
# (SOURCE_DATE_EPOCH), so that they compare byte for byte.
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env --unset=NO_COLOR --unset=ERRSCOPE_UPDATE_GOLDEN
          --unset=COLUMNS TERM=dumb SOURCE_DATE_EPOCH=1793577600
          ERRSCOPE_CONFIG_PATH= XDG_CONFIG_HOME=${work_dir}/no-config-home
          ERRSCOPE_SYSTEM_PATTERNS_DIR=${work_dir}/no-system-patterns
          ${case_environment} ${ERRSCOPE} ${arguments}
  WORKING_DIRECTORY ${CASE_DIR}
  INPUT_FILE ${input_file}
  OUTPUT_FILE ${work_dir}/stdout
  ERROR_FILE ${work_dir}/stderr
  RESULT_VARIABLE status)
file(WRITE ${work_dir}/status "${status}\n")

if("$ENV{ERRSCOPE_UPDATE_GOLDEN}" STREQUAL "1")
  foreach(part stdout stderr status)
    file(COPY_FILE ${work_dir}/${part} ${CASE_DIR}/expected.${part})
  endforeach()
  message(STATUS "updated ${CASE_DIR}")
  return()
endif()

set(failed FALSE)
foreach(part stdout stderr status)
  set(expected ${CASE_DIR}/expected.${part})
  if(NOT EXISTS ${expected})
    message(SEND_ERROR "${CASE_DIR}: missing expected.${part}")
    set(failed TRUE)
    continue()
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${expected} ${work_dir}/${part}
                  RESULT_VARIABLE different)
  if(different)
    execute_process(COMMAND diff -u ${expected} ${work_dir}/${part} OUTPUT_VARIABLE diff_text)
    message(SEND_ERROR "${part} differs from expected.${part}:\n${diff_text}")
    set(failed TRUE)
  endif()
endforeach()
if(NOT failed)
  file(REMOVE_RECURSE ${work_dir})
endif()

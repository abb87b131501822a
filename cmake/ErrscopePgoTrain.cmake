# The training run of ERRSCOPE_PGO (cmake -P): ERRSCOPE, the instrumented binary, reads the
# shipped logs (INPUTS), many times over, the way its users run it; the profile goes to DATA.
# Scan and report, text and JSON, one thread and several: each path the real build will take.
file(REMOVE_RECURSE ${DATA})  # a profile of older code would be merged with the new one
file(MAKE_DIRECTORY ${DATA})
set(_one_pass "")
foreach(input IN LISTS INPUTS)
  file(READ ${input} _text)
  string(APPEND _one_pass "${_text}")
endforeach()
string(REPEAT "${_one_pass}" 100 _training)
set(_log ${WORK}/training.log)
file(WRITE ${_log} "${_training}")
foreach(run IN ITEMS "report;-j;1;--format;json" "report;--format;text" "scan;-j;1"
                     "scan;-j;1;--format;json" "scan;--matches-only")
  execute_process(COMMAND ${ERRSCOPE} ${run} ${_log} OUTPUT_FILE /dev/null
                  RESULT_VARIABLE _status ERROR_VARIABLE _errors)
  if(NOT _status EQUAL 0)
    message(FATAL_ERROR "the training run `errscope ${run}` failed (${_status}): ${_errors}")
  endif()
endforeach()
file(REMOVE ${_log})
file(TOUCH ${STAMP})

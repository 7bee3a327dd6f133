# The Python interpreter the build and the tests run (test drivers, spec packers, size reports),
# found once for every directory's find_package(Python3) and recorded as the interpreter itself
# rather than a launcher in front of it. A version manager's shim on PATH (pyenv's python3 is a
# bash script that runs `pyenv exec`) costs about 0.35 s of CPU on every start, against 0.09 s for
# the interpreter; the tests start Python about 200 times in a CI run. The interpreter reports its
# own path (sys.executable), which then goes to FindPython3 as Python3_EXECUTABLE. A path the user
# set is kept as it is.
if(NOT DEFINED Python3_EXECUTABLE)
  find_program(EMBER_PYTHON3_ON_PATH NAMES python3 NO_CMAKE_FIND_ROOT_PATH)
  mark_as_advanced(EMBER_PYTHON3_ON_PATH)
  if(EMBER_PYTHON3_ON_PATH)
    execute_process(
      COMMAND "${EMBER_PYTHON3_ON_PATH}" -c "import sys; print(sys.executable)"
      OUTPUT_VARIABLE ember_python3_itself
      OUTPUT_STRIP_TRAILING_WHITESPACE
      RESULT_VARIABLE ember_python3_status
      ERROR_QUIET)
    if(ember_python3_status EQUAL 0 AND EXISTS "${ember_python3_itself}")
      set(Python3_EXECUTABLE "${ember_python3_itself}"
          CACHE FILEPATH
                "The Python 3 interpreter (not a launcher in front of it)")
    endif()
  endif()
endif()

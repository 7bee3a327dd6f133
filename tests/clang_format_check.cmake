# Fails if any C or C++ file of the project is not formatted as .clang-format says (clang-format 14,
# Debian's `clang-format`; another version may format differently, so the test names the one it ran).
# usage: cmake -DCLANG_FORMAT=path -DSOURCE_DIR=path -P clang_format_check.cmake
set(globs)
foreach(
  dir IN
  ITEMS include
        src
        text
        wasi
        platforms
        spec-tests
        tests
        examples)
  foreach(ext IN ITEMS c h cpp inc)
    list(APPEND globs "${SOURCE_DIR}/${dir}/*.${ext}")
  endforeach()
endforeach()
file(GLOB_RECURSE candidates RELATIVE "${SOURCE_DIR}" ${globs})
set(files)
foreach(f IN LISTS candidates)
  if(NOT f MATCHES "(^|/)build")
    list(APPEND files "${f}")
  endif()
endforeach()
list(LENGTH files checked)
execute_process(COMMAND ${CLANG_FORMAT} --version OUTPUT_VARIABLE version
                OUTPUT_STRIP_TRAILING_WHITESPACE)
# One process for all files; it names each deviation (file:line) on stderr.
execute_process(
  COMMAND ${CLANG_FORMAT} --dry-run --Werror ${files}
  WORKING_DIRECTORY "${SOURCE_DIR}"
  RESULT_VARIABLE rc
  ERROR_VARIABLE report)
if(NOT rc EQUAL 0)
  # Lines "FILE:LINE:COLUMN: error: code should be clang-formatted": one entry per file.
  string(REGEX MATCHALL
               "[^\n]+:[0-9]+:[0-9]+: error: code should be clang-formatted"
               lines "${report}")
  set(unformatted)
  foreach(line IN LISTS lines)
    string(REGEX REPLACE ":[0-9]+:[0-9]+: error:.*" "" file "${line}")
    list(APPEND unformatted "${file}")
  endforeach()
  list(REMOVE_DUPLICATES unformatted)
  list(LENGTH unformatted count)
  string(REPLACE ";" " " unformatted "${unformatted}")
  message(
    FATAL_ERROR
      "${count} of ${checked} files not formatted (${version}); run clang-format -i on: ${unformatted}"
  )
endif()
message(STATUS "${checked} C/C++ files formatted (${version})")

# Fails if any CMake file of the project is not formatted as .cmake-format.yaml says.
# usage: cmake -DCMAKE_FORMAT=path -DSOURCE_DIR=path -P cmake_format_check.cmake
file(GLOB_RECURSE candidates RELATIVE "${SOURCE_DIR}"
     "${SOURCE_DIR}/CMakeLists.txt" "${SOURCE_DIR}/*/CMakeLists.txt"
     "${SOURCE_DIR}/*.cmake")
set(files)
foreach(f IN LISTS candidates)
  if(NOT f MATCHES "^build" AND NOT f MATCHES "/build")
    list(APPEND files "${f}")
  endif()
endforeach()
list(LENGTH files checked)
# One cmake-format process for all files (its start-up is most of the cost); only when that
# finds something, one per file to name them.
execute_process(
  COMMAND ${CMAKE_FORMAT} -c "${SOURCE_DIR}/.cmake-format.yaml" --check ${files}
  WORKING_DIRECTORY "${SOURCE_DIR}"
  RESULT_VARIABLE rc
  OUTPUT_QUIET ERROR_QUIET)
set(unformatted)
if(NOT rc EQUAL 0)
  foreach(f IN LISTS files)
    execute_process(
      COMMAND ${CMAKE_FORMAT} -c "${SOURCE_DIR}/.cmake-format.yaml" --check
              "${SOURCE_DIR}/${f}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(NOT rc EQUAL 0)
      list(APPEND unformatted "${f}")
    endif()
  endforeach()
  if(NOT unformatted)
    message(
      FATAL_ERROR "cmake-format --check failed on the whole set (rc ${rc})")
  endif()
endif()
if(unformatted)
  message(FATAL_ERROR "not formatted (run cmake-format -i): ${unformatted}")
endif()
message(STATUS "${checked} CMake files formatted")

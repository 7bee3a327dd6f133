# Fails if any CMake file of the project is not formatted as .cmake-format.yaml says.
# usage: cmake -DCMAKE_FORMAT=path -DSOURCE_DIR=path -P cmake_format_check.cmake
file(GLOB_RECURSE candidates RELATIVE "${SOURCE_DIR}"
     "${SOURCE_DIR}/CMakeLists.txt" "${SOURCE_DIR}/*/CMakeLists.txt"
     "${SOURCE_DIR}/*.cmake")
set(unformatted)
set(checked 0)
foreach(f IN LISTS candidates)
  if(f MATCHES "^build" OR f MATCHES "/build")
    continue()
  endif()
  math(EXPR checked "${checked} + 1")
  execute_process(
    COMMAND ${CMAKE_FORMAT} -c "${SOURCE_DIR}/.cmake-format.yaml" --check
            "${SOURCE_DIR}/${f}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0)
    list(APPEND unformatted "${f}")
  endif()
endforeach()
if(unformatted)
  message(FATAL_ERROR "not formatted (run cmake-format -i): ${unformatted}")
endif()
message(STATUS "${checked} CMake files formatted")

# ctest driver for example/add_subdirectory (cmake -P). Configures the project in
# EXAMPLE_SOURCE_DIR, which embeds the Ember tree at EMBER_SOURCE_DIR with add_subdirectory, and
# checks the compile commands of Ember's own sources: warnings on (-Wall -Wextra) but not errors,
# since an embedder's newer compiler may warn where Ember's CI does not. Then once more with
# EMBER_WARNINGS_AS_ERRORS=ON, which must add -Werror. Configure only: building would compile
# Ember a second time.
#
# Inputs: EMBER_SOURCE_DIR, EXAMPLE_SOURCE_DIR, WORK_DIR, GENERATOR, CXX_COMPILER.
foreach(var EMBER_SOURCE_DIR EXAMPLE_SOURCE_DIR WORK_DIR GENERATOR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "test.cmake: ${var} is not set")
  endif()
endforeach()

# Configures into WORK_DIR/<name> with the extra arguments and sets `commands` to the compile
# commands of Ember's core sources (src/).
function(configure_embedded name)
  set(build ${WORK_DIR}/${name})
  file(REMOVE_RECURSE ${build})
  set(args
      -S
      ${EXAMPLE_SOURCE_DIR}
      -B
      ${build}
      -G
      ${GENERATOR}
      -DEMBER_SOURCE_DIR=${EMBER_SOURCE_DIR}
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
      ${ARGN})
  if(CXX_COMPILER)
    list(APPEND args -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
  endif()
  execute_process(
    COMMAND ${CMAKE_COMMAND} ${args}
    RESULT_VARIABLE rc
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "configure (${name}) failed (${rc}):\n${out}\n${err}")
  endif()
  file(READ ${build}/compile_commands.json json)
  string(JSON count LENGTH "${json}")
  math(EXPR last "${count} - 1")
  set(found)
  foreach(i RANGE ${last})
    string(JSON file GET "${json}" ${i} file)
    string(JSON command GET "${json}" ${i} command)
    file(TO_CMAKE_PATH "${file}" file)
    string(FIND "${file}" "${EMBER_SOURCE_DIR}/src/" at)
    if(at EQUAL 0)
      list(APPEND found "${command}")
    endif()
  endforeach()
  if(NOT found)
    message(
      FATAL_ERROR "configure (${name}): no compile command for Ember's src/")
  endif()
  set(commands "${found}" PARENT_SCOPE)
endfunction()

configure_embedded(default)
foreach(command IN LISTS commands)
  if(NOT command MATCHES " -Wall( |$)" OR NOT command MATCHES " -Wextra( |$)")
    message(
      FATAL_ERROR "embedded Ember compiles without its warnings:\n${command}")
  endif()
  if(command MATCHES " -Werror( |$)")
    message(FATAL_ERROR "embedded Ember compiles with -Werror:\n${command}")
  endif()
endforeach()

configure_embedded(werror -DEMBER_WARNINGS_AS_ERRORS=ON)
foreach(command IN LISTS commands)
  if(NOT command MATCHES " -Werror( |$)")
    message(
      FATAL_ERROR "EMBER_WARNINGS_AS_ERRORS=ON did not add -Werror:\n${command}"
    )
  endif()
endforeach()
message(
  STATUS
    "embedded Ember: -Wall -Wextra, -Werror only with EMBER_WARNINGS_AS_ERRORS")

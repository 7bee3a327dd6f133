# ctest driver for example/find_package (cmake -P). Installs the ember build tree at
# EMBER_BINARY_DIR into WORK_DIR/prefix, then configures, builds and runs the project in
# EXAMPLE_SOURCE_DIR against that prefix. Any failing step fails the test.
#
# Inputs: EMBER_BINARY_DIR, EXAMPLE_SOURCE_DIR, WORK_DIR, GENERATOR, CXX_COMPILER, CONFIG (may be
# empty for single-config generators). With WASI_CC, WASI_SYSROOT and HELLO_DIR (examples/hello)
# it also compiles hello.c to wasm32-wasi and has the example run it through the installed WASI
# layer, with HELLO_DIR granted to it as /data.
#
# Like every ctest, this expects a fully built tree: `cmake --install` copies whatever the project
# installs (library, WASI layer, CLI) and does not build it.
foreach(var EMBER_BINARY_DIR EXAMPLE_SOURCE_DIR WORK_DIR GENERATOR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "test.cmake: ${var} is not set")
  endif()
endforeach()
if(NOT CONFIG)
  set(CONFIG Release)
endif()

function(run_step name)
  execute_process(
    COMMAND ${ARGN}
    RESULT_VARIABLE rc
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name} failed (${rc}):\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

# A fresh prefix each run, so a stale install cannot hide a packaging error.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

run_step(
  "install (build the whole project before running this test)"
  ${CMAKE_COMMAND}
  --install
  ${EMBER_BINARY_DIR}
  --prefix
  ${prefix}
  --config
  ${CONFIG})

set(configure_args
    -S
    ${EXAMPLE_SOURCE_DIR}
    -B
    ${WORK_DIR}/build
    -G
    ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_BUILD_TYPE=${CONFIG})
if(CXX_COMPILER)
  list(APPEND configure_args -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
endif()
run_step("configure of the find_package example" ${CMAKE_COMMAND}
         ${configure_args})
run_step("build of the find_package example" ${CMAKE_COMMAND} --build
         ${WORK_DIR}/build --config ${CONFIG})

# Single-config generators put the binary at the top of the build dir, multi-config ones in a
# per-config subdirectory.
set(exe ${WORK_DIR}/build/ember-find-package-example)
if(NOT EXISTS ${exe} AND NOT EXISTS ${exe}.exe)
  set(exe ${WORK_DIR}/build/${CONFIG}/ember-find-package-example)
endif()
run_step("run of the find_package example" ${exe})
if(NOT step_output MATCHES "add\\(2, 3\\) = 5")
  message(
    FATAL_ERROR
      "unexpected output from the find_package example:\n${step_output}")
endif()
message(STATUS "find_package example: ${step_output}")

if(NOT WASI_CC)
  message(
    STATUS "find_package example: no WASI_CC, the WASI program is not run")
  return()
endif()
# Compiled and linked in two steps: at -O, clang's wasm link step would run binaryen's wasm-opt if
# one is on PATH, and a wasm-opt of another vintage can fail the link.
set(hello ${WORK_DIR}/hello.wasm)
run_step(
  "compile of hello.c to wasm32-wasi"
  ${WASI_CC}
  --target=wasm32-wasi
  --sysroot=${WASI_SYSROOT}
  -O2
  -c
  ${HELLO_DIR}/hello.c
  -o
  ${WORK_DIR}/hello.o)
run_step(
  "link of hello.wasm"
  ${WASI_CC}
  --target=wasm32-wasi
  --sysroot=${WASI_SYSROOT}
  ${WORK_DIR}/hello.o
  -o
  ${hello})
# hello.wasm greets $USER, then counts the lines, words and bytes of the files it is given.
run_step("run of hello.wasm by the find_package example" ${exe} ${hello}
         ${HELLO_DIR} /data/hello.c)
# The byte count shows that the program read the whole file through the granted directory.
file(SIZE ${HELLO_DIR}/hello.c hello_bytes)
if(NOT
   step_output
   MATCHES
   "hello from wasm, find_package\n +[0-9]+ +[0-9]+ +${hello_bytes} /data/hello.c\n"
)
  message(
    FATAL_ERROR
      "unexpected output from hello.wasm in the find_package example:\n${step_output}"
  )
endif()
message(STATUS "find_package example, WASI program: ${step_output}")

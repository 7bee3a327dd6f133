# Finds a C compiler able to build wasm32-wasi programs (Debian: clang, lld, wasi-libc,
# libclang-rt-*-dev-wasm32), for the tests and examples that run C programs compiled to wasm.
#
# Sets the cache variables EMBER_WASI_CC (the compiler), EMBER_WASI_SYSROOT (wasi-libc) and
# EMBER_WASI_CC_WORKS (internal: TRUE if the probe program compiled and linked in this configure
# run; cached so that every directory including this module sees it, while the probe runs once).
# The probe compiles with -O2 and links without -O, as the users of this module do: at -O, clang's
# wasm link step runs binaryen's wasm-opt when one is on PATH, and a wasm-opt of another vintage
# can fail the link.
include_guard(GLOBAL)

find_program(EMBER_WASI_CC NAMES clang clang-16 clang-15 clang-14)
set(EMBER_WASI_SYSROOT "/usr"
    CACHE PATH "wasi-libc sysroot for compiling C programs to wasm32-wasi")
set(wasi_cc_works FALSE)
if(EMBER_WASI_CC)
  set(probe_dir ${CMAKE_BINARY_DIR}/wasi-cc-probe)
  file(WRITE ${probe_dir}/probe.c
       "#include <stdio.h>\nint main(void) { puts(\"ok\"); return 0; }\n")
  execute_process(
    COMMAND ${EMBER_WASI_CC} --target=wasm32-wasi
            --sysroot=${EMBER_WASI_SYSROOT} -O2 -c probe.c -o probe.o
    WORKING_DIRECTORY ${probe_dir}
    RESULT_VARIABLE probe_compile
    OUTPUT_QUIET ERROR_QUIET)
  if(probe_compile EQUAL 0)
    execute_process(
      COMMAND ${EMBER_WASI_CC} --target=wasm32-wasi
              --sysroot=${EMBER_WASI_SYSROOT} probe.o -o probe.wasm
      WORKING_DIRECTORY ${probe_dir}
      RESULT_VARIABLE probe_link
      OUTPUT_QUIET ERROR_QUIET)
    if(probe_link EQUAL 0)
      set(wasi_cc_works TRUE)
    endif()
  endif()
endif()
set(EMBER_WASI_CC_WORKS ${wasi_cc_works}
    CACHE INTERNAL "EMBER_WASI_CC builds wasm32-wasi programs")

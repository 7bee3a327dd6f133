# Finds a C compiler that targets wasm32-wasi (Debian: clang, lld, wasi-libc,
# libclang-rt-*-dev-wasm32) and proves it can link a program. Sets EMBER_WASI_CC
# (cache) and EMBER_WASI_CC_OK. Include once; later includes reuse the result.
if(DEFINED EMBER_WASI_CC_OK)
  return()
endif()
find_program(EMBER_WASI_CC NAMES clang clang-16 clang-15 clang-14)
set(EMBER_WASI_SYSROOT "/usr"
    CACHE PATH "wasi-libc sysroot for compiling the WASI test programs")
set(EMBER_WASI_CC_OK FALSE)
if(EMBER_WASI_CC)
  set(probe_dir ${PROJECT_BINARY_DIR}/wasi-cc-probe)
  file(WRITE ${probe_dir}/probe.c
       "#include <stdio.h>\nint main(void) { puts(\"ok\"); return 0; }\n")
  execute_process(
    COMMAND
      ${EMBER_WASI_CC} --target=wasm32-wasi --sysroot=${EMBER_WASI_SYSROOT}
      ${probe_dir}/probe.c -o ${probe_dir}/probe.wasm
    RESULT_VARIABLE probe_result
    OUTPUT_QUIET ERROR_QUIET)
  if(probe_result EQUAL 0)
    set(EMBER_WASI_CC_OK TRUE)
  endif()
endif()
set(EMBER_WASI_CC_OK ${EMBER_WASI_CC_OK} CACHE INTERNAL "")

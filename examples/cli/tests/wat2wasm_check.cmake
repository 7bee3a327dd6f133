# ember wat2wasm --no-names IN -o OUT must write the bytes wabt's wat2wasm writes (when it is installed), and
# the output must validate.
# usage: cmake -DEMBER=path -DWAT2WASM=path-or-empty -DIN=file.wat -DOUT_DIR=dir -P wat2wasm_check.cmake
file(MAKE_DIRECTORY "${OUT_DIR}")
get_filename_component(name "${IN}" NAME_WE)
set(out "${OUT_DIR}/${name}.wasm")
file(REMOVE "${out}")
execute_process(COMMAND "${EMBER}" wat2wasm --no-names "${IN}" -o "${out}"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ember wat2wasm failed (${rc}): ${err}")
endif()
execute_process(COMMAND "${EMBER}" validate "${out}" RESULT_VARIABLE rc
                OUTPUT_VARIABLE text)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "converted module does not validate: ${text}")
endif()
if(WAT2WASM)
  set(ref "${OUT_DIR}/${name}.wabt.wasm")
  execute_process(COMMAND "${WAT2WASM}" "${IN}" -o "${ref}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "wabt's wat2wasm failed on ${IN}")
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files --ignore-eol
                          "${out}" "${ref}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${out} differs from wabt's ${ref}")
  endif()
endif()
message(STATUS "${IN}: converted and validated")

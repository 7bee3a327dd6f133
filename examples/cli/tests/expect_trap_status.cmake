# --trap-unknown-imports: calling the missing import traps (exit status 134) with its name.
execute_process(COMMAND ${EMBER} --trap-unknown-imports --invoke call_missing
                        ${IN} RESULT_VARIABLE status ERROR_VARIABLE err)
if(NOT status EQUAL 134)
  message(FATAL_ERROR "exit status ${status}, expected 134\n${err}")
endif()
if(NOT err MATCHES "trap: .*unknown import env.not_provided called")
  message(FATAL_ERROR "trap message lacks the import's name:\n${err}")
endif()

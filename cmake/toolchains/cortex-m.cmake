# Cross build for bare-metal Cortex-M with Debian's arm-none-eabi-gcc and newlib-nano; the firmware
# tests run under qemu-system-arm (platforms/cortex-m/run-qemu.sh as CMAKE_CROSSCOMPILING_EMULATOR).
# usage: cmake -S . -B build-m3 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/cortex-m.cmake
#        [-DEMBER_CORTEX_M_CPU=cortex-m3|cortex-m0|cortex-m4f]   (or: cmake --preset cortex-m3)
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
# No host to link test programs against during configuration checks.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(EMBER_CORTEX_M_CPU cortex-m3
    CACHE STRING "Cortex-M core: cortex-m0, cortex-m3 or cortex-m4f")
if(EMBER_CORTEX_M_CPU STREQUAL "cortex-m0")
  set(_ember_cpu_flags "-mcpu=cortex-m0 -mthumb")
elseif(EMBER_CORTEX_M_CPU STREQUAL "cortex-m3")
  set(_ember_cpu_flags "-mcpu=cortex-m3 -mthumb")
elseif(EMBER_CORTEX_M_CPU STREQUAL "cortex-m4f")
  set(_ember_cpu_flags
      "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
else()
  message(FATAL_ERROR "EMBER_CORTEX_M_CPU: unknown core ${EMBER_CORTEX_M_CPU}")
endif()

# Size first; sections per function so the linker drops what a firmware does not call.
set(CMAKE_C_FLAGS_INIT
    "${_ember_cpu_flags} -ffunction-sections -fdata-sections")
set(CMAKE_CXX_FLAGS_INIT
    "${_ember_cpu_flags} -ffunction-sections -fdata-sections")
# Firmware is built for size: MinSizeRel (-Os) unless the user asks otherwise.
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE MinSizeRel CACHE STRING "Build type")
endif()
# newlib-nano (libstdc++_nano is built without exceptions); our own startup, no crt0.
set(CMAKE_EXE_LINKER_FLAGS_INIT
    "${_ember_cpu_flags} --specs=nano.specs --specs=nosys.specs -nostartfiles -Wl,--gc-sections"
)

# The interpreter loop at -O2: under -Os GCC shares one dispatch jump among all handlers (one more
# branch and reload per wasm instruction). Measured on fib(24), Cortex-M3: 19.7M -> 16.6M guest
# instructions for 4.2 KB more code. Without loop-to-memset conversion: zero_locals' loop is meant
# to stay a loop, and a memset call on the call path makes GCC keep the callee's registers across
# it (two more moves per wasm call).
set(EMBER_INTERPRETER_FLAGS -O2 -fno-tree-loop-distribute-patterns
    CACHE STRING "Extra compile flags for src/execute/interpreter.cpp")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(EMBER_PLATFORM cortex-m CACHE STRING "Platform shim")
set(CMAKE_CROSSCOMPILING_EMULATOR
    ${CMAKE_CURRENT_LIST_DIR}/../../platforms/cortex-m/run-qemu.sh)

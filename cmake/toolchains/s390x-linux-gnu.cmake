# Cross build for s390x Linux (64-bit big-endian) with Debian's g++-s390x-linux-gnu; tests run
# through qemu-user (CMAKE_CROSSCOMPILING_EMULATOR), so ctest works unchanged.
# usage: cmake -S . -B build-s390x -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/s390x-linux-gnu.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR s390x)
set(EMBER_S390X_SYSROOT /usr/s390x-linux-gnu)
set(CMAKE_C_COMPILER s390x-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER s390x-linux-gnu-g++)
set(CMAKE_FIND_ROOT_PATH ${EMBER_S390X_SYSROOT})
# Tools (wat2wasm, python3) come from the build machine; libraries and packages from the target
# only, so the host's Catch2 is not mistaken for one that links against s390x code.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
find_program(EMBER_QEMU_S390X NAMES qemu-s390x qemu-s390x-static)
if(EMBER_QEMU_S390X)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${EMBER_QEMU_S390X} -L
                                    ${EMBER_S390X_SYSROOT})
endif()

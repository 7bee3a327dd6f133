// ARM semihosting for M-profile cores (BKPT 0xAB): the console and the exit status of a firmware
// run under a debugger or QEMU (-semihosting-config enable=on). Nothing else in Ember uses it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ember {
namespace cortex_m {
namespace semihost {

inline int call(int op, const void* arg) noexcept {
  register int r0 asm("r0") = op;
  register const void* r1 asm("r1") = arg;
  asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

// ARM-compatible semihosting has no pre-opened descriptors: ":tt" opened for writing (mode 4) is
// the console.
inline int open_console() noexcept {
  const std::uintptr_t block[3] = {reinterpret_cast<std::uintptr_t>(":tt"), 4, 3};
  return call(0x01 /* SYS_OPEN */, block);
}

// Returns the number of bytes NOT written.
inline int write(int fd, const void* data, std::size_t len) noexcept {
  const std::uintptr_t block[3] = {std::uintptr_t(fd), reinterpret_cast<std::uintptr_t>(data), len};
  return call(0x05 /* SYS_WRITE */, block);
}

// SYS_EXIT_EXTENDED carries the status on AArch32 (plain SYS_EXIT can only say 0 or 1).
[[noreturn]] inline void exit(int code) noexcept {
  const std::uint32_t block[2] = {0x20026 /* ADP_Stopped_ApplicationExit */, std::uint32_t(code)};
  call(0x20 /* SYS_EXIT_EXTENDED */, block);
  for (;;) {
  }
}

}  // namespace semihost
}  // namespace cortex_m
}  // namespace ember

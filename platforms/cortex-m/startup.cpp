// Vector table and reset handler for Cortex-M0/M3/M4/M7 boards, plus the stack measurement.
//
// Reset copies .data, clears .bss, enables the FPU when the build uses one, runs the C++
// constructors, and calls main(); main's return value becomes the semihosting exit status. Every
// fault exits with status 99, so a crash under QEMU is a failed test, never a hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "ember/board.h"
#include "semihost.h"

extern "C" {
extern std::uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];
extern std::uint32_t __stack_top[], __stack_limit[];
extern void (*__preinit_array_start[])(), (*__preinit_array_end[])();
extern void (*__init_array_start[])(), (*__init_array_end[])();
int main();
[[noreturn]] void Reset_Handler();
// -nostartfiles drops crtbegin, which normally defines it.
void* __dso_handle = nullptr;
}

namespace {

constexpr std::uint32_t kPaint = 0x57AC57ACu;
// The boards QEMU models read unmapped RAM as zero and drop writes, so a stack overflow does not
// fault: if any word of the lowest kGuardWords of the stack area was touched, the stack reached its
// limit and the run fails with status 98. Frames stay below the band (-Wframe-larger-than=512).
constexpr int kGuardWords = 128;

[[noreturn]] void fault_handler() { ember::cortex_m::semihost::exit(99); }

void paint_below(std::uint32_t* sp) noexcept {
  for (std::uint32_t* p = __stack_limit; p < sp; ++p) *p = kPaint;
}

std::uint32_t* current_sp() noexcept {
  std::uint32_t* sp;
  asm volatile("mov %0, sp" : "=r"(sp));
  return sp;
}

void check_stack_guard() {
  for (int i = 0; i < kGuardWords; ++i)
    if (__stack_limit[i] != kPaint) ember::cortex_m::semihost::exit(98);
}

}  // namespace

extern "C" std::size_t ember_board_stack_high_water_bytes(void) noexcept {
  const std::uint32_t* p = __stack_limit;
  while (p < __stack_top && *p == kPaint) ++p;
  return std::size_t(reinterpret_cast<const char*>(__stack_top) - reinterpret_cast<const char*>(p));
}

extern "C" void ember_board_stack_repaint(void) noexcept {
  // Leave the words just below the stack pointer alone: this function's own frame lives there.
  paint_below(current_sp() - 16);
}

extern "C" [[noreturn]] void Reset_Handler() {
  paint_below(current_sp() - 16);
  for (std::uint32_t *src = __data_load, *dst = __data_start; dst < __data_end;) *dst++ = *src++;
  for (std::uint32_t* dst = __bss_start; dst < __bss_end;) *dst++ = 0;
#if defined(__ARM_FP)
  // CPACR: full access to CP10/CP11 before the first floating-point instruction.
  *reinterpret_cast<volatile std::uint32_t*>(0xE000ED88) |= 0xFu << 20;
  asm volatile("dsb\n isb");
#endif
  for (auto f = __preinit_array_start; f < __preinit_array_end; ++f) (*f)();
  for (auto f = __init_array_start; f < __init_array_end; ++f) (*f)();
  std::atexit(check_stack_guard);
  std::exit(main());
}

using Handler = void (*)();
extern "C" __attribute__((section(".isr_vector"), used)) const Handler g_ember_vectors[16] = {
    reinterpret_cast<Handler>(__stack_top),
    Reset_Handler,
    fault_handler,  // NMI
    fault_handler,  // HardFault
    fault_handler,  // MemManage
    fault_handler,  // BusFault
    fault_handler,  // UsageFault
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    fault_handler,  // SVCall
    fault_handler,  // DebugMonitor
    nullptr,
    fault_handler,  // PendSV
    fault_handler,  // SysTick (only polled, never enabled as an interrupt)
};

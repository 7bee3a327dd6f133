// What the Cortex-M platform gives a firmware program besides the C runtime: measurements of the
// run (stack high water, heap break, a guest-instruction clock) and the hooks a board supplies.
//
// Startup paints the stack area; stack_high_water_bytes() reports how deep it was ever used, and
// stack_repaint() starts a new measurement from the current stack pointer down. The clock is
// SysTick running from the CPU clock: under QEMU with -icount shift=0 one tick is a fixed number of
// guest instructions (40 on the mps2 boards), so cycle counts are deterministic there.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" {

// Bytes of stack used since reset, or since the last stack_repaint().
std::size_t ember_board_stack_high_water_bytes(void) noexcept;
// Paints the unused part of the stack again, so the next high-water reading measures what follows.
void ember_board_stack_repaint(void) noexcept;
// Bytes the C heap (_sbrk) has handed out since reset: malloc's high water, headers included.
std::size_t ember_board_heap_break_bytes(void) noexcept;
// Starts SysTick as a free-running down-counter from the CPU clock (24 bits, wraps every 2^24).
void ember_board_clock_start(void) noexcept;
// Ticks since ember_board_clock_start(), valid across at most one wrap per reading.
uint32_t ember_board_clock_ticks(void) noexcept;
// Guest instructions per SysTick tick under QEMU -icount shift=0 (mps2 boards: 40).
uint32_t ember_board_instructions_per_tick(void) noexcept;
// Entropy for WASI random_get. Weak default: a xorshift generator seeded from SysTick, which is
// NOT cryptographic; a board with a hardware RNG overrides this symbol.
void ember_board_entropy(uint8_t* out, std::size_t len) noexcept;
// Writes to the semihosting console (the board's debug channel).
void ember_board_console_write(const char* data, std::size_t len) noexcept;
}

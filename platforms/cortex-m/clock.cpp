// SysTick as a free-running clock, and a weak entropy source seeded from it.
#include <cstddef>
#include <cstdint>

#include "ember/board.h"

namespace {
volatile std::uint32_t& reg(std::uintptr_t address) {
  return *reinterpret_cast<volatile std::uint32_t*>(address);
}
constexpr std::uintptr_t kSysTickCsr = 0xE000E010, kSysTickRvr = 0xE000E014, kSysTickCvr = 0xE000E018;
constexpr std::uint32_t kMask = 0xFFFFFFu;  // SysTick counts 24 bits
std::uint32_t g_start = 0;
}  // namespace

extern "C" void ember_board_clock_start(void) noexcept {
  reg(kSysTickRvr) = kMask;
  reg(kSysTickCvr) = 0;
  reg(kSysTickCsr) = 5;  // enable, clocked by the CPU, no interrupt
  g_start = reg(kSysTickCvr) & kMask;
}

extern "C" std::uint32_t ember_board_clock_ticks(void) noexcept {
  // The counter counts down; the difference modulo 2^24 survives one wrap.
  return (g_start - (reg(kSysTickCvr) & kMask)) & kMask;
}

extern "C" std::uint32_t ember_board_instructions_per_tick(void) noexcept { return 40; }

extern "C" __attribute__((weak)) void ember_board_entropy(std::uint8_t* out, std::size_t len) noexcept {
  static std::uint32_t state = 0;
  if (state == 0) state = (reg(kSysTickCvr) | 1u) * 2654435761u;
  for (std::size_t i = 0; i < len; ++i) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    out[i] = std::uint8_t(state);
  }
}

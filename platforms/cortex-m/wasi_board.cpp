// The system half of the platform interface on a Cortex-M board: stdout and stderr (handles 1 and
// 2) go to the board console, stdin reads end of file, the monotonic clock is SysTick, randomness
// comes from the board's entropy hook. Files and directories: platforms/none/wasi_no_files.cpp.
#include "ember/board.h"
#include "platform.h"

namespace ember {
namespace wasi {
namespace platform {
namespace {

// The monotonic clock, in nanoseconds since clock_start: SysTick ticks (24 bits) extended to 64
// bits on every reading, so it stays right as long as it is read at least once per wrap.
uint64_t monotonic_ns() noexcept {
  static bool started = false;
  static uint64_t total_ticks = 0;
  static uint32_t last = 0;
  if (!started) {
    ember_board_clock_start();
    started = true;
  }
  uint32_t now = ember_board_clock_ticks();
  total_ticks += (now - last) & 0xFFFFFFu;
  last = now;
  // Under QEMU -icount shift=0 a guest instruction takes 1 ns.
  return total_ticks * ember_board_instructions_per_tick();
}

bool is_console(Handle h) noexcept { return h == 1 || h == 2; }

}  // namespace

Errno clock_resolution(uint32_t clock_id, uint64_t* out_ns) noexcept {
  if (clock_id != kClockMonotonic) return kNoSys;
  *out_ns = ember_board_instructions_per_tick();
  return kSuccess;
}

Errno clock_time(uint32_t clock_id, uint64_t* out_ns) noexcept {
  if (clock_id != kClockMonotonic) return kNoSys;  // no real-time clock on the board
  *out_ns = monotonic_ns();
  return kSuccess;
}

Errno random_bytes(uint8_t* out, std::size_t len) noexcept {
  ember_board_entropy(out, len);
  return kSuccess;
}

Errno sleep_ns(uint64_t ns) noexcept {
  const uint64_t until = monotonic_ns() + ns;
  while (monotonic_ns() < until) {
  }
  return kSuccess;
}

Errno yield_cpu() noexcept { return kSuccess; }
Errno close(Handle) noexcept { return kSuccess; }

Errno stat(Handle h, FileStat* out) noexcept {
  if (h < 0 || h > 2) return kBadF;
  *out = FileStat{};
  out->filetype = kFileTypeCharacterDevice;
  return kSuccess;
}

Errno read(Handle h, const IoSlice*, std::size_t, std::size_t* done) noexcept {
  if (h != 0) return kBadF;
  *done = 0;  // end of file
  return kSuccess;
}

Errno write(Handle h, const IoSlice* iov, std::size_t count, std::size_t* done) noexcept {
  if (!is_console(h)) return kBadF;
  std::size_t total = 0;
  for (std::size_t i = 0; i < count; ++i) {
    ember_board_console_write(reinterpret_cast<const char*>(iov[i].data), iov[i].len);
    total += iov[i].len;
  }
  *done = total;
  return kSuccess;
}

Errno poll(PollItem* items, std::size_t count, int64_t timeout_ns) noexcept {
  // The console is always ready; with nothing to wait for, poll is a sleep.
  bool any = false;
  for (std::size_t i = 0; i < count; ++i) {
    items[i].ready = items[i].handle >= 0 && items[i].handle <= 2;
    any = any || items[i].ready;
  }
  if (!any && timeout_ns > 0) return sleep_ns(uint64_t(timeout_ns));
  return kSuccess;
}

}  // namespace platform
}  // namespace wasi
}  // namespace ember

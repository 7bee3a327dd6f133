// The newlib hooks a firmware program needs (nosys link): console output through semihosting, a
// heap bounded by the stack area (malloc returns NULL instead of eating the stack), and exit.
#include <sys/stat.h>

#include <cerrno>
#include <cstddef>

#include "ember/board.h"
#include "semihost.h"

extern "C" {
extern char __heap_start[], __stack_limit[];

namespace {
char* g_break = __heap_start;
int g_console = -1;
}  // namespace

void ember_board_console_write(const char* data, std::size_t len) noexcept {
  if (g_console < 0) g_console = ember::cortex_m::semihost::open_console();
  ember::cortex_m::semihost::write(g_console, data, len);
}

std::size_t ember_board_heap_break_bytes(void) noexcept { return std::size_t(g_break - __heap_start); }

int _write(int fd, const char* data, int len) {
  if (fd != 1 && fd != 2) {
    errno = EBADF;
    return -1;
  }
  ember_board_console_write(data, std::size_t(len));
  return len;
}

void* _sbrk(std::ptrdiff_t increment) {
  if (increment > __stack_limit - g_break || increment < __heap_start - g_break) {
    errno = ENOMEM;
    return reinterpret_cast<void*>(-1);
  }
  char* old = g_break;
  g_break += increment;
  return old;
}

[[noreturn]] void _exit(int code) { ember::cortex_m::semihost::exit(code); }
int _fstat(int, struct stat* st) {
  st->st_mode = S_IFCHR;
  return 0;
}
int _isatty(int) { return 1; }
}

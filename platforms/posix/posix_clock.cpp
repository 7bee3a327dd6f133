// Clocks, randomness, sleeping and yielding on POSIX.
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>

#include "platform.h"
#include "posix_common.h"

#if defined(__linux__)
#include <sys/random.h>
#endif

namespace ember {
namespace wasi {
namespace platform {
namespace {

bool host_clock(uint32_t id, clockid_t* out) {
  switch (id) {
    case kClockRealtime: *out = CLOCK_REALTIME; return true;
    case kClockMonotonic: *out = CLOCK_MONOTONIC; return true;
    case kClockProcessCputime: *out = CLOCK_PROCESS_CPUTIME_ID; return true;
    case kClockThreadCputime: *out = CLOCK_THREAD_CPUTIME_ID; return true;
    default: return false;
  }
}

}  // namespace

Errno clock_resolution(uint32_t clock_id, uint64_t* out_ns) noexcept {
  clockid_t id;
  if (!host_clock(clock_id, &id)) return kInval;
  timespec ts;
  if (clock_getres(id, &ts) != 0) return posix::last_error();
  *out_ns = posix::to_ns(ts);
  return kSuccess;
}

Errno clock_time(uint32_t clock_id, uint64_t* out_ns) noexcept {
  clockid_t id;
  if (!host_clock(clock_id, &id)) return kInval;
  timespec ts;
  if (clock_gettime(id, &ts) != 0) return posix::last_error();
  *out_ns = posix::to_ns(ts);
  return kSuccess;
}

Errno random_bytes(uint8_t* out, std::size_t len) noexcept {
  while (len > 0) {
#if defined(__linux__)
    ssize_t n = getrandom(out, len, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return posix::last_error();
    }
#else
    // getentropy serves at most 256 bytes per call.
    std::size_t n = len < 256 ? len : 256;
    if (getentropy(out, n) != 0) return posix::last_error();
#endif
    out += n;
    len -= std::size_t(n);
  }
  return kSuccess;
}

Errno sleep_ns(uint64_t ns) noexcept {
  timespec req;
  req.tv_sec = time_t(ns / 1000000000ull);
  req.tv_nsec = long(ns % 1000000000ull);
  timespec rem;
  while (nanosleep(&req, &rem) != 0) {
    if (errno != EINTR) return posix::last_error();
    req = rem;
  }
  return kSuccess;
}

Errno yield_cpu() noexcept {
  sched_yield();
  return kSuccess;
}

}  // namespace platform
}  // namespace wasi
}  // namespace ember

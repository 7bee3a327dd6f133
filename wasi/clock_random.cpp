// Clocks, randomness and yielding: thin checks over the platform.
#include "functions.h"
#include "platform.h"

namespace ember {
namespace wasi {
namespace {

bool known_clock(uint32_t id) { return id <= kClockThreadCputime; }

// random_get fills large requests in pieces so the host never needs a buffer of the guest's size.
constexpr uint32_t kRandomChunk = 256;

}  // namespace

Errno clock_res_get(HostCall& c) {
  uint32_t id = c.u32(0), out = c.u32(1);
  if (!known_clock(id)) return kInval;
  if (!c.mem.in_bounds(out, 8)) return kFault;
  uint64_t ns = 0;
  Errno err = platform::clock_resolution(id, &ns);
  if (err != kSuccess) return err;
  return c.mem.store_u64(out, ns);
}

Errno clock_time_get(HostCall& c) {
  uint32_t id = c.u32(0), out = c.u32(2);  // arg 1, precision, is a hint we need not honour
  if (!known_clock(id)) return kInval;
  if (!c.mem.in_bounds(out, 8)) return kFault;
  uint64_t ns = 0;
  Errno err = platform::clock_time(id, &ns);
  if (err != kSuccess) return err;
  return c.mem.store_u64(out, ns);
}

Errno random_get(HostCall& c) {
  uint32_t buf = c.u32(0), len = c.u32(1);
  uint8_t* dest = c.mem.span(buf, len);
  if (!dest) return len == 0 && c.mem.in_bounds(buf, 0) ? kSuccess : kFault;
  // Fill through a host buffer so a platform that fails part-way never leaves half-secret output.
  uint8_t chunk[kRandomChunk];
  for (uint32_t done = 0; done < len;) {
    uint32_t n = len - done < kRandomChunk ? len - done : kRandomChunk;
    Errno err = platform::random_bytes(chunk, n);
    if (err != kSuccess) return err;
    for (uint32_t i = 0; i < n; ++i) dest[done + i] = chunk[i];
    done += n;
  }
  charge_bytes(c, len);
  return kSuccess;
}

Errno sched_yield(HostCall&) { return platform::yield_cpu(); }

}  // namespace wasi
}  // namespace ember

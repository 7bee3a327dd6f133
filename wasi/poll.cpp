// poll_oneoff: waits for clock deadlines and fd readiness.
#include "functions.h"
#include "platform.h"

namespace ember {
namespace wasi {
namespace {

// Subscriptions handled per call. The guest's buffers already bound the count; this bounds what the
// host allocates for them.
constexpr uint32_t kMaxSubscriptions = 65536;

struct Sub {
  uint64_t userdata = 0;
  uint8_t type = 0;
  Errno error = kSuccess;   // set when the subscription fails at once (bad fd, unknown clock)
  uint64_t remaining = 0;   // clock: nanoseconds until the deadline
  uint32_t poll_index = 0;  // fd: index into the platform poll items
};

void put_event(uint8_t* out, const Sub& s, Errno error, uint64_t nbytes, uint16_t flags) {
  for (uint32_t i = 0; i < layout::kEventSize; ++i) out[i] = 0;
  put_le64(out + 0, s.userdata);
  put_le16(out + 8, error);
  out[10] = s.type;
  put_le64(out + 16, nbytes);
  put_le16(out + 24, flags);
}

uint64_t monotonic_now() {
  uint64_t t = 0;
  platform::clock_time(kClockMonotonic, &t);
  return t;
}

}  // namespace

// args: in, out, nsubscriptions, nevents_ptr
// Sleeps `ns`, in slices short enough that an interrupt of the store (Store::interrupt_handle)
// ends the wait within one: then kIntr, and the guest stops at its next check.
static Errno interruptible_sleep(const InterruptHandle* interrupt, uint64_t ns) {
  constexpr uint64_t kSliceNs = 10 * 1000 * 1000;
  while (ns > 0) {
    if (interrupt && interrupt->pending()) return kIntr;
    uint64_t step = ns < kSliceNs ? ns : kSliceNs;
    Errno err = platform::sleep_ns(step);
    if (err != kSuccess) return err;
    ns -= step;
  }
  return kSuccess;
}

Errno poll_oneoff(HostCall& c) {
  uint32_t in = c.u32(0), out = c.u32(1), nsubs = c.u32(2), nevents_ptr = c.u32(3);
  if (nsubs == 0 || nsubs > kMaxSubscriptions) return kInval;
  const uint8_t* src = c.mem.span(in, uint64_t(nsubs) * layout::kSubscriptionSize);
  uint8_t* dst = c.mem.span(out, uint64_t(nsubs) * layout::kEventSize);
  if (!src || !dst || !c.mem.in_bounds(nevents_ptr, 4)) return kFault;

  // Decode everything before writing anything: `in` and `out` may overlap.
  detail::Vec<Sub> subs;
  detail::Vec<platform::PollItem> items;
  if (!subs.resize(nsubs) || !items.reserve(nsubs)) return kNoMem;
  bool any_clock = false, any_immediate = false;
  uint64_t min_remaining = 0;
  for (uint32_t i = 0; i < nsubs; ++i) {
    const uint8_t* p = src + uint64_t(i) * layout::kSubscriptionSize;
    Sub& s = subs[i];
    s.userdata = get_le64(p);
    s.type = p[8];
    if (s.type == kEventClock) {
      uint32_t id = get_le32(p + 16);
      uint64_t timeout = get_le64(p + 24);
      uint16_t flags = get_le16(p + 40);
      uint64_t now = 0;
      if (id > kClockThreadCputime || platform::clock_time(id, &now) != kSuccess) {
        s.error = kInval;
      } else if (flags & kSubclockAbstime) {
        s.remaining = timeout > now ? timeout - now : 0;
      } else {
        s.remaining = timeout;
      }
      if (s.error == kSuccess) {
        if (!any_clock || s.remaining < min_remaining) min_remaining = s.remaining;
        any_clock = true;
      }
    } else if (s.type == kEventFdRead || s.type == kEventFdWrite) {
      FdEntry* e = nullptr;
      s.error = c.state.fds.get(get_le32(p + 16), rights::kPollFdReadwrite, &e);
      if (s.error == kSuccess) {
        platform::PollItem item;
        item.handle = e->handle;
        item.want_write = s.type == kEventFdWrite;
        s.poll_index = uint32_t(items.size());
        (void)items.push_back(item);  // reserved above
      }
    } else {
      return kInval;
    }
    if (s.error != kSuccess) any_immediate = true;
  }

  // Failed subscriptions are events already, so do not block; otherwise wait for the nearest
  // deadline (or forever when there is none).
  int64_t timeout = -1;
  if (any_immediate) {
    timeout = 0;
  } else if (any_clock) {
    timeout = min_remaining > uint64_t(INT64_MAX) ? INT64_MAX : int64_t(min_remaining);
  }
  uint64_t start = monotonic_now();
  Errno err = kSuccess;
  if (!items.empty()) {
    err = platform::poll(items.data(), items.size(), timeout);
  } else if (timeout > 0) {
    err = interruptible_sleep(c.caller.store().interrupt_handle(), uint64_t(timeout));
  }
  if (err != kSuccess) return err;
  uint64_t elapsed = monotonic_now() - start;

  uint32_t nevents = 0;
  bool fd_fired = false;
  for (const Sub& s : subs) {
    uint8_t* ev = dst + uint64_t(nevents) * layout::kEventSize;
    if (s.error != kSuccess) {
      put_event(ev, s, s.error, 0, 0);
      ++nevents;
    } else if (s.type != kEventClock) {
      const platform::PollItem& item = items[s.poll_index];
      if (item.ready || item.error != kSuccess) {
        put_event(ev, s, item.error, item.nbytes, item.hangup ? kEventFdReadwriteHangup : 0);
        ++nevents;
        fd_fired = true;
      }
    }
  }
  if (!fd_fired && !any_immediate && any_clock) {
    // We woke for the nearest deadline; a clock whose wait is over fires (the nearest always does,
    // even if the host woke a hair early).
    for (const Sub& s : subs) {
      if (s.type == kEventClock && s.error == kSuccess &&
          (s.remaining <= elapsed || s.remaining == min_remaining)) {
        put_event(dst + uint64_t(nevents) * layout::kEventSize, s, kSuccess, 0, 0);
        ++nevents;
      }
    }
  }
  return c.mem.store_u32(nevents_ptr, nevents);
}

}  // namespace wasi
}  // namespace ember

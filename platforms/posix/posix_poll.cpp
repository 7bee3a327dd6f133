// Readiness of host descriptors for poll_oneoff.
#include <poll.h>
#include <sys/ioctl.h>
#include <time.h>

#include <cerrno>
#include <climits>

#include "ember/detail/vec.h"
#include "platform.h"
#include "posix_common.h"

namespace ember {
namespace wasi {
namespace platform {
namespace {

Errno wait(pollfd* fds, std::size_t count, int64_t timeout_ns) {
#if defined(__linux__)
  timespec ts;
  timespec* tsp = nullptr;
  if (timeout_ns >= 0) {
    ts.tv_sec = time_t(timeout_ns / 1000000000);
    ts.tv_nsec = long(timeout_ns % 1000000000);
    tsp = &ts;
  }
  int r = ::ppoll(fds, nfds_t(count), tsp, nullptr);
#else
  int ms = -1;
  if (timeout_ns >= 0) {
    int64_t rounded = (timeout_ns + 999999) / 1000000;  // never wake before the deadline
    ms = rounded > INT_MAX ? INT_MAX : int(rounded);
  }
  int r = ::poll(fds, nfds_t(count), ms);
#endif
  return r < 0 ? posix::last_error() : kSuccess;
}

}  // namespace

Errno poll(PollItem* items, std::size_t count, int64_t timeout_ns) noexcept {
  detail::Vec<pollfd> fds;
  if (!fds.resize(count)) return kNoMem;
  for (std::size_t i = 0; i < count; ++i) {
    fds[i].fd = int(items[i].handle);
    fds[i].events = items[i].want_write ? POLLOUT : POLLIN;
    fds[i].revents = 0;
  }
  Errno err = wait(fds.data(), count, timeout_ns);
  if (err != kSuccess) return err;
  for (std::size_t i = 0; i < count; ++i) {
    short re = fds[i].revents;
    PollItem& it = items[i];
    it.ready = re != 0;
    it.hangup = (re & POLLHUP) != 0;
    if (re & POLLNVAL) {
      it.error = kBadF;
    } else if (re & POLLERR) {
      it.error = kIo;
    }
    if (it.ready && !it.want_write) {
      int avail = 0;
      if (::ioctl(int(it.handle), FIONREAD, &avail) == 0 && avail > 0) it.nbytes = uint64_t(avail);
    }
  }
  return kSuccess;
}

}  // namespace platform
}  // namespace wasi
}  // namespace ember

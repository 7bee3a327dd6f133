// The system half of the platform interface for a target with nothing at all: no clock, no
// entropy, no streams. Calls report ENOSYS (or EBADF for a handle), so a WASI guest that only
// computes still runs, and one that needs more fails cleanly.
#include "platform.h"

namespace ember {
namespace wasi {
namespace platform {

Errno clock_resolution(uint32_t, uint64_t*) noexcept { return kNoSys; }
Errno clock_time(uint32_t, uint64_t*) noexcept { return kNoSys; }
Errno random_bytes(uint8_t*, std::size_t) noexcept { return kNoSys; }
Errno sleep_ns(uint64_t) noexcept { return kNoSys; }
Errno yield_cpu() noexcept { return kSuccess; }
Errno close(Handle) noexcept { return kSuccess; }
Errno stat(Handle, FileStat*) noexcept { return kBadF; }
Errno read(Handle, const IoSlice*, std::size_t, std::size_t*) noexcept { return kBadF; }
Errno write(Handle, const IoSlice*, std::size_t, std::size_t*) noexcept { return kBadF; }
Errno poll(PollItem*, std::size_t, int64_t) noexcept { return kNoSys; }

}  // namespace platform
}  // namespace wasi
}  // namespace ember

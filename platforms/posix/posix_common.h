// Helpers shared by the POSIX platform files: errno translation, stat and timestamp conversion.
#pragma once

#include <sys/stat.h>
#include <time.h>

#include "platform.h"

namespace ember {
namespace wasi {
namespace posix {

// The file descriptor behind a platform handle.
inline int fd_of(platform::Handle h) noexcept { return int(h); }
// Nanoseconds since the clock's epoch.
inline uint64_t to_ns(const timespec& ts) noexcept {
  return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
}

// Translates a host errno value (never 0) into the WASI numbering.
Errno from_errno(int host_errno) noexcept;
// The current errno, translated.
Errno last_error() noexcept;
void fill_stat(const struct stat& st, platform::FileStat* out) noexcept;
FileType filetype_from_mode(mode_t mode) noexcept;
// futimens / utimensat arguments for a WASI (atim, mtim, fstflags) triple.
void make_times(uint64_t atim, uint64_t mtim, uint16_t fst_flags, timespec out[2]) noexcept;

}  // namespace posix
}  // namespace wasi
}  // namespace ember

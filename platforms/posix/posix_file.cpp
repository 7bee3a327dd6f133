// Operations on an open host file descriptor.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>

#include "platform.h"
#include "posix_common.h"

namespace ember {
namespace wasi {
namespace platform {
namespace {

constexpr std::size_t kMaxIov = 64;  // the WASI layer never passes more

std::size_t to_iovec(const IoSlice* in, std::size_t count, iovec* out) {
  if (count > kMaxIov) count = kMaxIov;
  for (std::size_t i = 0; i < count; ++i) {
    out[i].iov_base = in[i].data;
    out[i].iov_len = in[i].len;
  }
  return count;
}

// Runs a transfer, retrying when a signal interrupts it before any byte moved.
template <class F>
Errno retry(std::size_t* done, F&& op) {
  for (;;) {
    ssize_t n = op();
    if (n >= 0) {
      *done = std::size_t(n);
      return kSuccess;
    }
    if (errno != EINTR) return posix::last_error();
  }
}

// Positioned scatter / gather as a loop of pread / pwrite, portable to systems without preadv.
template <class F>
Errno positioned(const IoSlice* iov, std::size_t count, uint64_t offset, std::size_t* done, F&& op) {
  std::size_t total = 0;
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t n = 0;
    Errno err = retry(&n, [&] { return op(iov[i].data, iov[i].len, off_t(offset + total)); });
    if (err != kSuccess) {
      if (total > 0) break;  // report the bytes already moved; the error will recur next call
      return err;
    }
    total += n;
    if (n < iov[i].len) break;
  }
  *done = total;
  return kSuccess;
}

}  // namespace

Errno open_directory(const char* host_path, Handle* out) noexcept {
  int fd = ::open(host_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return posix::last_error();
  *out = fd;
  return kSuccess;
}

Errno close(Handle h) noexcept {
  // POSIX leaves the descriptor state unspecified after EINTR; on Linux it is closed, so no retry.
  return ::close(posix::fd_of(h)) == 0 ? kSuccess : posix::last_error();
}

Errno stat(Handle h, FileStat* out) noexcept {
  struct stat st;
  if (::fstat(posix::fd_of(h), &st) != 0) return posix::last_error();
  posix::fill_stat(st, out);
  return kSuccess;
}

Errno read(Handle h, const IoSlice* iov, std::size_t count, std::size_t* done) noexcept {
  iovec v[kMaxIov];
  int n = int(to_iovec(iov, count, v));
  return retry(done, [&] { return ::readv(posix::fd_of(h), v, n); });
}

Errno write(Handle h, const IoSlice* iov, std::size_t count, std::size_t* done) noexcept {
  iovec v[kMaxIov];
  int n = int(to_iovec(iov, count, v));
  return retry(done, [&] { return ::writev(posix::fd_of(h), v, n); });
}

Errno pread(Handle h, const IoSlice* iov, std::size_t count, uint64_t offset, std::size_t* done) noexcept {
  return positioned(iov, count, offset, done, [&](uint8_t* p, std::size_t len, off_t at) {
    return ::pread(posix::fd_of(h), p, len, at);
  });
}

Errno pwrite(Handle h, const IoSlice* iov, std::size_t count, uint64_t offset, std::size_t* done) noexcept {
  return positioned(iov, count, offset, done, [&](uint8_t* p, std::size_t len, off_t at) {
    return ::pwrite(posix::fd_of(h), p, len, at);
  });
}

Errno seek(Handle h, int64_t offset, uint8_t whence, uint64_t* pos) noexcept {
  int how = whence == kWhenceSet ? SEEK_SET : whence == kWhenceCur ? SEEK_CUR : SEEK_END;
  off_t r = ::lseek(posix::fd_of(h), off_t(offset), how);
  if (r < 0) return posix::last_error();
  *pos = uint64_t(r);
  return kSuccess;
}

Errno sync(Handle h) noexcept { return ::fsync(posix::fd_of(h)) == 0 ? kSuccess : posix::last_error(); }

Errno datasync(Handle h) noexcept {
#if defined(__linux__)
  return ::fdatasync(posix::fd_of(h)) == 0 ? kSuccess : posix::last_error();
#else
  return ::fsync(posix::fd_of(h)) == 0 ? kSuccess : posix::last_error();
#endif
}

Errno get_fdflags(Handle h, uint16_t* flags) noexcept {
  int fl = ::fcntl(posix::fd_of(h), F_GETFL);
  if (fl < 0) return posix::last_error();
  uint16_t out = 0;
  if (fl & O_APPEND) out |= kFdflagAppend;
  if (fl & O_NONBLOCK) out |= kFdflagNonblock;
  if (fl & O_DSYNC) out |= kFdflagDsync;
  if ((fl & O_SYNC) == O_SYNC) out |= kFdflagSync;  // on Linux O_SYNC includes the O_DSYNC bit
  *flags = out;
  return kSuccess;
}

// Only append and non-blocking can change on an open descriptor (F_SETFL ignores the sync modes).
Errno set_fdflags(Handle h, uint16_t flags) noexcept {
  if (flags & (kFdflagDsync | kFdflagRsync | kFdflagSync)) return kNotSup;
  int fl = ::fcntl(posix::fd_of(h), F_GETFL);
  if (fl < 0) return posix::last_error();
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (flags & kFdflagAppend) fl |= O_APPEND;
  if (flags & kFdflagNonblock) fl |= O_NONBLOCK;
  return ::fcntl(posix::fd_of(h), F_SETFL, fl) == 0 ? kSuccess : posix::last_error();
}

Errno advise(Handle h, uint64_t offset, uint64_t len, uint8_t advice) noexcept {
#if defined(__linux__)
  static const int kAdvice[] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                                POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED,   POSIX_FADV_NOREUSE};
  int r = ::posix_fadvise(posix::fd_of(h), off_t(offset), off_t(len), kAdvice[advice]);
  return r == 0 ? kSuccess : posix::from_errno(r);
#else
  // Advice is only a hint; systems without fadvise may ignore it.
  (void)h;
  (void)offset;
  (void)len;
  (void)advice;
  return kSuccess;
#endif
}

// Ensures the file is at least offset + len bytes (extending it with zeros), as fd_allocate promises.
Errno allocate(Handle h, uint64_t offset, uint64_t len) noexcept {
  struct stat st;
  if (::fstat(posix::fd_of(h), &st) != 0) return posix::last_error();
  if (!S_ISREG(st.st_mode)) return kNoDev;
  uint64_t end = offset + len;
  if (uint64_t(st.st_size) >= end) return kSuccess;
  return ::ftruncate(posix::fd_of(h), off_t(end)) == 0 ? kSuccess : posix::last_error();
}

Errno set_size(Handle h, uint64_t size) noexcept {
  return ::ftruncate(posix::fd_of(h), off_t(size)) == 0 ? kSuccess : posix::last_error();
}

Errno set_times(Handle h, uint64_t atim, uint64_t mtim, uint16_t fst_flags) noexcept {
  timespec ts[2];
  posix::make_times(atim, mtim, fst_flags, ts);
  return ::futimens(posix::fd_of(h), ts) == 0 ? kSuccess : posix::last_error();
}

}  // namespace platform
}  // namespace wasi
}  // namespace ember

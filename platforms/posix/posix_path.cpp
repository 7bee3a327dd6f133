// Directory-relative operations on a single path component, never following a final symlink.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>  // renameat

#include "platform.h"
#include "posix_common.h"

namespace ember {
namespace wasi {
namespace platform {
namespace {

Errno check(int r) { return r == 0 ? kSuccess : posix::last_error(); }

}  // namespace

Errno open_at(Handle dir, const char* name, const OpenRequest& req, Handle* out) noexcept {
  int flags = O_CLOEXEC | O_NOFOLLOW | O_NOCTTY;
  if (req.read && req.write) {
    flags |= O_RDWR;
  } else if (req.write) {
    flags |= O_WRONLY;
  } else {
    flags |= O_RDONLY;
  }
  if (req.create) flags |= O_CREAT;
  if (req.exclusive) flags |= O_EXCL;
  if (req.truncate) flags |= O_TRUNC;
  if (req.directory) flags |= O_DIRECTORY;
  if (req.fdflags & kFdflagAppend) flags |= O_APPEND;
  if (req.fdflags & kFdflagNonblock) flags |= O_NONBLOCK;
  if (req.fdflags & kFdflagDsync) flags |= O_DSYNC;
  if (req.fdflags & kFdflagSync) flags |= O_SYNC;
#ifdef O_RSYNC
  if (req.fdflags & kFdflagRsync) flags |= O_RSYNC;
#endif
  int fd;
  do {
    fd = ::openat(posix::fd_of(dir), name, flags, 0666);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return posix::last_error();
  *out = fd;
  return kSuccess;
}

Errno open_dir_at(Handle dir, const char* name, Handle* out) noexcept {
  // A lookup-only handle where the host has one, so traversing needs no read permission.
#if defined(O_PATH)
  int flags = O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
#elif defined(O_SEARCH)
  int flags = O_SEARCH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
#else
  int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
#endif
  int fd = ::openat(posix::fd_of(dir), name, flags);
  if (fd < 0) return posix::last_error();
  *out = fd;
  return kSuccess;
}

Errno stat_at(Handle dir, const char* name, FileStat* out) noexcept {
  struct stat st;
  if (::fstatat(posix::fd_of(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0) return posix::last_error();
  posix::fill_stat(st, out);
  return kSuccess;
}

Errno readlink_at(Handle dir, const char* name, char* buf, std::size_t cap, std::size_t* len) noexcept {
  ssize_t n = ::readlinkat(posix::fd_of(dir), name, buf, cap);
  if (n < 0) return posix::last_error();
  *len = std::size_t(n);
  return kSuccess;
}

Errno mkdir_at(Handle dir, const char* name) noexcept {
  return check(::mkdirat(posix::fd_of(dir), name, 0777));
}

Errno rmdir_at(Handle dir, const char* name) noexcept {
  return check(::unlinkat(posix::fd_of(dir), name, AT_REMOVEDIR));
}

Errno unlink_at(Handle dir, const char* name) noexcept {
  Errno err = check(::unlinkat(posix::fd_of(dir), name, 0));
  // POSIX allows EPERM for a directory; WASI programs expect the more precise EISDIR.
  if (err == kPerm) {
    struct stat st;
    if (::fstatat(posix::fd_of(dir), name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
      return kIsDir;
  }
  return err;
}

Errno rename_at(Handle old_dir, const char* old_name, Handle new_dir, const char* new_name) noexcept {
  return check(::renameat(posix::fd_of(old_dir), old_name, posix::fd_of(new_dir), new_name));
}

Errno link_at(Handle old_dir, const char* old_name, Handle new_dir, const char* new_name) noexcept {
  return check(::linkat(posix::fd_of(old_dir), old_name, posix::fd_of(new_dir), new_name, 0));
}

Errno symlink_at(const char* target, Handle dir, const char* name) noexcept {
  return check(::symlinkat(target, posix::fd_of(dir), name));
}

Errno set_times_at(Handle dir, const char* name, uint64_t atim, uint64_t mtim, uint16_t fst_flags) noexcept {
  timespec ts[2];
  posix::make_times(atim, mtim, fst_flags, ts);
  return check(::utimensat(posix::fd_of(dir), name, ts, AT_SYMLINK_NOFOLLOW));
}

}  // namespace platform
}  // namespace wasi
}  // namespace ember

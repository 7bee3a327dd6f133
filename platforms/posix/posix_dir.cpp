// Directory listing for fd_readdir: a DIR stream per guest fd, addressed by entry index.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>

#include "ember/detail/vec.h"
#include "platform.h"
#include "posix_common.h"

namespace ember {
namespace wasi {
namespace platform {

struct DirCursor {
  DIR* dir = nullptr;
  uint64_t next = 0;  // index of the entry readdir() returns next
};

namespace {

FileType filetype_from_dirent(unsigned char d_type) {
#if defined(DT_REG)
  switch (d_type) {
    case DT_REG: return kFileTypeRegularFile;
    case DT_DIR: return kFileTypeDirectory;
    case DT_CHR: return kFileTypeCharacterDevice;
    case DT_BLK: return kFileTypeBlockDevice;
    case DT_LNK: return kFileTypeSymbolicLink;
    case DT_SOCK: return kFileTypeSocketStream;
    default: return kFileTypeUnknown;
  }
#else
  (void)d_type;
  return kFileTypeUnknown;
#endif
}

Errno open_cursor(Handle h, DirCursor** out) {
  // A fresh open of "." gives the stream its own position, independent of the guest's fd.
  int fd = ::openat(int(h), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return posix::last_error();
  DIR* d = ::fdopendir(fd);
  if (!d) {
    Errno err = posix::last_error();
    ::close(fd);
    return err;
  }
  DirCursor* c = detail::make<DirCursor>(detail::default_heap());
  if (!c) {
    ::closedir(d);
    return kNoMem;
  }
  c->dir = d;
  *out = c;
  return kSuccess;
}

}  // namespace

void free_dir_cursor(DirCursor* cursor) noexcept {
  if (!cursor) return;
  ::closedir(cursor->dir);
  detail::destroy(detail::default_heap(), cursor);
}

Errno read_dir(Handle h, DirCursor** cursor, uint64_t index, DirEntry* out, bool* end) noexcept {
  if (!*cursor) {
    Errno err = open_cursor(h, cursor);
    if (err != kSuccess) return err;
  }
  DirCursor* c = *cursor;
  if (index < c->next) {
    ::rewinddir(c->dir);
    c->next = 0;
  }
  *end = false;
  for (;;) {
    errno = 0;
    dirent* ent = ::readdir(c->dir);
    if (!ent) {
      if (errno != 0) return posix::last_error();
      *end = true;
      return kSuccess;
    }
    if (c->next++ < index) continue;
    std::size_t len = std::strlen(ent->d_name);
    if (len > sizeof out->name) len = sizeof out->name;
    std::memcpy(out->name, ent->d_name, len);
    out->name_len = uint32_t(len);
    // readdir's d_ino can differ from st_ino (overlay file systems); the guest compares them with
    // fstat, so take both fields from an lstat of the entry when possible.
    struct stat st;
    if (::fstatat(::dirfd(c->dir), ent->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
      out->ino = uint64_t(st.st_ino);
      out->filetype = posix::filetype_from_mode(st.st_mode);
    } else {
      out->ino = uint64_t(ent->d_ino);
      out->filetype = filetype_from_dirent(ent->d_type);
    }
    return kSuccess;
  }
}

}  // namespace platform
}  // namespace wasi
}  // namespace ember

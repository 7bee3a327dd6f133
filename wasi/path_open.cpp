// path_open: opens a file or directory beneath a directory fd and grants it a subset of the rights.
#include "functions.h"
#include "path_resolve.h"
#include "platform.h"

namespace ember {
namespace wasi {

// args: fd, dirflags, path, path_len, oflags, fs_rights_base, fs_rights_inheriting, fdflags, fd_ptr
Errno path_open(HostCall& c) {
  uint32_t dirfd = c.u32(0), dirflags = c.u32(1), path = c.u32(2), path_len = c.u32(3);
  uint32_t oflags = c.u32(4), fdflags = c.u32(7), result_ptr = c.u32(8);
  uint64_t want_base = c.u64(5), want_inheriting = c.u64(6);

  if (oflags & ~uint32_t(kOflagsAll)) return kInval;
  if (fdflags & ~uint32_t(kFdflagsAll)) return kInval;
  bool create = oflags & kOflagCreat, exclusive = oflags & kOflagExcl, truncate = oflags & kOflagTrunc;
  uint64_t needed = rights::kPathOpen | (create ? rights::kPathCreateFile : 0) |
                    (truncate ? rights::kPathFilestatSetSize : 0);
  FdEntry* dir = nullptr;
  Errno err = c.state.fds.get(dirfd, needed, &dir);
  if (err != kSuccess) return err;
  // Copy what we need: the table may move when the new fd is inserted.
  platform::Handle dir_handle = dir->handle;
  uint64_t inheritable = dir->rights_inheriting;
  if (!c.mem.in_bounds(result_ptr, 4)) return kFault;

  // A new fd never holds more than its directory lets it inherit. Asking to write beneath a
  // read-only grant fails now rather than at the first fd_write.
  if ((want_base & rights::kFdWrite) && !(inheritable & rights::kFdWrite) && !(oflags & kOflagDirectory))
    return kNotCapable;
  uint64_t base = want_base & inheritable;
  // O_CREAT|O_EXCL must not follow a final symlink, as in POSIX.
  bool follow = (dirflags & kLookupSymlinkFollow) && !(create && exclusive);
  ResolvedPath rp;
  err = rp.resolve(c.mem, dir_handle, path, path_len, follow);
  if (err != kSuccess) return err;

  platform::OpenRequest req;
  req.directory = (oflags & kOflagDirectory) || rp.trailing_slash();
  req.create = create;
  req.exclusive = exclusive;
  req.truncate = truncate;
  req.fdflags = uint16_t(fdflags);
  req.write =
      !req.directory && (base & (rights::kFdWrite | rights::kFdAllocate | rights::kFdFilestatSetSize)) != 0;
  req.read = req.directory || (base & (rights::kFdRead | rights::kFdReaddir)) != 0 || !req.write;
  if (fdflags & kFdflagAppend) req.write = true;

  FdEntry entry;
  err = platform::open_at(rp.dir(), rp.name(), req, &entry.handle);
  if (err != kSuccess) return err;
  platform::FileStat st;
  entry.filetype = platform::stat(entry.handle, &st) == kSuccess ? st.filetype : kFileTypeUnknown;
  uint64_t type_rights = entry.filetype == kFileTypeDirectory ? rights::kDirectory : rights::kFile;
  entry.rights_base = base & type_rights;
  entry.rights_inheriting = want_inheriting & inheritable;

  uint32_t fd = 0;
  err = c.state.fds.insert(entry, &fd);
  if (err != kSuccess) {
    platform::close(entry.handle);
    return err;
  }
  return c.mem.store_u32(result_ptr, fd);
}

}  // namespace wasi
}  // namespace ember

// The file-system half of the platform interface for a target without one: every directory and
// path operation reports ENOSYS, so a guest sees "not supported", never a crash. Used by the
// `none` platform and by firmware platforms (cortex-m) that have a console but no files.
#include "platform.h"

namespace ember {
namespace wasi {
namespace platform {

Errno open_directory(const char*, Handle*) noexcept { return kNoSys; }
Errno pread(Handle, const IoSlice*, std::size_t, uint64_t, std::size_t*) noexcept { return kNoSys; }
Errno pwrite(Handle, const IoSlice*, std::size_t, uint64_t, std::size_t*) noexcept { return kNoSys; }
Errno seek(Handle, int64_t, uint8_t, uint64_t*) noexcept { return kNoSys; }
Errno sync(Handle) noexcept { return kNoSys; }
Errno datasync(Handle) noexcept { return kNoSys; }
Errno get_fdflags(Handle, uint16_t* flags) noexcept {
  *flags = 0;
  return kSuccess;
}
Errno set_fdflags(Handle, uint16_t) noexcept { return kNoSys; }
Errno advise(Handle, uint64_t, uint64_t, uint8_t) noexcept { return kNoSys; }
Errno allocate(Handle, uint64_t, uint64_t) noexcept { return kNoSys; }
Errno set_size(Handle, uint64_t) noexcept { return kNoSys; }
Errno set_times(Handle, uint64_t, uint64_t, uint16_t) noexcept { return kNoSys; }
Errno open_at(Handle, const char*, const OpenRequest&, Handle*) noexcept { return kNoSys; }
Errno open_dir_at(Handle, const char*, Handle*) noexcept { return kNoSys; }
Errno stat_at(Handle, const char*, FileStat*) noexcept { return kNoSys; }
Errno readlink_at(Handle, const char*, char*, std::size_t, std::size_t*) noexcept { return kNoSys; }
Errno mkdir_at(Handle, const char*) noexcept { return kNoSys; }
Errno rmdir_at(Handle, const char*) noexcept { return kNoSys; }
Errno unlink_at(Handle, const char*) noexcept { return kNoSys; }
Errno rename_at(Handle, const char*, Handle, const char*) noexcept { return kNoSys; }
Errno link_at(Handle, const char*, Handle, const char*) noexcept { return kNoSys; }
Errno symlink_at(const char*, Handle, const char*) noexcept { return kNoSys; }
Errno set_times_at(Handle, const char*, uint64_t, uint64_t, uint16_t) noexcept { return kNoSys; }
struct DirCursor {};
Errno read_dir(Handle, DirCursor**, uint64_t, DirEntry*, bool*) noexcept { return kNoSys; }
void free_dir_cursor(DirCursor*) noexcept {}

}  // namespace platform
}  // namespace wasi
}  // namespace ember

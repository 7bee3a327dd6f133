// fd_* calls other than data transfer and directory listing: metadata, flags, rights, lifetime.
#include "encode.h"
#include "functions.h"
#include "platform.h"

namespace ember {
namespace wasi {
namespace {

// Looks up `fd` with `needed` rights and runs one platform call on its handle.
template <class F>
Errno with_handle(HostCall& c, uint32_t fd, uint64_t needed, F&& op) {
  FdEntry* e = nullptr;
  Errno err = c.state.fds.get(fd, needed, &e);
  return err != kSuccess ? err : op(e->handle);
}

}  // namespace

Errno fd_advise(HostCall& c) {
  uint64_t offset = c.u64(1), len = c.u64(2);
  uint32_t advice = c.u32(3);
  return with_handle(c, c.u32(0), rights::kFdAdvise, [&](platform::Handle h) {
    if (advice > kAdviceMax) return kInval;
    return platform::advise(h, offset, len, uint8_t(advice));
  });
}

Errno fd_allocate(HostCall& c) {
  uint64_t offset = c.u64(1), len = c.u64(2);
  return with_handle(c, c.u32(0), rights::kFdAllocate, [&](platform::Handle h) {
    if (offset > uint64_t(INT64_MAX) || len > uint64_t(INT64_MAX) - offset) return kFBig;
    return platform::allocate(h, offset, len);
  });
}

Errno fd_close(HostCall& c) { return c.state.fds.close(c.u32(0)); }

Errno fd_datasync(HostCall& c) {
  return with_handle(c, c.u32(0), rights::kFdDatasync,
                     [](platform::Handle h) { return platform::datasync(h); });
}

Errno fd_sync(HostCall& c) {
  return with_handle(c, c.u32(0), rights::kFdSync, [](platform::Handle h) { return platform::sync(h); });
}

Errno fd_fdstat_get(HostCall& c) {
  FdEntry* e = nullptr;
  Errno err = c.state.fds.get(c.u32(0), 0, &e);
  if (err != kSuccess) return err;
  uint16_t flags = 0;
  if (platform::get_fdflags(e->handle, &flags) != kSuccess) flags = 0;
  uint8_t b[layout::kFdstatSize] = {};
  b[0] = e->filetype;
  put_le16(b + 2, flags);
  put_le64(b + 8, e->rights_base);
  put_le64(b + 16, e->rights_inheriting);
  return c.mem.write_bytes(c.u32(1), b, sizeof b);
}

Errno fd_fdstat_set_flags(HostCall& c) {
  uint32_t flags = c.u32(1);
  return with_handle(c, c.u32(0), rights::kFdFdstatSetFlags, [&](platform::Handle h) {
    if (flags & ~uint32_t(kFdflagsAll)) return kInval;
    return platform::set_fdflags(h, uint16_t(flags));
  });
}

// Rights can only be dropped, never gained back.
Errno fd_fdstat_set_rights(HostCall& c) {
  uint64_t base = c.u64(1), inheriting = c.u64(2);
  FdEntry* e = nullptr;
  Errno err = c.state.fds.get(c.u32(0), 0, &e);
  if (err != kSuccess) return err;
  if ((base & ~e->rights_base) || (inheriting & ~e->rights_inheriting)) return kNotCapable;
  e->rights_base = base;
  e->rights_inheriting = inheriting;
  return kSuccess;
}

Errno fd_filestat_get(HostCall& c) {
  uint32_t out = c.u32(1);
  return with_handle(c, c.u32(0), rights::kFdFilestatGet, [&](platform::Handle h) {
    if (!c.mem.in_bounds(out, filestat_size(c.unstable))) return kFault;
    platform::FileStat st;
    Errno err = platform::stat(h, &st);
    return err != kSuccess ? err : store_filestat(c.mem, out, st, c.unstable);
  });
}

Errno fd_filestat_set_size(HostCall& c) {
  uint64_t size = c.u64(1);
  return with_handle(c, c.u32(0), rights::kFdFilestatSetSize, [&](platform::Handle h) {
    if (size > uint64_t(INT64_MAX)) return kInval;
    return platform::set_size(h, size);
  });
}

Errno fd_filestat_set_times(HostCall& c) {
  uint64_t atim = c.u64(1), mtim = c.u64(2);
  uint32_t flags = c.u32(3);
  return with_handle(c, c.u32(0), rights::kFdFilestatSetTimes, [&](platform::Handle h) {
    if (!valid_fst_flags(flags)) return kInval;
    return platform::set_times(h, atim, mtim, uint16_t(flags));
  });
}

Errno fd_prestat_get(HostCall& c) {
  FdEntry* e = nullptr;
  Errno err = c.state.fds.get(c.u32(0), 0, &e);
  if (err != kSuccess) return err;
  if (!e->preopen_name) return kBadF;
  uint8_t b[layout::kPrestatSize] = {};
  b[0] = kPreopenTypeDir;
  put_le32(b + 4, e->preopen_len);
  return c.mem.write_bytes(c.u32(1), b, sizeof b);
}

Errno fd_prestat_dir_name(HostCall& c) {
  uint32_t path = c.u32(1), path_len = c.u32(2);
  FdEntry* e = nullptr;
  Errno err = c.state.fds.get(c.u32(0), 0, &e);
  if (err != kSuccess) return err;
  if (!e->preopen_name) return kBadF;
  if (path_len < e->preopen_len) return kNameTooLong;
  return c.mem.write_bytes(path, e->preopen_name, e->preopen_len);
}

Errno fd_renumber(HostCall& c) { return c.state.fds.renumber(c.u32(0), c.u32(1)); }

}  // namespace wasi
}  // namespace ember

// fd_readdir: packs dirent headers and names back to back into the guest buffer. The cookie of an
// entry is its position in the listing, so a guest can resume (or restart) anywhere.
#include "functions.h"
#include "platform.h"

namespace ember {
namespace wasi {

// args: fd, buf, buf_len, cookie, bufused_ptr
Errno fd_readdir(HostCall& c) {
  uint32_t buf = c.u32(1), buf_len = c.u32(2), used_ptr = c.u32(4);
  uint64_t cookie = c.u64(3);
  FdEntry* e = nullptr;
  Errno err = c.state.fds.get(c.u32(0), rights::kFdReaddir, &e);
  if (err != kSuccess) return err;
  uint8_t* out = c.mem.span(buf, buf_len);
  if (!out || !c.mem.in_bounds(used_ptr, 4)) return kFault;

  // When the buffer fills mid-entry the entry is cut short; the spec has the caller detect a full
  // buffer and retry from that entry's cookie with more room.
  uint32_t used = 0;
  for (uint64_t index = cookie; used < buf_len; ++index) {
    platform::DirEntry de;
    bool end = false;
    err = platform::read_dir(e->handle, &e->cursor, index, &de, &end);
    if (err != kSuccess) return err;
    if (end) break;
    uint8_t header[layout::kDirentSize] = {};
    put_le64(header + 0, index + 1);
    put_le64(header + 8, de.ino);
    put_le32(header + 16, de.name_len);
    header[20] = de.filetype;
    uint32_t room = buf_len - used;
    uint32_t n = room < layout::kDirentSize ? room : layout::kDirentSize;
    for (uint32_t i = 0; i < n; ++i) out[used + i] = header[i];
    used += n;
    room = buf_len - used;
    n = room < de.name_len ? room : de.name_len;
    for (uint32_t i = 0; i < n; ++i) out[used + i] = uint8_t(de.name[i]);
    used += n;
  }
  charge_bytes(c, used);
  return c.mem.store_u32(used_ptr, used);
}

}  // namespace wasi
}  // namespace ember

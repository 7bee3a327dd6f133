// fd_read / fd_write / fd_pread / fd_pwrite / fd_seek / fd_tell.
#include "functions.h"
#include "platform.h"

namespace ember {
namespace wasi {
namespace {

// Slices handed to the host per call. More iovecs than this make a short read or write, which
// callers must handle anyway; it keeps the host buffer on the stack.
constexpr std::size_t kMaxSlices = 64;
// Cap on one transfer so byte counts fit a signed 32-bit result on every host.
constexpr uint64_t kMaxTransfer = 0x7FFFF000u;

struct Slices {
  platform::IoSlice items[kMaxSlices];
  std::size_t count = 0;
};

// Checks the iovec array and every buffer it names (all of them, so an iovec straddling the end of
// memory fails the whole call before any I/O), then collects host slices for the non-empty ones.
Errno gather(const GuestMemory& mem, uint32_t iovs, uint32_t iovs_len, Slices* out) {
  const uint8_t* arr = mem.span(iovs, uint64_t(iovs_len) * layout::kIovecSize);
  if (!arr) return kFault;
  uint64_t total = 0;
  for (uint32_t i = 0; i < iovs_len; ++i) {
    uint32_t ptr = get_le32(arr + i * layout::kIovecSize);
    uint32_t len = get_le32(arr + i * layout::kIovecSize + 4);
    if (!mem.in_bounds(ptr, len)) return kFault;
    if (len == 0 || out->count == kMaxSlices || total >= kMaxTransfer) continue;
    uint64_t take = len < kMaxTransfer - total ? len : kMaxTransfer - total;
    out->items[out->count++] = platform::IoSlice{mem.span(ptr, take), std::size_t(take)};
    total += take;
  }
  return kSuccess;
}

enum class Op { Read, Write, PRead, PWrite };

// A transfer on a host stream: slice by slice, stopping at the first short one as a pipe would.
Errno stream_transfer(const WasiStream& stream, bool reading, const Slices& s, std::size_t* done) {
  if (reading ? !stream.read : !stream.write) return kBadF;
  for (std::size_t i = 0; i < s.count; ++i) {
    const platform::IoSlice& slice = s.items[i];
    intptr_t n = reading ? stream.read(stream.user, static_cast<uint8_t*>(slice.data), slice.len)
                         : stream.write(stream.user, static_cast<const uint8_t*>(slice.data), slice.len);
    if (n < 0 || std::size_t(n) > slice.len) return *done ? kSuccess : kIo;
    *done += std::size_t(n);
    if (std::size_t(n) < slice.len) break;
  }
  return kSuccess;
}

// Shared shape of the four transfer calls: fd, iovs, iovs_len, [offset], result pointer.
Errno transfer(HostCall& c, Op op) {
  bool positioned = op == Op::PRead || op == Op::PWrite;
  bool reading = op == Op::Read || op == Op::PRead;
  uint32_t fd = c.u32(0), iovs = c.u32(1), iovs_len = c.u32(2);
  uint64_t offset = positioned ? c.u64(3) : 0;
  uint32_t result_ptr = c.u32(positioned ? 4 : 3);

  uint64_t needed = (reading ? rights::kFdRead : rights::kFdWrite) | (positioned ? rights::kFdSeek : 0);
  FdEntry* e = nullptr;
  Errno err = c.state.fds.get(fd, needed, &e);
  if (err != kSuccess) return err;
  if (positioned && offset > uint64_t(INT64_MAX)) return kInval;
  if (!c.mem.in_bounds(result_ptr, 4)) return kFault;
  Slices s;
  err = gather(c.mem, iovs, iovs_len, &s);
  if (err != kSuccess) return err;

  std::size_t done = 0;
  if (e->stream) {
    if (positioned) return kSPipe;
    err = stream_transfer(*e->stream, reading, s, &done);
    if (err != kSuccess) return err;
  } else if (s.count != 0) {
    switch (op) {
      case Op::Read: err = platform::read(e->handle, s.items, s.count, &done); break;
      case Op::Write: err = platform::write(e->handle, s.items, s.count, &done); break;
      case Op::PRead: err = platform::pread(e->handle, s.items, s.count, offset, &done); break;
      case Op::PWrite: err = platform::pwrite(e->handle, s.items, s.count, offset, &done); break;
    }
    if (err != kSuccess) return err;
  }
  charge_bytes(c, done);
  return c.mem.store_u32(result_ptr, uint32_t(done));
}

}  // namespace

Errno fd_read(HostCall& c) { return transfer(c, Op::Read); }
Errno fd_write(HostCall& c) { return transfer(c, Op::Write); }
Errno fd_pread(HostCall& c) { return transfer(c, Op::PRead); }
Errno fd_pwrite(HostCall& c) { return transfer(c, Op::PWrite); }

Errno fd_seek(HostCall& c) {
  uint32_t fd = c.u32(0);
  int64_t offset = int64_t(c.u64(1));
  uint32_t whence = c.u32(2), result_ptr = c.u32(3);
  // Asking for the current position is a tell, which needs only that right.
  bool is_tell = offset == 0 && whence == kWhenceCur;
  FdEntry* e = nullptr;
  Errno err = c.state.fds.get(fd, is_tell ? rights::kFdTell : rights::kFdSeek, &e);
  if (err != kSuccess) return err;
  if (whence > kWhenceEnd) return kInval;
  if (!c.mem.in_bounds(result_ptr, 8)) return kFault;
  uint64_t pos = 0;
  err = platform::seek(e->handle, offset, uint8_t(whence), &pos);
  if (err != kSuccess) return err;
  return c.mem.store_u64(result_ptr, pos);
}

Errno fd_tell(HostCall& c) {
  FdEntry* e = nullptr;
  Errno err = c.state.fds.get(c.u32(0), rights::kFdTell, &e);
  if (err != kSuccess) return err;
  if (!c.mem.in_bounds(c.u32(1), 8)) return kFault;
  uint64_t pos = 0;
  err = platform::seek(e->handle, 0, kWhenceCur, &pos);
  if (err != kSuccess) return err;
  return c.mem.store_u64(c.u32(1), pos);
}

}  // namespace wasi
}  // namespace ember

// The platform interface: everything the WASI layer needs from the host system.
//
// wasi/ calls only these functions, so a port to another system (an RTOS, a firmware without a file
// system) supplies its own platforms/<target>/ implementation; operations it cannot offer return
// kNoSys or kNotSup. Every function reports a WASI errno, so host error numbers never leak upward.
//
// Path arguments named `name` are a single component (no '/'), relative to the directory handle
// `dir`, and are never followed if they are a symbolic link: the sandboxing resolver in
// path_resolve.cpp walks paths one component at a time on top of these calls.
#pragma once

#include <cstddef>
#include <cstdint>

#include "abi.h"

namespace ember {
namespace wasi {
namespace platform {

// A host file, directory or stream (a file descriptor on POSIX).
using Handle = intptr_t;
constexpr Handle kNoHandle = -1;

struct FileStat {
  uint64_t dev = 0;
  uint64_t ino = 0;
  uint64_t nlink = 0;
  uint64_t size = 0;
  uint64_t atim = 0;  // nanoseconds since the epoch
  uint64_t mtim = 0;
  uint64_t ctim = 0;
  FileType filetype = kFileTypeUnknown;
};

struct IoSlice {
  uint8_t* data;
  std::size_t len;
};

// --- clocks, randomness, scheduling ---
Errno clock_resolution(uint32_t clock_id, uint64_t* out_ns) noexcept;
Errno clock_time(uint32_t clock_id, uint64_t* out_ns) noexcept;
Errno random_bytes(uint8_t* out, std::size_t len) noexcept;
Errno sleep_ns(uint64_t ns) noexcept;
Errno yield_cpu() noexcept;

// --- operations on an open handle ---
// Opens a host directory by host path, for a preopen.
Errno open_directory(const char* host_path, Handle* out) noexcept;
Errno close(Handle h) noexcept;
Errno stat(Handle h, FileStat* out) noexcept;
// Scatter / gather I/O; *done is the byte count transferred (short counts are not errors).
Errno read(Handle h, const IoSlice* iov, std::size_t count, std::size_t* done) noexcept;
Errno write(Handle h, const IoSlice* iov, std::size_t count, std::size_t* done) noexcept;
Errno pread(Handle h, const IoSlice* iov, std::size_t count, uint64_t offset, std::size_t* done) noexcept;
Errno pwrite(Handle h, const IoSlice* iov, std::size_t count, uint64_t offset, std::size_t* done) noexcept;
// whence is a WASI whence; the new absolute position goes to *pos.
Errno seek(Handle h, int64_t offset, uint8_t whence, uint64_t* pos) noexcept;
Errno sync(Handle h) noexcept;
Errno datasync(Handle h) noexcept;
Errno get_fdflags(Handle h, uint16_t* flags) noexcept;
Errno set_fdflags(Handle h, uint16_t flags) noexcept;
Errno advise(Handle h, uint64_t offset, uint64_t len, uint8_t advice) noexcept;
Errno allocate(Handle h, uint64_t offset, uint64_t len) noexcept;
Errno set_size(Handle h, uint64_t size) noexcept;
// fst_flags is a WASI fstflags set (already validated).
Errno set_times(Handle h, uint64_t atim, uint64_t mtim, uint16_t fst_flags) noexcept;

// --- directory-relative operations on one component ---
struct OpenRequest {
  bool read = false;
  bool write = false;
  bool create = false;
  bool exclusive = false;
  bool truncate = false;
  bool directory = false;  // fail with kNotDir unless `name` is a directory
  uint16_t fdflags = 0;    // WASI fdflags
};
// Opens `name` for I/O. Never follows a symlink at `name` (kLoop or kNotDir if it is one).
Errno open_at(Handle dir, const char* name, const OpenRequest& req, Handle* out) noexcept;
// Opens `name` as a directory only to use it as the base of further *_at calls.
Errno open_dir_at(Handle dir, const char* name, Handle* out) noexcept;
// lstat: describes a symlink itself.
Errno stat_at(Handle dir, const char* name, FileStat* out) noexcept;
// Reads a symlink's target; kInval if `name` is not a symlink. *len may exceed cap (truncated).
Errno readlink_at(Handle dir, const char* name, char* buf, std::size_t cap, std::size_t* len) noexcept;
Errno mkdir_at(Handle dir, const char* name) noexcept;
Errno rmdir_at(Handle dir, const char* name) noexcept;
Errno unlink_at(Handle dir, const char* name) noexcept;
Errno rename_at(Handle old_dir, const char* old_name, Handle new_dir, const char* new_name) noexcept;
Errno link_at(Handle old_dir, const char* old_name, Handle new_dir, const char* new_name) noexcept;
Errno symlink_at(const char* target, Handle dir, const char* name) noexcept;
Errno set_times_at(Handle dir, const char* name, uint64_t atim, uint64_t mtim, uint16_t fst_flags) noexcept;

// --- directory listing ---
struct DirEntry {
  uint64_t ino = 0;
  FileType filetype = kFileTypeUnknown;
  uint32_t name_len = 0;
  char name[256];
};
// Platform state kept between fd_readdir calls on one handle (an open stream and its position).
struct DirCursor;
// Reads entry number `index` (0 = first) of the directory; *end is set past the last entry. The
// cursor is created on first use and makes sequential reads cheap.
Errno read_dir(Handle dir, DirCursor** cursor, uint64_t index, DirEntry* out, bool* end) noexcept;
void free_dir_cursor(DirCursor* cursor) noexcept;

// --- readiness ---
struct PollItem {
  Handle handle = kNoHandle;
  bool want_write = false;
  // out:
  bool ready = false;
  bool hangup = false;
  Errno error = kSuccess;
  uint64_t nbytes = 0;  // bytes available to read, when the platform knows
};
// Waits until one item is ready or timeout_ns passes (negative: no timeout; 0: just check).
Errno poll(PollItem* items, std::size_t count, int64_t timeout_ns) noexcept;

}  // namespace platform
}  // namespace wasi
}  // namespace ember
